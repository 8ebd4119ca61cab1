"""Asks and easy-outs: which sentences of a message request something, and which give the
reader an easy way to say no."""

from __future__ import annotations

import re
from dataclasses import dataclass

from prepcoach.lint.phrases import MODALS, one_of
from prepcoach.lint.textstats import sentences
from prepcoach.lint.topic import content_words
from prepcoach.text import words

# Easy-outs, in the phrasings people use: "no worries if not", "Totally fine if the week is
# packed", "if now isn't a good time", "feel free to say no", "happy to understand if you
# can't".
DECLINE_RE = re.compile(
    r"no worries|no pressure|no problem if|no obligation|all good if|"
    r"(?:don't|do not) feel obliged|not obliged|"
    r"(?:totally|completely|fully|would|will|i'd|i'll|i) understand(?: if|[.!,]|$)|"
    r"\bif (?:now|this|it|the timing)\b[^.?!\n]{0,30}?"
    r"\b(?:not|isn't|doesn't|won't|bad|busy|full)\b|"
    r"if (?:you're|you are) (?:too |very |a bit |really |pretty |just )?(?:busy|swamped|"
    r"stretched|slammed|underwater|flat out|at capacity|short on time|not able|unable)|"
    r"\bif not\b|(?:feel free|free) to (?:say no|decline|pass|ignore|skip|turn (?:this|it) down)|"
    r"no need to (?:reply|respond|answer)|happy to take (?:a )?no|easy to say no|"
    r"if (?:your|the) (?:plate|calendar|schedule) is (?:full|packed)|"
    r"if (?:nobody|no one|nothing) comes to mind|"
    r"\b(?:totally|completely|perfectly|entirely|absolutely|fully|quite|also|equally) "
    r"(?:fine|ok|okay|alright|all right|understandable|understood|good|cool) if\b|"
    r"\b(?:it's|that's|it is|that is|it'd be|it would be|that'd be|that would be) "
    r"(?:\w+ )?(?:fine|ok|okay|alright|all right|all good|no problem|understandable) if\b|"
    r"\bif (?:the|this|your|my) (?:week|month|quarter|timing|time|moment|calendar|diary|"
    r"schedule|plate)\b[^.?!\n]{0,30}?\b(?:packed|full|busy|hectic|crazy|slammed|tight|"
    r"swamped|heavy|not|isn't|doesn't|bad|wrong)\b|"
    r"\bif you (?:can't|cannot|can not|don't have (?:the )?time|have no time|aren't able|"
    r"are not able|prefer not|'d rather not|would rather not|need to pass|have to pass)|"
    r"\b(?:happy|glad) to (?:understand|take a no|hear a no|hear no|be told no)\b|"
    r"\b(?:you're|you are) (?:welcome|free) to (?:say no|decline|pass|ignore|skip)|"
    r"\b(?:it's|it is) (?:\w+ )?(?:ok|okay|fine) to (?:say no|decline|pass|ignore|skip)|"
    r"\b(?:a |saying )?no is (?:a |an )?(?:\w+ )?(?:fine|ok|okay|good|great|welcome)\b|"
    r"\bno (?:stress|hard feelings)\b|\bzero pressure\b|\bunderstandable if\b|"
    r"\b(?:i'll|i will|i'd|i would) (?:totally |completely |fully )?get it\b|"
    r"\b(?:don't|do not) worry if\b|\bnot a problem if\b",
    re.IGNORECASE,
)
_SOFT_ASK_RE = re.compile(
    r"\b(?:i'd|i would|would)(?: also| really| also really| really also)? "
    r"(?:love|like|appreciate|value|welcome)\b|"
    r"\bi(?:'m| am| was)(?: also)? hoping\b|\bkeen to\b|"
    r"\bi(?: also)? (?:want(?:ed)?|need(?:ed)?|hope(?:d)?|meant) to (?:also )?"
    r"(?:ask|get|hear|request|learn|borrow|pick)\b",
    re.IGNORECASE,
)
# A wish that adds to the ask ("I'd also love your view on hiring.", "And I'd like to ask
# about X too"): a second ask, even next to a direct question.
_ADDED_RE = re.compile(
    r"\balso\b|\btoo\s*[.!]?\s*$|,\s*too\b|\bas well\b|\badditionally\b|\bin addition\b|"
    r"\banother\b|\bone more\b|\bsecond(?:ly)?\b|\bseparately\b|^\s*(?:and|plus)\b",
    re.IGNORECASE,
)
_MODAL_ASK = one_of(f"{MODALS} won't wouldn't couldn't")
_STRONG_ASK_RE = re.compile(
    rf"\b{_MODAL_ASK} you\b|"
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
    count only when there is no direct question or request, unless they add to it ("I'd
    also love ...", "... too")."""
    asks: list[str] = []
    logistics: list[str] = []
    soft: list[str] = []
    declines: list[str] = []
    sents = sentences(body)
    added: list[str] = []
    for i, s in enumerate(sents):
        decline = DECLINE_RE.search(s)
        if decline:
            declines.append(s)
            # "Would you have 20 minutes for X, or totally fine if not?" also asks
            s = s[: decline.start()]
            if len(words(s)) < 4 or not _STRONG_ASK_RE.search(s):
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
            if _ADDED_RE.search(s):
                added.append(s)
    if asks:
        asks.extend(added)
    else:
        asks = soft or logistics[:1]
    return Asks(tuple(asks), tuple(declines))
