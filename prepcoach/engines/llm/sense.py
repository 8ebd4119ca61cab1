"""A sense gate for a model's agenda prose: a weak model keeps the agenda's structure but
writes nonsense in the parts prepcoach composes well on its own. For the moment item
(first meeting, midpoint, drift, last meeting), each objective check-in, the close and the
summary, a detail that fails simple checks gives way to the offline composer's wording,
and each replacement is said. The user's own items (questions, wins, carried-over items)
are never touched."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepcoach.agenda import AgendaInput
    from prepcoach.models import Agenda, AgendaItem

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
# Bits of prompt templates, chat markup or placeholders a model may echo back.
_ECHO = re.compile(
    r"\{\{|\}\}|\{%|%\}|<\|[a-z_]+\|?>|\[(?:insert|your|name|topic|detail)[^\]]*\]|"
    r"\b(?:lorem ipsum|todo|tbd|n/a|placeholder|objective_id|json)\b|^\s*(?:detail|title)\s*:",
    re.IGNORECASE | re.MULTILINE,
)
_STOP = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "how",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "we",
        "what",
        "when",
        "where",
        "which",
        "who",
        "will",
        "with",
        "you",
        "your",
        "i",
        "me",
        "my",
        "us",
    }
)
_USER_KINDS = ("question", "carried_over", "win")
LONGEST_WORD = 30


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _content(text: str) -> set[str]:
    """The words that carry meaning, cut to a common stem (so "hiring" meets "hire")."""
    out = set()
    for w in _words(text):
        if len(w) >= 3 and w not in _STOP:
            out.add(w[:5])
    return out


def _latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    return latin / len(letters)


def nonsense(detail: str, title: str, inputs: Iterable[str]) -> str | None:
    """Why ``detail`` (written for the item ``title``, about ``inputs``) makes no sense,
    in a few words; None when it passes every check."""
    text = " ".join(detail.split())
    if not text:
        return "it is empty"
    words = _words(text)
    if not words:
        return "it holds no words"
    if _content(text) <= _content(title):
        return "it only repeats the title"
    if _ECHO.search(detail):
        return "it echoes the prompt's template"
    letters = sum(len(w) for w in words)
    if letters < 0.6 * len(text.replace(" ", "")) or any(len(w) > LONGEST_WORD for w in words):
        return "it is mostly not words"
    most = max(words.count(w) for w in set(words))
    if len(words) >= 6 and most > 0.4 * len(words):
        return "it repeats one word"
    source = " ".join(inputs)
    if _latin_share(text) < 0.8 and _latin_share(source) >= 0.8:
        return "it is written in another script"
    if not _content(text) & _content(f"{title} {source}"):
        return "it shares no word with what the item is about"
    return None


def _objective_inputs(inp: AgendaInput, objective_id: str | None) -> list[str]:
    for o in inp.objectives:
        if o.id == objective_id:
            return [o.title, o.done_when, o.why]
    return []


def _counterpart(
    it: AgendaItem, offline: Agenda, moment: str, is_moment: bool
) -> AgendaItem | None:
    """The offline composer's item for the same place in the meeting, if it has one."""
    from prepcoach.agenda.shapes import find_moment_item

    if is_moment:
        at = find_moment_item(offline.items, moment)
        return offline.items[at] if at is not None else None
    for o in offline.items:
        if o.kind == it.kind and (it.kind == "close" or o.objective_id == it.objective_id):
            return o
    return None


def gate(agenda: Agenda, inp: AgendaInput) -> tuple[Agenda, list[str]]:
    """``agenda`` with the offline composer's wording where the model's failed the checks,
    and one line per replacement."""
    from prepcoach.agenda.shapes import find_moment_item
    from prepcoach.engines.offline import compose_agenda
    from prepcoach.errors import PrepcoachError

    try:
        offline = compose_agenda(inp)
    except PrepcoachError:
        return agenda, []
    moment = inp.moment().kind
    moment_at = find_moment_item(agenda.items, moment) if moment != "ordinary" else None
    items = list(agenda.items)
    said: list[str] = []
    for i, it in enumerate(items):
        is_moment = i == moment_at and it.kind not in _USER_KINDS
        if not is_moment and it.kind not in ("objective", "close"):
            continue  # the user's own items, and the opening, stay as they are
        twin = _counterpart(it, offline, moment, is_moment)
        if twin is None or not twin.detail.strip():
            continue
        inputs = [twin.title, twin.detail, *_objective_inputs(inp, it.objective_id)]
        why = nonsense(it.detail, it.title, inputs)
        if why is None:
            continue
        items[i] = it.model_copy(update={"detail": twin.detail})
        said.append(
            f"The model's detail for '{' '.join(it.title.split())}' made no sense ({why}); "
            "prepcoach's wording is used instead."
        )
    summary = agenda.summary
    why = nonsense(summary, "", [o.title + " " + o.detail for o in offline.items])
    if offline.summary.strip() and why is not None:
        summary = offline.summary
        said.append(f"The model's summary made no sense ({why}); prepcoach's is used instead.")
    if not said:
        return agenda, []
    return agenda.model_copy(update={"items": items, "summary": summary}), said
