"""One composer per outreach kind, registered in ``COMPOSERS`` (keyed by kind).

A composer yields candidate drafts from richest (context, what helped) to plainest;
``compose_outreach`` keeps the first that passes the kind's lint. The user's ask enters
through the frame for its shape (``frames``), whole and as typed; the optional extras
(context, what helped, an objective as the next focus) are the only parts a plainer
candidate leaves out. A first request and an ask to one's network carry nothing from the
plan beyond the user's own name and title (no objectives, no other people's names).
Adding a kind: write its composer here and add it to ``COMPOSERS``.
"""

from __future__ import annotations

from collections.abc import Iterator

from prepcoach.engines.offline.ask_shape import Ask, as_question, classify
from prepcoach.engines.offline.frames import (
    as_sentence,
    first_request_lines,
    recommendation_focus,
    subject_line,
    title_text,
)
from prepcoach.engines.offline.letter import (
    CONTEXT,
    Composer,
    Draft,
    OutreachInput,
    area_ask,
    assemble,
    context_line,
    introduction,
    signature,
    with_context,
)
from prepcoach.engines.offline.phrases import first_name
from prepcoach.engines.offline.relationship import (
    done_actions,
    mentor_objectives,
    sessions_so_far,
    term_length,
    thanks_for_time,
    what_helped,
)
from prepcoach.lint import content_words
from prepcoach.text import plural, quoted_sentence
from prepcoach.vocab import OutreachKind


def _first_meeting(inp: OutreachInput, sign: str) -> Iterator[Draft]:
    """To a mentor who agreed and has not met yet: thanks, the goal to bring (quoted
    whole, so a title of any shape reads right), a 20-minute start, an easy decline."""
    goal = quoted_sentence("For our first meeting, I would like to talk about my goal", inp.goal)
    ask = "Would you be open to a 20-minute call to start?"
    decline = "If now isn't a good time, no worries at all."
    variants = [[thanks_for_time(inp), CONTEXT, goal, ask, decline], [CONTEXT, goal, ask, decline]]
    for parts, carried in with_context(inp, variants):
        yield Draft(
            "Planning our first meeting",
            assemble(inp.channel, first_name(inp.to), parts, sign, "Thanks"),
            carried,
        )


def _first_request(inp: OutreachInput) -> Iterator[Draft]:
    """The user's one ask in the frame for its shape, a 20-minute call, an easy decline.
    Without an ask (a review's note to a prospect) the ask is a fixed topic for the
    mentor's first support area; with a ``goal`` (a mentor who agreed) the first meeting
    is planned around it, and the fixed topic is the plainer candidate."""
    greet = first_name(inp.to)
    sign = signature(inp.profile)
    intro = introduction(inp.profile)
    if inp.goal.strip() and not inp.ask.strip():
        yield from _first_meeting(inp, sign)
    ask = classify(inp.ask) if inp.ask.strip() else area_ask(inp.mentor)
    lines = first_request_lines(ask)
    subject = subject_line(ask)
    decline = "If now isn't a good time, no worries at all."
    variants = [[intro, CONTEXT, *lines, decline], [CONTEXT, *lines, decline]]
    if inp.nudge:  # the note was sent: no introduction again, the same ask once more
        bump = "I'm bumping my earlier note in case it got buried."
        variants.insert(0, [bump, CONTEXT, *lines, decline])
    for parts, carried in with_context(inp, variants):
        body = assemble(inp.channel, greet, parts, sign, "Thanks")
        yield Draft(subject, body, carried)


def _recommendation(inp: OutreachInput) -> Iterator[Draft]:
    """Asks the network for a name two or three levels up, with a bigger scope, someone
    who likes helping people grow (not a self-promoter); the ask says what for."""
    greet = first_name(inp.to)
    sign = signature(inp.profile)
    decline = "If no one comes to mind, no worries at all."
    focus, tail = recommendation_focus(classify(inp.ask))
    ask = (
        "Who do you know two or three levels above me, with a bigger scope, who genuinely "
        f"likes helping people grow{tail or '?'}"
    )
    not_self = "I'm after someone who enjoys helping, not a self-promoter. A name or two is plenty."
    subject = "Looking for one name"
    if inp.channel == "slack":
        variants = [[focus, CONTEXT, ask, decline]]
    else:
        variants = [[focus, CONTEXT, ask, not_self, decline], [focus, CONTEXT, ask, decline]]
    for parts, carried in with_context(inp, variants):
        yield Draft(subject, assemble(inp.channel, greet, parts, sign, "Thanks"), carried)


def _focus_line(ask: Ask) -> tuple[str, str]:
    """The next term's focus from the user's words: ``(sentence, tail of the ask)``."""
    if ask.shape == "question":
        return "", f"starting with one question: {as_question(ask)}"
    if ask.shape in ("topic", "gerund", "clause"):
        return f"I would like us to focus on {as_sentence(ask.bare)}", ""
    if ask.shape == "infinitive":
        return f"I would like us to focus on how best {as_sentence(ask.bare)}", ""
    return f"What I would like us to focus on: {as_sentence(ask.text)}", ""


def _renewal(inp: OutreachInput) -> Iterator[Draft]:
    """Thanks, what was achieved (met objectives, as titled), and another term focused
    on the user's ask, else on the mentor's next open objective."""
    greet = first_name(inp.to)
    sign = signature(inp.profile)
    n = term_length(inp)
    cadence = {"weekly": "weekly", "biweekly": "every two weeks", "monthly": "monthly"}.get(
        inp.mentor.cadence if inp.mentor is not None else "monthly", "every few months"
    )
    helped = what_helped(inp)
    term = plural(n, "month")
    focuses: list[tuple[str, str]] = []
    if inp.ask.strip():
        focuses.append(_focus_line(classify(inp.ask)))
    else:
        open_ = mentor_objectives(inp, "open")
        if not open_ and inp.mentor is not None:  # none tied to them: those in their areas
            areas = inp.mentor.support_areas
            open_ = [o for o in inp.objectives if o.status == "open" and o.support_area in areas]
        for o in open_:
            title = title_text(o.title)
            if len(content_words(title)) >= 2 and "?" not in title:
                focuses.append((quoted_sentence("The goal I would bring next:", title), ""))
        focuses.append(("", ""))
    decline = "If your plate is full, no worries at all; this has already helped a lot."
    subject = f"Proposing another {term}"
    opener = thanks_for_time(inp)
    variants: list[list[str]] = []
    for focus, tail in focuses:
        ask = (
            f"I would like another {term}, meeting {cadence}, if you are open to it, {tail}"
            if tail
            else f"Would you be open to another {term}, meeting {cadence}?"
        )
        richest = [] if inp.channel == "slack" else [[opener, CONTEXT, *helped[:2], focus, ask]]
        variants += [
            *richest,
            [opener, CONTEXT, helped[0] if helped else "", focus, ask],
            [opener, CONTEXT, focus, ask],
        ]
    for parts, carried in with_context(inp, variants):
        body = assemble(inp.channel, greet, [*parts, decline], sign, "Thanks")
        yield Draft(subject, body, carried)


def _wind_down(inp: OutreachInput) -> Iterator[Draft]:
    """A no-fault shift to a looser relationship, with thanks and what specifically
    helped; with ``recommendation="move_on"`` the regular meetings close instead."""
    if inp.recommendation == "move_on":
        yield from _closing(inp)
        return
    greet = first_name(inp.to)
    sign = signature(inp.profile)
    helped = what_helped(inp)
    opener = thanks_for_time(inp)
    shift = (
        "My focus is shifting, so I'd like to move from set meetings to something looser: "
        "I'll get in touch when a specific question comes up, if that works for you."
    )
    shift_short = "I'd like to move from set meetings to an open door, if that works for you."
    door = "Nothing has gone wrong; I'm grateful, and I hope to return the favour."
    subject = "Thank you, and what's next"
    variants = (
        [
            [opener, CONTEXT, *helped[:2], shift, door],
            [opener, CONTEXT, helped[0] if helped else "", shift, door],
            [opener, CONTEXT, shift, door],
        ]
        if inp.channel != "slack"
        else [[opener, CONTEXT, helped[0] if helped else "", shift_short]]
    )
    variants.append([opener, CONTEXT, shift_short])
    for parts, carried in with_context(inp, variants):
        body = assemble(inp.channel, greet, parts, sign, "Thanks again")
        yield Draft(subject, body, carried)


def _closing(inp: OutreachInput) -> Iterator[Draft]:
    """A wind-down that goes with ``move_on``: a warm thank-you that closes the regular
    meetings (no looser arrangement proposed), no fault, the door left open."""
    greet = first_name(inp.to)
    sign = signature(inp.profile)
    helped = what_helped(inp)
    opener = thanks_for_time(inp)
    if inp.mentor is not None and inp.mentor.status == "ended":
        close_said = "Now that our meetings have come to an end, I wanted to say what they gave me."
        close_plain = "Now that our meetings have come to an end, I wanted to say thank you."
        close_short = "Now that our meetings have ended, thank you."
    else:
        close_said = (
            "I've decided to bring our regular meetings to a close here, and I wanted to say "
            "what they gave me."
        )
        close_plain = "I've decided to bring our regular meetings to a close here."
        close_short = "I'm bringing our regular meetings to a close; thank you for them."
    door = "Nothing has gone wrong; I'm grateful, and I'd be glad to stay in touch."
    door_short = "I'd be glad to stay in touch."
    subject = "Thank you for your time"
    if inp.channel == "slack":
        variants = [[close_short, CONTEXT, helped[0] if helped else "", door_short]]
    elif helped:
        variants = [
            [opener, close_said, CONTEXT, *helped[:2], door],
            [opener, close_said, CONTEXT, helped[0], door],
            [opener, close_plain, CONTEXT, door],
        ]
    else:
        variants = [[opener, close_plain, CONTEXT, door]]
    variants.append([close_short, CONTEXT, door_short])
    for parts, carried in with_context(inp, variants):
        body = assemble(inp.channel, greet, parts, sign, "With thanks")
        yield Draft(subject, body, carried)


def _follow_up(inp: OutreachInput) -> Iterator[Draft]:
    """Thanks, and what I did with the advice: ``inp.context`` as typed, else the last
    session's completed actions (their text as typed)."""
    greet = first_name(inp.to)
    sign = signature(inp.profile)
    hist = sessions_so_far(inp)
    last = hist[-1] if hist else None
    if last is not None:
        thanks = f"Thanks again for your time on {last.date.strftime('%b')} {last.date.day}."
    else:
        thanks = "Thank you for your help."
    ask = classify(inp.ask)
    advice = ""
    if ask.shape in ("topic", "gerund", "clause"):
        advice = f"I took your advice on {as_sentence(ask.bare)}"
    elif ask.shape == "question":
        advice = f"The question you helped me with: {as_question(ask)}"
    elif ask.shape != "empty":
        advice = f"What I took from our talk: {as_sentence(ask.text)}"
    did_lines: list[str] = []
    context = context_line(inp)
    if context:
        did_lines.append(context)
    done = done_actions(last)
    if len(done) >= 2:
        did_lines.append(
            quoted_sentence("Since we talked, I have done two things we agreed:", done[:2])
        )
    if done:
        did_lines.append(quoted_sentence("Since we talked, I have done what we agreed:", done[0]))
    keep = "I'll let you know how it goes."
    subject = "Thanks, and what I tried"
    variants: list[list[str]] = []
    for did in [*did_lines, ""]:
        variants.append([thanks, advice, did, keep])
        if not advice:  # the user's own words are never the part left out
            variants.append([thanks, did, keep])
    for parts in variants:
        body = assemble(inp.channel, greet, parts, sign, "Thanks")
        yield Draft(subject, body, bool(context) and context in parts)


COMPOSERS: dict[OutreachKind, Composer] = {
    "first-request": _first_request,
    "recommendation": _recommendation,
    "renewal": _renewal,
    "wind-down": _wind_down,
    "follow-up": _follow_up,
}
