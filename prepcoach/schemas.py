"""JSON Schemas of the files prepcoach writes, generated from the pydantic models.

``python -m prepcoach.schemas`` rewrites ``docs/schema/<kind>.schema.json`` (one per file
kind: plan, session, outreach, review); ``--check`` exits 1 when the committed files
differ from the models instead. tests/test_schemas.py runs the same comparison.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from prepcoach.models import FILE_MODELS, SCHEMA_VERSION

DRAFT = "https://json-schema.org/draft/2020-12/schema"
REPO_SCHEMA_DIR = Path(__file__).resolve().parent.parent / "docs" / "schema"
FILE_NAMES = {
    "plan": "plan.json",
    "session": "sessions/<id>.json",
    "outreach": "outreach/<id>.json",
    "review": "reviews/<id>.json",
}


def schema_for(kind: str) -> dict[str, object]:
    """The JSON Schema of one file kind (validation mode: what prepcoach accepts)."""
    model = FILE_MODELS[kind]
    body = model.model_json_schema(mode="validation")
    schema: dict[str, object] = {
        "$schema": DRAFT,
        "$comment": (
            f"prepcoach {FILE_NAMES[kind]}, schema_version {SCHEMA_VERSION}. "
            "Generated from prepcoach.models by `python -m prepcoach.schemas`; do not edit."
        ),
    }
    schema.update(body)
    return schema


def render(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def drift(directory: Path) -> list[str]:
    """Kinds whose schema file in ``directory`` is missing or differs from the models."""
    out = []
    for kind in FILE_MODELS:
        path = directory / file_name(kind)
        try:
            current = path.read_text("utf-8")
        except OSError:
            current = None
        if current != render(kind):
            out.append(kind)
    return out


def write_all(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in FILE_MODELS:
        path = directory / file_name(kind)
        text = render(kind)
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m prepcoach.schemas",
        description="Write (or check) the JSON Schemas of prepcoach's data files.",
    )
    parser.add_argument(
        "--out", type=Path, default=REPO_SCHEMA_DIR, help="directory (default: docs/schema)"
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the files differ"
    )
    args = parser.parse_args(argv)
    if args.check:
        stale = drift(args.out)
        for kind in stale:
            print(f"{args.out / file_name(kind)} differs from the models.", file=sys.stderr)
        if stale:
            print("Run `python -m prepcoach.schemas` and commit the result.", file=sys.stderr)
        return 1 if stale else 0
    for path in write_all(args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
