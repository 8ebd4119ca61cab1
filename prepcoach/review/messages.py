"""The message that goes with a review: its outreach kind, what it must do (for the
model's prompt), and the offline draft."""

from __future__ import annotations

import datetime as dt

from prepcoach.models import Mentor, OutreachDraft, Plan, ReviewRecord, Session
from prepcoach.vocab import OutreachKind, Recommendation

_KIND_FOR: dict[Recommendation, OutreachKind] = {
    "renew": "renewal",
    "loosen": "wind-down",
    "move_on": "wind-down",
    "continue": "follow-up",
}


def review_message_kind(rec: ReviewRecord) -> OutreachKind:
    """Outreach kind for a recommendation: renew -> renewal, loosen -> wind-down,
    move_on -> wind-down, continue -> follow-up; except that a ``continue`` for a
    mentor with no term and no meetings (a prospect) -> first-request."""
    if rec.recommendation == "continue" and rec.term_month is None and rec.meetings_held == 0:
        return "first-request"
    return _KIND_FOR[rec.recommendation]


_GOALS: dict[str, str] = {
    "renew": (
        "ask to renew for another term with a new focus: thank them for specific progress, "
        "propose one focus for the next term, and make it easy to say no."
    ),
    "loosen": (
        "keep in touch, less often: thank them for what specifically helped and propose "
        "moving from set meetings to getting in touch when a specific question comes up. "
        "Do not end the relationship and do not propose another term."
    ),
    "move_on": (
        "close the regular meetings warmly: thank them for what specifically helped, say "
        "plainly that the regular meetings end here, with no blame, and leave the door open "
        "to stay in touch. Do not propose meeting less often or another term."
    ),
    "continue": (
        "be a short note: thanks for the last meeting, what I did with their advice, and what "
        "I will bring next time. No new request."
    ),
    "first-request": (
        "be a first request: one specific, tactical question and a small, bounded time request "
        "such as 20 minutes, with an easy way to say no."
    ),
}


def review_message_goal(rec: ReviewRecord) -> str:
    """What the message for ``rec`` must do, as a phrase that follows "The message must"
    (move_on closes the regular meetings, loosen
    keeps in touch less often, renew proposes another term with a new focus, continue is
    a short note; a prospect gets a first request)."""
    if review_message_kind(rec) == "first-request":
        return _GOALS["first-request"]
    return _GOALS[rec.recommendation]


def review_message(
    plan: Plan,
    mentor: Mentor,
    rec: ReviewRecord,
    history: list[Session],
    today: dt.date,
    channel: str = "email",
    ask: str = "",
) -> OutreachDraft:
    """The message that goes with ``rec``, drafted offline (passes the lint for its kind)."""
    from prepcoach.engines.offline import OutreachInput, compose_outreach

    kind = review_message_kind(rec)
    return compose_outreach(
        OutreachInput(
            kind=kind,
            to=mentor.name,
            title=mentor.title,
            organisation=mentor.organisation,
            channel=channel,
            ask=ask,
            profile=plan.profile,
            mentor=mentor,
            objectives=plan.objectives,
            context="",
            history=[s for s in history if s.mentor in (mentor.id, mentor.name)],
            today=today,
            recommendation=rec.recommendation,
        )
    )
