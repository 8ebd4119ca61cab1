"""Carry-over: unresolved questions and open actions from earlier sessions."""

from __future__ import annotations

import datetime as dt

from agenda.helpers import HISTORY, OBJECTIVES, inp, session
from prepcoach.agenda import carried_over, carry_item
from prepcoach.models import Question


def test_carried_over_dedupes_most_recent_first_with_sources() -> None:
    items = carried_over(
        [s for s in HISTORY if s.mentor == "priya"], OBJECTIVES, {"budget", "roadmap"}
    )
    texts = [(c.kind, c.text, c.source) for c in items]
    assert texts == [
        (
            "question",
            "How do I keep the roadmap sponsor engaged between gates?",
            "2026-10-15 session",
        ),
        ("action", "Draft the phase 1a fallback plan", "2026-10-15 session"),
        ("action", "Intro to Carla Nunes", "2026-10-15 session"),
    ]
    assert items[0].objective_id == "roadmap"
    assert items[0].session_id == "2026-10-15-priya"
    assert items[2].owner == "Priya" and "Priya" in items[2].title()
    assert items[1].due == dt.date(2026, 11, 1)


def test_carried_over_empty_history() -> None:
    assert carried_over([]) == []


def test_input_ignores_other_mentors_and_future_sessions() -> None:
    future = session("2027-01-05", questions=[Question(text="Future question?")])
    i = inp([], history=[*HISTORY, future])
    texts = [c.text for c in i.carry_overs()]
    assert "Marcus question?" not in texts and "Future question?" not in texts


def test_carry_item_unchanged_by_cache() -> None:
    # cached text helpers give the same answer on repeated calls
    h = [x for x in HISTORY if x.mentor == "priya"]
    first = carried_over(h, OBJECTIVES, {"budget"})
    again = carried_over(h, OBJECTIVES, {"budget"})
    assert first == again and first
    assert [carry_item(c, OBJECTIVES) for c in first] == [carry_item(c, OBJECTIVES) for c in again]
