"""Frames: sentences that take the user's words as typed, one frame per ask shape.

A frame never changes the ask: a clause, a gerund or a topic follows a preposition that
fits it ("a 20-minute call on how you ran the reorg", "... about the platform reorg"), an
infinitive follows "how best" ("... on how best to split the team"), and everything else
(a question, a statement, an imperative, anything unsure) is quoted whole after a colon
("One question I would value your view on: How did you handle your first layoff?").
Subjects are 4-6 whole words: "A question about" and a whole noun phrase of the ask, with
the article a bare singular noun needs ("A question about the platform migration").
"""

from __future__ import annotations

import re

from prepcoach.engines.offline.ask_shape import BASE_VERBS, Ask, as_question, plain_line
from prepcoach.lint import STOPWORDS, content_words
from prepcoach.lint.phrases import ARTICLES, POSSESSIVES

CALL = "a 20-minute call"
# Not an "If ..." sentence: the easy decline after it is one.
TIME_LINE = "Even a 20-minute call about it would help a lot."

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
        of to in on at by for with from into onto about over under as and or but
        if so than then that which who whom whose what how why when where whether while
        is are was were be been being am do does did have has had will would should could
        can may might must shall i you he she it we they me him us them this these those
        there here not no nor just also very really too before after during between
        across without through toward towards against since until because doing being
        having
        """,
    )
)
# Words that open a noun phrase and give it its article ("the", "your", ...).
_DETS = frozenset(f"{ARTICLES} {POSSESSIVES}".split())
# Words after which a verb-like word ("launch", "plan", "review") is a verb, not a noun.
_BEFORE_VERB = frozenset(
    re.findall(
        r"\S+", "to i you we they he she should would could can did do does will might must me"
    )
)
SUBJECT_LEAD = "A question about"
_PHRASE_WORDS = 3  # after the lead: 3 + 3 = 6 words at most


def _noun_phrases(text: str) -> list[list[str]]:
    """Runs of words between break words, each opened by its article or possessive when
    there is one ("your first layoff" -> ["your", "first", "layoff"]); the first word
    of the text, capitalised only because it opens the text, is lowered."""
    toks = [t.strip(".,;:!?\"'()") for t in text.split()]
    if toks and re.fullmatch(r"[A-Z][a-z'-]+", toks[0]):
        toks[0] = toks[0].lower()
    out: list[list[str]] = []
    run: list[str] = []
    prev = ""
    for tok in [*toks, ""]:
        low = tok.lower().strip("[]")
        verb = low in BASE_VERBS and (not prev or prev in _BEFORE_VERB)  # "to launch"
        prev = low
        if low in _DETS or not tok or low in _BREAK or verb or low.endswith("ed"):
            if run:
                out.append(run)
            run = [tok] if low in _DETS else []
            continue
        run.append(tok)
    out = [_to_head(r) for r in out]
    return [r for r in out if content_words(" ".join(w for w in r if w.lower() not in _DETS))]


def _to_head(run: list[str]) -> list[str]:
    """``run`` without a trailing adverb ("the reorg first") or a trailing verb after a
    plural noun ("first-time managers work" -> "first-time managers"): a plural rarely
    modifies a noun, and the word after it says nothing of the topic."""
    while len(run) > 1 and (
        run[-1].lower() in _ADVERBS
        or (re.search(r"(?<!s)s$", run[-2]) and not content_words(run[-1]))
    ):
        run = run[:-1]
    return run


# Words that end a run without being its head noun ("the reorg first").
_ADVERBS = frozenset(
    re.findall(r"\S+", "first more again now later instead together well better best most less")
)


def _whole_tail(run: list[str], n: int) -> list[str]:
    """The last ``n`` or fewer words of ``run`` that open neither inside a bracketed
    group nor on a stop word (the head noun is last)."""
    for k in range(min(n, len(run)), 0, -1):
        tail = run[-k:]
        inside = sum(w.count("[") - w.count("]") for w in run[:-k]) > 0
        if not inside and tail[0].lower() not in STOPWORDS:
            return tail
    return run[-1:]


def needs_article(phrase: list[str]) -> bool:
    """Whether a bare noun phrase reads as a singular count noun that needs "the" after
    "about": not when it has its own article or possessive, is plural, a gerund, a
    number, a possessive ("Rob's team") or a name of capitalised words."""
    if not phrase or phrase[0].lower() in _DETS:
        return False
    head = phrase[-1].lower().strip("[]")
    if re.search(r"(?<!s)s$", head) or head.endswith("ing"):
        return False
    if re.match(r"\d", phrase[0]) or any(re.search(r"['’]s$", w) for w in phrase):
        return False
    return not all(w.strip("[]")[:1].isupper() for w in phrase) or len(phrase) == 1


def _phrase_with_article(run: list[str]) -> list[str]:
    """``run`` clipped to whole words that fit the subject, with its own article kept
    (or "the" added where a bare singular noun needs one)."""
    det = run[:1] if run[0].lower() in _DETS else []
    body = run[len(det) :]
    if det:
        return det + _whole_tail(body, _PHRASE_WORDS - 1)
    tail = _whole_tail(body, _PHRASE_WORDS)
    if needs_article(tail):
        tail = _whole_tail(body, _PHRASE_WORDS - 1)
        return ["the", *tail] if needs_article(tail) else tail
    return tail


def _nounish(run: list[str]) -> bool:
    """A run that holds a noun: opened by an article, two words or more, or one word
    long enough not to be a bare verb ("stay", "go")."""
    return run[0].lower() in _DETS or len(run) > 1 or len(run[0].strip("[]")) >= 5


def subject_line(ask: Ask, fallback: str = "A question from a fellow leader") -> str:
    """A subject of 4-6 whole words: "A question about" and the ask's richest noun phrase
    of 1-3 words with the article it needs (a longer phrase keeps its last words, where
    its head noun is, and its own article), else ``fallback``."""
    phrases = [r for r in _noun_phrases(plain_line(ask.text)) if _nounish(r)]
    if not phrases:
        return fallback
    best = max(
        phrases,
        key=lambda r: (
            len(content_words(" ".join(r))),
            r[0].lower() in _DETS,
            len(r),
            -phrases.index(r),
        ),
    )
    return f"{SUBJECT_LEAD} {' '.join(_phrase_with_article(best))}"


def title_text(title: str) -> str:
    """An objective, action or note title as typed, on one line, without a final stop."""
    return plain_line(title).rstrip(" .")
