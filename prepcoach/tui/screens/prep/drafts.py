"""The Prep form kept as a draft while typing (``drafts/prep-<mentor>.json``) and
restored when the mentor is picked again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import on
from textual.widgets import ContentSwitcher, Input, Markdown

from prepcoach.meeting_prep import default_minutes
from prepcoach.models import Agenda
from prepcoach.tui import drafts
from prepcoach.tui.screens.prep.base import PrepBase
from prepcoach.tui.screens.prep.items import WELCOME
from prepcoach.tui.widgets.editable_list import EditableList
from prepcoach.tui.widgets.later import Later


class PrepDrafts(PrepBase):
    def __init__(self) -> None:
        super().__init__()
        # (mentor id, the form as typed), written once a burst of typing settles
        self._drafts: Later[tuple[str, dict[str, Any]]] = Later(
            self, 0.3, lambda pending: self._write_draft(*pending)
        )

    def _restore_draft(self) -> bool:
        """Fill the form from the mentor's draft (empty without one); True if there was
        a draft."""
        if self.mentor_id is None:
            return False
        draft = self.papp.guard(lambda: drafts.load_prep(self.papp.store, self.mentor_id or ""))
        # a draft written since the lists held the saved prep says so; an older one is
        # saved as an addition to the saved prep
        self.complete[self.mentor_id] = bool(draft and draft.get("complete") is True)
        self._restoring = True
        try:
            wins = self.query_one("#p-wins", EditableList)
            questions = self.query_one("#p-questions", EditableList)
            minutes = self.query_one("#p-minutes", Input)
            d = draft or {}
            wins.set_items(
                list(map(str, d.get("accomplishments", []))), str(d.get("pending_win", ""))
            )
            questions.set_items(
                list(map(str, d.get("questions", []))), str(d.get("pending_question", ""))
            )
            with minutes.prevent(Input.Changed):
                minutes.value = str(d.get("minutes") or self._default_minutes())
            # a default (not the draft's) is replaced by the booked length once read
            self._minutes_auto = None if d.get("minutes") else minutes.value
            self._show_minutes_note()
            self.agenda = None
            self.replaced = None
            self.items_edited = d.get("edited") is True
            raw_agenda = d.get("agenda")
            if raw_agenda:
                try:
                    self.agenda = Agenda.model_validate(raw_agenda)
                    self.generated_at = str(d.get("generated_at", ""))
                except ValueError:
                    self.agenda = None
            if self.agenda is not None:
                self._show_agenda()
            else:
                self._show_total()
                self.query_one("#p-md", Markdown).update(WELCOME)
                self.query_one("#p-out", ContentSwitcher).current = "p-md"
            if draft:
                self._status("Restored your draft.")
            else:
                self._status("")
        finally:
            self._restoring = False
        return bool(draft)

    def _default_minutes(self) -> int:
        """The booked meeting's length, else the last session's, else the default."""
        mentor_id = self.mentor_id
        booked = self.booked_minutes.get(mentor_id or "")
        if booked:
            return booked
        sessions = self.papp.store.list_sessions(mentor_id) if self.data and mentor_id else []
        return default_minutes(sessions)

    def _draft_payload(self) -> dict[str, Any]:
        wins = self.query_one("#p-wins", EditableList)
        questions = self.query_one("#p-questions", EditableList)
        return {
            "mentor": self.mentor_id,
            "minutes": self._minutes(strict=False),
            "accomplishments": wins.items,
            "pending_win": wins.pending,
            "questions": questions.items,
            "pending_question": questions.pending,
            "agenda": self.agenda.model_dump(mode="json") if self.agenda else None,
            "generated_at": self.generated_at,
            "edited": self.items_edited,
            "complete": self.complete.get(self.mentor_id or "", False),
            "saved": dt.datetime.now().isoformat(timespec="seconds"),
        }

    def _save_draft(self) -> None:
        """Write the draft now (from the widgets)."""
        if self.mentor_id is None or self._restoring:
            return
        self._write_draft(self.mentor_id, self._draft_payload())

    def _write_draft(self, mentor_id: str, payload: dict[str, Any]) -> None:
        self._drafts.drop()
        empty = not (
            payload["accomplishments"]
            or payload["questions"]
            or payload["pending_win"]
            or payload["pending_question"]
            or payload["agenda"]
        )
        name = drafts.prep_name(mentor_id)
        if empty:
            self.papp.guard(lambda: drafts.discard(self.papp.store, name), "Draft")
        else:
            self.papp.guard(lambda: drafts.save(self.papp.store, name, payload), "Draft not kept")

    def _schedule_draft(self) -> None:
        """Snapshot the form now; write it shortly (typing bursts make one write)."""
        if self._restoring or self.mentor_id is None:
            return
        self._drafts.put((self.mentor_id, self._draft_payload()))

    def _flush_draft(self) -> None:
        self._drafts.flush()

    def on_unmount(self) -> None:
        self._flush_draft()

    @on(EditableList.Changed, "#p-wins, #p-questions")
    def _inputs_changed(self) -> None:
        self._schedule_draft()

    @on(Input.Changed, "#p-minutes")
    def _minutes_changed(self) -> None:
        self._show_minutes_note()
        self._schedule_draft()
