"""The term clock, meetings held vs expected, and drift: the numbers a review is built on.

- Term: ``term_start`` + ``term_months`` calendar months. Month n of N counts calendar
  months since the start (the start day is month 1), capped at N; None before the start
  or without a start.
- Meetings expected so far: one at the start and one per cadence interval since
  (monthly/quarterly by calendar months), counted up to today or the term end, at most
  the number the term holds.
- Meetings held: held sessions (``prepcoach.planning.is_held``: the date has passed or
  the meeting was captured) dated from the term start on. A planned prep counts nowhere.
- Drift (``drift``): among the last ``DRIFT_WINDOW`` held sessions, those with no
  objective progress (no ``objective_progress`` entry with ``progressed``) and no new
  action items; drifting when at least ``DRIFT_MIN`` of them are, stalled when the last
  ``DRIFT_LIMIT`` or more in a row are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from prepcoach.models import Mentor, Session, add_months
from prepcoach.planning import is_held, stopped_on
from prepcoach.text import plural
from prepcoach.vocab import CADENCE_DAYS

DRIFT_LIMIT = 3  # held sessions in a row without progress: the meetings have stalled
DRIFT_WINDOW = 3  # how many recent held sessions drift looks at
DRIFT_MIN = 2  # of those, how many without progress mean the meetings are drifting


def _months_elapsed(start: dt.date, today: dt.date) -> int:
    """Whole calendar months from ``start`` to ``today`` (0 in the first month)."""
    k = (today.year - start.year) * 12 + today.month - start.month
    while k > 0 and add_months(start, k) > today:
        k -= 1
    return max(0, k)


def term_month(mentor: Mentor, today: dt.date) -> tuple[int, int] | None:
    """``(n, N)``: today falls in month n of an N-month term (n capped at N).

    None when the mentor has no term start or the term has not started yet."""
    if mentor.term_start is None or today < mentor.term_start:
        return None
    n = _months_elapsed(mentor.term_start, today) + 1
    return min(n, mentor.term_months), mentor.term_months


def term_ended(mentor: Mentor, today: dt.date) -> bool:
    """True on and after the term's end day, and for a loosened or ended mentor."""
    if stopped_on(mentor) is not None:
        return True
    end = mentor.term_end()
    return end is not None and today >= end


def _slots(mentor: Mentor, start: dt.date, until: dt.date) -> int:
    """Meetings the cadence puts in [start, until] (one at the start)."""
    if until < start:
        return 0
    if mentor.cadence == "monthly":
        return _months_elapsed(start, until) + 1
    if mentor.cadence == "quarterly":
        return _months_elapsed(start, until) // 3 + 1
    return (until - start).days // CADENCE_DAYS[mentor.cadence] + 1


def meetings_expected(mentor: Mentor, today: dt.date) -> int:
    """Meetings the cadence expects from the term start up to today (or the term end).

    0 without a term start or before it. Capped at what the whole term holds."""
    start = mentor.term_start
    end = mentor.term_end()
    if start is None or end is None or today < start:
        return 0
    stopped = stopped_on(mentor)
    if stopped is not None and start < stopped < end:
        end = stopped  # a term loosened or ended early expects nothing after that day
    last_day = end - dt.timedelta(days=1)
    return min(_slots(mentor, start, min(today, last_day)), _slots(mentor, start, last_day))


def mentor_sessions(mentor: Mentor, history: Iterable[Session], today: dt.date) -> list[Session]:
    """This mentor's held sessions (by id or name), oldest first; planned ones left out."""
    ids = {mentor.id, mentor.name}
    return sorted(
        (s for s in history if s.mentor in ids and is_held(s, today)),
        key=lambda s: (s.date, s.id),
    )


def meetings_held(mentor: Mentor, history: Iterable[Session], today: dt.date) -> int:
    """Held sessions with this mentor from the term start (if any) on."""
    start = mentor.term_start
    return sum(
        1 for s in mentor_sessions(mentor, history, today) if start is None or s.date >= start
    )


def moved(s: Session) -> bool:
    """The session moved an objective forward or set new action items."""
    return any(p.progressed for p in s.objective_progress) or bool(s.action_items)


def drift_sessions(history: Iterable[Session], today: dt.date) -> int:
    """How many of the most recent held sessions, in a row, had no objective progress and
    no new action items."""
    ordered = sorted((s for s in history if is_held(s, today)), key=lambda s: (s.date, s.id))
    n = 0
    for s in reversed(ordered):
        if moved(s):
            break
        n += 1
    return n


@dataclass(frozen=True)
class Drift:
    """Recent held meetings with a mentor that moved nothing (no objective progress, no
    new action items). ``window``: the recent held sessions looked at (at most
    ``DRIFT_WINDOW``); ``without_progress``: how many of those moved nothing;
    ``in_a_row``: the most recent ones in a row that moved nothing (may exceed the
    window); ``sessions``/``dates``: the ones that moved nothing, newest first."""

    mentor_id: str
    mentor_name: str
    window: int
    without_progress: int
    in_a_row: int
    sessions: tuple[str, ...]
    dates: tuple[dt.date, ...]

    @property
    def stalled(self) -> bool:
        """``DRIFT_LIMIT`` or more held sessions in a row moved nothing: coffee talk."""
        return self.in_a_row >= DRIFT_LIMIT

    @property
    def count(self) -> int:
        """The sessions that make up the drift: the run in a row, or those in the window."""
        return max(self.in_a_row, self.without_progress)

    @property
    def first(self) -> str:
        names = self.mentor_name.split()
        return names[0] if names else self.mentor_name

    @property
    def sentence(self) -> str:
        """ "2 of your last 3 meetings with Marcus had no objective progress and no new
        action items." (or "Your last 4 meetings with Marcus had ...")."""
        tail = "had no objective progress and no new action items."
        if self.stalled or self.without_progress == self.window:
            return f"Your last {plural(self.count, 'meeting')} with {self.first} {tail}"
        return (
            f"{self.without_progress} of your last {self.window} meetings with {self.first} {tail}"
        )


def drift(mentor: Mentor, sessions: Iterable[Session], today: dt.date) -> Drift | None:
    """Whether the recent held meetings with ``mentor`` have drifted: at least
    ``DRIFT_MIN`` of the last ``DRIFT_WINDOW`` held sessions (or ``DRIFT_LIMIT`` in a
    row) moved no objective forward and set no new action item. None when they have not.
    Other mentors' sessions and planned (future, not captured) preps are ignored."""
    held = mentor_sessions(mentor, sessions, today)
    recent = held[-DRIFT_WINDOW:]
    empty = [s for s in reversed(recent) if not moved(s)]
    in_a_row = drift_sessions(held, today)
    if len(empty) < DRIFT_MIN and in_a_row < DRIFT_LIMIT:
        return None
    run = list(reversed(held[len(held) - in_a_row :])) if in_a_row else []
    listed = run if in_a_row > len(empty) else empty
    return Drift(
        mentor_id=mentor.id,
        mentor_name=mentor.name,
        window=len(recent),
        without_progress=len(empty),
        in_a_row=in_a_row,
        sessions=tuple(s.id for s in listed),
        dates=tuple(s.date for s in listed),
    )
