"""The dashboard's "Next:" hint leads with what the plan is missing, first things first:
a mentor, an objective, then your own name (first requests introduce you with it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepcoach.light import LightPlan
    from prepcoach.models import Plan

ADD_MENTOR = "Add your first mentor (7 Plan, then a)."
ADD_OBJECTIVE = "Add your first objective (7 Plan, tab to Objectives, then a)."
ADD_PROFILE = "Add your name and title (7 Plan, then p): first requests introduce you with them."
# what the general hints say about the same gaps (replaced by the lines above)
SAME_AS_MISSING = ("Add your first mentor", "All set:")


def missing(plan: Plan | LightPlan) -> list[str]:
    """What the plan lacks, most needed first."""
    out = []
    if not plan.mentors:
        out.append(ADD_MENTOR)
    if not plan.objectives:
        out.append(ADD_OBJECTIVE)
    if not plan.profile.name.strip():
        out.append(ADD_PROFILE)
    return out


def lead_with_missing(plan: Plan | LightPlan, hints: Sequence[str]) -> list[str]:
    """``hints`` with what is missing first (calling it again changes nothing)."""
    first = missing(plan)
    if not first:
        return list(hints)
    rest = [h for h in hints if h not in first and not h.startswith(SAME_AS_MISSING)]
    return first + rest
