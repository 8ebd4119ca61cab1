"""Upgrades of an older file's JSON to the next ``schema_version``, one step per version.

``MIGRATIONS[v](kind, raw)`` turns the raw JSON object of a ``kind`` file ("plan",
"session", "outreach", "review") at schema_version ``v`` into version ``v + 1``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from prepcoach.models import slugify

# The raw JSON object of one file, before validation: its values can be anything JSON holds.
RawFile = dict[str, Any]


def _with_ids(items: Iterable[RawFile], named_by: str, fallback: str) -> list[RawFile]:
    """Copies of ``items``, each without an id given one made from its ``named_by`` field."""
    out = []
    for item in items:
        item = dict(item)
        item.setdefault("id", slugify(str(item.get(named_by, "")), fallback))
        out.append(item)
    return out


def _migrate_v0(kind: str, raw: RawFile) -> RawFile:
    """v0 (before ``schema_version`` existed): ids were optional, questions were plain
    strings and sessions named their mentor by display name."""
    out = dict(raw)
    if kind == "plan":
        out["mentors"] = _with_ids(out.get("mentors", []), "name", "mentor")
        out["objectives"] = _with_ids(out.get("objectives", []), "title", "objective")
    elif kind == "session":
        out["questions"] = [
            {"text": q} if isinstance(q, str) else q for q in out.get("questions", [])
        ]
        out["mentor"] = slugify(str(out.get("mentor", "")), "mentor")
    out["schema_version"] = 1
    return out


def _migrate_v1(kind: str, raw: dict[str, Any]) -> dict[str, Any]:
    """schema_version 1 -> 2: only new fields with defaults were added, so the content
    is kept as it is and the version raised (for the store's migration chain)."""
    del kind  # the same for every kind
    out = dict(raw)
    out["schema_version"] = 2
    return out


MIGRATIONS: dict[int, Callable[[str, RawFile], RawFile]] = {0: _migrate_v0, 1: _migrate_v1}
