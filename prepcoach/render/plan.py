"""Markdown for the plan: the profile, the team's support-area coverage, a capture and
the list of saved reviews. Pure functions of the records, like the other presenters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from prepcoach.render.markdown import table
from prepcoach.text import plural

if TYPE_CHECKING:
    from prepcoach import models
    from prepcoach.services import CaptureResult, Team


def profile_markdown(profile: models.Profile) -> str:
    """The profile as a list; unset fields say how to set them."""
    from prepcoach.models import PROFILE_FIELDS

    lines = ["# Profile", ""]
    for key in PROFILE_FIELDS:
        value, label = getattr(profile, key), key.capitalize()
        lines.append(f"- **{label}:** {value}" if value else f"- **{label}:** - (--{key})")
    if not any(getattr(profile, k) for k in PROFILE_FIELDS):
        lines += ["", 'Set it with `prepcoach profile set --name "..." --title "..."`.']
    return "\n".join(lines)


def team_markdown(team: Team) -> str:
    """Coverage per support area and the gaps named."""
    rows = [
        [
            a.area,
            a.label,
            ", ".join(a.covered_by) or "-",
            ", ".join(a.could) or "-",
            plural(len(a.needed_for), "objective") if a.needed_for else "-",
        ]
        for a in team.areas
    ]
    out = ["# Team coverage", "", table(["Area", "Support", "Covered by", "Could", "Needed"], rows)]
    gaps = team.gaps
    out += ["", "## Gaps", ""]
    out += [f"- {g}" for g in gaps] if gaps else ["No gaps: every support area has a mentor."]
    return "\n".join(out)


def capture_markdown(result: CaptureResult) -> str:
    """What a capture recorded, in a few lines."""
    s = result.session
    lines = [f"Captured session {s.id} ({s.date.isoformat()})."]
    if result.note_added:
        lines.append("- notes added")
    lines += [f"- resolved: {q}" for q in result.resolved]
    lines += [f"- done: {a}" for a in result.done]
    if result.added_actions:
        lines.append(f"- {plural(result.added_actions, 'action item')} added")
    lines += [f"- progress on {o}" for o in result.progressed]
    return "\n".join(lines)


def reviews_table(records: Sequence[models.ReviewRecord], plan: models.Plan) -> str:
    """Saved reviews, one row each."""
    names = {m.id: m.name for m in plan.mentors}
    rows = [
        [
            r.date.isoformat(),
            r.id,
            names.get(r.mentor, r.mentor),
            r.recommendation.replace("_", " "),
            f"{r.term_month} of {r.term_months}" if r.term_month else "-",
            r.reasons[0] if r.reasons else "-",
        ]
        for r in records
    ]
    headers = ["Date", "Id", "Mentor", "Recommendation", "Term month", "First reason"]
    return f"# Reviews ({len(records)})\n\n" + table(headers, rows)
