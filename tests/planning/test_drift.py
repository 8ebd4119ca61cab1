"""Drift reads only the meetings held by ``today``: a session dated after it (captured
ahead, or a review "as of" an earlier date) counts nowhere, whatever it records."""

from __future__ import annotations

import datetime as dt

from prepcoach.models import Mentor, ObjectiveProgress, Session
from prepcoach.planning.drift import drift, drift_sessions, mentor_sessions

M = Mentor(id="m", name="Mia Chen", status="active", term_start=dt.date(2026, 6, 2))


def _s(day: str, progress: bool) -> Session:
    return Session(
        id=day,
        mentor="m",
        date=dt.date.fromisoformat(day),
        notes="Pleasant chat about the industry.",  # captured, so held once its date passes
        objective_progress=[ObjectiveProgress(objective_id="a")] if progress else [],
    )


HISTORY = [
    _s("2026-06-09", True),
    _s("2026-07-14", True),
    _s("2026-08-11", True),
    _s("2026-10-15", False),
    _s("2026-11-10", False),
    _s("2026-12-08", False),
]


def test_sessions_after_today_are_not_held_even_when_captured() -> None:
    today = dt.date(2026, 9, 1)
    assert [s.id for s in mentor_sessions(M, HISTORY, today)] == [
        "2026-06-09",
        "2026-07-14",
        "2026-08-11",
    ]
    assert drift_sessions(HISTORY, today) == 0
    assert drift(M, HISTORY, today) is None


def test_drift_as_of_a_date_counts_only_what_came_before() -> None:
    d = drift(M, HISTORY, dt.date(2026, 11, 20))
    assert d is not None and d.without_progress == 2 and d.in_a_row == 2
    assert d.sessions == ("2026-11-10", "2026-10-15")  # the December one is not yet held
    d = drift(M, HISTORY, dt.date(2026, 12, 8))  # the day itself: captured, so it counts
    assert d is not None and d.stalled and "2026-12-08" in d.sessions
