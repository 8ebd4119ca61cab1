"""Names in a message: the name to greet and the recipient's name as typed."""

from __future__ import annotations

import re

from prepcoach.engines.offline.ask_shape import plain_line

_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame"})


def first_name(name: str) -> str:
    """The name to greet: the first plain word of ``name`` that is not an honorific,
    "there" when none is left (or the name says "mentor")."""
    t = plain_line(name)
    if re.search(r"mentor|mentee", t, re.IGNORECASE):
        return "there"
    for tok in t.split():
        w = tok.strip(".,;:()'\"")
        if w.lower() in _HONORIFICS or not re.match(r"^[^\W\d_][\w'’-]*$", w):
            continue
        return w if len(w) <= 30 else "there"
    return "there"


def clean_name(name: str, limit: int = 60) -> str:
    """``name`` as typed on one line, when it fits in ``limit`` characters ("" when it
    does not: a name is never cut)."""
    t = plain_line(name)
    return t if len(t) <= limit else ""
