"""Topic extraction: turn a raw ask into a concrete, tactical topic phrase.

``tactical_topic("pick her brain about the reorg")`` gives the core "the reorg" and the
phrase "how you approached the reorg", the form that follows "a 20-minute call on".
``topic_candidates`` lists every usable topic from best to plainest (the raw ask, the
relevant open objectives, a concrete topic for the mentor's support areas); the last
one always exists. ``subject_span`` picks a few of its words for a subject line.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from prepcoach.engines.offline.phrases import trim_edges
from prepcoach.engines.offline.scrub import scrub
from prepcoach.lint import content_words, find_topic, lint_outreach
from prepcoach.models import Mentor, Objective


@dataclass(frozen=True)
class Topic:
    """A tactical topic: ``core`` ("the platform reorg") and ``phrase``, the form that
    follows "a 20-minute call on" ("how you approached the platform reorg")."""

    core: str
    phrase: str


_LEADING_RE = re.compile(
    r"^(?:"
    r"(?:hi|hello|hey|dear)\b[^,.]*[,.]\s*|"
    r"(?:please|just|quick question|question)[:,]?\s+|"
    r"(?:would|could|can|will) (?:you|she|he|they)\b(?: be (?:open|willing|able) to| mind)?\s*|"
    r"(?:i(?:'d| would)|we(?:'d| would)) (?:love|like|want) (?:to )?|"
    r"(?:i|we) (?:want|need|hope|plan|am trying|'m trying|'m hoping|am hoping) to\s+|"
    r"(?:i'm|i am|we're|we are) (?:trying|hoping|looking) to\s+|"
    r"(?:want|hoping|trying|looking) to\s+|"
    r"(?:ask|asking|get|getting|hear|hearing|learn|learning|understand|understanding|"
    r"discuss|discussing|talk|talking|chat|chatting|know|find out|see|explore)\b"
    r"(?: (?:her|him|them|you|their|your|his))?(?: (?:about|on|re|regarding|around))?\s*|"
    r"(?:pick|picking) (?:your|her|his|their) brains? ?(?:about|on|re|around|for)?\s*|"
    r"(?:her|his|their|your|some) (?:advice|thoughts|input|guidance|take|view|views|"
    r"perspective|insights?)\s*(?:on|about|around|re|regarding|for)?\s*|"
    r"(?:advice|thoughts|input|guidance|help|tips|perspective|insights?)\s+"
    r"(?:on|about|with|around|re|regarding|for)\s+|"
    r"(?:a|one)? ?(?:quick |short )?(?:\d+|twenty|fifteen|ten|thirty)[- ]?(?:min|mins|minutes?)"
    r"(?: (?:call|chat|conversation|meeting|of (?:her|his|their|your) time))?"
    r" ?(?:on|about|to discuss|to talk about|re)?\s*|"
    r"(?:a|one) (?:quick |short )?(?:call|chat|conversation|coffee|meeting)"
    r"(?: (?:on|about|to discuss|re))?\s*|"
    r"(?:about|on|re|regarding|around|with)\s+|"
    r"(?:and|so|then|to)\s+"
    r")",
    re.IGNORECASE,
)
_BASE_VERBS = frozenset(
    re.findall(
        r"\S+",
        """
        build grow hire run scale lead handle manage set structure plan decide balance
        prepare move negotiate present make create design give deliver drive fix reduce
        improve prioritize prioritise say tell pitch sell win earn keep retain merge split
        launch change delegate coach influence align communicate measure write find choose
        pick take step push shape frame sponsor staff fund cut kill stop start ship hand
        turn get go become own raise
        """,
    )
)
_CUT_RE = re.compile(
    r"[,;:(]| - | — | because | since | so that | as well as | and also | but | and ",
    re.IGNORECASE,
)
# Concrete fallback topics per support area: (core for "I'm working on ...", phrase).
_AREA_TOPICS: dict[str, tuple[str, str]] = {
    "scope": (
        "growing into a role with twice the scope",
        "what you stopped doing first when your scope doubled",
    ),
    "politics": (
        "choosing which cross-team fights to pick",
        "how you decide which cross-team fights are worth picking",
    ),
    "career": (
        "choosing between a bigger role here and a top job at a smaller company",
        "how you chose between a bigger role at home and a top job at a smaller company",
    ),
    "viewpoint": (
        "testing my plan for next year against an outside view",
        "what you would question first in my plan for next year",
    ),
    "technical": (
        "running design reviews when senior engineers disagree",
        "how you run design reviews when the senior engineers disagree",
    ),
    "toolkit": (
        "giving hard feedback to senior people early",
        "how you give hard feedback to senior people before a review does it for you",
    ),
}


def _third_to_second_person(t: str) -> str:
    t = re.sub(r"\b(?:she|he|they)\b", "you", t, flags=re.IGNORECASE)
    t = re.sub(r"\b(?:herself|himself|themselves)\b", "yourself", t, flags=re.IGNORECASE)
    t = re.sub(r"\b(?:his|their)\b", "your", t, flags=re.IGNORECASE)
    t = re.sub(r"\bher\b(?= [a-z])", "your", t)
    t = re.sub(r"\bher\b", "you", t)
    fixes = {"you's": "you've", "you does": "you do", "you has": "you have", "you is": "you are"}
    for a, b in fixes.items():
        t = re.sub(rf"\b{a}\b", b, t)
    t = re.sub(r"\byou was\b", "you were", t)

    def _verb(m: re.Match[str]) -> str:
        w = m.group(1)
        if w.endswith(("ss", "us", "is", "ous")) or len(w) < 4:
            return m.group(0)
        base = w[:-2] if w.endswith(("ches", "shes", "xes")) else w[:-1]
        return f"you {base}"

    return re.sub(r"\byou ([a-z]+s)\b", _verb, t)


_FIRST_PERSON_Q: list[tuple[str, str]] = [
    (r"^(?:how|what) (?:do|should|can|could|would|might) (?:i|we) do\b", "what to do"),
    (r"^how (?:do|should|can|could|would|might) (?:i|we)\b", "how to"),
    (r"^what (?:do|should|can|could) (?:i|we)\b", "what to"),
    (r"^(?:should|do|can|could) (?:i|we)\b", "whether to"),
    (r"^(?:is|was) it (?:naive|smart|wise|ok|okay|right|wrong) to\b", "whether to"),
    (
        r"^(is|are|was|were) (.+?) (naive|realistic|smart|wise|ok|okay|right|wrong|fair|"
        r"worth it|too \w+)$",
        r"whether \2 \1 \3",
    ),
    (r"^(?:is|are|was|were|does|did|will|would) ", "whether "),
    (r"^who (?:should|do|can) (?:i|we)\b", "who to"),
    (r"^when (?:should|do) (?:i|we)\b", "when to"),
    (r"^(?:decide|choose|pick)\s*[:-]\s*(.+?),? or (.+)$", r"how to choose between \1 and \2"),
    (r"^(?:decide|choose|pick)\s*[:-]\s*", "how to decide "),
]


def topic_core(raw: str, max_words: int, *, strip_lead: bool = True) -> str:
    """The topic words of ``raw``: scrubbed, request phrasing removed (when
    ``strip_lead``), first-person questions turned into "how to ..." / "whether to ...",
    "she/he" turned into "you" when the text is about the recipient, cut to one clause of
    at most ``max_words`` words. "" when nothing concrete is left."""
    t = scrub(raw)
    # the first sentence that says something
    for sent in re.split(r"(?<=[.])\s+", t):
        if len(content_words(sent)) >= 2:
            t = sent
            break
    else:
        return ""
    t = t.strip(" .")
    if strip_lead:
        for _ in range(8):
            new = _LEADING_RE.sub("", t, count=1).strip(" .,:")
            if new == t:
                break
            t = new
    if t and not re.match(r"^[A-Z0-9]{2,}\b|^[A-Z][a-z]*[A-Z]", t):
        t = t[0].lower() + t[1:]
    for pat, rep in _FIRST_PERSON_Q:
        new = re.sub(pat, rep, t, count=1, flags=re.IGNORECASE)
        if new != t:
            t = new
            break
    if re.match(r"^(?:how|what|why|when|where|whether|which) (?:she|he|they)\b", t, re.I) or (
        re.match(r"^(?:her|his|their) ", t, re.I)
    ):
        t = _third_to_second_person(t)
    for cut in _CUT_RE.finditer(t):
        before = t[: cut.start()]
        if cut.group(0).strip() == "and" and re.search(r"\bbetween\b", before, re.I):
            continue
        if len(content_words(before)) >= 2:
            t = before
        break
    ws = trim_edges(t.split())
    if len(ws) > max_words:
        ws = trim_edges(ws[:max_words])
    if ws and not (ws[0].isupper() and len(ws[0]) > 1) and not re.match(r"[A-Z][a-z]*[A-Z]", ws[0]):
        ws[0] = ws[0][0].lower() + ws[0][1:]
    return " ".join(ws).strip(" .,:;-")


def _shape(core: str) -> str:
    first = core.split()[0].lower() if core else ""
    if first in ("how", "what", "why", "when", "whether", "where", "which", "who"):
        return core
    if first == "your":
        return core
    if first == "to" and len(core.split()) > 1:
        return "how " + core
    if first in _BASE_VERBS:
        return "how to " + core
    if first.endswith("ing") and len(first) > 4:
        return "how you approach " + core
    return "how you approached " + core


def _topic_ok(t: Topic) -> bool:
    return (
        len(content_words(t.core)) >= 2
        and find_topic(f"a call on {t.phrase}") is not None
        and not lint_outreach(t.phrase, kind="follow-up", channel="slack")
    )


def _topic_from(raw: str, max_words: int, *, strip_lead: bool = True) -> Topic | None:
    core = topic_core(raw, max_words, strip_lead=strip_lead)
    if not core:
        return None
    t = Topic(core=core, phrase=_shape(core))
    return t if _topic_ok(t) else None


def relevant_objectives(objectives: Sequence[Objective], mentor: Mentor | None) -> list[Objective]:
    """The open objectives: ``mentor``'s own first, then those in its support areas."""
    open_ = [o for o in objectives if o.status == "open"]
    if mentor is None:
        return open_
    mine = [o for o in open_ if mentor.id in o.mentors]
    area = [o for o in open_ if o not in mine and o.support_area in mentor.support_areas]
    return mine + area + [o for o in open_ if o not in mine and o not in area]


def topic_candidates(
    raw: str, objectives: Sequence[Objective] = (), mentor: Mentor | None = None
) -> Iterator[Topic]:
    """Topics from best to plainest: the raw ask (full, then shorter), the relevant open
    objectives, then a concrete topic for the mentor's first support area. The last one
    always exists."""
    seen: set[str] = set()
    sources = [(raw, True)] + [(o.title, False) for o in relevant_objectives(objectives, mentor)]
    for src, strip_lead in sources:
        for n in (14, 9, 6):
            t = _topic_from(src, n, strip_lead=strip_lead)
            if t is not None and t.phrase not in seen:
                seen.add(t.phrase)
                yield t
    areas = list(mentor.support_areas) if mentor is not None else []
    for area in [*areas, "toolkit"]:
        core, phrase = _AREA_TOPICS[area]
        if phrase not in seen:
            seen.add(phrase)
            yield Topic(core=core, phrase=phrase)


def tactical_topic(
    raw: str, objectives: Sequence[Objective] = (), mentor: Mentor | None = None
) -> Topic:
    """The best concrete topic for ``raw`` (see ``topic_candidates``)."""
    return next(topic_candidates(raw, objectives, mentor))


_NOT_NOUNS = frozenset(
    re.findall(
        r"\S+",
        """first last next best worst most least much many whole between within across
        without through toward towards against during before after while""",
    )
)


def _nounish(w: str) -> bool:
    lw = w.lower()
    if re.match(r"^[A-Z0-9][A-Z0-9-]+$", w):  # VP, CTO, Q1, FY27
        return True
    if lw in _BASE_VERBS or lw in _NOT_NOUNS or lw.endswith(("ed", "ing", "ly")):
        return False
    return bool(content_words(w))


def subject_span(t: Topic, max_words: int = 4) -> str:
    """A few words of the topic for a subject line: the shortest stretch of the core that
    holds its first two noun-like words (at most ``max_words`` words), else its first
    content words."""
    ws = [w.strip(".,;:!?'\"()") for w in t.core.split()]
    ws = [w for w in ws if w]
    idx = [i for i, w in enumerate(ws) if _nounish(w)]
    for a, b in itertools.pairwise(idx):
        if b - a < max_words:
            return " ".join(ws[a : b + 1])
    if idx:
        return ws[idx[0]]
    cw = content_words(t.core)
    return " ".join(cw[:2])
