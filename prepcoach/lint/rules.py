"""The outreach rules, one small function each, registered in the order the rule panel
shows them. ``docs/rules.md`` describes each rule with good and bad examples.

Which kinds a rule applies to is data on the rule. The first request and the ask to one's
network are "stealth" messages, so the big handle ("mentor") and commitment language are
out; a follow-up goes to someone who gave one conversation, and naming it mentoring would
undo the stealth, so those two rules apply there too. A renewal and a wind-down speak to an
established, named relationship about its term, so the word and "six months" are allowed
there. A renewal is still one ask with an easy decline; a wind-down and a follow-up need no
ask (at most one).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from prepcoach.lint.commitment import commitments
from prepcoach.lint.handles import jargon, mentor_words, role_requests
from prepcoach.lint.registry import ALL, Message, rule
from prepcoach.lint.textstats import quote, quoted_list, readability_grade, word_count
from prepcoach.lint.timing import (
    HALF_HOUR_RE,
    MAX_MINUTES,
    ONE_CONVERSATION_RE,
    TOO_BIG_RE,
    minutes_requested,
)
from prepcoach.lint.topic import VAGUE_PHRASE_RE, content_words, find_topic
from prepcoach.text import plural

# Kinds where the relationship is not named: no big handle, no commitment language.
STEALTH = ("first-request", "recommendation", "follow-up")
# Kinds that must ask for one thing and offer an easy way to say no.
ASKING = ("first-request", "recommendation", "renewal")

# Replies peak for emails of roughly 75-100 words (Boomerang, "How to write an email that
# gets replies", 2016 study of 40M+ emails); the caps leave room above that peak.
WORD_LIMITS: dict[str, int] = {"email": 120, "linkedin": 120, "slack": 60}
SUBJECT_WORDS = (3, 6)
# Grade 10 is about a quality newspaper's level; plain language guides aim lower.
GRADE_CAP = 10.0


@rule(
    "no-mentor-word",
    "never says mentor, mentee, mentorship or mentoring (any form), nor asks them to be "
    "your coach, sponsor or advisor",
    kinds=STEALTH,
)
def no_mentor_word(msg: Message, relaxed: bool) -> str | None:
    found = mentor_words(msg.text + "\n" + msg.subject)
    roles = role_requests(msg.text + "\n" + msg.subject)
    if not found and not roles:
        return None
    what = []
    if found:
        what.append(f"uses {quoted_list(found)}")
    if roles:
        what.append(f"asks them to take on a standing role ({quoted_list(roles)})")
    return (
        f"{' and '.join(what)}: the handle scares many senior people off (too big, sounds "
        "like it never ends); ask for one conversation about one topic instead."
    )


@rule(
    "one-ask",
    "exactly one ask (an easy-decline line does not count)",
    kinds=ALL,
    relaxed=("wind-down", "follow-up"),
)
def one_ask(msg: Message, relaxed: bool) -> str | None:
    asks = msg.asks.asks
    n = len(asks)
    listed = "; ".join(quote(a) for a in dict.fromkeys(asks))
    if relaxed:
        if n > 1:
            return f"makes {n} asks ({listed}); a {msg.kind} note should ask for at most one thing."
        return None
    if n == 0:
        return (
            "makes no clear ask; end with one question such as 'Would you be open to a "
            "20-minute call on ...?'."
        )
    if n > 1:
        return f"makes {n} asks ({listed}); keep exactly one, so saying yes is easy."
    return None


@rule(
    "bounded-time",
    "a small, bounded time request: at most 30 minutes, or one conversation",
    kinds=("first-request",),
)
def bounded_time(msg: Message, relaxed: bool) -> str | None:
    mins = minutes_requested(msg.flat)
    too_big = [m.group(0) for m in TOO_BIG_RE.finditer(msg.flat)]
    over = [n for n in mins if n > MAX_MINUTES]
    if too_big or over:
        what = ", ".join([repr(t) for t in too_big] + [f"'{n} minutes'" for n in over])
        return (
            f"asks for too much time ({what}); ask for {MAX_MINUTES} minutes or less, e.g. "
            "'20 minutes'."
        )
    bounded = any(0 < n <= MAX_MINUTES for n in mins) or bool(
        ONE_CONVERSATION_RE.search(msg.flat) or HALF_HOUR_RE.search(msg.flat)
    )
    if not bounded:
        return (
            "names no small, bounded amount of time; ask for e.g. '20 minutes' or 'one "
            "conversation'."
        )
    return None


@rule(
    "tactical-topic",
    "the ask names a concrete, tactical topic (not 'pick your brain')",
    kinds=("first-request",),
)
def tactical_topic(msg: Message, relaxed: bool) -> str | None:
    if find_topic(msg.flat) is not None:
        return None
    vague = [m.group(0) for m in VAGUE_PHRASE_RE.finditer(msg.flat)]
    if vague:
        return (
            f"the ask is vague ({quoted_list(vague)}); name one concrete, tactical topic, "
            "e.g. 'how you approached <a specific problem>'."
        )
    return (
        "names no concrete topic; say exactly what you want to learn, e.g. 'how you handled "
        "<a specific situation>'."
    )


def _words_rule(
    name: str, description: str, kinds: tuple[str, ...], find: Callable[[str], list[str]], said: str
) -> None:
    """Register a rule broken by the words ``find`` returns from the body and subject;
    ``said`` is its reason, with ``{}`` for the words quoted."""

    def check(msg: Message, relaxed: bool) -> str | None:
        found = find(msg.flat + "\n" + msg.subject)
        return said.format(quoted_list(found)) if found else None

    rule(name, description, kinds=kinds)(check)


_words_rule(
    "no-long-term",
    "no long-term commitment asked of them (an ongoing meeting, meet every month, for the "
    "next six months, ...)",
    STEALTH,
    commitments,
    "sounds like a long-term commitment ({}); ask for one conversation only and let any "
    "next step come from them.",
)


@rule(
    "easy-decline",
    "an easy way to say no ('if now isn't a good time, no worries')",
    kinds=ASKING,
)
def easy_decline(msg: Message, relaxed: bool) -> str | None:
    if msg.asks.declines:
        return None
    return (
        "gives no easy way to say no; add a line such as 'If now isn't a good time, no "
        "worries at all.'"
    )


@rule("length", "at most 120 words for email and LinkedIn, 60 for Slack", kinds=ALL)
def length(msg: Message, relaxed: bool) -> str | None:
    limit = WORD_LIMITS[msg.channel]
    n_words = word_count(msg.text)
    if n_words <= limit:
        return None
    return (
        f"{n_words} words; keep a {msg.channel} message to {limit} words or fewer "
        "(replies peak around 75-100 words)."
    )


@rule(
    "subject",
    "email has a short, specific subject line of 3-6 words",
    kinds=ALL,
    channels=("email",),
)
def subject(msg: Message, relaxed: bool) -> str | None:
    subj = msg.subject
    n_subj = word_count(subj)
    lo, hi = SUBJECT_WORDS
    if not subj:
        return f"the email has no subject line; add a specific one of {lo}-{hi} words."
    if not lo <= n_subj <= hi:
        return (
            f"the subject {quote(subj)} has {plural(n_subj, 'word')}; use {lo}-{hi} specific words."
        )
    if not content_words(subj) and not re.search(r"\b(?:thanks?|thank you)\b", subj, re.I):
        return f"the subject {quote(subj)} is generic; name the topic in it."
    return None


@rule("plain-language", "plain language: Flesch-Kincaid grade at most 10", kinds=ALL)
def plain_language(msg: Message, relaxed: bool) -> str | None:
    grade = readability_grade(msg.text)
    if grade is None or grade <= GRADE_CAP:
        return None
    return (
        f"reads at grade {grade:.1f} (Flesch-Kincaid); aim for {GRADE_CAP:.0f} or below "
        "with shorter sentences and shorter words."
    )


_words_rule(
    "no-jargon",
    "no business jargon (synergy, circle back, bandwidth, deep dive, ...)",
    ALL,
    jargon,
    "uses jargon ({}); say it in plain words.",
)
