"""Held vs planned sessions, the next meeting's date and captures still to do."""

from __future__ import annotations

import datetime as dt

import pytest

from prepcoach.models import ActionItem, Mentor, ObjectiveProgress, Plan, Question, Session
from prepcoach.planning import (
    finished_term_message,
    finished_terms,
    held_sessions,
    is_captured,
    is_held,
    nearest_weekday,
    next_meeting_date,
    overdue_captures,
    term_finished_but_active,
    weekend_note,
)

D = dt.date
TODAY = D(2026, 11, 23)  # a Monday


def prep(day: dt.date, **fields) -> Session:
    return Session(mentor="ana", date=day, questions=[Question(text="How?")], **fields)


@pytest.mark.parametrize(
    ("day", "held"),
    [(TODAY - dt.timedelta(days=1), True), (TODAY, False), (TODAY + dt.timedelta(days=1), False)],
)
def test_a_prep_is_held_only_once_its_date_has_passed(day, held):
    assert is_held(prep(day), TODAY) is held


@pytest.mark.parametrize(
    "capture",
    [
        {"notes": "We talked budgets."},
        {"action_items": [ActionItem(text="Send the doc")]},
        {"objective_progress": [ObjectiveProgress(objective_id="o1")]},
        {"questions": [Question(text="How?", answer="Ask finance first.")]},
        {"questions": [Question(text="How?", resolved=True)]},
    ],
)
def test_a_captured_meeting_is_held_even_on_the_day_or_before_it(capture):
    s = Session(mentor="ana", date=TODAY + dt.timedelta(days=3), **capture)
    assert is_captured(s) and is_held(s, TODAY)


def test_whitespace_notes_are_not_a_capture():
    s = prep(TODAY, notes="  \n")
    assert not is_captured(s) and not is_held(s, TODAY)
    assert held_sessions([s, prep(D(2026, 11, 1))], TODAY) == [prep(D(2026, 11, 1))]


def test_weekend_days_move_to_the_nearest_weekday_both_ways():
    assert nearest_weekday(D(2026, 11, 28)) == D(2026, 11, 27)  # Saturday -> Friday
    assert nearest_weekday(D(2026, 11, 29)) == D(2026, 11, 30)  # Sunday -> Monday
    assert nearest_weekday(D(2026, 11, 25)) == D(2026, 11, 25)  # a Wednesday stays
    # A Friday before the allowed first day: to the Monday instead.
    assert nearest_weekday(D(2026, 11, 28), not_before=D(2026, 11, 28)) == D(2026, 11, 30)
    assert nearest_weekday(dt.date.max) == dt.date.max  # a Friday: nothing to move
    assert "Saturday 2026-11-28" in weekend_note(D(2026, 11, 28), D(2026, 11, 27))
    assert weekend_note(TODAY, TODAY) == ""


def active(**fields) -> Mentor:
    base = {"id": "ana", "name": "Ana Lima", "status": "active", "term_start": D(2026, 9, 1)}
    return Mentor.model_validate(base | fields)


def test_next_meeting_is_the_booked_one_while_it_is_to_come():
    m = active(next_meeting=D(2026, 12, 5))
    assert next_meeting_date(m, [], TODAY) == D(2026, 12, 5)
    assert next_meeting_date(active(next_meeting=TODAY), [], TODAY) == TODAY


def test_next_meeting_is_never_a_past_date():
    m = active(next_meeting=D(2026, 11, 10))  # booked, passed
    got = next_meeting_date(m, [], TODAY)
    assert got == D(2026, 12, 1)  # the next cadence date (a Tuesday)
    assert got is not None and got >= TODAY
    # A cadence date on a weekend moves to the nearest weekday, not into the past.
    sat = active(term_start=D(2026, 8, 29))  # monthly: 2026-11-29 is a Sunday
    assert next_meeting_date(sat, [], D(2026, 11, 27)) == D(2026, 11, 30)


def test_a_planned_prep_gives_the_next_meeting_date():
    m = active()
    planned = prep(D(2026, 11, 26))
    assert next_meeting_date(m, [planned], TODAY) == D(2026, 11, 26)
    held = prep(D(2026, 11, 26), notes="done early")
    assert next_meeting_date(m, [held], TODAY) == D(2026, 12, 1)


def test_no_next_meeting_without_a_running_term_or_past_its_end():
    for status in ("prospect", "asked", "loosened", "ended"):
        assert next_meeting_date(active(status=status), [], TODAY) is None
    assert next_meeting_date(active(), [], D(2027, 3, 2)) is None  # term ended 2027-03-01
    # ... but a booked one is always kept, for any status.
    asked = active(status="asked", term_start=None, next_meeting=D(2026, 12, 2))
    assert next_meeting_date(asked, [], TODAY) == D(2026, 12, 2)


def test_overdue_captures():
    plan = Plan(
        mentors=[
            active(next_meeting=D(2026, 11, 20)),
            active(id="bo", name="Bo Chen", next_meeting=D(2026, 11, 18)),
            active(id="cy", name="Cy Ode", next_meeting=TODAY),
            active(id="di", name="Di Ro", next_meeting=D(2026, 11, 19)),
        ]
    )
    sessions = [
        prep(D(2026, 11, 20)),  # Ana's prep, never captured
        Session(mentor="di", date=D(2026, 11, 19), notes="captured"),
        Session(mentor="bo", date=D(2026, 11, 1), notes="an older meeting"),
    ]
    got = overdue_captures(plan, sessions, TODAY)
    assert [(o.mentor_name, o.date) for o in got] == [
        ("Bo Chen", D(2026, 11, 18)),
        ("Ana Lima", D(2026, 11, 20)),
    ]
    assert got[1].message == "capture your meeting with Ana Lima on 2026-11-20"


def test_a_finished_term_still_active_is_flagged():
    m = active()  # 2026-09-01 + 6 months = 2027-03-01
    assert not term_finished_but_active(m, D(2027, 2, 28))
    assert term_finished_but_active(m, D(2027, 3, 1))
    assert not term_finished_but_active(active(status="ended"), D(2027, 5, 1))
    plan = Plan(mentors=[m, active(id="bo", name="Bo", term_start=D(2027, 1, 4))])
    assert finished_terms(plan, D(2027, 3, 1)) == [m]
    assert "renew, loosen or end" in finished_term_message(m, TODAY) and "2027-03-01" in (
        finished_term_message(m, TODAY)
    )


def test_a_finished_term_message_on_its_last_day_says_it_ends_today():
    m = active()  # 2026-09-01 + 6 months = 2027-03-01
    assert finished_term_message(m, D(2027, 3, 1)).startswith(
        "Ana Lima's term ends today (2027-03-01) but the status is still active"
    )
    assert "term ended on 2027-03-01" in finished_term_message(m, D(2027, 3, 2))
