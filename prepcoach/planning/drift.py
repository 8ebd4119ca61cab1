"""Drift: recent held meetings with a mentor that moved nothing (no objective progress,
no new action items).

Among the last ``DRIFT_WINDOW`` sessions held by ``today`` (``held_by``: the date has
passed, or the meeting was captured, and it is not dated after ``today``), those with no
objective progress and no new action items; the meetings are drifting when at least
``DRIFT_MIN`` of them are, stalled when the last ``DRIFT_LIMIT`` or more in a row are.
The review names it in its reasons and the agenda turns the next meeting toward one
sharp question; both read it from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from prepcoach.models import Mentor
from prepcoach.planning.facts import SessionFacts
from prepcoach.planning.meetings import S, is_held
from prepcoach.text import plural

DRIFT_LIMIT = 3  # held sessions in a row without progress: the meetings have stalled
DRIFT_WINDOW = 3  # how many recent held sessions drift looks at
DRIFT_MIN = 2  # of those, how many without progress mean the meetings are drifting


def held_by(s: SessionFacts, today: dt.date) -> bool:
    """Held as of ``today``: ``is_held``, and dated no later than ``today``. A session
    dated after it (captured ahead, or a look back "as of" an earlier date) counts
    nowhere, whatever it records."""
    return s.date <= today and is_held(s, today)


def mentor_sessions(mentor: Mentor, history: Iterable[S], today: dt.date) -> list[S]:
    """This mentor's sessions held by ``today`` (by id or name), oldest first; planned
    ones and any dated after ``today`` left out."""
    ids = {mentor.id, mentor.name}
    return sorted(
        (s for s in history if s.mentor in ids and held_by(s, today)),
        key=lambda s: (s.date, s.id),
    )


def moved(s: SessionFacts) -> bool:
    """The session moved an objective forward or set new action items (``Session.moved``)."""
    return s.moved


def drift_sessions(history: Iterable[SessionFacts], today: dt.date) -> int:
    """How many of the most recent held sessions, in a row, had no objective progress and
    no new action items."""
    ordered = sorted((s for s in history if held_by(s, today)), key=lambda s: (s.date, s.id))
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


def drift(mentor: Mentor, sessions: Iterable[SessionFacts], today: dt.date) -> Drift | None:
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
