"""The forms of the plan (profile, mentor, objective, booking) and reading what was typed
in them: shared by the Plan screen and the first-run setup. Text goes to the plan as
typed; numbers, dates and times are checked here with a message that says what to type.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from prepcoach.errors import UsageError
from prepcoach.models import Mentor, Objective, Plan, Profile
from prepcoach.tui.widgets.form import Field
from prepcoach.vocab import (
    MAX_MEETING_MINUTES,
    MIN_MEETING_MINUTES,
    RELATIONS,
    SUPPORT_AREA_LABELS,
    SUPPORT_AREAS,
)

AREA_OPTIONS = tuple((f"{a:<9} {SUPPORT_AREA_LABELS[a]}", a) for a in SUPPORT_AREAS)
# the statuses a mentor can be added with: not asked yet, asked, or already meeting
NEW_STATUSES = (
    ("prospect · not asked yet", "prospect"),
    ("asked · waiting for an answer", "asked"),
    ("active · we already meet", "active"),
)


def profile_fields(profile: Profile) -> list[Field]:
    return [
        Field("name", "Your name", value=profile.name, placeholder="e.g. Sam Lee"),
        Field("title", "Your title", value=profile.title, placeholder="e.g. Engineering Manager"),
        Field("organisation", "Organisation", value=profile.organisation),
        Field("manager", "Your manager", value=profile.manager, placeholder="optional"),
        Field("email", "Your email", value=profile.email, placeholder="optional"),
    ]


def profile_values(values: dict[str, Any]) -> dict[str, str]:
    return {k: str(values[k]) for k in ("name", "title", "organisation", "manager", "email")}


def mentor_fields(mentor: Mentor | None = None, *, first: bool = False) -> list[Field]:
    """The mentor form: a new one (with the status to start in) or an edit. ``first``
    leaves out what the first-run setup does not ask."""
    m = mentor
    fields = [
        Field("name", "Name", value=m.name if m else "", placeholder="e.g. Ana Lima"),
        Field("title", "Title", value=m.title if m else "", placeholder="e.g. VP Engineering"),
        Field("organisation", "Organisation", value=m.organisation if m else ""),
        Field(
            "relation",
            "Relation",
            "choice",
            m.relation if m else "internal",
            tuple((r, r) for r in RELATIONS),
        ),
        Field("levels_above", "Levels above", "int", m.levels_above if m else 2),
        Field(
            "support_areas", "Support", "multi", list(m.support_areas) if m else [], AREA_OPTIONS
        ),
    ]
    if m is None:
        fields.append(Field("status", "Status", "choice", "prospect", NEW_STATUSES))
    if not first:
        fields += [
            Field("email", "Email", value=m.email if m else "", placeholder="optional"),
            Field("notes", "Notes", value=m.notes if m else "", placeholder="optional"),
        ]
    return fields


def mentor_values(values: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in values.items() if k != "levels_above"}
    out["levels_above"] = number(values["levels_above"], "Levels above", 0, 10, default=2)
    return out


def mentor_options(plan: Plan) -> tuple[tuple[str, str], ...]:
    return tuple((m.name, m.id) for m in plan.mentors)


def objective_fields(
    plan: Plan, objective: Objective | None = None, *, mentors: list[str] | None = None
) -> list[Field]:
    o = objective
    linked = list(o.mentors) if o else list(mentors or [])
    fields = [
        Field("title", "Objective", value=o.title if o else "", placeholder="what you want"),
        Field(
            "done_when",
            "Done when",
            value=o.done_when if o else "",
            placeholder="how you will know it is met",
        ),
        Field("area", "Support", "choice", o.support_area if o else "scope", AREA_OPTIONS),
    ]
    if plan.mentors:
        fields.append(Field("mentors", "With", "multi", linked, mentor_options(plan)))
    return fields


def objective_values(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    out.setdefault("mentors", [])
    return out


def link_fields(plan: Plan, objective: Objective) -> list[Field]:
    return [Field("mentors", "With", "multi", list(objective.mentors), mentor_options(plan))]


def booking_fields(mentor: Mentor, suggested: dt.date | None) -> list[Field]:
    day = mentor.next_meeting or suggested
    when = mentor.next_meeting_time
    return [
        Field("date", "Date", value=day.isoformat() if day else "", placeholder="YYYY-MM-DD"),
        Field("time", "Time", value=when.strftime("%H:%M") if when else "", placeholder="HH:MM"),
        Field(
            "minutes",
            "Minutes",
            "int",
            mentor.next_meeting_minutes or "",
            placeholder=f"{MIN_MEETING_MINUTES}-{MAX_MEETING_MINUTES}, optional",
        ),
    ]


def booking_values(values: dict[str, Any]) -> tuple[dt.date | None, dt.time | None, int | None]:
    """(date, time, minutes); no date means the booking is to be cancelled."""
    return (
        date(values["date"], "Date"),
        time(values["time"]),
        number(values["minutes"], "Minutes", MIN_MEETING_MINUTES, MAX_MEETING_MINUTES),
    )


def date(text: str, label: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f'{label}: "{text}" is not a date like 2026-12-03.') from None


def time(text: str) -> dt.time | None:
    text = text.strip()
    if not text:
        return None
    hours, _, minutes = text.partition(":")
    try:
        if not (hours.isdigit() and (minutes.isdigit() or not minutes)) or len(minutes) > 2:
            raise ValueError
        return dt.time(int(hours), int(minutes or 0))
    except ValueError:
        raise UsageError(f'Time: "{text}" is not a time like 14:30.') from None


def number(text: str | int, label: str, low: int, high: int, default: int | None = None) -> Any:
    raw = str(text).strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise UsageError(f'{label}: "{raw}" is not a whole number.') from None
    if not low <= value <= high:
        raise UsageError(f"{label}: {value} is outside {low} to {high}.")
    return value
