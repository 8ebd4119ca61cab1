"""The term clock and meetings held vs expected: the numbers a review is built on, with
drift (defined in ``prepcoach.planning.drift``, summarised here).

- Term: ``term_start`` + ``term_months`` calendar months. Month n of N counts calendar
  months since the start (the start day is month 1), capped at N; None before the start
  or without a start.
- Meetings expected so far: one at the start and one per cadence interval since
  (monthly/quarterly by calendar months), counted up to today or the term end, at most
  the number the term holds.
- Meetings held: held sessions (``prepcoach.planning.is_held``: the date has passed or
  the meeting was captured) dated from the term start on. A planned prep counts nowhere.
- Drift (``drift``): among the last ``DRIFT_WINDOW`` held sessions, those with no
  objective progress (no ``objective_progress`` entry with ``progressed``) and no new
  action items; drifting when at least ``DRIFT_MIN`` of them are, stalled when the last
  ``DRIFT_LIMIT`` or more in a row are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from prepcoach.models import Mentor, add_months
from prepcoach.planning import stopped_on
from prepcoach.planning.drift import mentor_sessions
from prepcoach.planning.facts import SessionFacts
from prepcoach.vocab import CADENCE_DAYS


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
    """True on and after the term's end day, and for a loosened or ended mentor."""
    if stopped_on(mentor) is not None:
        return True
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
    stopped = stopped_on(mentor)
    if stopped is not None and start < stopped < end:
        end = stopped  # a term loosened or ended early expects nothing after that day
    last_day = end - dt.timedelta(days=1)
    return min(_slots(mentor, start, min(today, last_day)), _slots(mentor, start, last_day))


def meetings_held(mentor: Mentor, history: Iterable[SessionFacts], today: dt.date) -> int:
    """Held sessions with this mentor from the term start (if any) on."""
    start = mentor.term_start
    return sum(
        1 for s in mentor_sessions(mentor, history, today) if start is None or s.date >= start
    )
