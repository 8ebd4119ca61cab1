"""Outreach lint: the checkable rules of PRODUCT §4, each a named check with a reason.

Public API (used by the CLI ``prepcoach lint``, the LLM repair loop, the offline composer
and the TUI):

- ``lint_outreach(body, *, channel="email", kind="first-request", subject=None)``
  -> ``list[Violation]`` (empty when the text is clean). ``body`` is plain text without
  the subject line; ``subject`` is checked for email only (and for the mentor-word and
  jargon rules on every channel when given).
- ``split_subject(text)`` -> ``(subject or None, body)``: pulls a leading ``Subject: ...``
  line out of free text (``prepcoach lint FILE|-``).
- ``lint_draft(draft)``: the same on an ``OutreachDraft``.
- ``RULES``: ``(rule name, one-line description)`` for the UI's rule panel.
- ``applicable_rules(kind, channel)``: which rules run for a message kind and channel.
- ``readability_grade(text)``: Flesch-Kincaid grade level.

Rules per kind (``x`` = checked)::

    rule              first-request  recommendation  renewal  wind-down  follow-up
    no-mentor-word          x              x                                x
    one-ask                 x              x             x      (<=1)     (<=1)
    bounded-time            x
    tactical-topic          x
    no-long-term            x              x                                x
    easy-decline            x              x             x
    length                  x              x             x        x         x
    subject (email)         x              x             x        x         x
    plain-language          x              x             x        x         x
    no-jargon               x              x             x        x         x

Why: the first request and the ask to one's network are "stealth" messages, so the big
handle ("mentor") and commitment language are out. A follow-up goes to someone who gave
one conversation: naming it mentoring now would undo the stealth, so the word rule and the
commitment rule still apply. A renewal and a wind-down speak to an established, named
relationship about its term, so the word and "six months" are allowed there. Renewal is
still one ask with an easy decline; wind-down and follow-up need no ask (at most one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prepcoach.models import OutreachDraft


@dataclass(frozen=True)
class Violation:
    rule: str
    reason: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.reason}"


RULES: list[tuple[str, str]] = [
    ("no-mentor-word", "never says mentor, mentee, mentorship or mentoring (any form)"),
    ("one-ask", "exactly one ask (an easy-decline line does not count)"),
    ("bounded-time", "a small, bounded time request: at most 30 minutes, or one conversation"),
    ("tactical-topic", "the ask names a concrete, tactical topic (not 'pick your brain')"),
    ("no-long-term", "no long-term commitment language (ongoing, monthly, six months, ...)"),
    ("easy-decline", "an easy way to say no ('if now isn't a good time, no worries')"),
    ("length", "at most 120 words for email and LinkedIn, 60 for Slack"),
    ("subject", "email has a short, specific subject line of 3-6 words"),
    ("plain-language", "plain language: Flesch-Kincaid grade at most 10"),
    ("no-jargon", "no business jargon (synergy, circle back, bandwidth, deep dive, ...)"),
]
RULE_NAMES: tuple[str, ...] = tuple(name for name, _ in RULES)

KINDS: tuple[str, ...] = ("first-request", "recommendation", "renewal", "wind-down", "follow-up")
CHANNELS: tuple[str, ...] = ("email", "linkedin", "slack")

_KIND_RULES: dict[str, frozenset[str]] = {
    "first-request": frozenset(RULE_NAMES),
    "recommendation": frozenset(RULE_NAMES) - {"bounded-time", "tactical-topic"},
    "renewal": frozenset(
        {"one-ask", "easy-decline", "length", "subject", "plain-language", "no-jargon"}
    ),
    "wind-down": frozenset({"one-ask", "length", "subject", "plain-language", "no-jargon"}),
    "follow-up": frozenset(
        {"no-mentor-word", "one-ask", "no-long-term", "length", "subject", "plain-language"}
        | {"no-jargon"}
    ),
}
# Kinds for which "one-ask" means "at most one" (no ask is needed).
_AT_MOST_ONE_ASK = frozenset({"wind-down", "follow-up"})

# Replies peak for emails of roughly 75-100 words (Boomerang, "How to write an email that
# gets replies", 2016 study of 40M+ emails); the caps leave room above that peak.
WORD_LIMITS: dict[str, int] = {"email": 120, "linkedin": 120, "slack": 60}
SUBJECT_WORDS = (3, 6)
# Flesch-Kincaid grade level (Kincaid, Fishburne, Rogers, Chissom & Chissom 1975, "Derivation
# of new readability formulas ... for Navy enlisted personnel"): 0.39 * words/sentence +
# 11.8 * syllables/word - 15.59. Grade 10 is about a quality newspaper's level; plain
# language guides aim lower. Texts under MIN_WORDS_FOR_GRADE words are too short to score.
GRADE_CAP = 10.0
MIN_WORDS_FOR_GRADE = 20
MAX_MINUTES = 30


def applicable_rules(kind: str, channel: str) -> list[str]:
    """Rule names checked for this message kind and channel, in RULES order."""
    if kind not in _KIND_RULES:
        raise ValueError(f"unknown outreach kind {kind!r}; use one of {', '.join(KINDS)}")
    if channel not in WORD_LIMITS:
        raise ValueError(f"unknown channel {channel!r}; use one of {', '.join(CHANNELS)}")
    rules = _KIND_RULES[kind]
    return [r for r in RULE_NAMES if r in rules and not (r == "subject" and channel != "email")]


# ---------------------------------------------------------------------- text helpers

_ESC_RE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")
_CTRL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MARKUP_RE = re.compile(r"\[/?[a-zA-Z@#][^\[\]\n]{0,40}\]|\[/\]")
_WORD_RE = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['’\-][A-Za-z0-9\u00C0-\u024F]+)*")
_SENT_SPLIT_RE = re.compile(r"(?<=[.!?])[\"')\]]*\s+")
_PARA_SPLIT_RE = re.compile(r"\n[ \t]*\n+")


def clean_text(text: str) -> str:
    """Plain text: terminal escape sequences, control characters and Rich/BBCode-style
    markup tags (``[bold]``, ``[/]``) removed; Markdown emphasis marks dropped."""
    text = _ESC_RE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CTRL_RE.sub("", text)
    text = _MARKUP_RE.sub("", text)
    text = re.sub(r"[*_`#<>{}|~^\\]+", " ", text)
    text = re.sub(r"[ \u00a0]+", " ", text)
    return text.strip()


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


def plural(n: int, word: str, many: str = "") -> str:
    """``n`` and ``word``, pluralised for ``n`` != 1 ("1 word", "2 words"); ``many`` is
    the plural when it is not ``word + "s"``."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def sentences(text: str) -> list[str]:
    """Sentences of a message. Paragraphs (blank-line separated: greeting, body, sign-off)
    never share a sentence; a single line break inside a paragraph is a hard wrap."""
    out: list[str] = []
    for para in _PARA_SPLIT_RE.split(text):
        joined = " ".join(para.split())
        out.extend(s.strip() for s in _SENT_SPLIT_RE.split(joined) if s and s.strip())
    return out


def count_syllables(word: str) -> int:
    """Heuristic English syllable count (vowel groups, silent final e, -ed/-es)."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1  # numbers and symbols: about one syllable each
    if len(w) <= 3:
        return 1
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")):
        w = w[:-1]
    elif w.endswith(("es", "ed")) and not w.endswith(("ted", "ded", "ses", "zes", "ches", "shes")):
        w = w[:-2]
    groups = re.findall(r"[aeiouy]+", w)
    n = len(groups)
    # "ia", "io" (radio, via) are usually two syllables.
    n += len(re.findall(r"[^aeiou]i[ao]", w)) if not w.endswith(("tion", "sion")) else 0
    return max(1, n)


def readability_grade(text: str) -> float | None:
    """Flesch-Kincaid grade level of ``text``; None when it has too few words to score."""
    ws = words(text)
    if len(ws) < MIN_WORDS_FOR_GRADE:
        return None
    sents = [s for s in sentences(text) if words(s)]
    n_sent = max(1, len(sents))
    syl = sum(count_syllables(w) for w in ws)
    return 0.39 * (len(ws) / n_sent) + 11.8 * (syl / len(ws)) - 15.59


def _quote(s: str, limit: int = 60) -> str:
    s = " ".join(s.split())
    return f"'{s if len(s) <= limit else s[: limit - 1] + '…'}'"


# ---------------------------------------------------------------------------- rules

MENTOR_WORD_RE = re.compile(r"\bmentor\w*|\bmentee\w*", re.IGNORECASE)

_DECLINE_RE = re.compile(
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

_NUM_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "twenty-five": 25,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
}
_MINUTES_RE = re.compile(
    r"\b(\d{1,4}|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r")"
    r"(?:\s*(?:-|to|–|or)\s*(\d{1,4}))?[\s-]*(?:min|mins|minute|minutes)\b",
    re.IGNORECASE,
)
_ONE_CONVERSATION_RE = re.compile(
    r"\b(?:one|a single|a one-off|one-off|a single short|one short|one quick)\s+"
    r"(?:conversation|call|chat|video call|phone call|meeting)\b",
    re.IGNORECASE,
)
_TOO_BIG_RE = re.compile(
    r"(?<!half )\b(?:an|one|1|a full|a whole|a couple of|a few|two|three|several|"
    r"\d+(?:\.\d+)?)\s+hours?\b|"
    r"\bhour-long\b|\b(?:half|full|whole) (?:a )?day\b|\ban afternoon\b|\ba morning\b|"
    r"\blunch\b|\bdinner\b",
    re.IGNORECASE,
)
_HALF_HOUR_RE = re.compile(r"\bhalf an hour\b|\bhalf-hour\b|\b30-minute\b", re.IGNORECASE)

_LONG_TERM_RE = re.compile(
    r"\bongoing\b|\bregular(?:ly)?\b|\bon a regular basis\b|\brecurring\b|\brepeating\b|"
    r"\bevery (?:other )?(?:week|month|quarter|fortnight|few weeks|couple of weeks|year)\b|"
    r"\b(?:weekly|bi-?weekly|fortnightly|monthly|quarterly|yearly|annual|annually)\b|"
    r"\b(?:\d+|two|three|four|five|six|nine|twelve|eighteen|several|a few|next few|"
    r"coming)\s+(?:months|years|quarters)\b|"
    r"\bfor (?:a|the next|the coming) (?:year|quarter|while)\b|\blong[- ]term\b|"
    r"\blong[- ]running\b|\bstanding (?:meeting|call|slot)\b|\bindefinite(?:ly)?\b|"
    r"\bforeseeable future\b|\ba series of\b|\bcheck-ins\b|"
    r"\bcontinu(?:e|ing) to meet\b|\bkeep meeting\b|\bfrom time to time\b",
    re.IGNORECASE,
)

# Jargon: business clichés that make a short note sound like a memo. "leverage" only as a
# verb (followed by a determiner/pronoun or preceded by to/can/could/we/I).
JARGON: tuple[str, ...] = (
    "synergy",
    "synergies",
    "synergize",
    "leverage (verb)",
    "circle back",
    "touch base",
    "bandwidth",
    "deep dive",
    "low-hanging fruit",
    "move the needle",
    "paradigm shift",
    "take this offline",
    "boil the ocean",
    "value-add",
    "thought leadership",
    "double-click",
    "actionable insights",
    "best-in-class",
    "game-changer",
    "win-win",
    "ideate",
    "learnings",
    "operationalize",
    "core competency",
    "drill down",
    "on my radar",
    "ping you",
    "socialize this",
    "quick sync",
    "net-net",
    "holistic",
    "empower",
)
_JARGON_RE = re.compile(
    r"\bsynerg(?:y|ies|ize|ise|istic)\b|"
    r"\b(?:to|can|could|would|will|we|i|you|and|help|helps|helped) leverag(?:e|ing|ed)\b|"
    r"\bleverag(?:e|ing|ed) (?:your|my|our|the|this|these|that|their|his|her|its|it|them|"
    r"a|an|some)\b|"
    r"\bcircl(?:e|ing) back\b|\btouch(?:ing)? base\b|\bbandwidth\b|\bdeep[- ]dives?\b|"
    r"\blow[- ]hanging fruit\b|\bmove the needle\b|\bparadigm(?: shift)?s?\b|"
    r"\btake (?:this|it) offline\b|\bboil(?:ing)? the ocean\b|\bvalue[- ]add\b|"
    r"\bthought leadership\b|\bdouble[- ]click\b|\bactionable insights?\b|"
    r"\bbest[- ]in[- ]class\b|\bgame[- ]changer\b|\bwin[- ]win\b|\bideat(?:e|ing|ion)\b|"
    r"\blearnings\b|\boperationali[sz]e\b|\bcore competenc(?:y|ies)\b|\bdrill(?:ing)? down\b|"
    r"\bon my radar\b|\bping you\b|\bsociali[sz]e (?:this|it)\b|\bquick sync\b|\bnet-net\b|"
    r"\bholistic(?:ally)?\b|\bempower(?:ing|ment)?\b",
    re.IGNORECASE,
)


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that say nothing about what the conversation is about.
VAGUE_WORDS = _wordset(
    """
    quick request hello intro introduction checking following touching
    pick brain brains chat chats chatting connect connecting catch up advice guidance help
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
_SCHEDULING_WORDS = _wordset(
    """
    monday tuesday wednesday thursday friday saturday sunday tomorrow today week weeks month
    months next this later calendar slot morning afternoon evening day days soon sometime
    """
)
_VAGUE_PHRASE_RE = re.compile(
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
_TOPIC_STOP_RE = re.compile(r"[.?!;:\n(]| - | — ")


def content_words(phrase: str) -> list[str]:
    """Words that carry a topic: not stop words, vague words or scheduling words."""
    out = []
    for w in words(phrase):
        lw = w.lower().strip("'’")
        if len(lw) < 3 and not lw.isdigit():
            continue
        if lw in STOPWORDS or lw in VAGUE_WORDS or lw in _SCHEDULING_WORDS:
            continue
        if lw.isdigit() and len(lw) < 4:  # "20 minutes" is not a topic; "2025" may be
            continue
        out.append(w)
    return out


def find_topic(text: str) -> str | None:
    """The first concrete topic phrase after a topic marker ("how you ...", "about ...")
    with at least two content words; None if the text names none."""
    for m in _TOPIC_MARKER_RE.finditer(text):
        rest = text[m.end() :]
        stop = _TOPIC_STOP_RE.search(rest)
        phrase = rest[: stop.start()] if stop else rest
        phrase_words = words(phrase)[:14]
        if len(content_words(" ".join(phrase_words))) >= 2:
            return " ".join(phrase_words)
    return None


def _asks(body: str) -> tuple[list[str], list[str]]:
    """(ask sentences, decline sentences). One sentence can hold two asks ("Would you ...,
    and could you ...?"): it is then listed twice. Scheduling-only questions ("Does
    Tuesday work?") count only when there is no other ask; wishes ("I'd love to hear how
    you ...") count only when there is no direct question or request."""
    asks: list[str] = []
    logistics: list[str] = []
    soft: list[str] = []
    declines: list[str] = []
    sents = sentences(body)
    for i, s in enumerate(sents):
        if _DECLINE_RE.search(s):
            declines.append(s)
            continue
        # "Too busy? No worries." - a short question leading into a decline is the decline
        nxt = sents[i + 1] if i + 1 < len(sents) else ""
        if s.endswith("?") and len(words(s)) <= 5 and nxt and _DECLINE_RE.search(nxt):
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
    return asks, declines


def _minutes_requested(text: str) -> list[int]:
    out = []
    for m in _MINUTES_RE.finditer(text):
        first = m.group(1).lower()
        n = int(first) if first.isdigit() else _NUM_WORDS.get(first, 0)
        if m.group(2):
            n = max(n, int(m.group(2)))
        out.append(n)
    return out


def lint_outreach(
    body: str,
    *,
    channel: str = "email",
    kind: str = "first-request",
    subject: str | None = None,
) -> list[Violation]:
    """Check an outreach message against the rules of PRODUCT §4.

    ``body``: the message text, without the subject line. ``channel``: email, linkedin or
    slack. ``kind``: first-request, recommendation, renewal, wind-down or follow-up (see
    the table in the module docstring for which rules apply). ``subject``: the email
    subject line (None or "" counts as missing for email).

    Returns one ``Violation(rule, reason)`` per broken rule, in ``RULES`` order; the
    reason is a sentence that quotes what was found and says what to do. Raises
    ``ValueError`` for an unknown kind or channel.
    """
    rules = applicable_rules(kind, channel)
    text = clean_text(body)
    flat = " ".join(text.split())  # phrases may be hard-wrapped across lines
    subj = " ".join(clean_text(subject or "").split())
    out: list[Violation] = []

    if "no-mentor-word" in rules:
        found = [m.group(0) for m in MENTOR_WORD_RE.finditer(text + "\n" + subj)]
        if found:
            uniq = list(dict.fromkeys(found))
            out.append(
                Violation(
                    "no-mentor-word",
                    f"uses {', '.join(repr(w) for w in uniq)}: the word scares many senior "
                    "people off (too big a handle, sounds like it never ends); ask for one "
                    "conversation about one topic instead.",
                )
            )

    asks, declines = _asks(text)
    if "one-ask" in rules:
        n = len(asks)
        if kind in _AT_MOST_ONE_ASK:
            if n > 1:
                listed = "; ".join(_quote(a) for a in dict.fromkeys(asks))
                out.append(
                    Violation(
                        "one-ask",
                        f"makes {n} asks ({listed}); a {kind} note should ask for at most "
                        "one thing.",
                    )
                )
        elif n == 0:
            out.append(
                Violation(
                    "one-ask",
                    "makes no clear ask; end with one question such as 'Would you be open "
                    "to a 20-minute call on ...?'.",
                )
            )
        elif n > 1:
            listed = "; ".join(_quote(a) for a in dict.fromkeys(asks))
            out.append(
                Violation(
                    "one-ask",
                    f"makes {n} asks ({listed}); keep exactly one, so saying yes is easy.",
                )
            )

    if "bounded-time" in rules:
        mins = _minutes_requested(flat)
        too_big = [m.group(0) for m in _TOO_BIG_RE.finditer(flat)]
        over = [n for n in mins if n > MAX_MINUTES]
        bounded = any(0 < n <= MAX_MINUTES for n in mins) or bool(
            _ONE_CONVERSATION_RE.search(flat) or _HALF_HOUR_RE.search(flat)
        )
        if too_big or over:
            what = ", ".join([repr(t) for t in too_big] + [f"'{n} minutes'" for n in over])
            out.append(
                Violation(
                    "bounded-time",
                    f"asks for too much time ({what}); ask for {MAX_MINUTES} minutes or "
                    "less, e.g. '20 minutes'.",
                )
            )
        elif not bounded:
            out.append(
                Violation(
                    "bounded-time",
                    "names no small, bounded amount of time; ask for e.g. '20 minutes' or "
                    "'one conversation'.",
                )
            )

    if "tactical-topic" in rules and find_topic(flat) is None:
        vague = [m.group(0) for m in _VAGUE_PHRASE_RE.finditer(flat)]
        if vague:
            out.append(
                Violation(
                    "tactical-topic",
                    f"the ask is vague ({', '.join(repr(v) for v in dict.fromkeys(vague))}); "
                    "name one concrete, tactical topic, e.g. 'how you approached <a specific "
                    "problem>'.",
                )
            )
        else:
            out.append(
                Violation(
                    "tactical-topic",
                    "names no concrete topic; say exactly what you want to learn, e.g. 'how "
                    "you handled <a specific situation>'.",
                )
            )

    if "no-long-term" in rules:
        found = [m.group(0) for m in _LONG_TERM_RE.finditer(flat + "\n" + subj)]
        if found:
            uniq = list(dict.fromkeys(f.lower() for f in found))
            out.append(
                Violation(
                    "no-long-term",
                    f"sounds like a long-term commitment ({', '.join(repr(w) for w in uniq)}); "
                    "ask for one conversation only and let any next step come from them.",
                )
            )

    if "easy-decline" in rules and not declines:
        out.append(
            Violation(
                "easy-decline",
                "gives no easy way to say no; add a line such as 'If now isn't a good time, "
                "no worries at all.'",
            )
        )

    if "length" in rules:
        limit = WORD_LIMITS[channel]
        n_words = word_count(text)
        if n_words > limit:
            out.append(
                Violation(
                    "length",
                    f"{n_words} words; keep a {channel} message to {limit} words or fewer "
                    "(replies peak around 75-100 words).",
                )
            )

    if "subject" in rules:
        n_subj = word_count(subj)
        lo, hi = SUBJECT_WORDS
        if not subj:
            out.append(
                Violation(
                    "subject",
                    f"the email has no subject line; add a specific one of {lo}-{hi} words.",
                )
            )
        elif not lo <= n_subj <= hi:
            out.append(
                Violation(
                    "subject",
                    f"the subject {_quote(subj)} has {plural(n_subj, 'word')}; use {lo}-{hi} "
                    "specific words.",
                )
            )
        elif not content_words(subj) and not re.search(r"\b(?:thanks?|thank you)\b", subj, re.I):
            out.append(
                Violation(
                    "subject",
                    f"the subject {_quote(subj)} is generic; name the topic in it.",
                )
            )

    if "plain-language" in rules:
        grade = readability_grade(text)
        if grade is not None and grade > GRADE_CAP:
            out.append(
                Violation(
                    "plain-language",
                    f"reads at grade {grade:.1f} (Flesch-Kincaid); aim for {GRADE_CAP:.0f} or "
                    "below with shorter sentences and shorter words.",
                )
            )

    if "no-jargon" in rules:
        found = [m.group(0) for m in _JARGON_RE.finditer(flat + "\n" + subj)]
        if found:
            uniq = list(dict.fromkeys(f.lower() for f in found))
            out.append(
                Violation(
                    "no-jargon",
                    f"uses jargon ({', '.join(repr(w) for w in uniq)}); say it in plain words.",
                )
            )
    return out


def lint_draft(draft: OutreachDraft) -> list[Violation]:
    """``lint_outreach`` on a stored draft (its body, channel, kind and subject)."""
    return lint_outreach(
        draft.body, channel=draft.channel, kind=draft.outreach_kind, subject=draft.subject
    )


_SUBJECT_LINE_RE = re.compile(r"^\s*(?:subject|subj|re)\s*:\s*(.*?)\s*$", re.IGNORECASE)


def split_subject(text: str) -> tuple[str | None, str]:
    """Pull a leading ``Subject: ...`` line out of free text.

    Blank lines before it are skipped; the body is the rest with leading blank lines
    removed. Returns ``(None, text)`` when the first non-blank line is not a subject line.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines):
        m = _SUBJECT_LINE_RE.match(lines[i])
        if m:
            rest = lines[i + 1 :]
            while rest and not rest[0].strip():
                rest = rest[1:]
            return m.group(1), "\n".join(rest)
    return None, text
