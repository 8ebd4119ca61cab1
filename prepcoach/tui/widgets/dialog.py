"""The base of every dialog: a modal that shows its own keys in its footer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Footer

from prepcoach.tui.styles import sheet

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal screen with a footer of its own: the keys shown are the dialog's, never
    those of the screen beneath (which do nothing while the dialog is open)."""

    CSS_PATH = sheet(__file__, "dialogs.tcss")
    _waiting_on: Widget | None = None  # the field a save waits on (after_typing)

    def compose(self) -> ComposeResult:
        yield from self.compose_dialog()
        yield Footer()

    def compose_dialog(self) -> ComposeResult:
        """The dialog's widgets (the footer follows them)."""
        yield from ()

    def after_typing(self, then: Callable[[], object]) -> None:
        """Run ``then`` once the keys already sent to the focused field are in it. A
        priority key (ctrl+s) is handled as it arrives, ahead of the text typed just
        before it that the field has not taken in yet: saving then would lose that text."""
        focused = self.focused
        if focused is None:
            then()
            return
        waiting = self._waiting_on
        if waiting is not None and waiting.is_attached:
            return  # a second ctrl+s while the first waits: one save

        def run() -> None:
            self._waiting_on = None
            if self.is_current:  # not once the dialog has closed
                then()

        self._waiting_on = focused
        focused.call_later(run)
