"""Readiness for the next meeting with a mentor (the dashboard column)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from prepcoach.models import Mentor, Objective, Session
from prepcoach.text import plural


@dataclass(frozen=True)
class Readiness:
    """How ready the user is for the next meeting with a mentor (dashboard column)."""

    next_meeting: dt.date | None
    days_until: int | None
    carried_over: int  # open questions / actions from earlier sessions
    open_objectives: int
    prepared: bool  # a session with an agenda exists for the next meeting date
    label: str  # "ready", "prep due", "prep soon", "no meeting", "not started"
    text: str  # one line for the dashboard


def readiness(
    mentor: Mentor, history: list[Session], objectives: Sequence[Objective], today: dt.date
) -> Readiness:
    """Readiness for the next meeting: prep is "due" within 3 days of the meeting with no
    saved agenda, "soon" within 7, "ready" when a session with an agenda is saved for
    that date (or later than the last meeting)."""
    from prepcoach.agenda import carried_over

    mine = [s for s in history if s.mentor in (mentor.id, mentor.name) and s.date <= today]
    carry = len(carried_over(mine))
    open_n = sum(1 for o in objectives if mentor.id in o.mentors and o.status == "open")
    nm = mentor.next_meeting
    if mentor.status in ("prospect", "asked"):
        return Readiness(None, None, carry, open_n, False, "not started", "Not asked yet.")
    if nm is None or nm < today:
        return Readiness(None, None, carry, open_n, False, "no meeting", "No next meeting booked.")
    days = (nm - today).days
    prepared = any(
        s.mentor in (mentor.id, mentor.name) and s.date == nm and s.agenda is not None
        for s in history
    )
    if prepared:
        label = "ready"
    elif days <= 3:
        label = "prep due"
    elif days <= 7:
        label = "prep soon"
    else:
        label = "later"
    when = "today" if days == 0 else f"in {plural(days, 'day')}"
    text = f"Next meeting {when} ({nm.isoformat()}); {plural(carry, 'item')} to carry over."
    return Readiness(nm, days, carry, open_n, prepared, label, text)
