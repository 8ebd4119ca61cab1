"""Frames: sentences that take the user's words as typed, one frame per ask shape.

A frame never changes the ask: a clause, a gerund or a topic follows a preposition that
fits it ("a 20-minute call on how you ran the reorg", "... about the platform reorg"), an
infinitive follows "how best" ("... on how best to split the team"), and everything else
(a question, a statement, an imperative, anything unsure) is quoted whole after a colon
("One question I would value your view on: How did you handle your first layoff?").
Subjects are 3-6 whole words: "A question about" and a whole noun phrase of the ask.
"""

from __future__ import annotations

import re

from prepcoach.engines.offline.ask_shape import BASE_VERBS, Ask, as_question, plain_line
from prepcoach.lint import STOPWORDS, content_words

CALL = "a 20-minute call"
TIME_LINE = "If you can spare 20 minutes for a call about it, that would help a lot."

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


# Words that end a noun phrase on their left (prepositions, conjunctions, verbs, wh-words).
_BREAK = frozenset(
    re.findall(
        r"\S+",
        """
        a an the of to in on at by for with from into onto about over under as and or but
        if so than then that which who whom whose what how why when where whether while
        is are was were be been being am do does did have has had will would should could
        can may might must shall i you he she it we they me him us them this these those
        there here not no nor just also very really too before after during between
        across without through toward towards against since until because
        """,
    )
)
_DETS = frozenset({"my", "our", "your", "their", "his", "her", "its"})
# Words after which a verb-like word ("launch", "plan", "review") is a verb, not a noun.
_BEFORE_VERB = frozenset(
    re.findall(
        r"\S+", "to i you we they he she should would could can did do does will might must me"
    )
)


def _noun_phrases(text: str) -> list[list[str]]:
    """Runs of words between break words, each opened by its possessive when there is
    one ("your first layoff" -> ["your", "first", "layoff"] ... ["layoff"])."""
    toks = [t.strip(".,;:!?\"'()") for t in text.split()]
    out: list[list[str]] = []
    run: list[str] = []
    prev = ""
    for tok in [*toks, ""]:
        low = tok.lower().strip("[]")
        verb = low in BASE_VERBS and (not prev or prev in _BEFORE_VERB)  # "to launch"
        prev = low
        if not tok or low in _BREAK or verb or low.endswith("ed"):
            if run:
                out.append(run)
            run = [tok] if low in _DETS else []
            continue
        if low in _DETS:
            if run:
                out.append(run)
            run = [tok]
            continue
        run.append(tok)
    return [r for r in out if any(content_words(w) for w in r if w.lower() not in _DETS)]


def subject_line(ask: Ask, fallback: str = "A question for you") -> str:
    """A subject of 3-6 whole words: "A question about" and the ask's richest noun phrase
    of 1-3 words (a longer phrase keeps its last three words, where its head noun is),
    else ``fallback``."""
    phrases = _noun_phrases(plain_line(ask.text))
    if not phrases:
        return fallback
    best = max(phrases, key=lambda r: (len(content_words(" ".join(r))), len(r), -phrases.index(r)))
    if len(best) > 3:
        best = best[-3:]
        while best and best[0].lower() in STOPWORDS and len(best) > 1:
            best = best[1:]
    return f"A question about {' '.join(best)}"


def title_text(title: str) -> str:
    """An objective, action or note title as typed, on one line, without a final stop."""
    return plain_line(title).rstrip(" .")
