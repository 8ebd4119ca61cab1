"""Finding mentors and objectives by what a person types (name, first name, id)."""

from __future__ import annotations

import difflib

from prepcoach.errors import NotFoundError
from prepcoach.models import Mentor, Objective, Plan


def suggest(query: str, candidates: list[str], shown: dict[str, str] | None = None) -> str:
    """'Did you mean ...?' for the closest candidates; ``shown`` maps a candidate (e.g. an
    id) to what to print (e.g. the name), so one thing is never suggested twice."""
    by_lower = {c.lower(): c for c in candidates}
    close = difflib.get_close_matches(query.lower(), list(by_lower), n=6, cutoff=0.5)
    picks: list[str] = []
    for c in close:
        label = (shown or {}).get(by_lower[c], by_lower[c])
        if label not in picks:
            picks.append(label)
    if picks:
        return "Did you mean " + " or ".join(f'"{p}"' for p in picks[:3]) + "?"
    return ""


def find_mentor(plan: Plan, query: str) -> Mentor:
    """Match a mentor by id, full name, or a unique first name / prefix (case-insensitive)."""
    q = query.strip().lower()
    if not q:
        raise NotFoundError("no mentor name given.", hint="Pass --mentor NAME.")
    for m in plan.mentors:
        if q in (m.id.lower(), m.name.lower()):
            return m
    partial = [
        m
        for m in plan.mentors
        if m.name.lower().startswith(q) or m.name.lower().split()[0] == q or m.id.startswith(q)
    ]
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        names = ", ".join(m.name for m in partial)
        raise NotFoundError(
            f'"{query}" matches several mentors: {names}.', hint="Be more specific."
        )
    if not plan.mentors:
        raise NotFoundError(
            f'no mentor "{query}": the plan has no mentors yet.',
            hint='Add one with `prepcoach mentors add "NAME"`.',
        )
    candidates = [m.name for m in plan.mentors] + [m.id for m in plan.mentors]
    first_names = {m.name.split()[0]: m.name for m in plan.mentors}
    shown = {m.id: m.name for m in plan.mentors} | first_names
    hint = (
        suggest(query, candidates + list(first_names), shown)
        or "Run `prepcoach mentors list` to see names."
    )
    raise NotFoundError(f'no mentor "{query}".', hint=hint)


def find_objective(plan: Plan, query: str) -> Objective:
    """Match an objective by id, exact title, or unique title prefix / number (1-based)."""
    q = query.strip().lower()
    if q.isdigit() and 1 <= int(q) <= len(plan.objectives):
        return plan.objectives[int(q) - 1]
    for o in plan.objectives:
        if q in (o.id.lower(), o.title.lower()):
            return o
    partial = [o for o in plan.objectives if o.title.lower().startswith(q) or o.id.startswith(q)]
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        raise NotFoundError(
            f'"{query}" matches several objectives: ' + "; ".join(o.id for o in partial) + ".",
            hint="Use the objective id.",
        )
    hint = suggest(
        query,
        [o.id for o in plan.objectives] + [o.title for o in plan.objectives],
        {o.title: o.id for o in plan.objectives},
    )
    raise NotFoundError(
        f'no objective "{query}".', hint=hint or "Run `prepcoach objectives list` to see ids."
    )


def find_session_id(ids: list[str], query: str) -> str:
    """Match a session id exactly or by a unique prefix (e.g. its date)."""
    q = query.strip()
    if not q:
        raise NotFoundError("no session id given.", hint="Run `prepcoach sessions list`.")
    if q in ids:
        return q
    partial = [i for i in ids if i.startswith(q)]
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        shown = ", ".join(partial[:5]) + (" ..." if len(partial) > 5 else "")
        raise NotFoundError(f'"{query}" matches several sessions: {shown}.', hint="Use a full id.")
    hint = suggest(q, ids) or "Run `prepcoach sessions list` to see session ids."
    raise NotFoundError(f'no session "{query}".', hint=hint)


# The private spelling, for callers (templating, services) that import it by that name.
