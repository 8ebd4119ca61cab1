"""The base of every dialog: a modal that shows its own keys in its footer."""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Footer

from prepcoach.tui.styles import sheet

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal screen with a footer of its own: the keys shown are the dialog's, never
    those of the screen beneath (which do nothing while the dialog is open)."""

    CSS_PATH = sheet(__file__, "dialogs.tcss")

    def compose(self) -> ComposeResult:
        yield from self.compose_dialog()
        yield Footer()

    def compose_dialog(self) -> ComposeResult:
        """The dialog's widgets (the footer follows them)."""
        yield from ()
