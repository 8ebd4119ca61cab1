"""A small modal asking yes or no (e.g. "It breaks 2 rules: … Mark sent anyway?")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from prepcoach.tui.keymap import keys
from prepcoach.tui.text import plain
from prepcoach.tui.widgets.dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    """Dismissed with True (y, enter on "yes") or False (n, escape, "no")."""

    BINDINGS: ClassVar[list[BindingType]] = keys("confirm")

    def __init__(self, title: str, lines: list[str], question: str, yes: str = "Yes") -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.question = question
        self.yes = yes

    def compose_dialog(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(plain(self.title_text, "bold $warning"), id="confirm-title")
            body = [plain(f"✗ {line}") for line in self.lines]
            if body:
                yield Static(Content("\n").join(body), id="confirm-lines")
            yield Static(plain(self.question, "bold"), id="confirm-question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", id="confirm-yes", variant="warning", compact=True)
                yield Button("No (n/esc)", id="confirm-no", compact=True)

    def on_mount(self) -> None:
        # the safe answer has focus: enter alone never confirms
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)


@dataclass(frozen=True)
class Replacing:
    """What to ask before generated text replaces text the user edited."""

    title: str
    why: str  # what the user changed
    question: str


# asked before a new draft replaces the text the user edited, by what it replaces
REPLACING = {
    "agenda": Replacing(
        "Replace your edited agenda?",
        "You changed the agenda items by hand.",
        "Draft a new agenda over it? (ctrl+z puts yours back)",
    ),
    "message": Replacing(
        "Replace your edited message?",
        "You changed the message since it was drafted or opened.",
        "Draft a new message over it? (ctrl+z in the message brings yours back)",
    ),
}


def replace_edited(
    screen: Screen[Any],
    edited: bool,
    what: Literal["agenda", "message"],
    replace: Callable[[], object],
) -> None:
    """Run ``replace``: at once when the user edited nothing, else only on a yes to the
    question for ``what`` it replaces (a no says the text is kept)."""
    ask = REPLACING[what]
    if not edited:
        replace()
        return

    def answered(yes: bool | None) -> None:
        if yes:
            replace()
        else:
            screen.notify("Kept your text; nothing was replaced.", markup=False)

    dialog = ConfirmScreen(ask.title, [ask.why], ask.question, yes="Replace")
    screen.app.push_screen(dialog, answered)
