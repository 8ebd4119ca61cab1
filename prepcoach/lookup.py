"""Finding mentors and objectives by what a person types (name, first name, id)."""

from __future__ import annotations

import difflib

from prepcoach.errors import NotFoundError
from prepcoach.models import Mentor, Objective, Plan


def _suggest(query: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(
        query.lower(), [c.lower() for c in candidates], n=3, cutoff=0.5
    )
    by_lower = {c.lower(): c for c in candidates}
    if close:
        return "Did you mean " + " or ".join(f'"{by_lower[c]}"' for c in close) + "?"
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
    hint = _suggest(query, candidates) or "Run `prepcoach mentors list` to see names."
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
    hint = _suggest(query, [o.id for o in plan.objectives] + [o.title for o in plan.objectives])
    raise NotFoundError(
        f'no objective "{query}".', hint=hint or "Run `prepcoach objectives list` to see ids."
    )
