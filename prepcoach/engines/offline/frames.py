"""Frames: sentences that take the user's words as typed, one frame per ask shape.

A frame never changes the ask: a clause, a gerund or a topic follows a preposition that
fits it ("a 20-minute call on how you ran the reorg", "... about the platform reorg"), an
infinitive follows "how best" ("... on how best to split the team"), and everything else
(a question, a statement, an imperative, anything unsure) is quoted whole after a colon
("One question I would value your view on: How did you handle your first layoff?").
Subjects take one whole noun phrase of the ask in a frame that fits it (``subject``).
"""

from __future__ import annotations

import re

from prepcoach.engines.offline.ask_shape import Ask, as_question, plain_line
from prepcoach.engines.offline.subject import subject_line

CALL = "a 20-minute call"
# Not an "If ..." sentence: the easy decline after it is one.
TIME_LINE = "Even a 20-minute call about it would help a lot."

__all__ = [
    "CALL",
    "TIME_LINE",
    "as_sentence",
    "first_request_lines",
    "placed_phrase",
    "recommendation_focus",
    "subject_line",
    "title_text",
]

_PREP_FOR: dict[str, str] = {
    "clause": "on",
    "gerund": "on",
    "topic": "about",
    "infinitive": "on how best",
}


def as_sentence(text: str) -> str:
    """``text`` ending with a full stop unless it already ends a sentence; its first
    letter and words are left as typed."""
    t = text.rstrip()
    return t if re.search(r"[.!?][\"')\]]*$", t) else t + "."


def placed_phrase(ask: Ask) -> str | None:
    """The ask placed after a preposition that fits its shape ("on how you ran the
    reorg", "about the platform reorg"), or None when the shape needs the quoted frame."""
    prep = _PREP_FOR.get(ask.shape)
    return f"{prep} {ask.bare}" if prep else None


def first_request_lines(ask: Ask) -> list[str]:
    """The ask and the bounded time request of a first request, as sentences."""
    placed = placed_phrase(ask)
    if placed is not None:
        return [f"Would you be open to {CALL} {placed}?"]
    if ask.shape == "question":
        return [f"One question I would value your view on: {as_question(ask)}", TIME_LINE]
    return [
        f"One thing I would value your view on: {as_sentence(ask.text)}",
        f"Would you be open to {CALL} about it?",
    ]


def recommendation_focus(ask: Ask) -> tuple[str, str]:
    """What the user is working on, for the ask to the network: ``(sentence, tail)``.
    ``sentence`` stands before the question ("I'm working on the platform reorg."); a
    question-shaped ask becomes ``tail``, the end of the one question ("... and could
    answer this: How did you handle your first layoff?")."""
    if ask.shape == "person":
        return f"I'm looking for {as_sentence(ask.text)}", ""
    if ask.shape in ("topic", "gerund"):
        return f"I'm working on {as_sentence(ask.text)}", ""
    if ask.shape == "infinitive":
        return f"I'm trying {as_sentence(ask.text)}", ""
    if ask.shape == "question":
        return "", f", and could answer this: {as_question(ask)}"
    if ask.shape == "empty":
        return "", ""
    return f"What I'm working on: {as_sentence(ask.text)}", ""


def title_text(title: str) -> str:
    """An objective, action or note title as typed, on one line, without a final stop."""
    return plain_line(title).rstrip(" .")
