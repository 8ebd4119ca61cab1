"""The grammatical shape of what the user typed, so a frame can take it as written.

``classify("How did you handle your first layoff?")`` is a ``question``; "how you ran the
reorg" a ``clause``; "hiring senior managers" a ``gerund``; "to decide between two offers"
an ``infinitive``; "the platform reorg" a ``topic``; "someone who has run a reorg" a
``person``; "review my reorg plan" an ``imperative``; "I need to cut my budget by 20%" a
``statement``. Anything else is ``unknown`` and goes into the frame that quotes it
verbatim after a colon. The text itself is never changed beyond one line of plain
whitespace (escape sequences and control characters neutralised, brackets kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from prepcoach.lint.phrases import (
    ARTICLES,
    AUXILIARIES,
    DEMONSTRATIVES,
    POSSESSIVES,
    SUBJECT_PRONOUNS,
    WH,
    one_of,
    pattern,
)
from prepcoach.text import sanitize

Shape = Literal[
    "empty",
    "question",
    "clause",
    "gerund",
    "infinitive",
    "topic",
    "person",
    "imperative",
    "statement",
    "unknown",
]

_WH = one_of(WH)
_AUX = one_of(AUXILIARIES) + "(?:n't)?"
_PRON = one_of(f"{SUBJECT_PRONOUNS} one people teams? leaders? managers? this that there")
# "How did you ...", "What would you ...", "Should I ...": a question, with or without "?"
_INVERTED_RE = pattern(
    rf"^(?:{_WH}(?:\s+{one_of('much, many, long, often, far, best, else, kind of, sort of')})?",
    rf"(?:\s+(?!{one_of(SUBJECT_PRONOUNS)}\b)\w+)?\s+",
    rf"{_AUX}\s+|{_AUX}\s+{_PRON}\b|{_WH}\s+{_AUX}$)",
)
_CLAUSE_RE = pattern(rf"^{_WH}\b")
_PEOPLE = one_of(
    "leader exec executive person manager director vp cto ceo cfo coo founder engineer head "
    "partner peer woman man operator"
)
_PERSON_RE = pattern(
    r"^(?:(?:one|a|an|the)\s+name\b|someone|somebody|anyone|anybody|people|",
    rf"(?:a|an|one|another|any)\s+(?:[\w'-]+\s+){{0,3}}?{_PEOPLE}s?\s+(?:who|that)\b)",
)
_STATEMENT_RE = pattern(
    "^",
    one_of(
        "i, i'm, i've, i'd, i'll, we, we're, we've, my, our, i am, we are, there is, "
        "there are, it's, it is, this, that"
    ),
    r"\b",
)
_DETERMINER_RE = pattern(
    "^(?:",
    one_of(f"{ARTICLES} {POSSESSIVES} {DEMONSTRATIVES} one two three some each every"),
    r"|\d[\w%-]*)\b",
)
# Verbs that open an imperative ("review my plan") or an infinitive after "to".
BASE_VERBS = frozenset(
    re.findall(
        r"\S+",
        """
        build grow hire run scale lead handle manage set structure plan decide balance
        prepare move negotiate present make create design give deliver drive fix reduce
        improve prioritize prioritise say tell pitch sell win earn keep retain merge split
        launch change delegate coach influence align communicate measure write find choose
        pick take step push shape frame staff fund cut kill stop start ship hand turn get
        go become own raise review help explain share walk show teach advise suggest
        recommend look read check assess evaluate compare weigh judge rethink restructure
        reorganise reorganize onboard replace promote fire sunset retire hold ask
        """,
    )
)
_NOT_GERUND = frozenset({"during", "morning", "evening", "something", "anything", "nothing"})


@dataclass(frozen=True)
class Ask:
    """What the user typed (``text``: one line, as typed) and its ``shape``."""

    text: str
    shape: Shape

    @property
    def bare(self) -> str:
        """``text`` without its final full stop (a question keeps its "?")."""
        return self.text.rstrip(" .")


def plain_line(raw: str) -> str:
    """``raw`` on one line: escape sequences and control characters neutralised, runs of
    whitespace made one space. Brackets, words and punctuation are kept as typed."""
    return " ".join(sanitize(raw).split())


def classify(raw: str) -> Ask:
    """The shape of ``raw`` (see the module docstring); plain rules, first match wins."""
    text = plain_line(raw)
    core = text.strip(" .!")
    if not re.search(r"\w", core):
        return Ask(text, "empty")
    first = core.split()[0].lower().strip("\"'([")
    if "?" in core or _INVERTED_RE.match(core):
        return Ask(text, "question")
    if re.search(r"[.!;]\s", core):  # more than one sentence: quoted whole
        return Ask(text, "unknown")
    if _CLAUSE_RE.match(core):
        return Ask(text, "clause")
    if _PERSON_RE.match(core):
        return Ask(text, "person")
    if _STATEMENT_RE.match(core):
        return Ask(text, "statement")
    if first == "to" and len(core.split()) > 1:
        return Ask(text, "infinitive")
    if first in BASE_VERBS and not _DETERMINER_RE.match(core):
        return Ask(text, "imperative")
    if first.endswith("ing") and len(first) > 4 and first not in _NOT_GERUND:
        return Ask(text, "gerund")
    # opening with a determiner, or words only, short and unpunctuated: a noun phrase
    nounish = _DETERMINER_RE.match(core) or re.match(r"^[\w'-]+(?:\s+[\w'-]+)*$", core)
    if nounish and not re.search(r"[,;:]", core) and len(core.split()) <= 12:
        return Ask(text, "topic")
    return Ask(text, "unknown")


def is_question(ask: Ask) -> bool:
    return ask.shape == "question"


def as_question(ask: Ask) -> str:
    """A question as typed, with a "?" at its end when the user left it off."""
    if "?" in ask.text:
        return ask.text
    return ask.bare + "?"
