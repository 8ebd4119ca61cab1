"""The mentor lifecycle: which status may follow which, and moving a mentor along it.

    prospect -> asked -> active -> renewed (a new term) / loosened / ended

A prospect may also become active directly (they agreed in person, no written ask) or be
ended (not asked after all); an ask may be declined (ended). Loosened or ended mentors
may be re-activated only as a new term, starting on the given day or today. Any other
jump is refused naming the allowed next states; ``force`` makes it anyway, and every
move is kept in the mentor's ``status_history`` (forced ones marked).
"""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError

from prepcoach.errors import UsageError
from prepcoach.lookup import find_mentor
from prepcoach.models import MENTOR_STATUSES, Mentor, Plan, StatusChange, add_months
from prepcoach.planning.common import IN_TERM_STATUSES, STOPPED_STATUSES, invalid_input
from prepcoach.planning.terms import check_term_fits, stopped_on
from prepcoach.store import Store

# status -> the statuses it may move to (the only source of the lifecycle rules).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "prospect": ("asked", "active", "ended"),
    "asked": ("active", "ended"),
    "active": ("renewed", "loosened", "ended"),
    "renewed": ("renewed", "loosened", "ended"),
    "loosened": ("active", "ended"),
    "ended": ("active",),
}
# Moves that start a new term (the old one, if any, is kept in the history).
NEW_TERM_MOVES: frozenset[tuple[str, str]] = frozenset(
    [("prospect", "active"), ("asked", "active"), ("loosened", "active"), ("ended", "active")]
    + [(s, "renewed") for s in MENTOR_STATUSES]
)


def allowed_next(status: str) -> tuple[str, ...]:
    """The statuses a mentor in ``status`` may move to."""
    return TRANSITIONS.get(status, ())


def is_legal(old: str, new: str) -> bool:
    return new in allowed_next(old)


def check_status(status: str) -> None:
    if status not in MENTOR_STATUSES:
        raise UsageError(
            f'unknown status "{status}".', hint="Use one of: " + ", ".join(MENTOR_STATUSES) + "."
        )


def _refuse(m: Mentor, status: str) -> UsageError:
    allowed = allowed_next(m.status)
    return UsageError(
        f"{m.name} is {m.status}; {m.status} cannot become {status}.",
        hint=(
            f"From {m.status} the next status is one of: {', '.join(allowed)}. "
            f"Pass --force to set {status} anyway (it is recorded)."
        ),
    )


def _new_start(m: Mentor, status: str, on: dt.date | None, day: dt.date) -> dt.date:
    """Where the new term of a move in ``NEW_TERM_MOVES`` starts."""
    if status == "renewed" and on is None and m.status in IN_TERM_STATUSES:
        end = m.term_end()  # the renewed term follows the current one without a gap
        return end if end is not None and end > day else day
    start = on or day
    ended = stopped_on(m)
    if m.status in STOPPED_STATUSES and ended is not None and start < ended:
        raise UsageError(
            f"{m.name}'s last term ended {ended.isoformat()}; a new term cannot start "
            f"before that ({start.isoformat()}).",
            hint="Give a start date on or after the end, or leave it out to start today.",
        )
    return start


def apply_status(
    m: Mentor,
    status: str,
    *,
    on: dt.date | None = None,
    force: bool = False,
    today: dt.date | None = None,
    note: str = "",
) -> bool:
    """Move ``m`` (in place) to ``status`` under the lifecycle rules; returns whether
    anything changed. ``on`` is the day the new term starts (active, renewed) or the day
    the term stopped (loosened, ended; never in the future)."""
    check_status(status)
    day = today or dt.date.today()
    old = m.status
    if status == old == "renewed" and on is None and m.term_start and m.term_start > day:
        return False  # the renewed term has not begun yet: renewing again queues nothing
    if status == old and status != "renewed":
        if on is None or status not in IN_TERM_STATUSES or on == m.term_start:
            return False  # already there: nothing to record
        # The same status with a date corrects the current term's start.
        check_term_fits(on, m.term_months)
        _record(m, status, old, on, day, force=False, note=note or "term start corrected")
        m.term_start = on
        return True
    legal = is_legal(old, status)
    if not legal and not force:
        raise _refuse(m, status)
    start = m.term_start
    ended: dt.date | None = m.term_ended
    if status in STOPPED_STATUSES:
        stop = on or day
        if stop > day:
            raise UsageError(
                f"a term cannot be {status} on {stop.isoformat()}, a day still to come.",
                hint="Change the status on the day, or give today's date or an earlier one.",
            )
        # (A term still to begin may be called off: it stops before its start.)
        natural = add_months(start, m.term_months) if start is not None else None
        # A term already run out stopped at its natural end, not on the day of the click.
        ended = min(stop, natural) if natural is not None else stop
        if old in STOPPED_STATUSES and m.term_ended is not None:
            ended = m.term_ended  # loosened -> ended: the term stopped when it was loosened
    elif (old, status) in NEW_TERM_MOVES or (status in IN_TERM_STATUSES and start is None):
        start = _new_start(m, status, on, day)
        ended = None
    elif on is not None:
        start = on
    if start != m.term_start:
        check_term_fits(start, m.term_months)
    try:
        m.status = status  # type: ignore[assignment]
        m.term_start = start
        m.term_ended = ended
    except ValidationError as exc:
        raise invalid_input(exc) from None
    if status in STOPPED_STATUSES:
        m.next_meeting = None
        m.next_meeting_time = None
        m.next_meeting_minutes = None
    _record(m, status, old, start, day, force=not legal, note=note)
    return True


def _record(
    m: Mentor, status: str, old: str, start: dt.date | None, day: dt.date, *, force: bool, note: str
) -> None:
    m.status_history.append(
        StatusChange(
            on=day,
            status=status,  # type: ignore[arg-type]
            previous=old,  # type: ignore[arg-type]
            term_start=start,
            forced=force,
            note=note,
        )
    )


def set_mentor_status(
    store: Store,
    name: str,
    status: str,
    on: dt.date | None = None,
    force: bool = False,
    *,
    today: dt.date | None = None,
    term_start: dt.date | None = None,
) -> Mentor:
    """Move a mentor along the lifecycle (see ``TRANSITIONS``), under the writer lock.

    Becoming active starts a new term on ``on`` or today; renewing starts it where the
    current term ends (or today, if it has ended), or on ``on``; loosening or ending
    stops the term on ``on`` or today. An illegal jump raises UsageError naming the
    allowed next states, unless ``force``. ``term_start`` is another name for ``on``.
    """
    check_status(status)
    when = on if on is not None else term_start

    def change(plan: Plan) -> Mentor:
        m = find_mentor(plan, name)
        apply_status(m, status, on=when, force=force, today=today)
        return m.model_copy(deep=True)

    return store.update_plan(change)


def find_recipient(plan: Plan, recipient: str) -> Mentor | None:
    """The mentor a draft is addressed to: by id, or by the exact name (any case)."""
    key = recipient.strip().lower()
    return next(
        (m for m in plan.mentors if key and key in (m.id.lower(), m.name.strip().lower())), None
    )


def on_first_request_sent(
    plan: Plan, recipient: str, *, today: dt.date | None = None
) -> Mentor | None:
    """A first request to ``recipient`` (mentor id or name) was sent: a prospect becomes
    asked (recorded). Call inside ``Store.update_plan``; returns the mentor moved, or
    None (not in the plan, or past the prospect stage)."""
    m = find_recipient(plan, recipient)
    if m is None or m.status != "prospect":
        return None
    apply_status(m, "asked", today=today, note="first request sent")
    return m


def on_first_request_answered(plan: Plan, recipient: str) -> str | None:
    """A first request was answered: the command that activates the mentor, when they
    are still asked (the TUI offers it, the CLI prints it); None otherwise."""
    m = find_recipient(plan, recipient)
    if m is None or m.status not in ("prospect", "asked"):
        return None
    return f'prepcoach mentors status "{m.name}" active'
