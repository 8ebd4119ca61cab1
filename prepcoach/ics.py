"""iCalendar export of a mentor's meetings: the term's planned meetings plus the
end-of-term review.

``mentor_calendar`` follows the calendar rules: meetings on working days (a weekend date
moves to the nearest weekday, said in the event), the booked next meeting used as it is,
times in the user's time zone (a TZID from the system's IANA zone, via ``tzlocal``), and
meetings already past left out unless ``include_past``. ``term_calendar`` is the plain
cadence export (every date as the cadence gives it, floating times).

``icalendar`` and ``tzlocal`` are imported only when an export is made. Event UIDs are
stable (mentor id + kind + date), so importing an updated export again updates the
events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from prepcoach.errors import UsageError
from prepcoach.models import CADENCE_DAYS, Mentor, Plan
from prepcoach.planning import (
    STOPPED_STATUSES,
    check_term_fits,
    meeting_dates,
    nearest_weekday,
    stopped_on,
    weekend_note,
)
from prepcoach.vocab import DEFAULT_MEETING_MINUTES

PRODID = "-//prepcoach//mentor term calendar//EN"
MAX_MINUTES = 24 * 60


@dataclass(frozen=True)
class Meeting:
    """One meeting to put in the calendar."""

    day: dt.date
    at: dt.time | None
    minutes: int
    note: str = ""  # said in the event's description (e.g. a weekend move)
    booked: bool = False


def local_zone() -> str | None:
    """The system's IANA time zone name ("Europe/Berlin"), or None when unknown (then
    times stay floating: the calendar app shows them in its own zone)."""
    from zoneinfo import ZoneInfo

    try:
        import tzlocal

        name = tzlocal.get_localzone_name()
        if name:
            ZoneInfo(name)
    except Exception:  # any failure to read or resolve the zone
        return None
    return name or None


def _check_minutes(minutes: int) -> None:
    if minutes <= 0:
        raise UsageError("the meeting length must be greater than zero minutes.")
    if minutes > MAX_MINUTES:
        raise UsageError(
            f"a meeting of {minutes} minutes is longer than a day.",
            hint=f"Pass --minutes {MAX_MINUTES} or less.",
        )


def _no_term(mentor: Mentor) -> UsageError:
    return UsageError(
        f"{mentor.name} has no term start yet (status {mentor.status}).",
        hint=(
            "Pass --start DATE, or start the term with "
            f'`prepcoach mentors status "{mentor.name}" active`.'
        ),
    )


def term_calendar(
    plan: Plan,
    mentor: Mentor,
    *,
    start: dt.date | None = None,
    at: dt.time | None = None,
    minutes: int = 30,
    now: dt.datetime | None = None,
) -> bytes:
    """Every meeting of the term as the cadence gives it and the end-of-term review.

    ``start`` overrides the mentor's term start (to plan a term not begun yet). Without
    ``at`` the events are all-day (the plan knows dates, not times); with it they are
    ``minutes`` long, in floating local time.
    """
    first = start or mentor.term_start
    if first is None:
        raise _no_term(mentor)
    _check_minutes(minutes)
    check_term_fits(
        first, mentor.term_months, hint="Pass an earlier --start DATE to plan the term."
    )
    meetings = [Meeting(d, at, minutes) for d in meeting_dates(mentor, first)]
    return _render(
        plan, mentor, first, meetings, tz=None, now=now, review=Meeting(first, at, minutes)
    )


def mentor_calendar(
    plan: Plan,
    mentor: Mentor,
    *,
    today: dt.date | None = None,
    include_past: bool = False,
    start: dt.date | None = None,
    at: dt.time | None = None,
    minutes: int | None = None,
    tz: str | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """The mentor's meetings under the calendar rules (see the module docstring).

    The booked next meeting (``Mentor.next_meeting`` with its time and length) takes
    the place of the cadence meeting nearest to it. ``at`` and ``minutes`` apply to the
    other meetings; ``tz`` overrides the system's zone. A loosened or ended term has no
    meetings after the day it stopped.
    """
    day = today or dt.date.today()
    length = minutes if minutes is not None else DEFAULT_MEETING_MINUTES
    _check_minutes(length)
    first = start or mentor.term_start
    booked = mentor.next_meeting
    if first is None and booked is None:
        raise _no_term(mentor)
    meetings: list[Meeting] = []
    if first is not None:
        check_term_fits(
            first, mentor.term_months, hint="Pass an earlier --start DATE to plan the term."
        )
        stop = stopped_on(mentor) if mentor.status in STOPPED_STATUSES else None
        for d in meeting_dates(mentor, first):
            moved = nearest_weekday(d, not_before=first)
            if stop is None or moved <= stop:
                meetings.append(Meeting(moved, at, length, weekend_note(d, moved)))
    if booked is not None:
        meetings = _with_booked(meetings, mentor, booked, at, length)
    if not include_past:
        meetings = [m for m in meetings if m.day >= day]
    zone = tz if tz is not None else local_zone()
    # The end-of-term review is a reminder for the day: all-day, unless already past.
    show = first is not None and (include_past or (mentor.term_end() or day) >= day)
    return _render(
        plan,
        mentor,
        first or booked or day,
        meetings,
        tz=zone,
        now=now,
        review=Meeting(day, None, 0) if show else None,
    )


def _with_booked(
    meetings: list[Meeting], mentor: Mentor, booked: dt.date, at: dt.time | None, length: int
) -> list[Meeting]:
    """``meetings`` with the booked one in place of the cadence meeting nearest to it
    (within half the cadence interval), or added."""
    half = CADENCE_DAYS[mentor.cadence] // 2
    near = [m for m in meetings if abs((m.day - booked).days) <= half]
    drop = min(near, key=lambda m: abs((m.day - booked).days)) if near else None
    kept = [m for m in meetings if m is not drop]
    when = mentor.next_meeting_time or at
    kept.append(Meeting(booked, when, mentor.next_meeting_minutes or length, booked=True))
    return sorted(kept, key=lambda m: m.day)


def _render(
    plan: Plan,
    mentor: Mentor,
    first: dt.date,
    meetings: list[Meeting],
    *,
    tz: str | None,
    now: dt.datetime | None,
    review: Meeting | None,
) -> bytes:
    """The .ics document; ``review`` gives the end-of-term review's time and length
    (its day is the term's end), None for no review event."""
    import icalendar
    from icalendar.enums import TRANSP

    zone: dt.tzinfo | None = None
    if tz is not None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            zone = ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise UsageError(f'unknown time zone "{tz}".', hint="Use an IANA name.") from None
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    term_end = mentor.model_copy(update={"term_start": first}).term_end() or first

    objectives = [o for o in plan.objectives_for(mentor.id) if o.status == "open"]
    goals = "".join(
        f"\n- {o.title}" + (f" (done when: {o.done_when})" if o.done_when else "")
        for o in objectives
    )
    goals_text = f"\n\nObjectives with {mentor.name}:{goals}" if goals else ""

    cal = icalendar.Calendar.new(
        prodid=PRODID,
        uid=f"{mentor.id}-term-{first.isoformat()}@prepcoach",
        name=f"{mentor.name}: term {first.isoformat()} to {term_end.isoformat()}",
    )

    def add_event(kind: str, m: Meeting, what: str, description: str) -> None:
        """An event for ``m`` (all-day without a time), its uid from the mentor, ``kind``
        and day. Where its end would fall after the last date there is (9999-12-31) it
        gets a DURATION instead of an end."""
        length = dt.timedelta(days=1) if m.at is None else dt.timedelta(minutes=m.minutes)
        begin: dt.date | dt.datetime = (
            m.day if m.at is None else dt.datetime.combine(m.day, m.at, tzinfo=zone)
        )
        try:
            end: dt.date | dt.datetime | None = begin + length
        except OverflowError:
            end = None
        ev = icalendar.Event.new(
            start=begin,
            end=end,
            transparency=TRANSP.OPAQUE if m.at is not None else TRANSP.TRANSPARENT,
            uid=f"{mentor.id}-{kind}-{m.day.isoformat()}@prepcoach",
            stamp=stamp,
            summary=f"{mentor.name}: {what}",
            description=description,
        )
        if end is None:
            ev.add("duration", length)
        cal.add_component(ev)

    known = [x.strip() for x in (mentor.title, mentor.organisation) if x.strip()]
    who = mentor.name + (f" ({', '.join(known)})" if known else "")
    total = len(meetings)
    for n, m in enumerate(meetings, 1):
        what = "booked meeting" if m.booked else f"meeting {n} of {total}"
        note = f"\n\n{m.note}" if m.note else ""
        intro = f"{what.capitalize()} with {who}, {mentor.cadence} cadence.{note}"
        then = f'The day before: prepcoach agenda --mentor "{mentor.name}"'
        add_event("meeting", m, what, f"{intro}{goals_text}\n\n{then}")
    if review is not None:
        question = (
            f"The {mentor.term_months}-month term with {mentor.name} ends. "
            "Continue, renew, loosen or move on?"
        )
        then = f'prepcoach review --mentor "{mentor.name}"'
        at_end = replace(review, day=term_end)
        add_event("review", at_end, "end-of-term review", f"{question}{goals_text}\n\n{then}")
    if zone is not None:
        cal.add_missing_timezones()
    return cal.to_ical()
