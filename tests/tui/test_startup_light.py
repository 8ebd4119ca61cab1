"""The light plan read (``prepcoach.light``) and the light snapshot agree with the full
read on what the dashboard's first data paint shows, and refuse what they don't know."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from prepcoach.light import LIGHT_SCHEMA_VERSION, plan_from_json, read_plan
from prepcoach.models import SCHEMA_VERSION
from prepcoach.store import Store
from prepcoach.tui.state import PENDING, light_snapshot, load_snapshot

TODAY = dt.date(2026, 11, 24)


def test_light_reader_knows_the_current_schema_version() -> None:
    assert LIGHT_SCHEMA_VERSION == SCHEMA_VERSION


def test_light_plan_matches_the_validated_plan(sample_dir: Path) -> None:
    light = read_plan(sample_dir)
    full = Store(sample_dir).load_plan()
    assert light is not None
    assert [
        (m.id, m.name, m.status, list(m.support_areas), m.next_meeting) for m in light.mentors
    ] == [(m.id, m.name, m.status, list(m.support_areas), m.next_meeting) for m in full.mentors]
    assert [
        (o.id, o.title, o.support_area, o.status, list(o.mentors)) for o in light.objectives
    ] == [(o.id, o.title, o.support_area, o.status, list(o.mentors)) for o in full.objectives]


def test_light_snapshot_shows_names_and_leaves_the_rest_pending(sample_dir: Path) -> None:
    light = light_snapshot(sample_dir, TODAY)
    full = load_snapshot(Store(sample_dir), TODAY)
    assert light is not None
    assert [v.mentor.name for v in light.mentors] == [v.mentor.name for v in full.mentors]
    assert [v.active_objectives for v in light.mentors] == [
        v.active_objectives for v in full.mentors
    ]
    assert [g.text for g in light.gaps] == [g.text for g in full.gaps]
    assert all(v.term_label == PENDING and v.ready_short == PENDING for v in light.mentors)
    assert light.hints == [PENDING]


def test_light_read_refuses_what_it_does_not_know(tmp_path: Path) -> None:
    assert read_plan(tmp_path) is None  # no plan.json
    good = {"schema_version": 2, "kind": "plan", "mentors": [{"id": "a", "name": "A"}]}
    assert plan_from_json(good) is not None
    for bad in (
        [],
        {**good, "schema_version": 3},
        {**good, "schema_version": True},
        {**good, "kind": "session"},
        {**good, "mentors": {"id": "a"}},
        {**good, "mentors": [{"id": "a"}]},
        {**good, "mentors": [{"id": "a", "name": 7}]},
        {**good, "mentors": [{"id": "a", "name": "A", "next_meeting": "2026-13-01"}]},
        {**good, "mentors": [{"id": "a", "name": "A", "support_areas": "scope"}]},
        {**good, "objectives": [{"id": "o", "title": "T"}]},
    ):
        assert plan_from_json(bad) is None, bad
    (tmp_path / "plan.json").write_bytes(b"\xff{")
    assert read_plan(tmp_path) is None
    (tmp_path / "plan.json").write_text(json.dumps(good), "utf-8")
    plan = read_plan(tmp_path)
    assert plan is not None and plan.mentors[0].status == "prospect"


def test_no_mentors_gives_no_light_snapshot(tmp_path: Path) -> None:
    (tmp_path / "plan.json").write_text(
        json.dumps({"schema_version": 2, "kind": "plan", "mentors": []}), "utf-8"
    )
    assert light_snapshot(tmp_path, TODAY) is None
