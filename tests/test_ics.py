"""The .ics export under the calendar rules, checked by parsing it with icalendar."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from prepcoach.errors import UsageError
from prepcoach.ics import local_zone, mentor_calendar
from prepcoach.models import Mentor, Objective, Plan

D = dt.date
NOW = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def mentor(**fields) -> Mentor:
    # Monthly from Saturday 2026-08-01: Aug 1 (Sat), Sep 1 (Tue), Oct 1 (Thu),
    # Nov 1 (Sun), Dec 1 (Tue), 2027-01-01 (Fri); the term ends 2027-02-01.
    base = {"id": "ana", "name": "Ana Lima", "status": "active", "term_start": D(2026, 8, 1)}
    return Mentor.model_validate(base | fields)


def events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def meetings(data: bytes) -> list[icalendar.Event]:
    return [e for e in events(data) if "review" not in str(e["SUMMARY"])]


def day_of(e: icalendar.Event) -> dt.date:
    start = e.start
    return start.date() if isinstance(start, dt.datetime) else start


def test_weekend_meetings_move_to_the_nearest_weekday_and_say_so():
    data = mentor_calendar(Plan(), mentor(), today=D(2026, 1, 1), now=NOW)
    got = meetings(data)
    assert [day_of(e) for e in got] == [
        D(2026, 8, 3),  # Sat Aug 1 cannot go back before the term: to Monday
        D(2026, 9, 1), D(2026, 10, 1),
        D(2026, 11, 2),  # Sunday -> Monday
        D(2026, 12, 1), D(2027, 1, 1),
    ]  # fmt: skip
    assert all(day_of(e).weekday() < 5 for e in got)
    assert "Moved from Sunday 2026-11-01 (a weekend) to Monday 2026-11-02" in str(
        got[3]["DESCRIPTION"]
    )
    assert "Moved" not in str(got[1]["DESCRIPTION"])


def test_a_saturday_moves_back_to_the_friday():
    sat = mentor(term_start=D(2026, 8, 8), cadence="weekly")  # a Saturday, weekly
    got = [day_of(e) for e in meetings(mentor_calendar(Plan(), sat, today=D(2026, 1, 1)))]
    assert got[0] == D(2026, 8, 10)  # the first cannot precede the term start
    assert got[1] == D(2026, 8, 14)  # Sat 15th -> Fri 14th
    assert all(d.weekday() < 5 for d in got)


def test_past_meetings_are_left_out_unless_all():
    data = mentor_calendar(Plan(), mentor(), today=D(2026, 11, 3), now=NOW)
    assert [day_of(e) for e in meetings(data)] == [D(2026, 12, 1), D(2027, 1, 1)]
    assert any("review" in str(e["SUMMARY"]) for e in events(data))
    everything = mentor_calendar(Plan(), mentor(), today=D(2026, 11, 3), include_past=True)
    assert len(meetings(everything)) == 6
    over = mentor_calendar(Plan(), mentor(), today=D(2027, 3, 1))
    assert events(over) == []  # the term and its review are past


def test_times_carry_the_users_time_zone():
    data = mentor_calendar(
        Plan(), mentor(), today=D(2026, 11, 3), at=dt.time(9, 30), minutes=45, tz="Europe/Berlin"
    )
    assert b"DTSTART;TZID=Europe/Berlin:20261201T093000" in data
    assert b"BEGIN:VTIMEZONE" in data and b"TZID:Europe/Berlin" in data
    first = meetings(data)[0]
    assert first.start == dt.datetime(2026, 12, 1, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert first.end - first.start == dt.timedelta(minutes=45)


def test_the_system_zone_is_used_by_default(monkeypatch):
    import tzlocal

    monkeypatch.setattr(tzlocal, "get_localzone_name", lambda: "America/New_York")
    assert local_zone() == "America/New_York"
    data = mentor_calendar(Plan(), mentor(), today=D(2026, 11, 3), at=dt.time(8, 0))
    assert b"DTSTART;TZID=America/New_York:20261201T080000" in data


def test_the_booked_meeting_is_used_as_it_is():
    m = mentor(
        next_meeting=D(2026, 12, 5),  # a Saturday, booked: kept as booked
        next_meeting_time=dt.time(16, 0),
        next_meeting_minutes=60,
    )
    plan = Plan(
        mentors=[m],
        objectives=[Objective(id="o", title="Own it", support_area="scope", mentors=["ana"])],
    )
    data = mentor_calendar(plan, m, today=D(2026, 11, 3), tz="Europe/Lisbon")
    got = meetings(data)
    assert [day_of(e) for e in got] == [D(2026, 12, 5), D(2027, 1, 1)]  # it replaces Dec 1
    booked = got[0]
    assert booked.start == dt.datetime(2026, 12, 5, 16, 0, tzinfo=ZoneInfo("Europe/Lisbon"))
    assert booked.end - booked.start == dt.timedelta(minutes=60)
    assert "booked meeting" in str(booked["SUMMARY"]) and "Own it" in str(booked["DESCRIPTION"])
    assert got[1].start == D(2027, 1, 1)  # no time given: all day


def test_a_booked_meeting_without_a_term_exports_alone():
    m = Mentor(id="el", name="Elena", status="asked", next_meeting=D(2026, 11, 20))
    got = events(mentor_calendar(Plan(), m, today=D(2026, 11, 3)))
    assert [day_of(e) for e in got] == [D(2026, 11, 20)]
    with pytest.raises(UsageError, match="no term start"):
        mentor_calendar(Plan(), Mentor(id="x", name="X"), today=D(2026, 11, 3))


def test_a_stopped_term_has_no_meetings_after_it_stopped():
    m = mentor(status="loosened", term_ended=D(2026, 10, 15))
    got = meetings(mentor_calendar(Plan(), m, today=D(2026, 1, 1)))
    assert [day_of(e) for e in got] == [D(2026, 8, 3), D(2026, 9, 1), D(2026, 10, 1)]


def test_bad_lengths_and_zones_are_usage_errors():
    with pytest.raises(UsageError, match="greater than zero"):
        mentor_calendar(Plan(), mentor(), minutes=0)
    with pytest.raises(UsageError, match="unknown time zone"):
        mentor_calendar(Plan(), mentor(), at=dt.time(9), tz="Mars/Olympus")


def test_an_unknown_system_zone_leaves_times_floating(monkeypatch):
    import tzlocal

    monkeypatch.setattr(tzlocal, "get_localzone_name", lambda: "Nowhere/Atlantis")
    assert local_zone() is None
    data = mentor_calendar(Plan(), mentor(), today=D(2026, 11, 3), at=dt.time(8, 0))
    assert b"DTSTART:20261201T080000" in data and b"TZID" not in data


@pytest.mark.parametrize(
    ("title", "organisation", "who"),
    [
        ("VP", "", "with Ana Lima (VP), monthly"),
        ("", "Corvid", "with Ana Lima (Corvid), monthly"),
        ("VP", "Corvid", "with Ana Lima (VP, Corvid), monthly"),
        ("", "", "with Ana Lima, monthly"),
        ("  ", " ", "with Ana Lima, monthly"),
    ],
)
def test_the_description_names_only_the_parts_known(title, organisation, who):
    m = mentor(title=title, organisation=organisation)
    got = meetings(mentor_calendar(Plan(mentors=[m]), m, today=D(2026, 11, 3), now=NOW))
    assert got
    for e in got:
        text = str(e["DESCRIPTION"])
        assert who in text, text
        assert ", )" not in text and "()" not in text and "(, " not in text
