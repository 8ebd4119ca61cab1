"""A light read of plan.json for the dashboard's first data paint: stdlib json into small
frozen dataclasses, no pydantic and no models.

It only ever shows the user their data sooner; it never decides anything. The full read
(``Store.load_plan`` and the listings: validation, migrations, corrupt files set aside and
named) still runs right after the first paint and replaces what this showed. A file this
reader does not recognise exactly (not JSON, another schema version, a field of an
unexpected type) gives None, and the screen waits for the full read, which reports it.

It lives outside ``prepcoach.store`` because importing that package loads pydantic and
every model; importing this module must stay cheap: stdlib only (a test checks that
pydantic is not imported).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The plan schema version this reader understands (``prepcoach.models.SCHEMA_VERSION``,
# checked equal by a test; a file of any other version waits for the full read).
LIGHT_SCHEMA_VERSION = 2
PLAN_NAME = "plan.json"


class _Unrecognised(Exception):
    """A value this reader does not recognise: leave the file to the full read."""


@dataclass(frozen=True)
class LightMentor:
    id: str
    name: str
    status: str
    support_areas: tuple[str, ...]
    next_meeting: dt.date | None


@dataclass(frozen=True)
class LightObjective:
    id: str
    title: str
    support_area: str
    status: str
    mentors: tuple[str, ...]


@dataclass(frozen=True)
class LightProfile:
    name: str = ""


@dataclass(frozen=True)
class LightPlan:
    mentors: tuple[LightMentor, ...]
    objectives: tuple[LightObjective, ...]
    profile: LightProfile = LightProfile()

    def objectives_for(self, mentor_id: str) -> list[LightObjective]:
        return [o for o in self.objectives if mentor_id in o.mentors]


def _text(d: dict[str, Any], key: str, default: str | None = None) -> str:
    value = d.get(key, default)
    if not isinstance(value, str):
        raise _Unrecognised(key)
    return value


def _texts(d: dict[str, Any], key: str) -> tuple[str, ...]:
    value = d.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Unrecognised(key)
    return tuple(value)


def _date(d: dict[str, Any], key: str) -> dt.date | None:
    value = d.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Unrecognised(key)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _Unrecognised(key) from None


def _dicts(d: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = d.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _Unrecognised(key)
    return value


def plan_from_json(data: object) -> LightPlan | None:
    """The mentors and objectives of a parsed plan.json, or None if it is not exactly a
    current plan as this reader knows it."""
    if not isinstance(data, dict):
        return None
    version = data.get("schema_version")
    if type(version) is not int or version != LIGHT_SCHEMA_VERSION or data.get("kind") != "plan":
        return None
    try:
        mentors = tuple(
            LightMentor(
                id=_text(m, "id"),
                name=_text(m, "name"),
                status=_text(m, "status", "prospect"),
                support_areas=_texts(m, "support_areas"),
                next_meeting=_date(m, "next_meeting"),
            )
            for m in _dicts(data, "mentors")
        )
        objectives = tuple(
            LightObjective(
                id=_text(o, "id"),
                title=_text(o, "title"),
                support_area=_text(o, "support_area"),
                status=_text(o, "status", "open"),
                mentors=_texts(o, "mentors"),
            )
            for o in _dicts(data, "objectives")
        )
        profile = data.get("profile", {})
        if not isinstance(profile, dict):
            raise _Unrecognised("profile")
        name = _text(profile, "name", "")
    except _Unrecognised:
        return None
    return LightPlan(mentors=mentors, objectives=objectives, profile=LightProfile(name=name))


def read_plan(root: Path) -> LightPlan | None:
    """``root``/plan.json read lightly: None when it is missing, unreadable or not
    recognised (the full read then says why, and sets a corrupt file aside)."""
    try:
        raw = (root / PLAN_NAME).read_bytes()
    except OSError:
        return None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return plan_from_json(data)
