"""Review clock: term month, meetings expected by cadence, drift."""

from __future__ import annotations

import datetime as dt

from review_builders import TODAY, mentor, sess

from prepcoach.review import drift_sessions, meetings_expected, term_ended, term_month


def test_term_clock() -> None:
    m = mentor()
    assert term_month(m, dt.date(2026, 6, 2)) == (1, 6)
    assert term_month(m, dt.date(2026, 7, 1)) == (1, 6)
    assert term_month(m, dt.date(2026, 7, 2)) == (2, 6)
    assert term_month(m, TODAY) == (6, 6)
    assert term_month(m, dt.date(2027, 3, 1)) == (6, 6)
    assert term_ended(m, dt.date(2026, 12, 2)) and not term_ended(m, TODAY)
    assert term_month(m, dt.date(2026, 5, 1)) is None
    assert term_month(mentor(term_start=None), TODAY) is None


def test_meetings_expected_by_cadence() -> None:
    m = mentor()
    assert meetings_expected(m, dt.date(2026, 6, 2)) == 1
    assert meetings_expected(m, TODAY) == 6
    assert meetings_expected(m, dt.date(2027, 6, 1)) == 6  # capped at the term
    assert meetings_expected(mentor(cadence="biweekly"), dt.date(2026, 6, 30)) == 3
    assert meetings_expected(mentor(term_start=None), TODAY) == 0


def test_drift_counts_recent_sessions_without_progress_or_actions() -> None:
    hist = [
        sess("2026-08-01", True),
        sess("2026-09-01", False),
        sess("2026-10-01", False, True),
        sess("2026-10-20", False),
        sess("2026-11-10", False),
    ]
    assert drift_sessions(hist, TODAY) == 2
    assert drift_sessions(hist, dt.date(2026, 10, 5)) == 0
    assert drift_sessions([], TODAY) == 0
