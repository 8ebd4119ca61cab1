"""Plan edits about people: the user's profile, adding, editing, removing and booking
mentors. Every change goes through ``Store.update_plan`` (read-modify-write under the
writer lock) and names are resolved inside it, so two running instances never lose each
other's edits. Removing a mentor never deletes a session, draft or review file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from prepcoach.errors import UsageError
from prepcoach.lookup import find_mentor
from prepcoach.models import (
    MAX_MEETING_MINUTES,
    MIN_MEETING_MINUTES,
    PROFILE_FIELDS,
    Mentor,
    Plan,
    Profile,
    slugify,
)
from prepcoach.planning.common import IN_TERM_STATUSES, invalid_input, parse_areas
from prepcoach.planning.lifecycle import check_status
from prepcoach.planning.terms import check_term_fits
from prepcoach.store import Store

# What `mentors edit` may change (status, term and booking have their own functions).
MENTOR_EDIT_FIELDS: tuple[str, ...] = (
    "name", "title", "organisation", "relation", "levels_above", "support_areas",
    "recommended_by", "cadence", "term_months", "email", "notes",
)  # fmt: skip


def _index(plan: Plan, m: Mentor) -> int:
    return next(i for i, x in enumerate(plan.mentors) if x is m)


def _same_name(plan: Plan, name: str, *, other_than: str = "") -> Mentor | None:
    key = name.strip().lower()
    return next(
        (m for m in plan.mentors if m.id != other_than and m.name.strip().lower() == key), None
    )


def _duplicate(m: Mentor) -> UsageError:
    return UsageError(
        f'a mentor called "{m.name}" is already in the plan (id {m.id}).',
        hint=f'See it with `prepcoach mentors show "{m.name}"`.',
    )


# ------------------------------------------------------------------- profile


def set_profile(
    store: Store,
    *,
    name: str | None = None,
    title: str | None = None,
    organisation: str | None = None,
    manager: str | None = None,
    email: str | None = None,
) -> Profile:
    """Set the given profile fields (None leaves one as it is, "" clears it)."""
    given = {
        k: v.strip()
        for k, v in zip(PROFILE_FIELDS, (name, title, organisation, manager, email), strict=True)
        if v is not None
    }

    def change(plan: Plan) -> Profile:
        try:
            plan.profile = Profile.model_validate(plan.profile.model_dump() | given)
        except ValidationError as exc:
            raise invalid_input(exc) from None
        return plan.profile.model_copy(deep=True)

    return store.update_plan(change)


# ------------------------------------------------------------------- mentors


def add_mentor(
    store: Store,
    name: str,
    *,
    title: str = "",
    organisation: str = "",
    relation: str = "internal",
    levels_above: int = 2,
    support_areas: Sequence[str] = (),
    recommended_by: str = "",
    status: str = "prospect",
    term_start: dt.date | None = None,
    term_months: int = 6,
    cadence: str = "monthly",
    email: str = "",
    notes: str = "",
    today: dt.date | None = None,
) -> Mentor:
    """Add a mentor (a prospect by default). A mentor added as active or renewed with
    no term start starts the term today."""
    name = name.strip()
    if not name:
        raise UsageError("a mentor needs a name.", hint='Try `prepcoach mentors add "Ana Lima"`.')
    check_status(status)
    if status in IN_TERM_STATUSES and term_start is None:
        term_start = today or dt.date.today()
    check_term_fits(term_start, term_months)

    def change(plan: Plan) -> Mentor:
        same = _same_name(plan, name)
        if same is not None:
            raise _duplicate(same)
        data: dict[str, Any] = {
            "id": plan.unique_id(slugify(name, "mentor"), {m.id for m in plan.mentors}),
            "name": name,
            "title": title,
            "organisation": organisation,
            "relation": relation,
            "levels_above": levels_above,
            "support_areas": list(support_areas),
            "recommended_by": recommended_by,
            "status": status,
            "term_start": term_start,
            "term_months": term_months,
            "cadence": cadence,
            "email": email,
            "notes": notes,
        }
        try:
            mentor = Mentor.model_validate(data)
        except ValidationError as exc:
            raise invalid_input(exc) from None
        plan.mentors.append(mentor)
        return mentor.model_copy(deep=True)

    return store.update_plan(change)


def edit_mentor(store: Store, name: str, /, **fields: Any) -> Mentor:
    """Change the given fields of a mentor (see ``MENTOR_EDIT_FIELDS``); ``support_areas``
    may be a comma-separated string. The id stays, so sessions keep pointing at it."""
    unknown = sorted(set(fields) - set(MENTOR_EDIT_FIELDS))
    if unknown:
        raise UsageError(
            f"a mentor has no field {', '.join(unknown)} to edit.",
            hint="Editable: " + ", ".join(MENTOR_EDIT_FIELDS) + ".",
        )
    given = {k: v for k, v in fields.items() if v is not None}
    if "support_areas" in given:
        given["support_areas"] = parse_areas(given["support_areas"])
    if "name" in given:
        given["name"] = str(given["name"]).strip()
        if not given["name"]:
            raise UsageError("a mentor needs a name.")

    def change(plan: Plan) -> Mentor:
        m = find_mentor(plan, name)
        if "name" in given:
            same = _same_name(plan, given["name"], other_than=m.id)
            if same is not None:
                raise _duplicate(same)
        try:
            new = Mentor.model_validate(m.model_dump() | given)
        except ValidationError as exc:
            raise invalid_input(exc) from None
        if new.term_months != m.term_months:
            check_term_fits(new.term_start, new.term_months)
        plan.mentors[_index(plan, m)] = new
        return new.model_copy(deep=True)

    return store.update_plan(change)


@dataclass(frozen=True)
class RemovedMentor:
    """What ``remove_mentor`` took out of the plan (enough for ``restore_mentor`` to put
    it back exactly) and the files that still name the mentor (kept, never deleted)."""

    mentor: Mentor
    index: int
    objectives: list[str] = field(default_factory=list)  # ids it was unlinked from
    sessions: list[str] = field(default_factory=list)
    outreach: list[str] = field(default_factory=list)
    reviews: list[str] = field(default_factory=list)
    # where it stood in each objective's mentor list (objective id: position); an
    # objective not named here gets it back at the end of its list
    places: dict[str, int] = field(default_factory=dict)


def mentor_references(store: Store, mentor_id: str) -> dict[str, list[str]]:
    """Ids of the session, outreach and review files that name ``mentor_id``."""
    return {
        "sessions": [s.id for s in store.list_sessions(mentor=mentor_id)],
        "outreach": [d.id for d in store.list_outreach() if d.mentor == mentor_id],
        "reviews": [r.id for r in store.list_reviews() if r.mentor == mentor_id],
    }


def remove_mentor(store: Store, name: str) -> RemovedMentor:
    """Take a mentor out of the plan and off every objective; their session, draft and
    review files stay on disk. Returns what was removed and what still refers to it."""

    def change(plan: Plan) -> tuple[Mentor, int, dict[str, int]]:
        m = find_mentor(plan, name)
        index = _index(plan, m)
        places = {o.id: o.mentors.index(m.id) for o in plan.objectives if m.id in o.mentors}
        for o in plan.objectives:
            if o.id in places:
                o.mentors = [x for x in o.mentors if x != m.id]
        del plan.mentors[index]
        return m, index, places

    mentor, index, places = store.update_plan(change)
    refs = mentor_references(store, mentor.id)
    return RemovedMentor(mentor, index, list(places), **refs, places=places)


def restore_mentor(store: Store, removed: RemovedMentor | Mentor) -> Mentor:
    """Put a mentor back, in one locked write. A ``RemovedMentor`` undoes
    ``remove_mentor``: the mentor back at its place, relinked to its objectives where it
    stood in them. A ``Mentor`` is an earlier record of one still in the plan (same id):
    it replaces the current one in place (undoing an edit, a status change or a
    booking); its objective links stay as they are."""
    if isinstance(removed, Mentor):
        before = removed

        def put_back(plan: Plan) -> Mentor:
            current = plan.mentor(before.id)
            if current is None:
                raise UsageError(f"no mentor with id {before.id} in the plan to put back.")
            same = _same_name(plan, before.name, other_than=before.id)
            if same is not None:
                raise _duplicate(same)
            plan.mentors[_index(plan, current)] = before.model_copy(deep=True)
            return before.model_copy(deep=True)

        return store.update_plan(put_back)

    def change(plan: Plan) -> Mentor:
        m = removed.mentor
        if plan.mentor(m.id) is not None:
            raise UsageError(f"a mentor with id {m.id} is already in the plan.")
        same = _same_name(plan, m.name)
        if same is not None:
            raise _duplicate(same)
        plan.mentors.insert(min(removed.index, len(plan.mentors)), m.model_copy(deep=True))
        for o in plan.objectives:
            if o.id in removed.objectives and m.id not in o.mentors:
                at = removed.places.get(o.id, len(o.mentors))
                o.mentors = [*o.mentors[:at], m.id, *o.mentors[at:]]
        return m.model_copy(deep=True)

    return store.update_plan(change)


def book_meeting(
    store: Store,
    name: str,
    date: dt.date,
    time: dt.time | None = None,
    minutes: int | None = None,
    *,
    today: dt.date | None = None,
) -> Mentor:
    """Book the mentor's next meeting (replacing any booked one). A date already passed
    is refused (capture that meeting instead), and so is an ended mentor."""
    day = today or dt.date.today()
    if date < day:
        raise UsageError(
            f"{date.isoformat()} has passed; the next meeting is booked for today or later.",
            hint="To record a meeting that took place, capture it: `prepcoach sessions capture`.",
        )
    if minutes is not None and not MIN_MEETING_MINUTES <= minutes <= MAX_MEETING_MINUTES:
        raise UsageError(
            f"a meeting of {minutes} minutes is outside {MIN_MEETING_MINUTES} to "
            f"{MAX_MEETING_MINUTES} minutes.",
            hint=f"Pass --minutes between {MIN_MEETING_MINUTES} and {MAX_MEETING_MINUTES}.",
        )

    def change(plan: Plan) -> Mentor:
        m = find_mentor(plan, name)
        if m.status == "ended":
            raise UsageError(
                f"{m.name}'s mentoring has ended; there is no next meeting to book.",
                hint=f'Start a new term first: `prepcoach mentors status "{m.name}" active`.',
            )
        m.next_meeting = date
        m.next_meeting_time = time
        m.next_meeting_minutes = minutes
        return m.model_copy(deep=True)

    return store.update_plan(change)


def cancel_meeting(store: Store, name: str) -> Mentor:
    """Clear the mentor's booked next meeting."""

    def change(plan: Plan) -> Mentor:
        m = find_mentor(plan, name)
        m.next_meeting = m.next_meeting_time = m.next_meeting_minutes = None
        return m.model_copy(deep=True)

    return store.update_plan(change)
