"""State and helpers every part of the Prep screen uses: the status line, the form's
request, the agenda view."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.content import Content
from textual.widgets import ContentSwitcher, Input, Label, Markdown, Static

from prepcoach.errors import PrepcoachError
from prepcoach.meeting_prep import meeting_minutes
from prepcoach.models import Agenda, Mentor
from prepcoach.tui.generation import GenerationController
from prepcoach.tui.screens.base import BaseScreen
from prepcoach.tui.screens.prep.items import PrepData, item_line
from prepcoach.tui.styles import sheet
from prepcoach.tui.text import plain, sanitize
from prepcoach.tui.widgets.editable_list import EditableList


class PrepBase(BaseScreen):
    CSS_PATH = sheet(__file__, "prep.tcss")

    def __init__(self) -> None:
        super().__init__()
        self.data: PrepData | None = None
        self.mentor_id: str | None = None
        self.generator = GenerationController(id="p-gen")  # the agenda being generated
        self.agenda: Agenda | None = None
        self.result: Any = None  # services.AgendaResult
        self.request: Any = None  # services.AgendaRequest the result was made from
        self.generated_at = ""
        # the agenda items were changed by hand since generated: regenerating asks first
        self.items_edited = False
        # (agenda, items_edited) the last generation replaced: ctrl+z puts it back
        self.replaced: tuple[Agenda, bool] | None = None
        self._restoring = False
        # mentor id -> (session id, what was saved, for which meeting date): a second ctrl+s
        # with nothing changed saves nothing; after a change the service updates that
        # session in place
        self.saved: dict[str, tuple[str, tuple[Any, ...]]] = {}
        # mentor id -> the lists hold the meeting's whole prep (its saved wins and
        # questions were loaded into them, or there were none): saved with
        # ``complete=True``, so deleting an item removes it from the session. Until then
        # (the saved prep not read yet, or an older draft) a save adds to the saved prep.
        self.complete: dict[str, bool] = {}
        # mentor id -> the date of the meeting being prepared (read in a worker)
        self.meeting_dates: dict[str, dt.date] = {}
        # mentor id -> the booked length of the meeting being prepared (None: not booked)
        self.booked_minutes: dict[str, int | None] = {}
        self._minutes_auto: str | None = None  # the Minutes value the form put there
        self.saving = False
        self._mentor_token = 0
        self._fill_pending: str | None = None  # mentor whose saved prep is still to fill in

    # ----------------------------------------------------------------- form

    def _status(self, text: str | Content) -> None:
        self.query_one("#p-status", Static).update(
            text if isinstance(text, Content) else plain(text, "dim")
        )

    def _minutes(self, strict: bool = True) -> int:
        return meeting_minutes(self.query_one("#p-minutes", Input).value, strict=strict)

    def _request(self) -> Any:
        from prepcoach.services import AgendaRequest

        if self.mentor_id is None:
            raise PrepcoachError("pick a mentor first.")
        wins = self.query_one("#p-wins", EditableList)
        questions = self.query_one("#p-questions", EditableList)
        # text typed but not yet entered counts too
        acc = [*wins.items, *([wins.pending.strip()] if wins.pending.strip() else [])]
        qs = [*questions.items, *([questions.pending.strip()] if questions.pending.strip() else [])]
        return AgendaRequest(
            mentor=self.mentor_id,
            accomplishments=acc,
            questions=qs,
            minutes=self._minutes(),
            today=self.papp.today,
            complete=self.complete.get(self.mentor_id, False),
        )

    def blocked(self, doing: str) -> bool:
        """True (and say why, as a notification) when there is no agenda to act on yet:
        keys that cannot act never do nothing silently."""
        if self.generating:
            why = f"The agenda is still being written; {doing} once it is done (esc cancels)."
        elif self.agenda is None:
            why = f"Generate the agenda first (ctrl+g); then you can {doing}."
        else:
            return False
        self.notify(why, markup=False)
        return True

    @property
    def generating(self) -> bool:
        return self.generator.running

    # --------------------------------------------------------------- result

    def _mentor(self) -> Mentor | None:
        if self.data is None or self.mentor_id is None:
            return None
        return self.data.plan.mentor(self.mentor_id)

    def markdown(self) -> str:
        if self.agenda is None:
            return ""
        from prepcoach.agenda import agenda_markdown

        objectives = self.data.plan.objectives if self.data else []
        return sanitize(agenda_markdown(self.agenda, self._mentor(), objectives))

    def _result_view(self) -> str:
        return "p-md"

    def _show_agenda(self) -> None:
        if self.agenda is None:
            return
        self.query_one("#p-md", Markdown).update(self.markdown())
        items = self.query_one("#p-items", EditableList)
        items.set_items([item_line(i) for i in self.agenda.items])
        self._show_total()
        self.query_one("#p-out", ContentSwitcher).current = "p-md"
        self.refresh_bindings()

    def _show_total(self) -> None:
        """The agenda's minutes against the meeting's, on its border (blank without an
        agenda: never another mentor's total)."""
        right = self.query_one("#p-right")
        if self.agenda is None:
            right.border_subtitle = ""
            return
        total, want = self.agenda.total(), self.agenda.minutes
        right.border_subtitle = f"{total} of {want} min" + ("" if total == want else " ⚠")

    def _apply_booked(self) -> None:
        """Put the booked length in the Minutes field when it still holds the default
        it was given (never over a value typed or restored from a draft)."""
        booked = self.booked_minutes.get(self.mentor_id or "")
        minutes = self.query_one("#p-minutes", Input)
        if booked and self._minutes_auto == minutes.value:
            with minutes.prevent(Input.Changed):
                minutes.value = self._minutes_auto = str(booked)
        self._show_minutes_note()

    def _show_minutes_note(self) -> None:
        """Say where the Minutes field's value comes from: "as booked" when it is the
        booked meeting's length, the booked length when it differs."""
        booked = self.booked_minutes.get(self.mentor_id or "")
        value = self.query_one("#p-minutes", Input).value.strip()
        note = "" if booked is None else "as booked" if value == str(booked) else f"booked {booked}"
        self.query_one("#p-minutes-note", Label).update(note)
