"""JSON Schemas: the committed files match the models, and every data file validates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from prepcoach import schemas
from prepcoach.models import (
    FILE_MODELS,
    ActionItem,
    Agenda,
    AgendaItem,
    Mentor,
    Objective,
    OutreachDraft,
    Plan,
    Question,
    ReviewRecord,
    Session,
    TokenUsage,
)
from prepcoach.store import dump_model

REPO = Path(__file__).resolve().parent.parent
SCHEMA_DIR = REPO / "docs" / "schema"
SAMPLE = REPO / "sample_sessions"


def validator(kind: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / schemas.file_name(kind)).read_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("kind", list(FILE_MODELS))
def test_committed_schema_matches_the_models(kind):
    committed = (SCHEMA_DIR / schemas.file_name(kind)).read_text("utf-8")
    assert committed == schemas.render(kind), (
        f"docs/schema/{kind}.schema.json is stale: run `python -m prepcoach.schemas`"
    )


def test_drift_is_detected(tmp_path):
    assert schemas.main(["--out", str(tmp_path)]) == 0
    assert schemas.drift(tmp_path) == []
    path = tmp_path / "session.schema.json"
    doc = json.loads(path.read_text())
    del doc["properties"]["notes"]
    path.write_text(json.dumps(doc, indent=2) + "\n")
    assert schemas.drift(tmp_path) == ["session"]
    assert schemas.main(["--out", str(tmp_path), "--check"]) == 1


def _sample_files() -> list[tuple[str, Path]]:
    out = [("plan", SAMPLE / "plan.json")]
    for kind, sub in (("session", "sessions"), ("outreach", "outreach"), ("review", "reviews")):
        out += [(kind, p) for p in sorted((SAMPLE / sub).glob("[!.]*.json"))]
    return out


def test_sample_data_has_files_of_each_main_kind():
    kinds = [k for k, _ in _sample_files()]
    assert kinds.count("plan") == 1 and kinds.count("session") >= 8


@pytest.mark.parametrize(("kind", "path"), _sample_files(), ids=lambda v: getattr(v, "name", v))
def test_sample_file_validates_against_its_schema(kind, path):
    doc = json.loads(path.read_text("utf-8"))
    errors = sorted(validator(kind).iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, f"{path.name}: " + "; ".join(
        f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:3]
    )
    assert doc["kind"] == kind


def _full_examples() -> dict[str, object]:
    d = dt.date(2026, 3, 2)
    return {
        "plan": Plan(
            objectives=[Objective(id="o", title="T", support_area="scope", met_on=d)],
            mentors=[Mentor(id="m", name="M", support_areas=["politics"], term_start=d)],
        ),
        "session": Session(
            id="s",
            mentor="m",
            date=d,
            questions=[Question(text="q")],
            agenda=Agenda(mentor="m", minutes=30, items=[AgendaItem(title="a", minutes=30)]),
            action_items=[ActionItem(text="x", due=d)],
            tokens=TokenUsage(prompt_tokens=10, estimated_cost_usd=0.01),
        ),
        "outreach": OutreachDraft(to="Exec", status="sent", sent_on=d),
        "review": ReviewRecord(mentor="m", date=d, recommendation="renew", reasons=["r"]),
    }


@pytest.mark.parametrize("kind", list(FILE_MODELS))
def test_what_the_store_writes_validates(kind):
    obj = _full_examples()[kind]
    doc = json.loads(dump_model(obj))  # type: ignore[arg-type]
    assert not list(validator(kind).iter_errors(doc))


@pytest.mark.parametrize(
    ("kind", "patch", "path"),
    [
        ("plan", {"mentors": [{"id": "m", "name": "M", "relation": "cousin"}]}, "relation"),
        ("plan", {"objectives": [{"id": "o", "title": "T", "support_area": "golf"}]}, "support"),
        ("session", {"date": "next tuesday"}, "date"),
        ("session", {"surprise": 1}, "additional"),
        ("review", {"recommendation": "maybe"}, "recommendation"),
    ],
)
def test_schema_rejects_what_the_models_reject(kind, patch, path):
    doc = json.loads(dump_model(_full_examples()[kind]))  # type: ignore[arg-type]
    doc.update(patch)
    errors = list(validator(kind).iter_errors(doc))
    assert errors
    with pytest.raises(Exception):  # noqa: B017  pydantic ValidationError
        FILE_MODELS[kind].model_validate(doc)
