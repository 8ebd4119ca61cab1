"""Upgrades of an older file's JSON to the next ``schema_version``, one step per version.

``MIGRATIONS[v](kind, raw)`` turns the raw JSON object of a ``kind`` file ("plan",
"session", "outreach", "review") at schema_version ``v`` into version ``v + 1``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from prepcoach.models import slugify

# The raw JSON object of one file, before validation: its values can be anything JSON holds.
RawFile = dict[str, Any]


def _migrate_v0(kind: str, raw: RawFile) -> RawFile:
    """v0 (before ``schema_version`` existed): ids were optional, questions were plain
    strings and sessions named their mentor by display name."""
    out = dict(raw)
    if kind == "plan":
        mentors = []
        for m in out.get("mentors", []):
            m = dict(m)
            m.setdefault("id", slugify(str(m.get("name", "")), "mentor"))
            mentors.append(m)
        out["mentors"] = mentors
        objectives = []
        for o in out.get("objectives", []):
            o = dict(o)
            o.setdefault("id", slugify(str(o.get("title", "")), "objective"))
            objectives.append(o)
        out["objectives"] = objectives
    elif kind == "session":
        out["questions"] = [
            {"text": q} if isinstance(q, str) else q for q in out.get("questions", [])
        ]
        out["mentor"] = slugify(str(out.get("mentor", "")), "mentor")
    out["schema_version"] = 1
    return out


MIGRATIONS: dict[int, Callable[[str, RawFile], RawFile]] = {0: _migrate_v0}
