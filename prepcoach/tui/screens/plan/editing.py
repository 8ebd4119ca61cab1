"""What the Plan screen's keys do on the mentors (the objectives' keys are in
``objective_editing``). Each edit opens a form or a chooser, writes through
``PlanActions`` (the plan's domain layer, under the store's lock) and pushes its undo;
``ctrl+z`` undoes the last one, for as long as the app runs. Removing a mentor, dropping
an objective, changing a status and cancelling a booking ask first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.widgets import DataTable

from prepcoach import planning
from prepcoach.errors import UsageError
from prepcoach.models import Mentor, Objective, Plan
from prepcoach.text import plural
from prepcoach.tui.screens.base import BaseScreen
from prepcoach.tui.screens.plan import fields as F
from prepcoach.tui.screens.plan.actions import PlanActions, Undo
from prepcoach.tui.styles import sheet
from prepcoach.tui.widgets.confirm import ConfirmScreen
from prepcoach.tui.widgets.form import FormScreen

# what a form's save returns: the line to show, the undo (None: not undoable), warnings
Done = tuple[str, Undo | None, Sequence[str]]


class PlanEditing(BaseScreen):
    CSS_PATH = sheet(__file__, "plan.tcss")
    plan: Plan | None

    def __init__(self) -> None:
        super().__init__()
        self.undo_stack: list[Undo] = []
        self._booking_to_cancel: Mentor | None = None

    @property
    def edits(self) -> PlanActions:
        return PlanActions(self.papp.services, self.papp.today)

    def status_line(self, text: str, style: str = "") -> None:
        from textual.widgets import Static

        from prepcoach.tui.text import plain

        self.query_one("#pl-status", Static).update(plain(text, style))

    # ------------------------------------------------------------ selection

    def _in_objectives(self) -> bool:
        return self.focused is not None and self.focused.id == "pl-objectives"

    def _row(self, table_id: str) -> str:
        table = self.query_one(f"#{table_id}", DataTable)
        if not table.row_count:
            return ""
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value or "")

    def _mentor(self) -> Mentor | None:
        found = self.plan.mentor(self._row("pl-mentors")) if self.plan else None
        if found is None:
            self.notify("No mentor picked: press a on the Mentors table to add one.", markup=False)
        return found

    def _objective(self) -> Objective | None:
        if not self._in_objectives():
            self.notify("That key acts on an objective: tab to the Objectives table.", markup=False)
            return None
        found = self.plan.objective(self._row("pl-objectives")) if self.plan else None
        if found is None:
            self.notify("No objective picked: press a here to add one.", markup=False)
        return found

    def _mentor_here(self) -> Mentor | None:
        if self._in_objectives():
            self.notify("That key acts on a mentor: tab to the Mentors table.", markup=False)
            return None
        return self._mentor()

    # ------------------------------------------------------------ plumbing

    def _done(self, done: Done | None) -> None:
        if done is None:
            return
        text, undo, warnings = done
        if undo is not None:
            self.undo_stack.append(undo)
            text += " ctrl+z undoes it."
        self.papp.changed()
        self.reload()
        self.status_line(text, "$success")
        for w in warnings:
            self.notify(w, title="Focus", severity="warning", markup=False, timeout=10)

    def _form(self, form: FormScreen) -> None:
        def closed(result: Any) -> None:
            if result == "cancel-booking":
                self._cancel_booking()
            elif result is not None:
                self._done(result)

        self.app.push_screen(form, closed)

    def _ask(
        self, title: str, lines: list[str], question: str, yes: str, then: Callable[[], Done]
    ) -> None:
        def answered(ok: bool | None) -> None:
            if ok:
                self._done(self.papp.guard(then, "Plan not changed"))

        self.app.push_screen(ConfirmScreen(title, lines, question, yes=yes), answered)

    # -------------------------------------------------------------- mentors

    def action_add(self) -> None:
        if self.plan is not None:
            self._form(FormScreen("New mentor or prospect", F.mentor_fields(), self._add_mentor))

    def _add_mentor(self, values: dict[str, Any]) -> Done:
        v = F.mentor_values(values)
        mentor, undo = self.edits.add_mentor(v.pop("name"), **v)
        return f"Added {mentor.name} ({mentor.status}).", undo, ()

    def action_edit(self) -> None:
        m = self._mentor() if self.plan is not None else None
        if m is not None:
            self._form(FormScreen(f"Edit {m.name}", F.mentor_fields(m), self._edit_mentor(m)))

    def _edit_mentor(self, m: Mentor) -> Callable[[dict[str, Any]], Done]:
        def save(values: dict[str, Any]) -> Done:
            mentor, undo = self.edits.edit_mentor(m.id, **F.mentor_values(values))
            return f"Saved {mentor.name}.", undo, ()

        return save

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_remove(self) -> None:
        m = self._mentor()
        if m is None or self.plan is None:
            return
        refs = self.edits.files(m.id)
        linked = [o.title for o in self.plan.objectives if m.id in o.mentors]
        lines = [
            f"{plural(len(refs['sessions']), 'session')}, {plural(len(refs['outreach']), 'draft')}"
            f" and {plural(len(refs['reviews']), 'review')} stay on disk (never deleted).",
        ]
        if linked:
            lines.append("Unlinked from: " + "; ".join(linked))
        lines.append("ctrl+z puts everything back for the rest of this run.")
        self._ask(
            f"Remove {m.name} from the plan?",
            lines,
            "Remove this mentor?",
            "Remove",
            lambda: (f"Removed {m.name}.", self.edits.remove_mentor(m.id)[1], ()),
        )

    def action_status(self) -> None:
        m = self._mentor_here()
        if m is None:
            return
        from prepcoach.tui.screens.plan.status import WHAT, StatusScreen

        def chosen(choice: tuple[str, bool] | None) -> None:
            if choice is None:
                return
            status, forced = choice
            lines = [f"{status}: {WHAT[status]}"]
            if forced:
                lines.append(
                    f"From {m.status} the lifecycle allows: "
                    f"{', '.join(planning.allowed_next(m.status))}. "
                    "This move is recorded as forced."
                )
            self._ask(
                f"{m.name}: {m.status} → {status}{' (forced)' if forced else ''}",
                lines,
                "Change the status?",
                "Force it" if forced else "Change",
                lambda: self._set_status(m, status, forced),
            )

        self.app.push_screen(StatusScreen(m.name, m.status), chosen)

    def _set_status(self, m: Mentor, status: str, forced: bool) -> Done:
        mentor, undo = self.edits.set_status(m.id, status, force=forced)
        return f"{mentor.name} is {mentor.status} now.", undo, ()

    def action_book(self) -> None:
        m = self._mentor_here()
        if m is None:
            return
        store, today = self.papp.store, self.papp.today
        suggested = self.papp.guard(
            lambda: planning.next_meeting_date(m, store.sessions_for(m.id), today)
        )
        note = "Leave the date empty to cancel the booked meeting." if m.next_meeting else ""
        self._form(
            FormScreen(
                f"Next meeting with {m.name}",
                F.booking_fields(m, suggested),
                self._book(m),
                note=note,
            )
        )

    def _book(self, m: Mentor) -> Callable[[dict[str, Any]], Done | str]:
        def save(values: dict[str, Any]) -> Done | str:
            date, time, minutes = F.booking_values(values)
            if date is None:
                if m.next_meeting is None:
                    raise UsageError("Type the meeting's date, like 2026-12-03.")
                self._booking_to_cancel = m
                return "cancel-booking"
            mentor, undo = self.edits.book(m.id, date, time, minutes)
            return f"Booked {mentor.name}: {date.isoformat()}.", undo, ()

        return save

    def _cancel_booking(self) -> None:
        m = self._booking_to_cancel
        if m is None or m.next_meeting is None:
            return
        self._ask(
            f"Cancel the meeting with {m.name} on {m.next_meeting.isoformat()}?",
            [],
            "Cancel this booking?",
            "Cancel it",
            lambda: (f"No meeting booked with {m.name}.", self.edits.cancel_booking(m.id)[1], ()),
        )

    def action_profile(self) -> None:
        if self.plan is None:
            return

        def save(values: dict[str, Any]) -> Done:
            _, undo = self.edits.set_profile(**F.profile_values(values))
            return "Saved your profile.", undo, ()

        self._form(FormScreen("Your profile", F.profile_fields(self.plan.profile), save))

    # ------------------------------------------------------------------ undo

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo on the Plan screen yet.", markup=False)
            return
        undo = self.undo_stack.pop()
        if self.papp.guard(lambda: bool(undo.run()) or True, "Not undone") is None:
            self.undo_stack.append(undo)  # kept: it can be tried again
            return
        self.papp.changed()
        self.reload()
        self.status_line(f"Undone: {undo.label}.", "$success")

    def action_refresh(self) -> None:
        self.reload()
