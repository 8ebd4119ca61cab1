"""Plan edits about objectives: add, edit, mark met, drop, reopen; and the focus rule.

Rule: at most three open objectives per mentoring term. More is flagged
(``objective_load_warnings``), never refused. Every change goes through
``Store.update_plan`` under the writer lock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import ValidationError

from prepcoach.errors import UsageError
from prepcoach.lookup import find_mentor, find_objective
from prepcoach.models import SUPPORT_AREAS, Objective, Plan, slugify
from prepcoach.planning.common import STOPPED_STATUSES, invalid_input, parse_areas
from prepcoach.store import Store

MAX_ACTIVE_OBJECTIVES = 3


def active_objectives(plan: Plan, mentor_id: str) -> list[Objective]:
    return [o for o in plan.objectives if o.status == "open" and mentor_id in o.mentors]


def objective_load_warnings(plan: Plan) -> list[str]:
    """One line per mentor whose term carries more than three open objectives."""
    out = []
    for m in plan.mentors:
        if m.status in STOPPED_STATUSES:
            continue
        active = active_objectives(plan, m.id)
        if len(active) > MAX_ACTIVE_OBJECTIVES:
            out.append(
                f"{m.name} has {len(active)} open objectives this term; "
                f"{MAX_ACTIVE_OBJECTIVES} at most keeps the mentoring focused "
                "(mark one met or drop one)."
            )
    return out


def _one_area(text: str) -> str:
    areas = parse_areas(text)
    if len(areas) != 1:
        raise UsageError(
            "an objective has exactly one support area.",
            hint="Use one of: " + ", ".join(SUPPORT_AREAS) + ".",
        )
    return areas[0]


def _mentor_ids(plan: Plan, names: Sequence[str]) -> list[str]:
    ids: list[str] = []
    for q in names:
        m = find_mentor(plan, q)
        if m.id not in ids:
            ids.append(m.id)
    return ids


def add_objective(
    store: Store,
    title: str,
    *,
    support_area: str,
    done_when: str = "",
    why: str = "",
    mentors: Sequence[str] = (),
    today: dt.date | None = None,
) -> tuple[Objective, list[str]]:
    """Add an open objective; returns it and the rule warnings (more than three open
    objectives for one mentor's term is flagged, not refused)."""
    title = title.strip()
    if not title:
        raise UsageError("an objective needs a title.")
    area = _one_area(support_area)

    def change(plan: Plan) -> tuple[Objective, list[str]]:
        oid = plan.unique_id(slugify(title, "objective"), {o.id for o in plan.objectives})
        try:
            obj = Objective(
                id=oid,
                title=title,
                why=why.strip(),
                done_when=done_when.strip(),
                support_area=area,  # type: ignore[arg-type]
                mentors=_mentor_ids(plan, mentors),
                created=today or dt.date.today(),
            )
        except ValidationError as exc:
            raise invalid_input(exc) from None
        before = set(objective_load_warnings(plan))
        plan.objectives.append(obj)
        new = [w for w in objective_load_warnings(plan) if w not in before]
        return obj.model_copy(), new

    return store.update_plan(change)


def edit_objective(
    store: Store,
    query: str,
    *,
    title: str | None = None,
    done_when: str | None = None,
    area: str | None = None,
    mentors: Sequence[str] | None = None,
    why: str | None = None,
) -> tuple[Objective, list[str]]:
    """Change the given fields (None leaves one as it is; ``mentors`` replaces the
    links). Returns the objective and any new focus-rule warnings."""
    if title is not None and not title.strip():
        raise UsageError("an objective needs a title.")
    new_area = _one_area(area) if area is not None else None

    def change(plan: Plan) -> tuple[Objective, list[str]]:
        o = find_objective(plan, query)
        before = set(objective_load_warnings(plan))
        update: dict[str, object] = {}
        if title is not None:
            update["title"] = title.strip()
        if done_when is not None:
            update["done_when"] = done_when.strip()
        if why is not None:
            update["why"] = why.strip()
        if new_area is not None:
            update["support_area"] = new_area
        if mentors is not None:
            update["mentors"] = _mentor_ids(plan, mentors)
        try:
            for key, value in update.items():
                setattr(o, key, value)
        except ValidationError as exc:
            raise invalid_input(exc) from None
        new = [w for w in objective_load_warnings(plan) if w not in before]
        return o.model_copy(deep=True), new

    return store.update_plan(change)


def mark_objective_met(
    store: Store,
    query: str,
    *,
    evidence: str = "",
    on: dt.date | None = None,
) -> tuple[Objective, bool]:
    """Mark an objective met; returns it and whether it changed (False: already met)."""

    def change(plan: Plan) -> tuple[Objective, bool]:
        o = find_objective(plan, query)
        if o.status == "met" and not evidence:
            return o.model_copy(), False
        o.status = "met"
        o.met_on = o.met_on if (o.met_on and not on) else (on or dt.date.today())
        o.dropped_on = None
        if evidence:
            o.evidence = evidence.strip()
        return o.model_copy(), True

    return store.update_plan(change)


def drop_objective(
    store: Store, query: str, *, on: dt.date | None = None
) -> tuple[Objective, bool]:
    """Drop an objective (kept in the plan as dropped); returns it and whether it
    changed (False: already dropped)."""

    def change(plan: Plan) -> tuple[Objective, bool]:
        o = find_objective(plan, query)
        if o.status == "dropped":
            return o.model_copy(), False
        o.status = "dropped"
        o.dropped_on = on or dt.date.today()
        o.met_on = None
        return o.model_copy(), True

    return store.update_plan(change)


def reopen_objective(store: Store, query: str) -> tuple[Objective, bool, list[str]]:
    """Open a met or dropped objective again (its evidence is kept); returns it, whether
    it changed (False: already open) and any new focus-rule warnings."""

    def change(plan: Plan) -> tuple[Objective, bool, list[str]]:
        o = find_objective(plan, query)
        if o.status == "open":
            return o.model_copy(), False, []
        before = set(objective_load_warnings(plan))
        o.status = "open"
        o.met_on = None
        o.dropped_on = None
        new = [w for w in objective_load_warnings(plan) if w not in before]
        return o.model_copy(), True, new

    return store.update_plan(change)
