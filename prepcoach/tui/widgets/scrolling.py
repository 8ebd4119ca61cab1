"""A Markdown pane that takes focus and scrolls from the keyboard, for output that can be
longer than the screen (the generated agenda)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Markdown


class ScrollingMarkdown(Markdown, can_focus=True):
    """Markdown in a pane of fixed height: arrows, PageUp/PageDown, Home/End scroll it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "scroll_up", "Scroll up", show=False),
        Binding("down", "scroll_down", "Scroll down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "scroll_home", "Top", show=False),
        Binding("end", "scroll_end", "Bottom", show=False),
    ]
