"""Small text helpers shared by every layer: clipping, plurals, words and the one sanitiser.

Import-free beyond the standard library, so any module may use them at module scope.
``sanitize`` neutralises terminal escape sequences and control characters for display;
it never touches ordinary characters or bracketed words.
"""

from __future__ import annotations

import datetime as dt
import re

from prepcoach.textsafe import sanitize

__all__ = [
    "clip",
    "iso_date",
    "md_escape",
    "one_line",
    "plural",
    "quoted",
    "quoted_list",
    "quoted_sentence",
    "sanitize",
    "words",
]

_WORD_RE = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['’\-][A-Za-z0-9\u00C0-\u024F]+)*")


def words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits, with inner apostrophes and hyphens)."""
    return _WORD_RE.findall(text)


def plural(n: int, word: str, many: str = "") -> str:
    """``n`` and ``word``, pluralised for ``n`` != 1 ("1 word", "2 words"); ``many`` is
    the plural when it is not ``word + "s"``."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def quoted(text: str) -> str:
    """``text`` whole, on one line, in curly double quotes: the user's words inside a
    sentence of ours, so that it never reads as if we wrote them. Curly quotes survive a
    shell's double quotes and an apostrophe in the text."""
    return f"“{' '.join(text.split())}”"


def quoted_list(texts: list[str]) -> str:
    """Each text quoted (``quoted``), joined as a list: “a”, “b” and “c”."""
    q = [quoted(t) for t in texts]
    return q[0] if len(q) == 1 else ", ".join(q[:-1]) + " and " + q[-1]


def quoted_sentence(lead: str, text: str | list[str]) -> str:
    """``lead`` and ``text`` (or a list of texts) whole, on one line, in double quotes, as
    one sentence: a text of any shape reads right ('Ties to your objective “Decide: stay
    or go”.'), and one that ends a sentence itself gets no second mark ('... “Ready for
    the loop?”')."""
    texts = [text] if isinstance(text, str) else text
    line = f"{lead} {quoted_list(texts)}"
    return line if texts[-1].rstrip().endswith((".", "…", "!", "?")) else line + "."


def clip(text: str, limit: int, *, fold: bool = False) -> str:
    """``text`` in at most ``limit`` characters, cut at a word boundary with "…" when it
    is shortened (a single word longer than half the limit is cut inside). ``fold``
    first joins the text onto one line."""
    if fold:
        text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "…"


def iso_date(value: str) -> dt.date:
    """A date written as YYYY-MM-DD, for argparse ``type=``; anything else is a usage error
    that names the expected form."""
    import argparse

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-03-15") from None


def one_line(text: str) -> str:
    """``text`` as typed, on one line: terminal escapes and control characters removed,
    runs of whitespace made one space; every other character kept."""
    return " ".join(sanitize(text).split())


# Characters that mark up text inline in Markdown (emphasis, code, links, HTML, tables,
# strikethrough) and an entity reference; each is shown as itself once backslashed.
_MD_INLINE_RE = re.compile(r"([\\`*_\[\]<>~|])|&(?=#?\w+;)")
# What opens a block at a line's start: a heading, a list item, a thematic break or a
# setext underline.
_MD_BLOCK_RE = re.compile(r"^(\s*)(#|[-+=](?=\s|$)|\d+[.)](?=\s|$))")


def md_escape(text: str) -> str:
    """``text`` for Markdown that renders as exactly these characters: every character
    that would mark it up is backslashed, nothing is removed (``*reorg*`` stays
    ``*reorg*`` on screen, not emphasis)."""
    out = _MD_INLINE_RE.sub(lambda m: "\\" + m.group(0), text)
    lines = out.split("\n")
    return "\n".join(_MD_BLOCK_RE.sub(_block_escape, line) for line in lines)


def _block_escape(m: re.Match[str]) -> str:
    lead, mark = m.group(1), m.group(2)
    # "3. closed the deal": the number stays as it is, the dot after it is escaped
    return lead + mark[:-1] + "\\" + mark[-1] if mark[0].isdigit() else lead + "\\" + mark
