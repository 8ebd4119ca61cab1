"""Email subjects of 3-6 whole words built around one noun phrase of the user's ask.

The phrase is a run of the ask's own words, taken whole and as typed (case, brackets and
inner words kept; nothing is inserted inside it or clipped from its front). Only the frame
around it is ours, and the frame is chosen to be grammatical for the phrase:

- "A question about <phrase>" when the phrase can stand bare after "about": it opens with
  its own article, possessive or number ("your first layoff", "12 direct reports"), or its
  head is a plural, a gerund, a possessive or a name ("hiring senior managers", "Rob's
  team", "Project Falcon");
- "One question: <phrase>" otherwise: a label takes any noun phrase, so a bare singular
  ("ongoing platform migration") never reads "about ongoing platform migration", and a
  phrase capitalised because it opens the ask keeps its capital after the colon;
- a fixed fallback when the ask holds no whole phrase that fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prepcoach.engines.offline.ask_shape import BASE_VERBS, Ask, plain_line
from prepcoach.lint import content_words
from prepcoach.lint.phrases import ARTICLES, POSSESSIVES


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


ABOUT_LEAD = "A question about"
LABEL_LEAD = "One question:"
FALLBACK = "A question from a fellow leader"
SUBJECT_MAX = 6

# Words that end a noun phrase on their left (prepositions, conjunctions, verbs, wh-words).
_BREAK = _wordset(
    """
    of to in on at by for with from into onto about over under as and or but
    if so than then that which who whom whose what how why when where whether while
    is are was were be been being am do does did have has had will would should could
    can may might must shall i you he she it we they me him us them this these those
    there here not no nor just also very really too before after during between
    across without through toward towards against since until because doing being
    having like vs versus
    """
)
# Past forms that are verbs, never nouns ("what made first-time managers work").
_PAST = _wordset(
    """
    made did took went gone got ran kept led built said told gave chose chosen found
    thought felt knew known saw seen became held brought bought won sold sent began begun
    wrote written drove grew grown taught caught fought meant spent paid
    """
)
_DETS = _wordset(f"{ARTICLES} {POSSESSIVES}")
# Words after which a verb-like word ("launch", "plan", "review") is a verb, not a noun.
_BEFORE_VERB = _wordset(
    "to i you we they he she should would could can did do does will might must me"
)
# Words that end a run without being its head noun ("the reorg first").
_ADVERBS = _wordset("first more again now later instead together well better best most less")
# Nouns in -ing that count ("a meeting"): not a gerund that stands bare.
_COUNT_ING = _wordset(
    """
    meeting briefing offering ceiling setting finding hearing posting opening thing string
    evening morning feeling saying heading filing ruling warning drawing building ring wing
    """
)
_OPENERS = "\"'(“‘"
_CLOSERS = ".,;:!?\"')”’"


@dataclass(frozen=True)
class _Run:
    """A noun phrase: ``words`` as typed and ``start``, its first word's index in the ask."""

    words: tuple[str, ...]
    start: int

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def det(self) -> bool:
        return self.words[0].lower() in _DETS


def _runs(text: str) -> list[_Run]:
    """Runs of whole words between break words: each opened by its article or possessive
    when there is one, never spanning punctuation, the words exactly as typed."""
    out: list[_Run] = []
    run: list[str] = []
    start = 0

    def close() -> None:
        if run:
            out.append(_Run(tuple(_to_head(run)), start))
            run.clear()

    prev = ""
    for i, raw in enumerate(text.split()):
        tok = raw.lstrip(_OPENERS).rstrip(_CLOSERS)
        low = tok.lower().strip("[]")
        if raw[:1] in _OPENERS:  # an opening quote or bracket starts a new phrase
            close()
        after_det = len(run) == 1 and run[0].lower() in _DETS  # "an unexpected layoff"
        verb = low in BASE_VERBS and (not prev or prev in _BEFORE_VERB)  # "to launch"
        past = low in _PAST or (re.search(r"[^e]ed$", low) is not None and not after_det)
        prev = low
        if low in _DETS:
            close()
            run.append(tok)
            start = i
        elif not re.search(r"\w", tok) or low in _BREAK or verb or past:
            close()
        else:
            if not run:
                start = i
            run.append(tok)
        if tok and raw.rstrip(_CLOSERS) != raw:  # punctuation after a word ends its phrase
            close()
    close()
    return [r for r in out if _nounish(r)]


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


def _nounish(run: _Run) -> bool:
    """A run that names a topic and holds a noun: opened by an article, two words or more,
    or one word long enough not to be a bare verb ("stay", "go")."""
    if not content_words(" ".join(w for w in run.words if w.lower() not in _DETS)):
        return False
    return run.det or len(run.words) > 1 or len(run.words[0].strip("[]")) >= 5


def _plural(word: str) -> bool:
    w = word.strip("[]")
    return bool(re.search(r"[A-Z]s$", w) or re.search(r"(?<![sui])s$", w.lower()))


def _is_name(run: _Run) -> bool:
    """Capitalised words ("Project Falcon"), not just the capital that opens the ask."""
    capitals = all(w.strip("[]")[:1].isupper() for w in run.words)
    return capitals and (run.start > 0 or len(run.words) > 1)


def stands_after_about(run: _Run) -> bool:
    """Whether ``run`` reads whole after "about" with no word added: its own article,
    possessive or number, or a head that needs none (a plural, a gerund, a possessive,
    a name); and not capitalised only because it opens the ask."""
    first, head = run.words[0], run.words[-1].strip("[]")
    possessive = any(re.search(r"['’]s$", w) for w in run.words)  # "Rob's team"
    if run.det or re.match(r"\d", first) or possessive:
        return run.start > 0 or not first[:1].isupper() or possessive
    if run.start == 0 and first.strip("[]")[:1].isupper() and not _is_name(run):
        return False
    gerund = head.lower().endswith("ing") and len(head) > 4 and head.lower() not in _COUNT_ING
    return _plural(head) or gerund or _is_name(run)


def subject_line(ask: Ask, fallback: str = FALLBACK) -> str:
    """A subject of 3-6 whole words around the ask's richest noun phrase that fits whole
    (see the module docstring), else ``fallback``."""
    text = plain_line(ask.text)
    runs = [r for r in _runs(text) if r.text in text]
    fits = [r for r in runs if len(r.words) <= SUBJECT_MAX - len(LABEL_LEAD.split())]
    if not fits:
        return fallback
    best = max(
        fits,
        key=lambda r: (len(content_words(r.text)), r.det, len(r.words), -r.start),
    )
    about = stands_after_about(best) and len(best.words) <= SUBJECT_MAX - len(ABOUT_LEAD.split())
    return f"{ABOUT_LEAD if about else LABEL_LEAD} {best.text}"
