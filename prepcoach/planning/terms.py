"""The term clock: planned meeting dates, where a term stands, and its label.

A term runs ``term_months`` from ``term_start``; a term loosened or ended early stops on
``term_ended``. Labels are always coherent: an ended or loosened term names the day it
ended, which is never in the future.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from prepcoach.errors import UsageError
from prepcoach.models import CADENCE_DAYS, Mentor, Plan, add_months, add_months_exact
from prepcoach.planning.common import IN_TERM_STATUSES, STOPPED_STATUSES


def meeting_dates(mentor: Mentor, start: dt.date | None = None) -> list[dt.date]:
    """Planned meeting dates of the term, per the mentor's cadence, from the term start
    (or ``start``) up to, not including, the term end."""
    first = start or mentor.term_start
    if first is None:
        return []
    end = add_months(first, mentor.term_months)  # date.max for a term past the year 9999
    span = (end - first).days
    dates: list[dt.date] = []
    k = 0
    while True:
        if mentor.cadence == "monthly":
            d = add_months(first, k)
        elif mentor.cadence == "quarterly":
            d = add_months(first, 3 * k)
        else:
            offset = CADENCE_DAYS[mentor.cadence] * k
            if offset >= span:  # (checked first: first + offset may not exist)
                return dates
            d = first + dt.timedelta(days=offset)
        if d >= end:
            return dates
        dates.append(d)
        k += 1


def check_term_fits(
    start: dt.date | None, months: int, *, hint: str = "Choose an earlier term start."
) -> None:
    """Refuse (UsageError) a term that would end after the last date there is (9999-12-31):
    its end, and every meeting date past it, could only be guessed."""
    if start is not None and add_months_exact(start, months) is None:
        raise UsageError(
            f"a {months}-month term starting {start.isoformat()} would end after the year 9999.",
            hint=hint,
        )


def stopped_on(mentor: Mentor) -> dt.date | None:
    """The day a loosened or ended mentor's term stopped: ``term_ended``, else the day of
    the last move to that status on record, else the term's natural end; None when not
    stopped or not known."""
    if mentor.status not in STOPPED_STATUSES:
        return None
    if mentor.term_ended is not None:
        return mentor.term_ended
    moves = [c.on for c in mentor.status_history if c.status == mentor.status]
    if moves:
        return moves[-1]
    return mentor.term_end()


def term_label(mentor: Mentor, today: dt.date) -> str:
    """'3 of 6', 'starts 2026-05-01', 'ended 2026-04-01', 'loosened 2026-04-01',
    'ends today (2026-04-01)' on its last day, 'over (ended 2026-04-01)' for a finished
    term still marked active, or '-'."""
    if mentor.status in STOPPED_STATUSES:
        day = stopped_on(mentor)
        if day is None or day > today:  # the day is not on record: say no date
            return mentor.status
        return f"{mentor.status} {day.isoformat()}"
    start = mentor.term_start
    if start is None or mentor.status not in IN_TERM_STATUSES:
        return "-"
    if today < start:
        return f"starts {start.isoformat()}"
    end = add_months(start, mentor.term_months)
    if today == end:  # its last day: over from tomorrow
        return f"ends today ({end.isoformat()})"
    if today > end:
        return f"over (ended {end.isoformat()})"
    return f"{min(months_between(start, today) + 1, mentor.term_months)} of {mentor.term_months}"


def term_finished_but_active(mentor: Mentor, today: dt.date) -> bool:
    """Whether the mentor's term has run its months while the status still says active
    or renewed (the user should renew, loosen or end it)."""
    if mentor.status not in IN_TERM_STATUSES or mentor.term_start is None:
        return False
    return today >= add_months(mentor.term_start, mentor.term_months)


def finished_terms(plan: Plan, today: dt.date) -> list[Mentor]:
    """Mentors whose term is over but whose status is still active or renewed."""
    return [m for m in plan.mentors if term_finished_but_active(m, today)]


def finished_term_message(mentor: Mentor, today: dt.date) -> str:
    """What the dashboard and `mentors list` say about a finished term still active (on
    its last day: that it ends today)."""
    end = mentor.term_end()
    if end == today:
        ended = f"term ends today ({end.isoformat()})"
    else:
        ended = f"term ended on {end.isoformat()}" if end else "term ended"
    return (
        f"{mentor.name}'s {ended} but the status is still {mentor.status}: "
        f'renew, loosen or end it (`prepcoach mentors status "{mentor.name}" renewed`).'
    )


@dataclass(frozen=True)
class TermClock:
    """Where a mentor's current term stands on ``today``."""

    start: dt.date | None
    end: dt.date | None
    months: int
    month: int | None  # 1-based month of the term; 0 before it starts; None without a term
    over: bool
    held: int  # sessions dated within the term, up to today
    expected: int  # planned meetings (cadence) due by today
    total_sessions: int
    last_session: dt.date | None
    text: str = "-"  # the term label (see ``term_label``)

    def label(self) -> str:
        """'3 of 6', 'starts 2026-05-01', 'ended 2026-04-01', 'over (ended ...)' or '-'."""
        return self.text


def months_between(start: dt.date, today: dt.date) -> int:
    """Whole calendar months from ``start`` to ``today`` (0 in the first month)."""
    n = (today.year - start.year) * 12 + today.month - start.month
    if today.day < start.day and add_months(start, n) > today:
        n -= 1
    return n


def term_clock(mentor: Mentor, session_dates: Iterable[dt.date], today: dt.date) -> TermClock:
    dates = sorted(session_dates)
    last = max((d for d in dates if d <= today), default=None)
    start = mentor.term_start if mentor.status not in ("prospect", "asked") else None
    label = term_label(mentor, today)
    if start is None:
        return TermClock(None, None, mentor.term_months, None, False, 0, 0, len(dates), last, label)
    natural_end = add_months(start, mentor.term_months)
    stopped = stopped_on(mentor)
    end = min(stopped, natural_end) if stopped is not None else natural_end
    # Meetings count up to today, and up to and including the day a term was stopped.
    upto = min(today, stopped) if stopped is not None else today
    month = 0 if today < start else min(months_between(start, today) + 1, mentor.term_months)
    over = today >= natural_end or mentor.status in STOPPED_STATUSES
    held = sum(1 for d in dates if start <= d < natural_end and d <= upto)
    expected = sum(1 for d in meeting_dates(mentor) if d <= upto)
    return TermClock(
        start, end, mentor.term_months, month, over, held, expected, len(dates), last, label
    )
