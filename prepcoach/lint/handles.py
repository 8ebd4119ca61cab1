"""Handles and jargon: words that make a small ask sound big ("mentor") or like a memo
("circle back")."""

from __future__ import annotations

import re

MENTOR_WORD_RE = re.compile(r"\bmentor\w*|\bmentee\w*", re.IGNORECASE)

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


def jargon(text: str) -> list[str]:
    """The jargon phrases of ``text``, lower-cased, first seen first."""
    return list(dict.fromkeys(m.group(0).lower() for m in JARGON_RE.finditer(text)))
