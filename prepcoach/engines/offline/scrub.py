"""User text made safe to quote in a stealth message (``scrub``).

A first request never says "mentor", never uses business jargon, never asks for a long
relationship or a big block of time, and carries exactly one ask; whatever the user typed
is quoted only after those words are swapped out or removed.
"""

from __future__ import annotations

import re

from prepcoach.lint import _LONG_TERM_RE, _TOO_BIG_RE, clean_text

_MENTOR_SWAPS: list[tuple[str, str]] = [
    (r"\b(?:be|become|act as|serve as) (?:my|a|an|your|our) (?:\w+ )?(?:mentor|mentee)s?\b", ""),
    (r"\b(?:my|a|an|your|our|the) (?:\w+ )?mentor(?:ship|ing)? (?:relationship|program)\b", ""),
    (r"\bmentorships?\b", "coaching"),
    (r"\bmentoring\b", "coaching"),
    (r"\bmentored\b", "coached"),
    (r"\bmentors\b", "coaches"),
    (r"\bmentor\b", "coach"),
    (r"\bmentees\b", "the people you coach"),
    (r"\bmentee\b", "the person you coach"),
    (r"\bmentor\w*|\bmentee\w*", ""),
]
_JARGON_SWAPS: list[tuple[str, str]] = [
    (r"\bsynerg(?:y|ies|ize|ise|istic)\b", "shared work"),
    (r"\bleverag(?:e|ing|ed)\b", "use"),
    (r"\bcircl(?:e|ing) back\b", "follow up"),
    (r"\btouch(?:ing)? base\b", "check in"),
    (r"\bbandwidth\b", "time"),
    (r"\bdeep[- ]dives?\b", "close look"),
    (r"\blow[- ]hanging fruit\b", "quick wins"),
    (r"\bmove the needle\b", "make a difference"),
    (r"\bparadigm(?: shift)?s?\b", "big change"),
    (r"\btake (?:this|it) offline\b", "talk later"),
    (r"\bboil(?:ing)? the ocean\b", "doing everything"),
    (r"\bvalue[- ]add\b", "value"),
    (r"\bthought leadership\b", "public writing"),
    (r"\bdouble[- ]click\b", "look closer"),
    (r"\bactionable insights?\b", "practical ideas"),
    (r"\bbest[- ]in[- ]class\b", "strong"),
    (r"\bgame[- ]changer\b", "big change"),
    (r"\bwin[- ]win\b", "good for both"),
    (r"\bideat(?:e|ing|ion)\b", "brainstorm"),
    (r"\blearnings\b", "lessons"),
    (r"\boperationali[sz]e\b", "put in place"),
    (r"\bcore competenc(?:y|ies)\b", "strengths"),
    (r"\bdrill(?:ing)? down\b", "look closer"),
    (r"\bon my radar\b", "in view"),
    (r"\bping you\b", "write to you"),
    (r"\bsociali[sz]e (this|it)\b", r"share \1"),
    (r"\bquick sync\b", "short talk"),
    (r"\bnet-net\b", "in short"),
    (r"\bholistic(?:ally)?\b", "whole"),
    (r"\bempower(?:ing|ment)?\b", "support"),
]
_ASK_LIKE_RE = re.compile(
    r"\b(?:would|could|can|will|might|won't|wouldn't|couldn't) you\b|\bplease\b|"
    r"\bdo you have\b|\bany chance\b|\b(?:could|can|shall) we\b|\bhow about\b|\bwhat about\b|"
    r"\bno worries\b|\bno pressure\b|\bif not\b",
    re.IGNORECASE,
)


def scrub(text: str) -> str:
    """User text made safe to quote in a stealth message: plain text, no mentor words,
    no jargon, no long-term or big-time language, no questions or requests of its own."""
    t = " ".join(clean_text(text).split())
    for pat, rep in _MENTOR_SWAPS + _JARGON_SWAPS:
        t = re.sub(pat, rep, t, flags=re.IGNORECASE)
    t = _LONG_TERM_RE.sub("", t)
    t = _TOO_BIG_RE.sub("", t)
    t = _ASK_LIKE_RE.sub("", t)
    t = t.replace("?", ".").replace("!", ".")
    t = re.sub(r"\s+([,.;:])", r"\1", t)
    t = re.sub(r"([,;:])\s*(?=[,.;:])", "", t)
    return " ".join(t.split()).strip(" ,;:-")
