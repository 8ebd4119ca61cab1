"""Held and planned meetings, the next meeting's date, and captures still to do.

A session is *held* once its date has passed or the user captured it (notes, action
items, objective progress or answers); until then a saved prep is *planned* and counts
nowhere (not as a meeting held, not as drift). The next meeting is the booked one when it
is still to come, else a planned prep's date, else the next date on the mentor's cadence
within the term; it is never a past date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from prepcoach.models import Mentor, Plan
from prepcoach.planning.common import IN_TERM_STATUSES
from prepcoach.planning.facts import SessionFacts
from prepcoach.planning.terms import meeting_dates

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


S = TypeVar("S", bound=SessionFacts)


def is_captured(session: SessionFacts) -> bool:
    """Whether the user recorded what happened: notes, action items, objective progress,
    or a question answered or resolved (``Session.captured``)."""
    return session.captured


def is_held(session: SessionFacts, today: dt.date) -> bool:
    """Held once the meeting's date has passed (it is before ``today``) or it was
    captured; a prep for a meeting today or later is planned."""
    return session.date < today or is_captured(session)


def held_sessions(sessions: Iterable[S], today: dt.date) -> list[S]:
    return [s for s in sessions if is_held(s, today)]


def nearest_weekday(day: dt.date, *, not_before: dt.date | None = None) -> dt.date:
    """``day`` moved off a weekend to the nearest weekday: Saturday to the Friday before,
    Sunday to the Monday after; to the Monday when the Friday would fall before
    ``not_before``."""
    wd = day.weekday()
    if wd < 5:
        return day
    if wd == 5 and day > dt.date.min:
        friday = day - dt.timedelta(days=1)
        if not_before is None or friday >= not_before:
            return friday
    if (dt.date.max - day).days < 7 - wd:
        return day  # the calendar's last days: nowhere to move to
    return day + dt.timedelta(days=7 - wd)


def weekend_note(original: dt.date, moved: dt.date) -> str:
    """'Moved from Saturday 2026-03-14 (a weekend) to Friday 2026-03-13.' or ''."""
    if original == moved:
        return ""
    return (
        f"Moved from {WEEKDAY_NAMES[original.weekday()]} {original.isoformat()} (a weekend) "
        f"to {WEEKDAY_NAMES[moved.weekday()]} {moved.isoformat()}."
    )


def next_meeting_date(
    mentor: Mentor, sessions: Iterable[SessionFacts], today: dt.date
) -> dt.date | None:
    """The mentor's next meeting, never before ``today``: the booked one if still to
    come; else the date of a planned prep; else, in a running term, the next cadence
    date (moved off a weekend) before the term's end; else None."""
    if mentor.next_meeting is not None and mentor.next_meeting >= today:
        return mentor.next_meeting
    planned = sorted(
        s.date
        for s in sessions
        if s.mentor == mentor.id and s.date >= today and not is_held(s, today)
    )
    if planned:
        return planned[0]
    if mentor.status not in IN_TERM_STATUSES:
        return None
    for day in meeting_dates(mentor):
        moved = nearest_weekday(day, not_before=today)
        if moved >= today:
            return moved
    return None


@dataclass(frozen=True)
class OverdueCapture:
    """A booked meeting whose date has passed with nothing captured for it."""

    mentor_id: str
    mentor_name: str
    date: dt.date

    @property
    def message(self) -> str:
        return f"capture your meeting with {self.mentor_name} on {self.date.isoformat()}"

    def command(self, saved: Sequence[str] = ()) -> str:
        """The CLI command that captures it: by the session id when one prep was saved
        for it (``saved``: the ids of that day's sessions), else by the mentor (the
        session is made from the booking)."""
        if len(saved) == 1:
            return f"prepcoach sessions capture {saved[0]} --note ..."
        return f'prepcoach sessions capture --mentor "{self.mentor_name}" --note ...'


def overdue_captures(
    plan: Plan, sessions: Iterable[SessionFacts], today: dt.date
) -> list[OverdueCapture]:
    """Booked meetings (``Mentor.next_meeting``) dated before ``today`` with no captured
    session of that mentor on or after the booked day; oldest first."""
    captured: dict[str, list[dt.date]] = {}
    for s in sessions:
        if is_captured(s):
            captured.setdefault(s.mentor, []).append(s.date)
    out = []
    for m in plan.mentors:
        booked = m.next_meeting
        if booked is None or booked >= today:
            continue
        if any(booked <= d <= today for d in captured.get(m.id, [])):
            continue
        out.append(OverdueCapture(m.id, m.name, booked))
    return sorted(out, key=lambda o: (o.date, o.mentor_name))
