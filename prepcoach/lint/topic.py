"""Topic words: what makes an ask concrete ("how you sequenced the platform reorg") rather
than vague ("pick your brain", "leadership")."""

from __future__ import annotations

import re

from prepcoach.text import words


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that say nothing about what the conversation is about.
VAGUE_WORDS = _wordset(
    """
    quick request hello intro introduction checking following touching
    pick picking brain brains chat chats chatting connect connecting catch up advice guidance help
    thoughts thought ideas insights insight perspective perspectives views things stuff
    general generally leadership career careers growth journey experience experiences learn
    learning learnings questions question topics topic time coffee call meeting conversation
    minutes minute quick talk talking discuss discussing share sharing mentor mentoring
    mentorship mentee support wisdom tips tricks best practices lessons lesson life work
    working job jobs role roles opportunities opportunity development develop developing
    grow growing better improve improving success successful leader leaders leading managing
    management manager approach approached approaching handled handle handling ran run
    running did do does done made make making think thinking thought went go going got get
    dealt deal navigate navigated navigating tackled tackle way ways you your yours
    anything something everything few some any bit little lot lots more most
    """
)
STOPWORDS = _wordset(
    """
    a an the and or but if of to in on at by for with from into onto about over under
    as is are was were be been being it its this that these those there here i me my mine
    we us our ours he she they them their his her him hers theirs what which who whom whose
    how why when where whether would could should can will might may must shall just also
    very really so too than then such own same other another each both all not no nor only
    s t don't didn't i'm i've i'd you're you've you'd it's that's what's let's up down out
    off again further once own
    """
)
SCHEDULING_WORDS = _wordset(
    """
    monday tuesday wednesday thursday friday saturday sunday tomorrow today week weeks month
    months next this later calendar slot morning afternoon evening day days soon sometime
    """
)
VAGUE_PHRASE_RE = re.compile(
    r"\bpick (?:your|his|her|their) brains?\b|\bpicking (?:your|his|her|their) brains?\b|"
    r"\b(?:grab|get|have) (?:a )?(?:quick )?(?:coffee|chat)\b|\bcatch up\b|\bconnect\b|"
    r"\b(?:your|some) (?:advice|guidance|thoughts|wisdom|insights?)\b|\bchat\b|"
    r"\blearn from you\b|\bget to know you\b",
    re.IGNORECASE,
)
_TOPIC_MARKER_RE = re.compile(
    r"\bhow (?:you|your team|you and your team|you'd|you would|you've|you have|did you|"
    r"do you|would you)\b|"
    r"\byour (?:approach|experience|playbook|take|thinking|process|method|view|advice)\s+"
    r"(?:to|with|on|of|in|around|for|about)\b|"
    r"\bthe way you\b|\bwhat you (?:learned|did|would do|look for|watch for)\b|"
    r"\bwhy you\b|\bwhen you\b|\bwhether you\b|"
    r"\b(?:about|on|around|regarding)\b",
    re.IGNORECASE,
)
# A marker may introduce the topic after a colon ("your view on: What would you cut?").
_TOPIC_MARKER_RE = re.compile(rf"(?:{_TOPIC_MARKER_RE.pattern})(?:\s*:)?", re.IGNORECASE)
_TOPIC_STOP_RE = re.compile(r"[.?!;:\n(]| - | — ")


def content_words(phrase: str) -> list[str]:
    """Words that carry a topic: not stop words, vague words or scheduling words."""
    out = []
    for w in words(phrase):
        lw = w.lower().strip("'’")
        if len(lw) < 3 and not lw.isdigit() and not (w.isupper() and w.isalpha()):
            continue  # short words say little; an acronym ("VP", "HR", "QA") names a topic
        if lw in STOPWORDS or lw in VAGUE_WORDS or lw in SCHEDULING_WORDS:
            continue
        if lw.isdigit() and len(lw) < 4:  # "20 minutes" is not a topic; "2025" may be
            continue
        out.append(w)
    return out


def find_topic(text: str) -> str | None:
    """The first concrete topic phrase after a topic marker ("how you ...", "about ...")
    with at least one content word; None if the text names none."""
    for m in _TOPIC_MARKER_RE.finditer(text):
        rest = text[m.end() :]
        stop = _TOPIC_STOP_RE.search(rest)
        phrase = rest[: stop.start()] if stop else rest
        phrase_words = words(phrase)[:14]
        if len(content_words(" ".join(phrase_words))) >= 1:
            return " ".join(phrase_words)
    return None
