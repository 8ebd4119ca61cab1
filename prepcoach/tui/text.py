"""Showing user and model text as text.

Anything typed by the user or written by a model may contain Rich markup (``[bold]``,
``[/]``) or terminal escape sequences. Widgets get it through these helpers: escape
sequences and control characters are stripped, and the result is wrapped in a
``Content`` / ``Text`` object so no markup is ever interpreted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

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


# a line's hanging prefix: its leading spaces and a bullet mark (• · ✗ ✓ ○ ☐ ?) with
# the space after it; wrapped lines continue under the text after the prefix
_BULLET = re.compile(r"^ *(?:[•·✗✓○☐?] +)?")


class Hanging(Visual):
    """Lines of ``Content`` wrapped with a hanging indent: a line that starts with
    spaces and/or a bullet mark wraps under its text, not under the bullet. Used for
    every bulleted list (rules, review reasons, what carries over)."""

    def __init__(self, lines: Sequence[Content]) -> None:
        self._rows: list[tuple[Content, Content]] = []
        for line in lines:
            for part in line.split(allow_blank=True):
                cut = len(_BULLET.match(part.plain).group(0))  # type: ignore[union-attr]
                self._rows.append((part[:cut], part[cut:]))
        self._cache: tuple[int, Content] | None = None

    @classmethod
    def of(cls, rows: Sequence[tuple[Content, Content]]) -> Hanging:
        """Lines given as (prefix, text): the text wraps under itself."""
        hanging = cls([])
        hanging._rows = list(rows)
        return hanging

    def wrapped(self, width: int) -> Content:
        """The lines wrapped to ``width``, continuation lines indented."""
        if self._cache is not None and self._cache[0] == width:
            return self._cache[1]
        out: list[Content] = []
        for prefix, body in self._rows:
            indent = prefix.cell_length
            if not body or indent * 2 > width:  # too narrow to hang: ordinary wrapping
                out.extend((prefix + body).wrap(max(width, 1)) or [prefix])
                continue
            pieces = body.wrap(width - indent) or [body]
            out.append(prefix + pieces[0])
            out.extend(Content(" " * indent) + piece for piece in pieces[1:])
        content = Content("\n").join(out)
        self._cache = (width, content)
        return content

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.wrapped(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(((p + b).cell_length for p, b in self._rows), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.wrapped(width).split(allow_blank=True)) if self._rows else 0

    @property
    def content(self) -> Content:
        """The lines unwrapped, as one ``Content``."""
        return Content("\n").join(p + b for p, b in self._rows)

    @property
    def plain(self) -> str:
        return self.content.plain

    @property
    def spans(self) -> Sequence[Any]:
        return self.content.spans

    def __str__(self) -> str:
        return self.plain
