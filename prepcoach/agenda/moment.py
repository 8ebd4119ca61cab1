"""Which moment in the mentoring term a meeting is: ``meeting_moment``.

The meeting being prepared falls on ``mentor.next_meeting`` when that is today or later,
else today. Sessions "held in the term" are this mentor's sessions dated from the term's
start up to today. First match wins:

1. ``last``: the term is over on the meeting's date (the end day counts as over);
2. ``first``: no session held in the term yet (or, without a term start, none at all):
   the first meeting of a term or of a renewal;
3. ``drifting``: 2 of the last 3 held sessions (or 3 in a row) had no objective progress
   and no new action items;
4. ``last``: the meeting after this one (by cadence) falls on or after the term's end;
5. ``midpoint``: this meeting is nearer the term's middle day than the last session held
   and at least as near as the meeting after it, so exactly one meeting per term is it;
6. ``ordinary``.

Only a relationship with regular meetings has a moment (status active or renewed); any
other status is ``ordinary``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from prepcoach.agenda.meeting import next_meeting_date
from prepcoach.models import Mentor
from prepcoach.planning.drift import drift as planning_drift
from prepcoach.planning.facts import SessionFacts
from prepcoach.text import plural

MomentKind = Literal["first", "midpoint", "drifting", "last", "ordinary"]

# What the readiness line and the dashboard say about each moment.
MOMENT_LABELS: dict[str, str] = {
    "first": "first meeting: set up the term",
    "midpoint": "midpoint: check progress",
    "drifting": "drifting: one sharp question",
    "last": "last meeting: wrap up the term",
    "ordinary": "regular meeting",
}
# The moment as a noun phrase ("this is the ...").
MOMENT_NAMES: dict[str, str] = {
    "first": "first meeting of the term",
    "midpoint": "meeting nearest the term's middle",
    "drifting": "meeting after recent sessions drifted",
    "last": "last meeting of the term",
    "ordinary": "regular meeting",
}
# A tag for a narrow table cell.
MOMENT_SHORT: dict[str, str] = {
    "first": "first",
    "midpoint": "mid",
    "drifting": "drift",
    "last": "last",
    "ordinary": "",
}


@dataclass(frozen=True)
class Drift:
    """Recent held sessions with no objective progress and no new action items."""

    stalled: tuple[dt.date, ...]  # the stalled sessions' dates, oldest first
    looked_at: int  # how many recent sessions were looked at

    def sentence(self) -> str:
        """The drift in words, e.g. "2 of the last 3 meetings (2026-09-02, 2026-10-07)
        moved no objective forward and left no new action items"."""
        days = ", ".join(d.isoformat() for d in self.stalled)
        n = len(self.stalled)
        if n == self.looked_at:
            lead = f"The last {plural(n, 'meeting')}"
        else:
            lead = f"{n} of the last {plural(self.looked_at, 'meeting')}"
        return f"{lead} ({days}) moved no objective forward and left no new action items"


@dataclass(frozen=True)
class Moment:
    kind: MomentKind
    meeting: dt.date  # the date of the meeting being prepared
    drift: Drift | None = None

    @property
    def label(self) -> str:
        return MOMENT_LABELS[self.kind]

    @property
    def name(self) -> str:
        return MOMENT_NAMES[self.kind]

    @property
    def short(self) -> str:
        return MOMENT_SHORT[self.kind]


def meeting_drift(mentor: Mentor, history: Iterable[SessionFacts], today: dt.date) -> Drift | None:
    """The drift fact the review also names (``prepcoach.planning.drift``), as the agenda
    words it: the stalled meetings' dates, oldest first."""
    found = planning_drift(mentor, history, today)
    if found is None:
        return None
    return Drift(tuple(sorted(found.dates)), found.window)


def meeting_date(mentor: Mentor, today: dt.date) -> dt.date:
    """The date of the meeting being prepared."""
    nm = mentor.next_meeting
    return nm if nm is not None and nm >= today else today


def meeting_moment(mentor: Mentor, history: Iterable[SessionFacts], today: dt.date) -> Moment:
    """The moment of the next meeting with ``mentor`` (see the module's rules).
    ``history``: sessions (any mentor's; only this mentor's up to today count)."""
    when = meeting_date(mentor, today)
    if mentor.status not in ("active", "renewed"):
        return Moment("ordinary", when)
    ids = {mentor.id, mentor.name}
    mine = sorted(
        (s for s in history if s.mentor in ids and s.date <= today), key=lambda s: (s.date, s.id)
    )
    start = mentor.term_start
    end = mentor.term_end() if start is not None else None
    if end is not None and when >= end:
        return Moment("last", when)
    held = [s for s in mine if start is None or s.date >= start]
    if not held:
        return Moment("first", when)
    drift = meeting_drift(mentor, mine, today)
    if drift is not None:
        return Moment("drifting", when, drift)
    if start is None or end is None:
        return Moment("ordinary", when)
    after = next_meeting_date(mentor, today)
    if after >= end:
        return Moment("last", when)
    middle = start + (end - start) / 2
    prev = held[-1].date
    if abs(when - middle) < abs(prev - middle) and abs(when - middle) <= abs(after - middle):
        return Moment("midpoint", when)
    return Moment("ordinary", when)
