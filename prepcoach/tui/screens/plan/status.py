"""Choosing a mentor's next status: only the moves the lifecycle allows from where the
mentor is (``prepcoach.planning.allowed_next``), and one more line to force any other
status (the Plan screen asks before forcing; the move is recorded as forced)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from prepcoach.planning import allowed_next
from prepcoach.tui.keymap import keys
from prepcoach.tui.text import plain
from prepcoach.tui.widgets.dialog import Dialog
from prepcoach.vocab import MENTOR_STATUSES

FORCE = "__force"
WHAT = {
    "prospect": "not asked yet",
    "asked": "asked, waiting for an answer",
    "active": "a term starts today (a new term after a stop)",
    "renewed": "another term, starting when this one ends",
    "loosened": "a looser relationship; the term stops today",
    "ended": "the mentoring ends today; the booked meeting is cleared",
}


class StatusScreen(Dialog[tuple[str, bool] | None]):
    """Dismissed with (status, forced) or None."""

    BINDINGS: ClassVar[list[BindingType]] = keys("close")

    def __init__(self, name: str, status: str) -> None:
        super().__init__()
        self.mentor_name = name
        self.status = status
        self.forcing = False

    def compose_dialog(self) -> ComposeResult:
        with Vertical(id="status-box"):
            yield Static(
                Content.assemble(
                    plain(self.mentor_name, "bold"), (f" is {self.status}. Next status:", "bold")
                ),
                id="status-title",
            )
            yield OptionList(*self._options(), id="status-options")
            yield Static(Content.styled("enter choose · escape close", "dim"))

    def _options(self) -> list[Option]:
        if self.forcing:
            others = [s for s in MENTOR_STATUSES if s != self.status]
            others = [s for s in others if s not in allowed_next(self.status)]
            return [Option(f"{s:<9} forced: {WHAT[s]}", id=s) for s in others]
        opts = [Option(f"{s:<9} {WHAT[s]}", id=s) for s in allowed_next(self.status)]
        opts.append(Option("force…   another status, past the lifecycle rules", id=FORCE))
        return opts

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or ""
        if choice == FORCE:
            self.forcing = True
            options = self.query_one(OptionList)
            options.clear_options()
            options.add_options(self._options())
            options.highlighted = 0
            return
        self.dismiss((choice, self.forcing))

    def action_close(self) -> None:
        self.dismiss(None)
