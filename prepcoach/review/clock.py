"""The term clock, meetings held vs expected, and drift: the numbers a review is built on.

- Term: ``term_start`` + ``term_months`` calendar months. Month n of N counts calendar
  months since the start (the start day is month 1), capped at N; None before the start
  or without a start.
- Meetings expected so far: one at the start and one per cadence interval since
  (monthly/quarterly by calendar months), counted up to today or the term end, at most
  the number the term holds.
- Meetings held: sessions dated from the term start to today (all sessions up to today
  when there is no term).
- Drift: the number of most recent consecutive sessions with no objective progress
  (no ``objective_progress`` entry with ``progressed``) and no new action items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from prepcoach.models import Mentor, Session, add_months
from prepcoach.vocab import CADENCE_DAYS

DRIFT_LIMIT = 3  # consecutive sessions without progress that mean "coffee talk"


def _months_elapsed(start: dt.date, today: dt.date) -> int:
    """Whole calendar months from ``start`` to ``today`` (0 in the first month)."""
    k = (today.year - start.year) * 12 + today.month - start.month
    while k > 0 and add_months(start, k) > today:
        k -= 1
    return max(0, k)


def term_month(mentor: Mentor, today: dt.date) -> tuple[int, int] | None:
    """``(n, N)``: today falls in month n of an N-month term (n capped at N).

    None when the mentor has no term start or the term has not started yet."""
    if mentor.term_start is None or today < mentor.term_start:
        return None
    n = _months_elapsed(mentor.term_start, today) + 1
    return min(n, mentor.term_months), mentor.term_months


def term_ended(mentor: Mentor, today: dt.date) -> bool:
    """True on and after the term's end day."""
    end = mentor.term_end()
    return end is not None and today >= end


def _slots(mentor: Mentor, start: dt.date, until: dt.date) -> int:
    """Meetings the cadence puts in [start, until] (one at the start)."""
    if until < start:
        return 0
    if mentor.cadence == "monthly":
        return _months_elapsed(start, until) + 1
    if mentor.cadence == "quarterly":
        return _months_elapsed(start, until) // 3 + 1
    return (until - start).days // CADENCE_DAYS[mentor.cadence] + 1


def meetings_expected(mentor: Mentor, today: dt.date) -> int:
    """Meetings the cadence expects from the term start up to today (or the term end).

    0 without a term start or before it. Capped at what the whole term holds."""
    start = mentor.term_start
    end = mentor.term_end()
    if start is None or end is None or today < start:
        return 0
    last_day = end - dt.timedelta(days=1)
    return min(_slots(mentor, start, min(today, last_day)), _slots(mentor, start, last_day))


def meetings_held(mentor: Mentor, history: Iterable[Session], today: dt.date) -> int:
    """Sessions with this mentor from the term start (if any) up to today."""
    ids = {mentor.id, mentor.name}
    start = mentor.term_start
    return sum(
        1
        for s in history
        if s.mentor in ids and s.date <= today and (start is None or s.date >= start)
    )


def _no_progress(s: Session) -> bool:
    return not any(p.progressed for p in s.objective_progress) and not s.action_items


def drift_sessions(history: Iterable[Session], today: dt.date) -> int:
    """How many of the most recent sessions (up to today), in a row, had no objective
    progress and no new action items."""
    ordered = sorted((s for s in history if s.date <= today), key=lambda s: (s.date, s.id))
    n = 0
    for s in reversed(ordered):
        if not _no_progress(s):
            break
        n += 1
    return n
