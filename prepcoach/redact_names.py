"""Name-like words in free text (session notes, actions, answers) for ``--redact``.

No dictionary is needed for the common case: a capitalised word in the middle of a
sentence is a proper noun (a person, a team, a company), and a run of capitalised words
("Carla Nunes", "Shipper Experience") is a name wherever it stands. What is left out:

- words in capitals or with digits ("VP", "Q1", "FY27"): acronyms, not names;
- a single capitalised word at the start of a sentence ("Finance signed off"), which any
  sentence has; a run at the start loses its first word when that word is a common
  sentence opener ("Ask Carla Nunes" gives "Carla Nunes");
- the small list of capitalised common words below (days, months, "I", ...).

A title ("VP", "Dir.", "Dr", "SVP") before a run marks it as a person's name even at the
start of a sentence; the title itself is kept. Over-redaction is harmless: every
placeholder is restored in the answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD = re.compile(r"[^\W\d_][\w'’-]*\.?", re.UNICODE)
TITLES = _words(
    """
    mr mrs ms mx dr prof dir vp svp evp avp cto ceo cfo coo cpo ciso md sir dame
    """
)
# Capitalised words that are not names wherever they stand.
NOT_NAMES = _words(
    """
    i i'm i've i'll i'd ok okay monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november
    december english
    """
)
# Common sentence openers: dropped from the start of a run that opens a sentence.
OPENERS = _words(
    """
    a an the this that these those there here it its we our us you your he she his her
    they their them my me and but or so if when while after before since because then
    also ask asked intro introduced introduce follow followed next last first send sent
    talk talked met meet meeting call called check checked share shared review reviewed
    discuss discussed plan planned agreed agree wins win notes note open action done
    action question answer answered thank thanks hi hello dear please let try tried
    maybe perhaps should could would will can did do does not no yes new good great
    """
)
_CONNECTORS = frozenset({"of", "and", "&", "de", "da", "van", "von", "del", "la", "le"})
_SENTENCE_END = re.compile(r"(?:[.!?:;\n(\"“]|^-|\n\s*[-*])\s*$")


def _capitalised(word: str) -> bool:
    core = word.rstrip(".")
    return (
        len(core) >= 2
        and core[0].isupper()
        and any(c.islower() for c in core[1:])
        and core.lower() not in NOT_NAMES
    )


def _title(word: str) -> bool:
    return word.rstrip(".").lower() in TITLES


def _opens_sentence(text: str, start: int, prev_word: str) -> bool:
    before = text[max(0, start - 4) : start]
    if prev_word and _title(prev_word) and prev_word.endswith("."):
        return False  # "Dir. Carla Nunes": the dot is the title's
    return start == 0 or bool(_SENTENCE_END.search(text[:start][-6:] or before))


def find_names(texts: Iterable[str]) -> list[str]:
    """Person-like and organisation-like names in ``texts``, longest first, each once."""
    found: dict[str, None] = {}
    for text in texts:
        words = list(_WORD.finditer(text))
        i = 0
        while i < len(words):
            w = words[i]
            if not _capitalised(w.group()) or _title(w.group()):
                i += 1
                continue
            prev = words[i - 1].group() if i else ""
            after_title = bool(prev) and _title(prev)
            at_start = _opens_sentence(text, w.start(), prev) and not after_title
            run = [w]
            j = i + 1
            while j < len(words):
                gap = text[run[-1].end() : words[j].start()]
                word = words[j].group()
                if gap == " " and _capitalised(word) and not run[-1].group().endswith("."):
                    run.append(words[j])
                    j += 1
                elif (
                    gap == " "
                    and word.lower() in _CONNECTORS
                    and j + 1 < len(words)
                    and _capitalised(words[j + 1].group())
                    and text[words[j].end() : words[j + 1].start()] == " "
                ):
                    run += [words[j], words[j + 1]]
                    j += 2
                else:
                    break
            i = j
            parts = [m.group().rstrip(".") for m in run]
            if at_start and parts[0].lower() in OPENERS:
                parts = parts[1:]
            elif at_start and len(parts) == 1:
                continue
            while parts and parts[-1].lower() in _CONNECTORS:
                parts.pop()
            if not parts:
                continue
            parts[-1] = re.sub(r"['’]s$", "", parts[-1])
            name = " ".join(parts)
            if len(name) >= 3:
                found[name] = None
    return sorted(found, key=len, reverse=True)
