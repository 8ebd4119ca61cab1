"""Plan operations shared by CLI and TUI: term clock, the three-objectives flag, edits."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from prepcoach.errors import NotFoundError, UsageError
from prepcoach.ics import term_calendar
from prepcoach.models import CADENCE_DAYS, Mentor, Plan, add_months_exact
from prepcoach.planning import (
    add_mentor,
    add_objective,
    mark_objective_met,
    meeting_dates,
    months_between,
    objective_load_warnings,
    set_mentor_status,
    term_clock,
)
from prepcoach.store import Store

D = dt.date


def test_meeting_dates_per_cadence():
    m = Mentor(id="a", name="A", term_start=D(2026, 1, 31), status="active")
    assert meeting_dates(m)[:3] == [D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 31)]
    assert len(meeting_dates(m)) == 6
    assert len(meeting_dates(m.model_copy(update={"cadence": "biweekly"}))) == 13
    assert len(meeting_dates(m.model_copy(update={"cadence": "quarterly"}))) == 2
    assert meeting_dates(Mentor(id="b", name="B")) == []


def test_months_between():
    assert months_between(D(2026, 1, 15), D(2026, 1, 15)) == 0
    assert months_between(D(2026, 1, 15), D(2026, 2, 14)) == 0
    assert months_between(D(2026, 1, 15), D(2026, 2, 15)) == 1
    assert months_between(D(2026, 1, 31), D(2026, 2, 28)) == 1


def test_term_clock():
    m = Mentor(id="a", name="A", term_start=D(2026, 1, 15), status="active")
    sessions = [D(2026, 1, 10), D(2026, 1, 20), D(2026, 3, 1), D(2026, 8, 1)]
    c = term_clock(m, sessions, D(2026, 3, 20))
    assert (c.month, c.held, c.expected, c.over, c.label()) == (3, 2, 3, False, "3 of 6")
    assert c.total_sessions == 4 and c.last_session == D(2026, 3, 1)
    assert term_clock(m, [], D(2026, 1, 1)).label() == "starts 2026-01-15"
    assert term_clock(m, [], D(2026, 7, 15)).over
    assert term_clock(m.model_copy(update={"status": "prospect"}), [], D(2026, 3, 1)).label() == "-"


def test_add_objective_flags_a_fourth_open_one_but_saves_it(tmp_path):
    store = Store(tmp_path)
    add_mentor(store, "Ana Lima", status="active")
    for i in range(3):
        _, warnings = add_objective(store, f"Goal {i}", support_area="scope", mentors=["ana"])
        assert warnings == []
    obj, warnings = add_objective(store, "Goal 3", support_area="toolkit", mentors=["Ana Lima"])
    assert len(warnings) == 1 and "4 open objectives" in warnings[0]
    plan = store.load_plan()
    assert len(plan.objectives) == 4 and obj.mentors == ["ana-lima"]
    # marking one met clears the flag
    mark_objective_met(store, "goal-0", on=D(2026, 2, 1))
    assert objective_load_warnings(store.load_plan()) == []


def test_edits_validate_before_writing(tmp_path):
    store = Store(tmp_path)
    with pytest.raises(UsageError, match="support area"):
        add_objective(store, "X", support_area="scope,career")
    with pytest.raises(NotFoundError):
        add_objective(store, "X", support_area="scope", mentors=["nobody"])
    with pytest.raises(UsageError, match="unknown status"):
        add_mentor(store, "Kim", status="friend")
    assert not (tmp_path / "plan.json").exists()


def test_set_mentor_status_lifecycle(tmp_path):
    store = Store(tmp_path)
    add_mentor(store, "Kim Park")
    m = set_mentor_status(store, "kim", "asked", today=D(2026, 1, 1))
    assert m.term_start is None
    m = set_mentor_status(store, "kim", "active", today=D(2026, 1, 10))
    assert m.term_start == D(2026, 1, 10)
    m = set_mentor_status(store, "kim", "renewed", today=D(2026, 6, 1))
    assert m.term_start == D(2026, 7, 10)  # the new term starts where the first ends
    m = set_mentor_status(store, "kim", "renewed", today=D(2026, 6, 2))
    assert m.term_start == D(2026, 7, 10)  # renewing twice does not shift it again
    m = set_mentor_status(store, "kim", "loosened", today=D(2027, 2, 1))
    assert m.status == "loosened" and m.next_meeting is None


# ------------------------------------------------------- the ends of the calendar

ANY_DATE = st.dates(min_value=dt.date.min, max_value=dt.date.max)
NEAR_THE_END = st.dates(min_value=D(9996, 1, 1), max_value=dt.date.max)
START = st.one_of(ANY_DATE, NEAR_THE_END)


@st.composite
def mentors(draw: st.DrawFn) -> Mentor:
    return Mentor(
        id="a",
        name="Ana Lima",
        term_start=draw(START),
        term_months=draw(st.integers(min_value=1, max_value=36)),
        cadence=draw(st.sampled_from(sorted(CADENCE_DAYS))),
        status=draw(st.sampled_from(["active", "renewed", "loosened", "ended"])),
    )


@given(m=mentors(), today=START, sessions=st.lists(START, max_size=5))
@example(
    m=Mentor(id="a", name="A", term_start=D(9999, 12, 1), status="active", cadence="weekly"),
    today=dt.date.max,
    sessions=[dt.date.max],
)
@settings(max_examples=300)
def test_term_helpers_never_overflow(m, today, sessions):
    """Term end, meeting dates, expected meetings and the term clock, over the whole
    calendar: a term past the year 9999 is cut at 9999-12-31, never an OverflowError."""
    end = m.term_end()
    assert end is not None
    dates = meeting_dates(m)
    assert dates == sorted(set(dates))
    assert all(m.term_start <= d < end for d in dates)
    if m.term_start < end:
        assert dates[0] == m.term_start
    assert len(dates) <= {"monthly": 1, "quarterly": 1}.get(m.cadence, 5) * m.term_months
    clock = term_clock(m, sessions, today)
    assert clock.end == end and 0 <= clock.expected <= len(dates)
    assert clock.held <= len(sessions) and clock.label()
    assert months_between(m.term_start, max(today, m.term_start)) >= 0


@given(
    m=mentors(),
    at=st.one_of(
        st.none(),
        st.builds(dt.time, st.integers(min_value=0, max_value=23), st.integers(0, 59)),
    ),
    minutes=st.integers(min_value=1, max_value=24 * 60),
)
@example(
    m=Mentor(id="a", name="A", term_start=D(9999, 10, 31), term_months=2, cadence="weekly"),
    at=dt.time(23, 59),
    minutes=24 * 60,
)
@example(m=Mentor(id="a", name="A", term_start=D(9999, 10, 31), term_months=2), at=None, minutes=30)
@settings(max_examples=80, deadline=None)
def test_ics_export_never_overflows(m, at, minutes):
    """Every term that fits the calendar exports, down to a review on 9999-12-31 (which
    gets a DURATION, its end being past the last date); one past it is a UsageError."""
    import icalendar

    plan = Plan(mentors=[m])
    try:
        data = term_calendar(plan, m, at=at, minutes=minutes, now=dt.datetime(2026, 1, 1))
    except UsageError as exc:
        assert add_months_exact(m.term_start, m.term_months) is None
        assert "after the year 9999" in exc.message
        return
    assert add_months_exact(m.term_start, m.term_months) is not None
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == len(meeting_dates(m)) + 1
    review, end = events[-1], m.term_end()
    assert end is not None
    begin = end if at is None else dt.datetime.combine(end, at)
    assert review.decoded("dtstart") == begin
    length = dt.timedelta(days=1) if at is None else dt.timedelta(minutes=minutes)
    try:
        fits = bool(begin + length)
    except OverflowError:  # the review's end would be after 9999-12-31
        fits = False
    assert ("DTEND" in review) == fits and ("DURATION" in review) == (not fits)
    if not fits:
        assert review.decoded("duration") == length


def test_terms_past_the_year_9999_are_refused_when_set(tmp_path):
    store = Store(tmp_path)
    with pytest.raises(UsageError, match="would end after the year 9999"):
        add_mentor(store, "Ana Lima", status="active", term_start=D(9999, 12, 1))
    with pytest.raises(UsageError, match="would end after the year 9999"):
        add_mentor(store, "Ana Lima", status="active", today=D(9999, 12, 31))
    assert not (tmp_path / "plan.json").exists()
    add_mentor(store, "Ana Lima", status="active", term_start=D(9999, 6, 30))  # ends 12-30
    with pytest.raises(UsageError, match="would end after the year 9999"):
        set_mentor_status(store, "ana", "renewed", today=D(9999, 7, 1))
    with pytest.raises(UsageError, match="would end after the year 9999"):
        set_mentor_status(store, "ana", "active", term_start=D(9999, 8, 1))
    assert store.load_plan().mentors[0].term_start == D(9999, 6, 30)


def test_a_term_past_the_year_9999_on_file_still_shows_and_can_be_ended(tmp_path):
    """Such a term can only come from a hand-edited plan.json: it is shown cut at
    9999-12-31, and can be ended; exporting it is refused with a clear message."""
    store = Store(tmp_path)
    m = Mentor(id="ana", name="Ana Lima", status="active", term_start=D(9999, 12, 1))
    store.save_plan(Plan(mentors=[m]))
    clock = term_clock(m, [D(9999, 12, 2)], dt.date.max)
    assert (clock.end, clock.held, clock.expected) == (dt.date.max, 1, 1)
    with pytest.raises(UsageError, match="after the year 9999") as info:
        term_calendar(store.load_plan(), m)
    assert "--start" in info.value.hint
    ended = set_mentor_status(store, "ana", "ended", today=dt.date.max)
    assert ended.status == "ended" and ended.term_start == D(9999, 12, 1)
