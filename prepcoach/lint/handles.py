"""Handles and jargon: words that make a small ask sound big ("mentor") or like a memo
("circle back")."""

from __future__ import annotations

import re

from prepcoach.lint.phrases import MODALS, one_of, pattern
from prepcoach.lint.textstats import sentences

MENTOR_WORD_RE = re.compile(r"\bmentor\w*|\bmentee\w*", re.IGNORECASE)

# A standing role asked of the reader ("Would you be my coach?", "act as an advisor"): the
# same too-big handle as "mentor". The role named as someone else's ("my coach at the gym
# told me", "our sponsor team", "how you learned to be a good coach") is fine.
_ROLE = r"(?:coach|sponsor|advis[eo]r)"
_ROLE_RE = re.compile(
    r"\b(?P<verb>be|become|being|becoming|act(?:ing)? as|serv(?:e|ing) as|"
    r"step(?:ping)? in as|sign(?:ing)? on as|tak(?:e|ing) on the role of|have you as)\s+"
    r"(?P<det>my|our|a|an|the|me an?)?\s*(?:(?!for\b|to\b)[\w'-]+\s+){0,2}?"
    rf"{_ROLE}\b",
    re.IGNORECASE,
)
_LOOKING_RE = re.compile(
    r"\b(?:looking for|seeking|searching for|in search of|hoping to find)\s+(?:an?|my)\s+"
    rf"(?:[\w'-]+\s+){{0,2}}?{_ROLE}\b",
    re.IGNORECASE,
)
# The reader asked to do something, and words that make the role someone else's
# ("Could you recommend someone to be my sponsor?", "how did you learn to be a coach?").
_YOU_ASKED_RE = pattern(
    rf"\b{one_of(MODALS)} you\b|\byou(?:'d| would| might| could)\b|\bfor you to\b|",
    r"\b(?:are|were) you\b|\b(?:ask|asking|invite|want) you to\b|\bif you\b",
)
_NOT_THE_READER_RE = re.compile(
    r"\b(?:how|what|why|when|whether|learn\w*|teach\w*|recommend\w*|suggest\w*|"
    r"introduce|know|point|someone|somebody|anyone|anybody|who)\b",
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
JARGON_RE = re.compile(
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


def mentor_words(text: str) -> list[str]:
    """The mentor words of ``text`` as written, first seen first."""
    return list(dict.fromkeys(m.group(0) for m in MENTOR_WORD_RE.finditer(text)))


def role_requests(text: str) -> list[str]:
    """The phrases of ``text`` that ask the reader to take on a standing role (coach,
    sponsor, advisor), as written, first seen first."""
    found: list[str] = []
    for s in sentences(" ".join(text.split())):
        for m in _ROLE_RE.finditer(s):
            asked = m.group("verb").lower() == "have you as" or _asked_of_reader(s[: m.start()])
            if asked:
                found.append(m.group(0))
        found.extend(
            m.group(0)
            for m in _LOOKING_RE.finditer(s)
            if re.search(r"\byou\b", s, re.I) and not _NOT_THE_READER_RE.search(s)
        )
    return list(dict.fromkeys(" ".join(f.split()) for f in found))


def _asked_of_reader(before: str) -> bool:
    """Whether the clause before a role names the reader as the one asked, with nothing
    between that makes the role someone else's."""
    asks = list(_YOU_ASKED_RE.finditer(before))
    return bool(asks) and not _NOT_THE_READER_RE.search(before[asks[-1].end() :])


def jargon(text: str) -> list[str]:
    """The jargon phrases of ``text``, lower-cased, first seen first."""
    return list(dict.fromkeys(m.group(0).lower() for m in JARGON_RE.finditer(text)))
