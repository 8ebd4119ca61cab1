"""Small phrase helpers shared by the offline composers: names, sentences, word cuts."""

from __future__ import annotations

import re

from prepcoach.engines.offline.scrub import scrub
from prepcoach.lint import clean_text

# Words a cut phrase must not end on ("the budget of" -> "the budget").
_EDGE_STOP = frozenset(
    re.findall(
        r"\S+",
        """
        a an the and or of to in on at by for with from my your our their his her its that
        this these those as is are be so but if
        """,
    )
)
_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame"})


def trim_edges(ws: list[str]) -> list[str]:
    """``ws`` without dangling small words at the end or a conjunction at the start."""
    while ws and ws[-1].lower() in _EDGE_STOP:
        ws = ws[:-1]
    while ws and ws[0].lower() in ("and", "or", "but", "so", "then"):
        ws = ws[1:]
    return ws


def first_name(name: str) -> str:
    """The name to greet: the first plain word of ``name`` that is not an honorific,
    "there" when none is left (or the name says "mentor")."""
    t = clean_text(name)
    if re.search(r"mentor|mentee", t, re.IGNORECASE):
        return "there"
    for tok in t.split():
        w = tok.strip(".,;:()'\"")
        if w.lower() in _HONORIFICS or not re.match(r"^[^\W\d_][\w'’-]*$", w):
            continue
        return w[:30]
    return "there"


def clean_name(name: str, limit: int = 60) -> str:
    """``name`` as plain text on one line, at most ``limit`` characters."""
    t = " ".join(clean_text(name).split())
    if re.search(r"mentor|mentee", t, re.IGNORECASE):
        t = scrub(t)
    return t[:limit].strip()


def sentence(text: str) -> str:
    """``text`` as a sentence: capitalised, ending with a full stop (or "!")."""
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!")) else text + "."


def short_words(text: str, n: int) -> str:
    """``text`` cut to its first ``n`` words (edges trimmed when cut)."""
    ws = text.split()
    if len(ws) <= n:
        return text
    return " ".join(trim_edges(ws[:n]))
