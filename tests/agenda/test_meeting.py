"""The meeting: length bounds, the next meeting's date, the close and the term's end."""

from __future__ import annotations

import datetime as dt

from agenda.helpers import MENTOR, OBJECTIVES, TODAY, inp, model_agenda
from prepcoach.agenda import (
    AgendaInput,
    agenda_markdown,
    check_agenda,
    close_item,
    next_meeting_date,
    normalise_agenda,
    proposed_next_meeting,
    working_day,
)
from prepcoach.models import Mentor


def test_next_meeting_date_by_cadence() -> None:
    # monthly: a month after the booked meeting; 2027-01-01 is New Year's Day (a Friday),
    # so the next working day, Monday 2027-01-04
    assert next_meeting_date(MENTOR, TODAY) == dt.date(2027, 1, 4)
    past = MENTOR.model_copy(update={"next_meeting": dt.date(2026, 11, 1), "cadence": "biweekly"})
    assert next_meeting_date(past, TODAY) == dt.date(2026, 12, 8)
    sat = MENTOR.model_copy(update={"next_meeting": dt.date(2026, 12, 5)})
    assert next_meeting_date(sat, TODAY).weekday() < 5


def test_no_meeting_on_new_years_day_or_christmas() -> None:
    assert working_day(dt.date(2027, 1, 1)) == dt.date(2027, 1, 4)  # Fri holiday -> Mon
    assert working_day(dt.date(2026, 12, 25)) == dt.date(2026, 12, 28)  # Fri -> Mon
    assert working_day(dt.date(2031, 12, 25)) == dt.date(2031, 12, 26)  # Thu -> Fri
    assert working_day(dt.date(2026, 12, 24)) == dt.date(2026, 12, 24)
    xmas = Mentor(id="x", name="X Y", next_meeting=dt.date(2030, 11, 25), status="active")
    assert next_meeting_date(xmas, dt.date(2030, 11, 1)) == dt.date(2030, 12, 26)


def test_close_does_not_propose_a_date_after_the_term_ends() -> None:
    # Priya: term 2026-06-02 + 6 months = 2026-12-02; by cadence the next meeting would
    # be 2027-01-04, after the term: no date; with no checkpoint recommendation the close
    # is neutral about what comes after the term.
    assert MENTOR.term_end() == dt.date(2026, 12, 2)
    assert proposed_next_meeting(MENTOR, TODAY) is None
    i = inp(["How do I hand the migration program to Tomás?"])
    close = close_item(i, None)
    assert "The term ends on 2026-12-02" in close.detail
    assert "what comes next" in close.detail and "renew or loosen" not in close.detail
    assert "2027" not in close.detail and "confirm the next meeting" not in close.detail

    fixed = normalise_agenda(model_agenda([]), i)
    assert fixed.next_meeting is None
    closes = [it for it in fixed.items if it.kind == "close"]
    assert len(closes) == 1 and "The term ends on 2026-12-02" in closes[0].detail
    md = agenda_markdown(fixed, MENTOR, OBJECTIVES)
    assert "2027" not in md and "Next meeting:" not in md
    assert check_agenda(fixed, i) == []

    # a model proposing a date past the term does not get it through either
    late = model_agenda([]).model_copy(update={"next_meeting": dt.date(2027, 1, 4)})
    assert normalise_agenda(late, i).next_meeting is None


def test_close_proposes_a_date_within_the_term() -> None:
    early = MENTOR.model_copy(update={"next_meeting": dt.date(2026, 9, 1)})
    when = dt.date(2026, 8, 20)
    nxt = proposed_next_meeting(early, when)
    assert nxt == dt.date(2026, 10, 1)
    i = AgendaInput(
        mentor=early,
        objectives=OBJECTIVES,
        history=[],
        accomplishments=[],
        questions=["Q one two three?"],
        minutes=30,
        today=when,
    )
    close = close_item(i, nxt)
    assert "confirm the next meeting: Thu 2026-10-01" in close.detail
    assert "term ends" not in close.detail
    # the last meeting on the term's last day still names the end
    last = MENTOR.model_copy(update={"next_meeting": dt.date(2026, 11, 2)})
    assert proposed_next_meeting(last, dt.date(2026, 10, 20)) == dt.date(2026, 12, 2)
    i2 = AgendaInput(last, OBJECTIVES, [], [], ["Q?"], 30, dt.date(2026, 10, 20))
    assert "The term ends on 2026-12-02" in close_item(i2, dt.date(2026, 12, 2)).detail


def test_meeting_length_bounds() -> None:
    import pytest

    from prepcoach.agenda import (
        DEFAULT_MEETING_MINUTES,
        MAX_MEETING_MINUTES,
        MIN_MEETING_MINUTES,
        check_meeting_minutes,
    )
    from prepcoach.errors import UsageError

    assert (MIN_MEETING_MINUTES, DEFAULT_MEETING_MINUTES, MAX_MEETING_MINUTES) == (10, 45, 240)
    for ok in (10, 45, 240):
        check_meeting_minutes(ok)
    for bad in (0, 1, 9, 241, 600):
        with pytest.raises(UsageError) as exc:
            check_meeting_minutes(bad)
        assert "10 to 240 minutes" in exc.value.message and exc.value.exit_code == 2
    with pytest.raises(UsageError) as exc:
        check_meeting_minutes(1)
    assert "a meeting of 1 minute is" in exc.value.message


def test_next_meeting_date_never_overflows_at_the_end_of_the_calendar() -> None:
    import datetime as _dt

    from prepcoach.agenda import next_meeting_date
    from prepcoach.models import Mentor

    for cadence in ("weekly", "biweekly", "monthly", "quarterly"):
        m = Mentor(id="a", name="A", cadence=cadence)
        for today in (_dt.date(9999, 12, 25), _dt.date.max):
            assert next_meeting_date(m, today) <= _dt.date.max


def test_no_next_meeting_is_proposed_without_regular_meetings() -> None:
    import datetime as _dt

    from prepcoach.agenda import proposed_next_meeting
    from prepcoach.models import Mentor

    today = _dt.date(2026, 11, 24)
    for status in ("prospect", "asked", "loosened", "ended"):
        assert proposed_next_meeting(Mentor(id="a", name="A", status=status), today) is None
    active = Mentor(id="a", name="A", status="active", next_meeting=_dt.date(2026, 12, 1))
    nxt = proposed_next_meeting(active, today)
    assert nxt is not None and nxt > _dt.date(2026, 12, 1)
