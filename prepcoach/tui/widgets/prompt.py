"""A small modal asking for one line of text (e.g. the file to export to)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static, TextArea

from prepcoach.tui.keymap import keys
from prepcoach.tui.text import Hanging, plain
from prepcoach.tui.widgets.dialog import Dialog


class PromptScreen(Dialog[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = keys("prompt")

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value

    def compose_dialog(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Static(plain(self.question), id="prompt-question")
            yield Input(self.value, id="prompt-input")
            yield Static(plain("enter: OK · escape: cancel", "dim"))

    @on(Input.Submitted)
    def _ok(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextViewScreen(Dialog[None]):
    """A read-only view of a text (e.g. the model's draft the rules rejected): it can be
    read, scrolled and copied from, not edited. Escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = keys("close")

    def __init__(self, title: str, note: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.note = note
        self.text = text

    def compose_dialog(self) -> ComposeResult:
        with Vertical(id="text-view") as box:
            box.border_title = self.title_text
            yield Static(Hanging([plain(self.note)]), id="text-view-note")
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="text-view-body")
            yield Static(plain("read only · escape: close", "dim"))

    def on_mount(self) -> None:
        self.query_one("#text-view-body", TextArea).focus()

    def action_close(self) -> None:
        self.dismiss(None)
