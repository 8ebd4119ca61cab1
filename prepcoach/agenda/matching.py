"""Comparing texts: cleaned and normalised forms, keywords, "says the same thing", which
objective a text is about, and whether an agenda already holds a text."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache

from prepcoach.lint import STOPWORDS, clean_text
from prepcoach.models import AgendaItem, Objective
from prepcoach.text import one_line, quoted_sentence

_GENERIC = frozenset(
    re.findall(
        r"\S+",
        """
        team teams work people time want need help good better new get make way thing things
        lead ask talk next one two three more less really still also able just well much many
        something anything everything nothing step steps first last here
        """,
    )
)


_PUNCT_RE = re.compile(r"[^\w\s]")
_KEYWORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Texts repeat a lot (objective titles on every match, carried items on every build): the
# pure text functions below are cached. Bounded, so a long history cannot grow memory.
_CACHE_SIZE = 8192


@lru_cache(maxsize=_CACHE_SIZE)
def clean_line(text: str) -> str:
    """The user's text as typed, on one line (``one_line``: nothing but terminal escapes
    and control characters removed; Markdown characters are escaped where it is shown)."""
    return one_line(text)


@lru_cache(maxsize=_CACHE_SIZE)
def norm(text: str) -> str:
    """Case-, punctuation- and space-insensitive form of a text, for comparing."""
    return " ".join(_PUNCT_RE.sub(" ", clean_text(text).casefold()).split())


def _stem(word: str) -> str:
    w = word.lower()
    for suffix in ("ing", "ed", "es", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    return w[:5]


@lru_cache(maxsize=_CACHE_SIZE)
def _keywords(text: str) -> frozenset[str]:
    out = set()
    for w in _KEYWORD_RE.findall(norm(text)):
        if len(w) < 3 or w in STOPWORDS or w in _GENERIC:
            continue
        out.add(_stem(w))
    return frozenset(out)


def keywords(text: str) -> set[str]:
    """Stemmed content words of a text (for matching questions to objectives)."""
    return set(_keywords(text))


def same_text(a: str, b: str) -> bool:
    """Whether two item texts say the same thing (equal, contained, or near-equal words)."""
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    short, long_ = (na, nb) if len(na) <= len(nb) else (nb, na)
    if len(short.split()) >= 3 and f" {short} " in f" {long_} ":
        return True
    ka, kb = _keywords(a), _keywords(b)
    if len(ka) >= 3 and len(kb) >= 3:
        return len(ka & kb) / len(ka | kb) >= 0.75
    return False


def match_objective(
    text: str, objectives: Sequence[Objective], preferred: Collection[str] = ()
) -> Objective | None:
    """The objective whose words best match ``text``: title words count 2, why and
    done-when words 1. An objective whose id is in ``preferred`` (this mentor's) needs a
    score of 2; any other needs 4 and two distinct shared words. Earlier objectives win
    ties. Dropped objectives are never matched; open ones beat met ones at equal score."""
    kw = _keywords(text)
    if not kw:
        return None
    best: tuple[int, int, int] | None = None
    best_obj: Objective | None = None
    for i, o in enumerate(objectives):
        if o.status == "dropped":
            continue
        in_title = kw & _keywords(o.title)
        in_rest = (kw & _keywords(f"{o.why} {o.done_when}")) - in_title
        score = 2 * len(in_title) + len(in_rest)
        if o.id in preferred:
            if score < 2:
                continue
        elif score < 4 or len(in_title | in_rest) < 2:
            continue
        score += 1 if o.id in preferred else 0
        key = (score, 1 if o.status == "open" else 0, -i)
        if best is None or key > best:
            best, best_obj = key, o
    return best_obj


def end_sentence(text: str) -> str:
    """``text`` stripped, with a full stop added unless it already ends a sentence (a
    title ending in "?" or "…" is placed as typed, never given a second mark)."""
    text = text.strip()
    return text if text.endswith((".", "…", "!", "?")) else text + "."


def objective_tie(title: str) -> str:
    """The sentence that ties an item to an objective, the title whole in quotes, so a
    title of any shape reads right ('Ties to your objective “Decide: stay or go”.')."""
    return quoted_sentence("Ties to your objective", title)


def item_text(it: AgendaItem) -> str:
    """An item's title and detail, as one text to search."""
    return f"{it.title}\n{it.detail}"


def present_verbatim(text: str, items: Sequence[AgendaItem]) -> bool:
    """Whether some item holds ``text`` word for word (ignoring case, punctuation, spaces)."""
    key = norm(text)
    if not key:  # no letters or digits: compare the text itself
        return any(text.strip() in item_text(it) for it in items)
    return any(key in norm(item_text(it)) for it in items)


def present_loosely(text: str, items: Sequence[AgendaItem]) -> int | None:
    """Index of an item that covers ``text`` by its words (a paraphrase), or None."""
    kw = keywords(text)
    if len(kw) < 2:
        return None
    best, best_i = 0.0, None
    for i, it in enumerate(items):
        if it.kind in ("close", "opening", "win"):
            continue
        overlap = len(kw & keywords(item_text(it))) / len(kw)
        if overlap >= 0.6 and overlap > best:
            best, best_i = overlap, i
    return best_i
