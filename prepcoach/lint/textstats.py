"""Text helpers for the outreach rules: cleaning, sentences, syllables and readability.

``clean_text`` turns a message into plain text the rules can read (escape sequences,
control characters and markup tags removed); it is for checking only and never changes
what is stored or shown.
"""

from __future__ import annotations

import re

from prepcoach.text import words

ESC_RE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")
CTRL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Rich/BBCode-style markup: a closing tag ("[/bold]", "[/]"), a style tag ("[bold red]",
# "[link=https://...]", "[#ff0000]", "[@click]"), or any tag closed later in the text. A
# bracketed word of the user's ("[Project Falcon]", "[Q1]") is text, not markup.
_TAG_RE = re.compile(r"\[([^\[\]\n]{0,60})\]")
_STYLE_RE = re.compile(
    r"/.*|(?:not |on )?(?:b|i|u|s|bold|italic|underline|strike|dim|reverse|blink|conceal|"
    r"overline|frame|encircle|link(?:=.*)?|@.*|#[0-9a-f]{3,6}|(?:bright_)?(?:black|red|green|"
    r"yellow|blue|magenta|cyan|white|default)|color\(\d+\)|rgb\([\d, ]+\))"
    r"(?:\s+(?:not |on )?[\w#(),.=/:-]+)*",
    re.IGNORECASE,
)


def strip_markup(text: str) -> str:
    """``text`` without markup tags; bracketed words that are not markup are kept."""
    closed = {m.group(1).split()[0].lower() for m in re.finditer(r"\[/([^\[\]\n/\s]+)", text)}

    def tag(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        name = re.split(r"[\s=]", inner, maxsplit=1)[0].lower() if inner else ""
        return "" if _STYLE_RE.fullmatch(inner) or name in closed else m.group(0)

    return _TAG_RE.sub(tag, text)


_SENT_SPLIT_RE = re.compile(r"(?<=[.!?])[\"')\]]*\s+")
_PARA_SPLIT_RE = re.compile(r"\n[ \t]*\n+")
_SUBJECT_LINE_RE = re.compile(r"^\s*(?:subject|subj|re)\s*:\s*(.*?)\s*$", re.IGNORECASE)

# Flesch-Kincaid grade level (Kincaid, Fishburne, Rogers, Chissom & Chissom 1975, "Derivation
# of new readability formulas ... for Navy enlisted personnel"): 0.39 * words/sentence +
# 11.8 * syllables/word - 15.59. Texts under MIN_WORDS_FOR_GRADE words are too short to score.
MIN_WORDS_FOR_GRADE = 20


def clean_text(text: str) -> str:
    """Plain text: terminal escape sequences, control characters and Rich/BBCode-style
    markup tags (``[bold]``, ``[/]``) removed, bracketed words kept ("[Project Falcon]");
    Markdown emphasis marks dropped."""
    text = ESC_RE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = CTRL_RE.sub("", text)
    text = strip_markup(text)
    text = re.sub(r"[*_`#<>{}|~^\\]+", " ", text)
    text = re.sub(r"[ \u00a0]+", " ", text)
    return text.strip()


def word_count(text: str) -> int:
    return len(words(text))


def sentences(text: str) -> list[str]:
    """Sentences of a message. Paragraphs (blank-line separated: greeting, body, sign-off)
    never share a sentence; a single line break inside a paragraph is a hard wrap."""
    out: list[str] = []
    for para in _PARA_SPLIT_RE.split(text):
        joined = " ".join(para.split())
        out.extend(s.strip() for s in _SENT_SPLIT_RE.split(joined) if s and s.strip())
    return out


def count_syllables(word: str) -> int:
    """Heuristic English syllable count (vowel groups, silent final e, -ed/-es)."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1  # numbers and symbols: about one syllable each
    if len(w) <= 3:
        return 1
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")):
        w = w[:-1]
    elif w.endswith(("es", "ed")) and not w.endswith(("ted", "ded", "ses", "zes", "ches", "shes")):
        w = w[:-2]
    groups = re.findall(r"[aeiouy]+", w)
    n = len(groups)
    # "ia", "io" (radio, via) are usually two syllables.
    n += len(re.findall(r"[^aeiou]i[ao]", w)) if not w.endswith(("tion", "sion")) else 0
    return max(1, n)


def readability_grade(text: str) -> float | None:
    """Flesch-Kincaid grade level of ``text``; None when it has too few words to score."""
    ws = words(text)
    if len(ws) < MIN_WORDS_FOR_GRADE:
        return None
    sents = [s for s in sentences(text) if words(s)]
    n_sent = max(1, len(sents))
    syl = sum(count_syllables(w) for w in ws)
    return 0.39 * (len(ws) / n_sent) + 11.8 * (syl / len(ws)) - 15.59


def quote(s: str, limit: int = 60) -> str:
    """``s`` on one line in single quotes, shortened with "…" past ``limit`` characters,
    for quoting what a rule found inside its reason."""
    s = " ".join(s.split())
    return f"'{s if len(s) <= limit else s[: limit - 1] + '…'}'"


def quoted_list(found: list[str]) -> str:
    """Each distinct item of ``found`` in repr quotes, comma-separated, first seen first."""
    return ", ".join(repr(w) for w in dict.fromkeys(found))


def split_subject(text: str) -> tuple[str | None, str]:
    """Pull a leading ``Subject: ...`` line out of free text.

    Blank lines before it are skipped; the body is the rest with leading blank lines
    removed. Returns ``(None, text)`` when the first non-blank line is not a subject line.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines):
        m = _SUBJECT_LINE_RE.match(lines[i])
        if m:
            rest = lines[i + 1 :]
            while rest and not rest[0].strip():
                rest = rest[1:]
            return m.group(1), "\n".join(rest)
    return None, text
