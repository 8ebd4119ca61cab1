"""Plan: your profile, your mentors (status, next meeting, support) and your objectives,
all editable from the keyboard. The keys act on the table that has focus (tab moves
between them); what they do is in ``editing``. The plan is read again when it changes
on disk (a CLI command run meanwhile), so the tables never show a stale plan for long.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.content import Content
from textual.widget import Widget
from textual.widgets import DataTable, Static

from prepcoach import planning
from prepcoach.models import Plan
from prepcoach.tui.screens.loading import WaitForData
from prepcoach.tui.screens.plan.objective_editing import ObjectiveEditing
from prepcoach.tui.text import one_line, plain
from prepcoach.tui.widgets.tables import fit_columns, flex_width

STATUS_STYLE = {"active": "$success", "renewed": "$success", "asked": "$warning"}
OBJECTIVE_STYLE = {"met": "$success", "dropped": "$text-muted"}
# how often the screen looks whether plan.json changed on disk (seconds)
DISK_CHECK = 1.0


# the tables' columns: (label, key, width; None for a column that takes the room left)
MENTOR_COLUMNS = [("Mentor", "name", None), ("Status", "status", 8), ("Next", "next", 16),
                  ("Support", "areas", None)]  # fmt: skip
OBJECTIVE_COLUMNS = [("Objective", "title", None), ("Area", "area", 9), ("Status", "status", 7),
                     ("With", "with", 16)]  # fmt: skip


class PlanScreen(WaitForData, ObjectiveEditing):
    LABEL = "Plan"
    MODE = "plan"

    def __init__(self) -> None:
        super().__init__()
        self.plan: Plan | None = None
        self._disk: tuple[int, int, int] | None = None

    def compose_body(self) -> Iterable[Widget]:
        yield Static("Loading…", id="pl-profile")
        mentors: DataTable[Any] = DataTable(id="pl-mentors", cursor_type="row")
        mentors.border_title = "Mentors · a add · e edit · s status · b book · x remove"
        yield mentors
        objectives: DataTable[Any] = DataTable(id="pl-objectives", cursor_type="row")
        objectives.border_title = "Objectives · a add · e edit · l link · m met · d drop · r reopen"
        yield objectives
        yield Static("", id="pl-status")

    def on_mount(self) -> None:
        # (Textual runs BaseScreen.on_mount too: handlers run for every class in the MRO)
        self.set_interval(DISK_CHECK, self._check_disk)

    # ----------------------------------------------------------------- data

    def load(self) -> Any:
        return self.papp.store.load_plan(), self._disk_state()

    def _disk_state(self) -> tuple[int, int, int] | None:
        try:
            st = self.papp.store.plan_path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _check_disk(self) -> None:
        """Read the plan again when plan.json changed on disk since it was read (another
        process wrote it), unless a form is open over this screen."""
        if not self.is_current or not self.data_ready:
            return
        if self._disk_state() != self._disk:
            self.reload()

    def show(self, data: Any) -> None:
        plan, self._disk = data
        self.plan = plan
        self._show_profile(plan)
        self._show_mentors(plan)
        self._show_objectives(plan)
        if not self.focused:
            self.query_one("#pl-mentors", DataTable).focus()

    def _show_profile(self, plan: Plan) -> None:
        p = plan.profile
        bits = [x for x in (p.title, p.organisation) if x.strip()]
        if p.manager.strip():
            bits.append(f"manager {p.manager}")
        who = Content.assemble(("You: ", "bold $accent"))
        if p.name.strip():
            who = Content.assemble(who, plain(one_line(p.name), "bold"))
            if bits:
                who = Content.assemble(who, plain(" · " + one_line(" · ".join(bits))))
        else:
            who = Content.assemble(who, ("no name yet", "$warning"))
        self.query_one("#pl-profile", Static).update(Content.assemble(who, ("   p edit", "dim")))

    def _show_mentors(self, plan: Plan) -> None:
        table = self.query_one("#pl-mentors", DataTable)
        keep = self.selected(table)
        fit_columns(table, MENTOR_COLUMNS)
        name_w, areas_w = flex_width(table, "name"), flex_width(table, "areas")
        for m in plan.mentors:
            table.add_row(
                self.cell(m.name, "bold", name_w),
                self.cell(m.status, STATUS_STYLE.get(m.status, "$text-muted")),
                self.cell(self.booked(m)),
                self.cell(", ".join(m.support_areas) or "-", "", areas_w),
                key=m.id,
            )
        if not plan.mentors:
            table.add_row(self.cell("No mentors yet: press a to add one", "$warning"), key="")
        self._keep_cursor(table, keep)

    @staticmethod
    def booked(m: Any) -> str:
        if m.next_meeting is None:
            return "-"
        text = m.next_meeting.isoformat()
        if m.next_meeting_time is not None:
            text += f" {m.next_meeting_time:%H:%M}"
        return text

    def _show_objectives(self, plan: Plan) -> None:
        table = self.query_one("#pl-objectives", DataTable)
        keep = self.selected(table)
        fit_columns(table, OBJECTIVE_COLUMNS)
        title_w = flex_width(table, "title")
        names = {m.id: m.name for m in plan.mentors}
        crowded = {
            m.id
            for m in plan.mentors
            if m.status not in planning.STOPPED_STATUSES
            and len(planning.active_objectives(plan, m.id)) > planning.MAX_ACTIVE_OBJECTIVES
        }
        for o in plan.objectives:
            who = ", ".join(names.get(i, i) for i in o.mentors) or "nobody yet"
            flag = o.status == "open" and any(i in crowded for i in o.mentors)
            table.add_row(
                self.cell(("⚑ " if flag else "") + o.title, "$warning" if flag else "", title_w),
                self.cell(o.support_area),
                self.cell(o.status, OBJECTIVE_STYLE.get(o.status, "")),
                self.cell(who, "" if o.mentors else "$warning", 16),
                key=o.id,
            )
        if not plan.objectives:
            table.add_row(self.cell("No objectives yet: tab here, press a", "$warning"), key="")
        self._keep_cursor(table, keep)

    @staticmethod
    def selected(table: DataTable[Any]) -> str:
        """The id of the row under the cursor ("" when none)."""
        if not table.row_count:
            return ""
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value or "")

    @staticmethod
    def _keep_cursor(table: DataTable[Any], key: str) -> None:
        if key and key in table.rows:
            table.move_cursor(row=table.get_row_index(key))
