"""What the Plan screen's keys do on the objectives table: add, edit, link mentors, drop,
reopen and mark met; on the mentors table the same keys act on mentors (``editing``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from prepcoach.models import Objective
from prepcoach.tui.screens.plan import fields as F
from prepcoach.tui.screens.plan.editing import Done, PlanEditing
from prepcoach.tui.widgets.form import FormScreen


class ObjectiveEditing(PlanEditing):
    def action_add(self) -> None:
        if self.plan is not None and self._in_objectives():
            form = FormScreen("New objective", F.objective_fields(self.plan), self._add_objective)
            self._form(form)
        else:
            super().action_add()

    def action_edit(self) -> None:
        if not self._in_objectives():
            super().action_edit()
            return
        o = self._objective()
        if o is not None and self.plan is not None:
            fields = F.objective_fields(self.plan, o)
            self._form(FormScreen("Edit objective", fields, self._edit_objective(o)))

    def action_remove(self) -> None:
        if self._in_objectives():
            self.action_drop()
        else:
            super().action_remove()

    def _add_objective(self, values: dict[str, Any]) -> Done:
        v = F.objective_values(values)
        obj, warnings = self.edits.add_objective(
            v["title"], support_area=v["area"], done_when=v["done_when"], mentors=v["mentors"]
        )
        return f'Added "{obj.title}".', None, warnings

    def _edit_objective(self, o: Objective) -> Callable[[dict[str, Any]], Done]:
        def save(values: dict[str, Any]) -> Done:
            obj, warnings, undo = self.edits.edit_objective(
                o.id,
                title=values.get("title"),
                done_when=values.get("done_when"),
                area=values.get("area"),
                mentors=values.get("mentors"),
            )
            return f'Saved "{obj.title}".', undo, warnings

        return save

    def action_link(self) -> None:
        o = self._objective()
        if o is None or self.plan is None:
            return
        if not self.plan.mentors:
            self.notify("Add a mentor first (a on the Mentors table).", markup=False)
            return
        self._form(
            FormScreen(
                f'Who helps with "{o.title}"', F.link_fields(self.plan, o), self._edit_objective(o)
            )
        )

    def _objective_unless(self, status: str, already: str) -> Objective | None:
        """The objective under the cursor, unless it has ``status`` already (said)."""
        o = self._objective()
        if o is not None and o.status == status:
            self.notify(f'"{o.title}" {already}', markup=False)
            return None
        return o

    def action_drop(self) -> None:
        o = self._objective_unless("dropped", "is dropped already (r reopens it).")
        if o is None:
            return
        self._ask(
            f'Drop "{o.title}"?',
            ["It stays in the plan as dropped; r reopens it, ctrl+z undoes it."],
            "Drop this objective?",
            "Drop",
            lambda: (f'Dropped "{o.title}".', self.edits.drop_objective(o.id)[1], ()),
        )

    def action_reopen(self) -> None:
        o = self._objective_unless("open", "is open already.")
        if o is None:
            return
        self._done(
            self.papp.guard(
                lambda: (f'Reopened "{o.title}".', self.edits.reopen_objective(o.id)[1], ())
            )
        )

    def action_met(self) -> None:
        o = self._objective_unless("met", "is met already.")
        if o is None:
            return
        self._done(
            self.papp.guard(lambda: (f'"{o.title}" is met.', self.edits.mark_met(o.id)[1], ()))
        )
