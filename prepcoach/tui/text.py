"""Showing user and model text as text.

Anything typed by the user or written by a model may contain Rich markup (``[bold]``,
``[/]``) or terminal escape sequences. Widgets get it through these helpers: escape
sequences and control characters are stripped, and the result is wrapped in a
``Content`` / ``Text`` object so no markup is ever interpreted.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.content import Content

from prepcoach.text import sanitize


def one_line(text: object, limit: int = 0) -> str:
    """Sanitized and folded onto one line (for table cells and list rows)."""
    s = " ".join(sanitize(text).split())
    if limit and len(s) > limit:
        s = s[: max(limit - 1, 1)].rstrip() + "…"
    return s


def plain(text: object, style: str = "") -> Content:
    """A ``Content`` holding ``text`` literally (no markup), optionally styled."""
    content = Content(sanitize(text))
    return content.stylize(style) if style else content


def cell(
    text: object,
    style: str = "",
    limit: int = 0,
    pad: int = 0,
    variables: dict[str, str] | None = None,
) -> Text:
    """A one-line ``rich.text.Text`` for DataTable cells (str cells would be read as markup),
    optionally indented by ``pad`` spaces. ``$variables`` in ``style`` are resolved from
    ``variables`` (the app's theme variables)."""
    body = one_line(text, limit - pad if limit else 0)
    if "$" in style:
        style = rich_style(style, variables or {})
    return Text(" " * pad + body, style=style, no_wrap=True, overflow="ellipsis")


_VAR = re.compile(r"\$([a-z0-9-]+)")


def rich_style(style: str, variables: dict[str, str]) -> str:
    """Turn a Textual style with ``$variables`` into a Rich style (for DataTable cells)."""

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name == "text-muted":
            return "dim"
        value = variables.get(name, "")
        return value if value.startswith("#") else ""

    return " ".join(_VAR.sub(sub, style).split())
