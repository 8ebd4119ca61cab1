"""A Markdown pane that takes focus and scrolls by the keyboard, for output that can be
longer than the screen (the generated agenda)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.widgets import Markdown

from prepcoach.tui.keymap import keys


class ScrollingMarkdown(Markdown, can_focus=True):
    """Markdown in a pane of fixed height: arrows, PageUp/PageDown, Home/End scroll it."""

    BINDINGS: ClassVar[list[BindingType]] = keys("scrolling")
