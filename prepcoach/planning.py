"""Plan operations shared by the CLI and the TUI: mentors, objectives, term clock.

Every change goes through ``Store.update_plan`` (read-modify-write under the writer
lock), and names are resolved inside it, so two running instances never lose each
other's edits. Errors are ``prepcoach.errors`` classes with user-facing messages.

Rule (PRODUCT §4): at most three active objectives per mentoring term. More is flagged
(``objective_load_warnings``), never refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from prepcoach.errors import UsageError
from prepcoach.lookup import find_mentor, find_objective
from prepcoach.models import (
    CADENCE_DAYS,
    MENTOR_STATUSES,
    SUPPORT_AREAS,
    Mentor,
    Objective,
    Plan,
    add_months,
    add_months_exact,
    slugify,
)
from prepcoach.store import Store

MAX_ACTIVE_OBJECTIVES = 3
# Statuses in which a mentor has a running term (meetings are expected).
IN_TERM_STATUSES: tuple[str, ...] = ("active", "renewed")


def _invalid(exc: ValidationError) -> UsageError:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err.get("loc", ())) or "value"
    return UsageError(f"invalid {loc}: {err.get('msg', 'invalid value')}.")


def parse_areas(text: str | Sequence[str] | None) -> list[str]:
    """'scope, politics' or ['scope', 'politics'] -> checked list of support areas."""
    if text is None:
        return []
    parts = text.split(",") if isinstance(text, str) else [p for t in text for p in t.split(",")]
    areas: list[str] = []
    for raw in parts:
        area = raw.strip().lower()
        if not area:
            continue
        if area not in SUPPORT_AREAS:
            raise UsageError(
                f'unknown support area "{raw.strip()}".',
                hint="Use one or more of: " + ", ".join(SUPPORT_AREAS) + ".",
            )
        if area not in areas:
            areas.append(area)
    return areas


# ------------------------------------------------------------------- term clock


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

    def label(self) -> str:
        """'3 of 6', 'starts 2026-05-01', 'over (ended 2026-04-01)' or '-'."""
        if self.start is None or self.month is None:
            return "-"
        if self.month == 0:
            return f"starts {self.start.isoformat()}"
        if self.over:
            return f"over (ended {self.end.isoformat() if self.end else '?'})"
        return f"{self.month} of {self.months}"


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
    if start is None:
        return TermClock(None, None, mentor.term_months, None, False, 0, 0, len(dates), last)
    end = add_months(start, mentor.term_months)
    month = 0 if today < start else min(months_between(start, today) + 1, mentor.term_months)
    over = today >= end or mentor.status in ("loosened", "ended")
    held = sum(1 for d in dates if start <= d < end and d <= today)
    expected = sum(1 for d in meeting_dates(mentor) if d <= today)
    return TermClock(start, end, mentor.term_months, month, over, held, expected, len(dates), last)


# -------------------------------------------------------------------- the rule


def active_objectives(plan: Plan, mentor_id: str) -> list[Objective]:
    return [o for o in plan.objectives if o.status == "open" and mentor_id in o.mentors]


def objective_load_warnings(plan: Plan) -> list[str]:
    """One line per mentor whose term carries more than three open objectives."""
    out = []
    for m in plan.mentors:
        if m.status in ("loosened", "ended"):
            continue
        active = active_objectives(plan, m.id)
        if len(active) > MAX_ACTIVE_OBJECTIVES:
            out.append(
                f"{m.name} has {len(active)} open objectives this term; "
                f"{MAX_ACTIVE_OBJECTIVES} at most keeps the mentoring focused "
                "(mark one met or drop one)."
            )
    return out


# ------------------------------------------------------------------- mentors


def add_mentor(
    store: Store,
    name: str,
    *,
    title: str = "",
    organisation: str = "",
    relation: str = "internal",
    levels_above: int = 2,
    support_areas: Sequence[str] = (),
    recommended_by: str = "",
    status: str = "prospect",
    term_start: dt.date | None = None,
    term_months: int = 6,
    cadence: str = "monthly",
    email: str = "",
    notes: str = "",
    today: dt.date | None = None,
) -> Mentor:
    """Add a mentor (a prospect by default). A mentor added as active or renewed with
    no term start starts the term today."""
    name = name.strip()
    if not name:
        raise UsageError("a mentor needs a name.", hint='Try `prepcoach mentors add "Ana Lima"`.')
    if status not in MENTOR_STATUSES:
        raise UsageError(
            f'unknown status "{status}".', hint="Use one of: " + ", ".join(MENTOR_STATUSES) + "."
        )
    if status in IN_TERM_STATUSES and term_start is None:
        term_start = today or dt.date.today()
    check_term_fits(term_start, term_months)

    def change(plan: Plan) -> Mentor:
        for m in plan.mentors:
            if m.name.strip().lower() == name.lower():
                raise UsageError(
                    f'a mentor called "{m.name}" is already in the plan (id {m.id}).',
                    hint=f'See it with `prepcoach mentors show "{m.name}"`.',
                )
        mentor_id = plan.unique_id(slugify(name, "mentor"), {m.id for m in plan.mentors})
        data: dict[str, Any] = {
            "id": mentor_id,
            "name": name,
            "title": title,
            "organisation": organisation,
            "relation": relation,
            "levels_above": levels_above,
            "support_areas": list(support_areas),
            "recommended_by": recommended_by,
            "status": status,
            "term_start": term_start,
            "term_months": term_months,
            "cadence": cadence,
            "email": email,
            "notes": notes,
        }
        try:
            mentor = Mentor.model_validate(data)
        except ValidationError as exc:
            raise _invalid(exc) from None
        plan.mentors.append(mentor)
        return mentor

    return store.update_plan(change)


def set_mentor_status(
    store: Store,
    query: str,
    status: str,
    *,
    term_start: dt.date | None = None,
    today: dt.date | None = None,
) -> Mentor:
    """Move a mentor along prospect -> asked -> active -> renewed / loosened / ended.

    Becoming active starts the term (today unless ``term_start``); renewing starts a new
    term where the current one ends (or today, if it has already ended).
    """
    if status not in MENTOR_STATUSES:
        raise UsageError(
            f'unknown status "{status}".', hint="Use one of: " + ", ".join(MENTOR_STATUSES) + "."
        )
    day = today or dt.date.today()

    def change(plan: Plan) -> Mentor:
        m = find_mentor(plan, query)
        if term_start is not None:
            new_start: dt.date | None = term_start
        elif status == "active" and (m.term_start is None or m.status in ("prospect", "asked")):
            new_start = day
        elif status == "renewed" and m.status != "renewed":
            old_end = m.term_end()
            new_start = old_end if old_end is not None and old_end > day else day
        else:
            new_start = m.term_start
        if new_start != m.term_start:  # (a term already on file may still be ended)
            check_term_fits(new_start, m.term_months)
        try:
            m.status = status  # type: ignore[assignment]
            m.term_start = new_start
        except ValidationError as exc:
            raise _invalid(exc) from None
        if status in ("loosened", "ended"):
            m.next_meeting = None
        return m.model_copy()

    return store.update_plan(change)


# ---------------------------------------------------------------- objectives


def add_objective(
    store: Store,
    title: str,
    *,
    support_area: str,
    done_when: str = "",
    why: str = "",
    mentors: Sequence[str] = (),
    today: dt.date | None = None,
) -> tuple[Objective, list[str]]:
    """Add an open objective; returns it and the rule warnings (more than three open
    objectives for one mentor's term is flagged, not refused)."""
    title = title.strip()
    if not title:
        raise UsageError("an objective needs a title.")
    areas = parse_areas(support_area)
    if len(areas) != 1:
        raise UsageError(
            "an objective has exactly one support area.",
            hint="Use one of: " + ", ".join(SUPPORT_AREAS) + ".",
        )

    def change(plan: Plan) -> tuple[Objective, list[str]]:
        ids = []
        for q in mentors:
            m = find_mentor(plan, q)
            if m.id not in ids:
                ids.append(m.id)
        oid = plan.unique_id(slugify(title, "objective"), {o.id for o in plan.objectives})
        try:
            obj = Objective(
                id=oid,
                title=title,
                why=why.strip(),
                done_when=done_when.strip(),
                support_area=areas[0],  # type: ignore[arg-type]
                mentors=ids,
                created=today or dt.date.today(),
            )
        except ValidationError as exc:
            raise _invalid(exc) from None
        before = set(objective_load_warnings(plan))
        plan.objectives.append(obj)
        new = [w for w in objective_load_warnings(plan) if w not in before]
        return obj.model_copy(), new

    return store.update_plan(change)


def mark_objective_met(
    store: Store,
    query: str,
    *,
    evidence: str = "",
    on: dt.date | None = None,
) -> tuple[Objective, bool]:
    """Mark an objective met; returns it and whether it changed (False: already met)."""

    def change(plan: Plan) -> tuple[Objective, bool]:
        o = find_objective(plan, query)
        if o.status == "met" and not evidence:
            return o.model_copy(), False
        o.status = "met"
        o.met_on = o.met_on if (o.met_on and not on) else (on or dt.date.today())
        o.dropped_on = None
        if evidence:
            o.evidence = evidence.strip()
        return o.model_copy(), True

    return store.update_plan(change)
