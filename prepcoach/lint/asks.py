"""Asks and easy-outs: which sentences of a message request something, and which give the
reader an easy way to say no."""

from __future__ import annotations

import re
from dataclasses import dataclass

from prepcoach.lint.textstats import sentences
from prepcoach.lint.topic import content_words
from prepcoach.text import words

DECLINE_RE = re.compile(
    r"no worries|no pressure|no problem if|no obligation|all good if|"
    r"(?:don't|do not) feel obliged|not obliged|"
    r"(?:totally|completely|fully|would|will|i'd|i'll|i) understand(?: if|[.!,]|$)|"
    r"\bif (?:now|this|it|the timing)\b[^.?!\n]{0,30}?"
    r"\b(?:not|isn't|doesn't|won't|bad|busy|full)\b|"
    r"if (?:you're|you are) (?:too |very )?(?:busy|swamped|stretched)|"
    r"\bif not\b|(?:feel free|free) to (?:say no|decline|pass|ignore)|"
    r"no need to (?:reply|respond|answer)|happy to take (?:a )?no|easy to say no|"
    r"if (?:your|the) (?:plate|calendar|schedule) is (?:full|packed)|"
    r"if (?:nobody|no one|nothing) comes to mind",
    re.IGNORECASE,
)
_SOFT_ASK_RE = re.compile(
    r"\b(?:i'd|i would|i'd really|i would really|would) (?:love|like|appreciate|value)\b|"
    r"\bi(?:'m| am| was) hoping\b|\bkeen to\b",
    re.IGNORECASE,
)
_STRONG_ASK_RE = re.compile(
    r"\b(?:would|could|can|will|might|won't|wouldn't|couldn't) you\b|"
    r"\bwould it be (?:possible|ok|okay|alright|all right)\b|"
    r"\b(?:are|were) you (?:open|willing|up for|available|free|able)\b|"
    r"\b(?:may|can|could) i (?:ask|get|have|book|borrow|grab)\b|"
    r"\bdo you have\b|\bis there any chance\b|\bany chance\b|\bplease\b|"
    r"\b(?:could|can|shall) we\b|\bi(?:'d| would) be (?:grateful|thankful) if\b|"
    r"\b(?:wonder|wondering|hoping|hope) (?:if|whether)\b|\bhow about\b|\bwhat about\b",
    re.IGNORECASE,
)
_SCHEDULING_RE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|"
    r"next week|this week|later|calendar|slot|time|times|works?|suit|suits|date|"
    r"morning|afternoon|evening|when)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Asks:
    """The sentences that ask for something and the sentences that offer an easy no. A
    sentence holding two asks ("Would you ..., and could you ...?") is listed twice."""

    asks: tuple[str, ...]
    declines: tuple[str, ...]


def find_asks(body: str) -> Asks:
    """The asks and easy-outs of ``body``. Scheduling-only questions ("Does Tuesday
    work?") count only when there is no other ask; wishes ("I'd love to hear how you ...")
    count only when there is no direct question or request."""
    asks: list[str] = []
    logistics: list[str] = []
    soft: list[str] = []
    declines: list[str] = []
    sents = sentences(body)
    for i, s in enumerate(sents):
        if DECLINE_RE.search(s):
            declines.append(s)
            continue
        # "Too busy? No worries." - a short question leading into a decline is the decline
        nxt = sents[i + 1] if i + 1 < len(sents) else ""
        if s.endswith("?") and len(words(s)) <= 5 and nxt and DECLINE_RE.search(nxt):
            continue
        strong = _STRONG_ASK_RE.findall(s)
        if strong:
            asks.extend([s] * len(strong))
        elif s.rstrip("\"')]").endswith("?"):
            if _SCHEDULING_RE.search(s) and len(content_words(s)) <= 2:
                logistics.append(s)
            else:
                asks.append(s)
        elif _SOFT_ASK_RE.search(s):
            soft.append(s)
    if not asks:
        asks = soft or logistics[:1]
    return Asks(tuple(asks), tuple(declines))
