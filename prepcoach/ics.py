"""iCalendar export of a mentor's term: the planned meetings plus the end-of-term review.

Uses the ``icalendar`` library, imported only when an export is made. Event UIDs are
stable (mentor id + kind + date), so importing an updated export again updates the
events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from prepcoach.errors import UsageError
from prepcoach.models import Mentor, Plan
from prepcoach.planning import check_term_fits, meeting_dates

PRODID = "-//prepcoach//mentor term calendar//EN"
MAX_MINUTES = 24 * 60


def term_calendar(
    plan: Plan,
    mentor: Mentor,
    *,
    start: dt.date | None = None,
    at: dt.time | None = None,
    minutes: int = 30,
    now: dt.datetime | None = None,
) -> bytes:
    """The term's meetings (per cadence) and an end-of-term review as an .ics document.

    ``start`` overrides the mentor's term start (to plan a term not begun yet). Without
    ``at`` the events are all-day (the plan knows dates, not times); with it they are
    ``minutes`` long, in floating local time.
    """
    import icalendar
    from icalendar.enums import TRANSP

    first = start or mentor.term_start
    if first is None:
        raise UsageError(
            f"{mentor.name} has no term start yet (status {mentor.status}).",
            hint=(
                "Pass --start DATE, or start the term with "
                f'`prepcoach mentors status "{mentor.name}" active`.'
            ),
        )
    if minutes <= 0:
        raise UsageError("the meeting length must be greater than zero minutes.")
    if minutes > MAX_MINUTES:
        raise UsageError(
            f"a meeting of {minutes} minutes is longer than a day.",
            hint=f"Pass --minutes {MAX_MINUTES} or less.",
        )
    check_term_fits(
        first, mentor.term_months, hint="Pass an earlier --start DATE to plan the term."
    )
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    dates = meeting_dates(mentor, first)
    end = dates[-1] if dates else first
    term_end = mentor.model_copy(update={"term_start": first}).term_end() or end

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

    # All-day events last a day; with a time, ``minutes``.
    length = dt.timedelta(days=1) if at is None else dt.timedelta(minutes=minutes)

    def event(day: dt.date, **fields: Any) -> Any:
        """An event on ``day``. Where its end would fall after the last date there is
        (9999-12-31) it gets a DURATION instead of an end."""
        begin: dt.date | dt.datetime = day if at is None else dt.datetime.combine(day, at)
        try:
            end: dt.date | dt.datetime | None = begin + length
        except OverflowError:
            end = None
        ev = icalendar.Event.new(start=begin, end=end, **fields)
        if end is None:
            ev.add("duration", length)
        return ev

    who = mentor.name + (f" ({mentor.title}, {mentor.organisation})" if mentor.title else "")
    for n, day in enumerate(dates, 1):
        cal.add_component(
            event(
                day,
                uid=f"{mentor.id}-meeting-{day.isoformat()}@prepcoach",
                stamp=stamp,
                summary=f"{mentor.name}: meeting {n} of {len(dates)}",
                description=(
                    f"Meeting {n} of {len(dates)} with {who}, {mentor.cadence} cadence."
                    f"{goals_text}\n\nThe day before: "
                    f'prepcoach agenda --mentor "{mentor.name}"'
                ),
                transparency=TRANSP.OPAQUE if at is not None else TRANSP.TRANSPARENT,
            )
        )
    cal.add_component(
        event(
            term_end,
            uid=f"{mentor.id}-review-{term_end.isoformat()}@prepcoach",
            stamp=stamp,
            summary=f"{mentor.name}: end-of-term review",
            description=(
                f"The {mentor.term_months}-month term with {mentor.name} ends. "
                "Continue, renew, loosen or move on?"
                f'{goals_text}\n\nprepcoach review --mentor "{mentor.name}"'
            ),
            transparency=TRANSP.TRANSPARENT,
        )
    )
    return cal.to_ical()
