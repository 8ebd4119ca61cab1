"""Readiness for the next meeting (the dashboard column)."""

from __future__ import annotations

import datetime as dt

from review_builders import TODAY, mentor, obj, sess

from prepcoach.review import readiness


def test_readiness() -> None:
    m = mentor(next_meeting=dt.date(2026, 11, 26))
    r = readiness(m, [sess("2026-11-10", True)], [obj("a")], TODAY)
    assert r.label == "prep due" and r.days_until == 2 and r.open_objectives == 1
    assert readiness(mentor(status="prospect"), [], [], TODAY).label == "not started"
