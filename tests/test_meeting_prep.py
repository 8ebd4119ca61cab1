"""Preparing the next meeting (prepcoach.meeting_prep): length, mentor, carry-over."""

from __future__ import annotations

import datetime as dt

import pytest

from prepcoach.errors import PrepcoachError
from prepcoach.meeting_prep import (
    carried_for_meeting,
    default_minutes,
    earlier_open_questions,
    meeting_minutes,
    merged,
    next_mentor,
)
from prepcoach.models import Mentor, Plan, Question, Session
from prepcoach.vocab import DEFAULT_MEETING_MINUTES, MAX_MEETING_MINUTES, MIN_MEETING_MINUTES

DAY = dt.date(2026, 11, 24)


def test_meeting_length_within_the_shared_bounds() -> None:
    assert meeting_minutes(f" {MIN_MEETING_MINUTES} ") == MIN_MEETING_MINUTES
    assert meeting_minutes(str(MAX_MEETING_MINUTES)) == MAX_MEETING_MINUTES
    for bad in (str(MIN_MEETING_MINUTES - 1), str(MAX_MEETING_MINUTES + 1), "soon", ""):
        with pytest.raises(PrepcoachError, match=f"from {MIN_MEETING_MINUTES} to"):
            meeting_minutes(bad)
        assert meeting_minutes(bad, strict=False) == DEFAULT_MEETING_MINUTES


def test_default_length_is_the_last_sessions() -> None:
    sessions = [Session(mentor="m", date=DAY, minutes=30), Session(mentor="m", date=DAY)]
    assert default_minutes(sessions) == 30
    assert default_minutes([]) == DEFAULT_MEETING_MINUTES


def test_next_mentor_is_the_soonest_upcoming_meeting_then_an_active_one() -> None:
    soon = Mentor(id="soon", name="Soon", next_meeting=DAY + dt.timedelta(days=2))
    later = Mentor(id="later", name="Later", next_meeting=DAY + dt.timedelta(days=9))
    past = Mentor(id="past", name="Past", next_meeting=DAY - dt.timedelta(days=1))
    active = Mentor(id="active", name="Active", status="active")
    assert next_mentor(Plan(mentors=[later, soon, past]), DAY) == "soon"
    assert next_mentor(Plan(mentors=[past, active]), DAY) == "active"
    assert next_mentor(Plan(mentors=[past]), DAY) == "past"
    assert next_mentor(Plan(), DAY) is None


def test_carry_over_leaves_out_the_meetings_own_prep_and_the_future() -> None:
    old = Session(
        id="s1",
        mentor="m",
        date=DAY - dt.timedelta(days=14),
        questions=[Question(text="How do I hand over?")],
    )
    prep = Session(id="s2", mentor="m", date=DAY, questions=[Question(text="Budget next?")])
    ahead = Session(
        id="s3",
        mentor="m",
        date=DAY + dt.timedelta(days=7),
        questions=[Question(text="Later question")],
    )
    carried = carried_for_meeting([old, prep, ahead], [], DAY, prep)
    assert [c.text for c in carried] == ["How do I hand over?"]


def test_earlier_open_questions_skip_the_ones_asked_again() -> None:
    old = Session(
        id="s1",
        mentor="m",
        date=DAY - dt.timedelta(days=14),
        questions=[Question(text="How do I hand over?"), Question(text="Budget?")],
    )
    now = Session(id="s2", mentor="m", date=DAY, questions=[Question(text="budget")])
    assert [c.text for c in earlier_open_questions([old, now], now)] == ["How do I hand over?"]


def test_merged_keeps_order_and_drops_repeats() -> None:
    assert merged(["Budget accepted"], ["budget accepted!", "New win"]) == [
        "Budget accepted",
        "New win",
    ]
