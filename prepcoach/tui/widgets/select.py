"""A Select that picks by typing, so no printable key on it is swallowed silently."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual import events
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Select

# a pause this long between keys ends a burst of type-ahead
TYPE_AHEAD_SECONDS = 0.8


def _label(prompt: Any) -> str:
    return str(getattr(prompt, "plain", prompt))


class TypeAheadSelect(Select[str]):
    """A Select that picks by type-ahead: the letters typed on it (closed) pick the first
    option starting with them. Typing that matches no option puts the choice back, is
    copied to the clipboard (a question typed here by mistake is never lost) and is said,
    naming ``what`` the Select picks. Space on it (not mid-word) opens the menu, and a
    digit that starts no option is left to the screen keys."""

    def __init__(self, *args: Any, what: str = "option", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.what = what
        self.typed = ""
        self._before: Any = Select.NULL  # the value before the burst
        self._timer: Timer | None = None

    @classmethod
    def of(cls, values: Iterable[str], *, what: str, value: str, id: str) -> TypeAheadSelect:
        """A compact pick of one of ``values`` (shown as typed, never blank)."""
        options = [(Content(v), v) for v in values]
        return cls(options, what=what, value=value, allow_blank=False, id=id, compact=True)

    def on_key(self, event: events.Key) -> None:
        if self.expanded or not (event.is_printable and event.character):
            return
        if not self.typed and (
            event.character == " "  # the menu's own key
            # nothing to pick yet (the options are still loading): the key goes on to
            # the screen, which holds it for the field it was meant for
            or not any(value is not Select.NULL for _prompt, value in self._options)
            # a digit that starts no option is a screen key (1-7)
            or (event.character.isdigit() and self.match(event.character) is None)
        ):
            return
        event.stop()
        event.prevent_default()
        if not self.typed:
            self._before = self.value
        self.typed += event.character
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(TYPE_AHEAD_SECONDS, self.end_burst)
        match = self.match(self.typed)
        if match is not None and match != self.value:
            self.value = match

    def match(self, typed: str) -> str | None:
        """The value of the first option whose label starts with ``typed`` (any case)."""
        want = typed.casefold()
        for prompt, value in self._options:
            if value is not Select.NULL and _label(prompt).casefold().startswith(want):
                return str(value)
        return None

    def end_burst(self) -> None:
        """The typing stopped: when it matched nothing, say so and keep it."""
        typed, self.typed = self.typed, ""
        self._timer = None
        if not typed or self.match(typed) is not None:
            return
        if self.value != self._before:
            self.value = self._before
        keep_typed(
            self,
            typed,
            f'No {self.what} starts with "{typed}", so nothing was picked. What you typed '
            "is on the clipboard (ctrl+v pastes it into a field; tab moves to the next one).",
            "Typed on a picker",
        )


def keep_typed(widget: Widget, typed: str, message: str, title: str) -> None:
    """Text typed where it cannot go: on the clipboard, and said (never dropped)."""
    widget.app.copy_to_clipboard(typed)
    widget.notify(message, title=title, severity="warning", markup=False)
