"""Builders shared by the review tests: a mentor, objectives, sessions, a plan."""

from __future__ import annotations

import datetime as dt

from prepcoach.models import ActionItem, Mentor, Objective, ObjectiveProgress, Plan, Session

TODAY = dt.date(2026, 11, 24)


def mentor(**kw) -> Mentor:  # type: ignore[no-untyped-def]
    base = dict(
        id="m",
        name="Mia Chen",
        support_areas=["scope", "politics"],
        status="active",
        term_start=dt.date(2026, 6, 2),
        next_meeting=dt.date(2026, 12, 1),
    )
    base.update(kw)
    return Mentor(**base)


def obj(oid: str, status: str = "open", area: str = "scope", mentors=("m",)) -> Objective:  # type: ignore[no-untyped-def]
    return Objective(
        id=oid, title=f"Objective {oid}", support_area=area, status=status, mentors=list(mentors)
    )


def sess(day: str, progress: bool, actions: bool = False, mentor_id: str = "m") -> Session:
    return Session(
        id=f"{day}-{mentor_id}",
        mentor=mentor_id,
        date=dt.date.fromisoformat(day),
        objective_progress=[ObjectiveProgress(objective_id="a")] if progress else [],
        action_items=[ActionItem(text="do it")] if actions else [],
    )


MONTHLY = ["2026-06-09", "2026-07-14", "2026-08-11", "2026-09-15", "2026-10-15", "2026-11-10"]


def plan_with(m: Mentor, objectives: list[Objective]) -> Plan:
    return Plan(mentors=[m], objectives=objectives)
