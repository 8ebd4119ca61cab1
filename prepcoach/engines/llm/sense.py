"""A sense gate for a model's agenda prose: a weak model keeps the agenda's structure but
writes nonsense in the parts prepcoach composes well on its own. For the moment item
(first meeting, midpoint, drift, last meeting), each objective check-in, the close and the
summary, a detail that fails simple checks gives way to the offline composer's wording,
and each replacement is said. An item the model made up about nothing in this meeting (no
word in common with the user's questions, wins, carried-over items, objectives or the
meeting's own parts) is left out, and said; a summary mostly about such things gives way
to the offline one. The user's own items (questions, wins, carried-over items) are never
touched: the agenda rules put back any the model lost or reworded."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepcoach.agenda import AgendaInput
    from prepcoach.lint import Violation
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
_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
# Words every agenda uses, which tie an item to nothing in particular.
_AGENDA_WORDS = frozenset(
    ["meeting", "mentor", "agenda", "session", "today", "minute", "minutes", "discuss"]
)
# A summary with less than this share of its keywords in the meeting's topics rambles.
SUMMARY_ON_TOPIC = 0.4


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


def _dates(text: str) -> list[str]:
    """The dates written as year-month-day in ``text``, in one form (2026-5-4 → 2026-05-04)."""
    return [f"{y}-{int(m):02d}-{int(d):02d}" for y, m, d in _DATE.findall(text)]


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
    known = set(_dates(source))
    stray = [d for d in _dates(text) if d not in known]
    if stray:
        return f"it names a date this meeting does not have ({stray[0]})"
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


def _keywords(text: str) -> set[str]:
    from prepcoach.agenda.matching import keywords

    return keywords(text) - _agenda_stems()


@lru_cache(maxsize=1)
def _agenda_stems() -> frozenset[str]:
    from prepcoach.agenda.matching import keywords

    return frozenset(keywords(" ".join(_AGENDA_WORDS)))


def _topics(inp: AgendaInput, offline: Agenda) -> set[str]:
    """The keywords of everything this meeting is about: the offline agenda (questions,
    wins, carried-over items, the moment, check-ins, close), the objectives, the mentor."""
    texts = [f"{it.title} {it.detail}" for it in offline.items]
    texts += [f"{o.title} {o.done_when} {o.why}" for o in inp.objectives]
    texts += [*inp.questions, *inp.accomplishments, inp.mentor.name]
    return _keywords(" ".join(texts))


def _stray(it: AgendaItem, topics: set[str]) -> bool:
    """An item about nothing in the meeting: no keyword of its title, and fewer than two of
    its detail, among the meeting's topics."""
    return not (_keywords(it.title) & topics) and len(_keywords(it.detail) & topics) < 2


def _off_topic(summary: str, topics: set[str]) -> bool:
    words = _keywords(summary)
    return bool(words) and len(words & topics) < SUMMARY_ON_TOPIC * len(words)


def _quote_all(titles: list[str]) -> str:
    from prepcoach.agenda.normalise import quoted

    return ", ".join(quoted(t) if t.strip() else "(untitled)" for t in titles)


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
    topics = _topics(inp, offline)
    moment_at = find_moment_item(agenda.items, moment) if moment != "ordinary" else None
    strays = [
        it for i, it in enumerate(agenda.items)
        if i != moment_at and it.kind != "close" and _stray(it, topics)
    ]  # fmt: skip
    said: list[str] = []
    if strays:
        what = "item" if len(strays) == 1 else f"{len(strays)} items"
        said.append(
            f"The model's {what} {_quote_all([s.title for s in strays])} held nothing of "
            "this meeting (none of your questions, wins, carried-over items or objectives); "
            "left out."
        )
        agenda = agenda.model_copy(
            update={"items": [it for it in agenda.items if it not in strays]}
        )
        moment_at = find_moment_item(agenda.items, moment) if moment != "ordinary" else None
    items = list(agenda.items)
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
    known = [o.title + " " + o.detail for o in offline.items] + [offline.summary]
    known += [s.date.isoformat() for s in inp.history]
    why = nonsense(summary, "", known)
    if why is None and summary.strip().endswith("?"):
        why = "it asks a question instead of saying what the meeting holds"
    if why is None and _off_topic(summary, topics):
        why = "it is mostly about things this meeting is not"
    if offline.summary.strip() and why is not None:
        summary = offline.summary
        said.append(f"The model's summary made no sense ({why}); prepcoach's is used instead.")
    if not said:
        return agenda, []
    return agenda.model_copy(update={"items": items, "summary": summary}), said


# ---------------------------------------------------------------------- messages

# Names from the prompt's data (move_on, message_kind) and labels in brackets.
_IDENT = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b|\((?:message kind|recommendation|kind)\)", re.I)


def message_sense(subject: str | None, body: str, to: str) -> list[Violation]:
    """What makes a model's message unsendable beyond the lint rules: words echoed from the
    prompt's data or template, or a message that never names its recipient (``to``, whose
    first name any greeting uses). Each is a ``sense`` violation, repaired like a rule."""
    from prepcoach.lint import Violation

    found: list[Violation] = []
    text = f"{subject or ''}\n{body}"
    echo = _IDENT.search(text) or _ECHO.search(text)
    if echo:
        found.append(Violation("sense", f"it echoes the prompt's words ({echo.group(0).strip()})"))
    first = to.split()[0].strip(",.") if to.split() else ""
    if first and first.casefold() not in _words(body):
        found.append(Violation("sense", f"it never addresses {first} by name"))
    return found
