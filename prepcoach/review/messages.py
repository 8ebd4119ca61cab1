"""The message that goes with a review: its outreach kind, what it must do (for the
model's prompt), and the offline draft."""

from __future__ import annotations

import datetime as dt

from prepcoach.models import Mentor, OutreachDraft, Plan, ReviewRecord, Session
from prepcoach.planning.drift import mentor_sessions
from prepcoach.review.facts import as_of
from prepcoach.text import quoted_sentence
from prepcoach.vocab import OutreachKind, Recommendation

_KIND_FOR: dict[Recommendation, OutreachKind] = {
    "renew": "renewal",
    "loosen": "wind-down",
    "move_on": "wind-down",
    "continue": "follow-up",
}


def review_message_kind(rec: ReviewRecord, sessions_held: int | None = None) -> OutreachKind:
    """Outreach kind for a recommendation: renew -> renewal, loosen -> wind-down,
    move_on -> wind-down, continue -> follow-up; except that a ``continue`` for a
    mentor with no meeting held yet (a prospect, or a term not met yet) ->
    first-request: nobody is thanked "again" for a meeting that never happened.
    ``sessions_held``: held sessions with the mentor in any term (default: the
    record's count for the current term)."""
    held = rec.meetings_held if sessions_held is None else sessions_held
    if rec.recommendation == "continue" and held == 0:
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
    "nudge": (
        "be a short nudge on the first request already sent and not answered: no new "
        "introduction, the same one question and 20 minutes once more, an easy way to say no."
    ),
    "first-meeting": (
        "prepare the first meeting with someone who agreed to help: thank them, name the one "
        "goal to bring, ask for 20 minutes to start, with an easy way to say no."
    ),
}


def review_message_goal(
    rec: ReviewRecord, sessions_held: int | None = None, status: str = ""
) -> str:
    """What the message for ``rec`` must do, as a phrase that follows "The message must"
    (move_on closes the regular meetings, loosen keeps in touch less often, renew
    proposes another term with a new focus, continue is a short note; with no meeting
    held yet, a first request: its nudge when the mentor's ``status`` is "asked", the
    first meeting's plan when they agreed)."""
    if review_message_kind(rec, sessions_held) != "first-request":
        return _GOALS[rec.recommendation]
    if status == "asked":
        return _GOALS["nudge"]
    if status and status != "prospect":
        return _GOALS["first-meeting"]
    return _GOALS["first-request"]


MAX_CONTEXT_WORDS = 40  # the follow-up quotes its context whole, never clipped


def _fits(line: str, used: int) -> bool:
    return used + len(line.split()) <= MAX_CONTEXT_WORDS


def follow_up_context(mentor: Mentor, sessions: list[Session], today: dt.date) -> str:
    """What a follow-up says the user did with the advice, from the mentor's last HELD
    session (``prepcoach.planning.is_held``): the advice recorded (an objective's
    progress note, else an answer to a question) and the actions the user completed,
    each quoted as typed. A part that would not fit whole is left out, never cut; ""
    when the last held session recorded neither (the caller then asks for
    ``--context``)."""
    held = mentor_sessions(mentor, sessions, today)
    if not held:
        return ""
    last = held[-1]
    advice = [p.note.strip() for p in last.objective_progress if p.progressed and p.note.strip()]
    advice += [q.answer.strip() for q in last.questions if q.answer.strip()]
    done = [a.text.strip() for a in last.action_items if a.done and a.owner == "me"]
    done = [d for d in done if d]
    lines: list[str] = []
    used = 0
    for a in advice:
        line = quoted_sentence("What I took from our last talk:", a)
        if _fits(line, used):
            lines.append(line)
            used += len(line.split())
            break
    for n in (2, 1):
        if len(done) >= n:
            line = quoted_sentence("Since then I have done what we agreed:", done[:n])
            if _fits(line, used):
                lines.append(line)
                break
    return " ".join(lines)


FOLLOW_UP_HINT = (
    "The last meeting held with this mentor has no advice or completed action recorded; "
    "pass --context with what you did with their advice."
)


def _next_time(plan: Plan, mentor: Mentor, today: dt.date) -> str:
    """What the user brings next time: the first objective with the mentor open on
    ``today`` (``as_of``), quoted."""
    for o in as_of(plan.objectives_for(mentor.id), today):
        if o.status == "open" and o.title.strip():
            line = quoted_sentence(
                "Next time I would like to bring one question on the goal we set:", o.title
            )
            if _fits(line, 0):
                return line
    return ""


def _first_meeting_goal(plan: Plan, mentor: Mentor) -> str:
    """The goal of a first-meeting message to a mentor who agreed but has not met yet:
    the first open objective tied to them, any title shape (theirs to see; nothing for
    a prospect)."""
    if mentor.status in ("prospect", "asked"):
        return ""
    return next(
        (o.title for o in plan.objectives_for(mentor.id) if o.status == "open" and o.title),
        "",
    )


def review_message(
    plan: Plan,
    mentor: Mentor,
    rec: ReviewRecord,
    history: list[Session],
    today: dt.date,
    channel: str = "email",
    ask: str = "",
) -> OutreachDraft:
    """The message that goes with ``rec``, drafted offline (passes the lint for its kind).

    Only held sessions reach the composer (a planned prep is no meeting to thank for);
    a follow-up carries ``follow_up_context`` (else what the user brings next time); a
    mentor with no meeting held gets a first-meeting message, never "thanks again"."""
    from prepcoach.engines.offline import OutreachInput, compose_outreach

    held = mentor_sessions(mentor, history, today)
    kind = review_message_kind(rec, len(held))
    context = ""
    if kind == "follow-up":
        context = follow_up_context(mentor, held, today) or _next_time(plan, mentor, today)
    goal = _first_meeting_goal(plan, mentor) if kind == "first-request" and not ask else ""
    # asked and not answered: the first request went out, so the message is its nudge
    nudge = kind == "first-request" and mentor.status == "asked"
    # nothing from the plan reaches someone not met yet: no objectives
    met = mentor.status not in ("prospect", "asked")
    objectives = as_of(plan.objectives, today) if met else []
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
            objectives=objectives,
            context=context,
            history=held,
            today=today,
            recommendation=rec.recommendation,
            goal=goal,
            nudge=nudge,
        )
    )
