"""One composer per outreach kind, registered in ``COMPOSERS`` (keyed by kind).

A composer yields candidate drafts from richest (context, a reason line, what helped) to
plainest; ``compose_outreach`` keeps the first that passes the kind's lint. The last
candidate of every kind passes by construction. Adding a kind: write its composer here
and add it to ``COMPOSERS``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prepcoach.engines.offline.letter import (
    Composer,
    Draft,
    OutreachInput,
    assemble,
    goal_line,
    introduction,
    signature,
)
from prepcoach.engines.offline.phrases import clean_name, first_name, sentence, short_words
from prepcoach.engines.offline.relationship import (
    mentor_objectives,
    sessions_so_far,
    term_length,
    thanks_for_time,
    what_helped,
)
from prepcoach.engines.offline.scrub import scrub
from prepcoach.engines.offline.topics import subject_span, topic_candidates, topic_core
from prepcoach.lint import content_words
from prepcoach.text import plural
from prepcoach.vocab import OutreachKind


def _first_request(inp: OutreachInput) -> Iterator[Draft]:
    """One tactical ask built from ``inp.ask`` (see ``tactical_topic``), a 20-minute
    call, an easy decline, and who suggested the contact when known."""
    greet = first_name(inp.to)
    sign = signature(inp.profile)
    intro = introduction(inp.profile)
    rec = ""
    if inp.mentor is not None and inp.mentor.recommended_by.strip():
        who = clean_name(re.split(r"[(,]", inp.mentor.recommended_by)[0], 40)
        if who:
            rec = f"{who} suggested I write to you."
    context = sentence(short_words(scrub(inp.context), 30)) if inp.context.strip() else ""
    decline = "If now isn't a good time, no worries at all."
    for topic in topic_candidates(inp.ask, inp.objectives, inp.mentor):
        ask = f"Would you be open to a 20-minute call on {topic.phrase}?"
        span = subject_span(topic)
        subject = f"One question: {span}" if span else "One question, 20 minutes"
        goal = goal_line(inp.objectives, inp.mentor, topic)
        if inp.channel == "slack":
            variants = [[intro, ask, decline], [ask, decline]]
        else:
            variants = [
                [" ".join(x for x in (rec, intro) if x), context, ask, decline],
                [" ".join(x for x in (rec, intro) if x), goal, ask, decline],
                [" ".join(x for x in (rec, intro) if x), ask, decline],
                [ask, decline],
            ]
        for parts in variants:
            yield Draft(subject, assemble(inp.channel, greet, parts, sign, "Thanks"))


def _recommendation(inp: OutreachInput) -> Iterator[Draft]:
    """Asks the network for a name two or three levels up, with a bigger scope,
    someone who likes helping people grow (not a self-promoter)."""
    greet = first_name(inp.to)
    sign = signature(inp.profile)
    decline = "If no one comes to mind, no worries at all."
    ask = (
        "Who do you know two or three levels above me, with a bigger scope, who genuinely "
        "likes helping people grow?"
    )
    not_self = "I'm after someone who enjoys helping, not a self-promoter. A name or two is plenty."
    for topic in topic_candidates(inp.ask, inp.objectives, inp.mentor):
        focus = f"I'm working on {topic.core}, and I'd like to learn from someone who has done it."
        focus_short = f"I'm working on {topic.core}."
        subject = "Looking for one name"
        if inp.channel == "slack":
            variants = [[focus_short, ask, decline], [ask, decline]]
        else:
            variants = [
                [focus, ask, not_self, decline],
                [focus_short, ask, decline],
                [ask, decline],
            ]
        for parts in variants:
            yield Draft(subject, assemble(inp.channel, greet, parts, sign, "Thanks"))


def _renewal(inp: OutreachInput) -> Iterator[Draft]:
    """Thanks, what was achieved (met objectives), and another term focused on the
    next objective."""
    greet = first_name(inp.to)
    sign = signature(inp.profile)
    n = term_length(inp)
    cadence = {"weekly": "weekly", "biweekly": "every two weeks", "monthly": "monthly"}.get(
        inp.mentor.cadence if inp.mentor is not None else "monthly", "every few months"
    )
    helped = what_helped(inp)
    open_ = mentor_objectives(inp, "open")
    if not open_ and inp.mentor is not None:
        open_ = [
            o
            for o in inp.objectives
            if o.status == "open" and o.support_area in inp.mentor.support_areas
        ]
    focuses = [topic_core(o.title, 10, strip_lead=False) for o in open_]
    focuses = [f for f in focuses if len(content_words(f)) >= 2]
    raw_focus = topic_core(inp.ask, 10) if inp.ask.strip() else ""
    if len(content_words(raw_focus)) >= 2:
        focuses.insert(0, raw_focus)
    decline = "If your plate is full, no worries at all; this has already helped a lot."
    term = plural(n, "month")
    subject = f"Proposing another {term}"
    opener = thanks_for_time(inp)
    for focus in [*focuses, ""]:
        ask = (
            f"Would you be open to another {term}, meeting {cadence}, focused on {focus}?"
            if focus
            else f"Would you be open to another {term}, meeting {cadence}?"
        )
        variants = (
            [
                [opener, *helped[:2], ask, decline],
                [opener, helped[0] if helped else "", ask, decline],
            ]
            if inp.channel != "slack"
            else [[opener, helped[0] if helped else "", ask, decline]]
        )
        variants.append([opener, ask, decline])
        for parts in variants:
            yield Draft(subject, assemble(inp.channel, greet, parts, sign, "Thanks"))


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
            [opener, *helped[:2], shift, door],
            [opener, helped[0] if helped else "", shift, door],
            [opener, shift, door],
        ]
        if inp.channel != "slack"
        else [[opener, helped[0] if helped else "", shift_short]]
    )
    variants.append([opener, shift_short])
    for parts in variants:
        yield Draft(subject, assemble(inp.channel, greet, parts, sign, "Thanks again"))


def _closing(inp: OutreachInput) -> Iterator[Draft]:
    """A wind-down that goes with ``move_on``: a warm thank-you that closes the regular
    meetings (no looser arrangement proposed), no fault, the door left open."""
    greet = first_name(inp.to)
    sign = signature(inp.profile)
    helped = what_helped(inp)
    opener = thanks_for_time(inp)
    ended = inp.mentor is not None and inp.mentor.status == "ended"
    if ended:
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
        variants = [[close_short, helped[0] if helped else "", door_short]]
    elif helped:
        variants = [
            [opener, close_said, *helped[:2], door],
            [opener, close_said, helped[0], door],
            [opener, close_plain, door],
        ]
    else:
        variants = [[opener, close_plain, door]]
    variants.append([close_short, door_short])
    for parts in variants:
        yield Draft(subject, assemble(inp.channel, greet, parts, sign, "With thanks"))


def _follow_up(inp: OutreachInput) -> Iterator[Draft]:
    """Thanks, and what I did with the advice (``inp.context``, else the last
    session's completed actions)."""
    greet = first_name(inp.to)
    sign = signature(inp.profile)
    hist = sessions_so_far(inp)
    last = hist[-1] if hist else None
    when = f"on {last.date.strftime('%b')} {last.date.day}" if last is not None else ""
    thanks = f"Thanks again for your time {when}.".replace("  ", " ").replace(" .", ".")
    topic = topic_core(inp.ask, 12) if inp.ask.strip() else ""
    advice = f"I took your advice on {topic}." if len(content_words(topic)) >= 2 else ""
    did_lines: list[str] = []
    if inp.context.strip():
        did = short_words(scrub(inp.context), 40)
        if did:
            did_lines.append(sentence(did))
    if last is not None:
        done = [scrub(a.text) for a in last.action_items if a.done and a.owner == "me"]
        done = [d.rstrip(".") for d in done if d]
        if done:
            listed = "; ".join(short_words(d, 12) for d in done[:2])
            did_lines.append(f"Since we talked, I have done what we agreed: {listed}.")
    keep = "I'll let you know how it goes."
    subject = "Thanks, and what I tried"
    variants: list[list[str]] = []
    for did in [*did_lines, ""]:
        variants.append([thanks, advice, did, keep])
        variants.append([thanks, did, keep])
    variants.append([thanks, keep])
    for parts in variants:
        yield Draft(subject, assemble(inp.channel, greet, parts, sign, "Thanks"))


COMPOSERS: dict[OutreachKind, Composer] = {
    "first-request": _first_request,
    "recommendation": _recommendation,
    "renewal": _renewal,
    "wind-down": _wind_down,
    "follow-up": _follow_up,
}
