"""Rules for preparing the next meeting with a mentor, shared by the interfaces.

Which mentor's meeting comes next, how long it is (within the meeting-length bounds in
``prepcoach.vocab``), what carries over from earlier sessions, and how typed items join
the saved ones. Pure functions: no store, no services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from prepcoach.errors import PrepcoachError
from prepcoach.vocab import DEFAULT_MEETING_MINUTES, MAX_MEETING_MINUTES, MIN_MEETING_MINUTES

if TYPE_CHECKING:
    from prepcoach.agenda import CarryOver
    from prepcoach.models import Objective, Plan, Session


def next_mentor(plan: Plan, today: dt.date) -> str | None:
    """The mentor to prepare for: the soonest upcoming meeting, else the first active
    (or renewed) mentor, else the first mentor; None without mentors."""
    upcoming = sorted(
        (m for m in plan.mentors if m.next_meeting and m.next_meeting >= today),
        key=lambda m: m.next_meeting or today,
    )
    if upcoming:
        return upcoming[0].id
    active = [m for m in plan.mentors if m.status in ("active", "renewed")]
    pool = active or plan.mentors
    return pool[0].id if pool else None


def meeting_minutes(raw: str, *, strict: bool = True) -> int:
    """The meeting length typed as ``raw``. Outside the bounds (or not a number) it is an
    error naming them, or with ``strict=False`` the default length."""
    raw = raw.strip()
    try:
        n = int(raw)
        if not MIN_MEETING_MINUTES <= n <= MAX_MEETING_MINUTES:
            raise ValueError
    except ValueError:
        if strict:
            raise PrepcoachError(
                f"meeting length {raw!r} should be a number of minutes from "
                f"{MIN_MEETING_MINUTES} to {MAX_MEETING_MINUTES}."
            ) from None
        return DEFAULT_MEETING_MINUTES
    return n


class _Timed(Protocol):
    @property
    def minutes(self) -> int | None: ...


def default_minutes(sessions: Sequence[_Timed]) -> int:
    """The length of the last session that has one, else the default length."""
    last = [s.minutes for s in sessions if s.minutes]
    return last[-1] if last else DEFAULT_MEETING_MINUTES


def carried_for_meeting(
    history: Iterable[Session],
    objectives: Sequence[Objective],
    today: dt.date,
    prep: Session | None = None,
) -> list[CarryOver]:
    """What carries over into the meeting being prepared: open questions and action items
    of the sessions up to ``today``, leaving out the meeting's own saved ``prep``."""
    from prepcoach.agenda import carried_over

    past = [s for s in history if s.date <= today and (prep is None or s.id != prep.id)]
    return carried_over(past, objectives)


def merged(first: list[str], then: list[str]) -> list[str]:
    """``first`` followed by the items of ``then`` not already in it (compared as the
    agenda compares them: case, spacing and punctuation aside)."""
    from prepcoach.agenda import norm

    seen = {norm(x) for x in first}
    out = list(first)
    for x in then:
        key = norm(x)
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out


def earlier_open_questions(history: Iterable[Session], session: Session) -> list[CarryOver]:
    """Questions still open from the sessions before ``session`` in ``history`` (one
    mentor's sessions: the ones Prep carries over), except those ``session`` asks again."""
    from prepcoach.agenda import carried_over, norm

    earlier = [
        s for s in history if s.id != session.id and (s.date, s.id) < (session.date, session.id)
    ]
    asked = {norm(q.text) for q in session.questions}
    return [c for c in carried_over(earlier) if c.kind == "question" and norm(c.text) not in asked]
