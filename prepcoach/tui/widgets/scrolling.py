"""A Markdown pane that takes focus and scrolls by the keyboard, for output that can be
longer than the screen (the generated agenda). It takes no typing: text typed on it is
kept on the clipboard and said, never dropped silently."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.timer import Timer
from textual.widgets import Markdown

from prepcoach.tui.keymap import keys
from prepcoach.tui.widgets.select import keep_typed

# a pause this long between keys ends a burst of typing
BURST_SECONDS = 0.8


class ScrollingMarkdown(Markdown, can_focus=True):
    """Markdown in a pane of fixed height: arrows, PageUp/PageDown, Home/End scroll it."""

    BINDINGS: ClassVar[list[BindingType]] = keys("scrolling")

    typed = ""  # the burst of typing so far
    _timer: Timer | None = None

    def on_key(self, event: events.Key) -> None:
        ch = event.character
        if not (event.is_printable and ch) or (ch.isdigit() and not self.typed):
            return  # scroll keys, and the screen keys 1-7
        event.stop()
        event.prevent_default()
        self.typed += ch
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(BURST_SECONDS, self.end_burst)

    def end_burst(self) -> None:
        """The typing stopped: keep it on the clipboard and say where it belongs."""
        typed, self.typed = self.typed, ""
        self._timer = None
        if not typed.strip():
            return
        keep_typed(
            self,
            typed,
            f'This pane shows the agenda and takes no typing. What you typed ("{typed}") '
            "is on the clipboard: shift+tab goes back to the questions, ctrl+v pastes it.",
            "Typed on the agenda",
        )
