"""Dashboard: mentors (status, term clock, meetings, next meeting, readiness), objectives,
reminders for unanswered outreach, and the next best action."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from prepcoach.tui.next_step import lead_with_missing
from prepcoach.tui.screens.base import BaseScreen
from prepcoach.tui.screens.loading import WaitForData
from prepcoach.tui.text import one_line, plain, rich_style
from prepcoach.tui.widgets.tables import fit_columns, flex_width

if TYPE_CHECKING:
    from textual.widgets import DataTable

    from prepcoach.tui.state import Snapshot

# seconds after the dashboard is shown to look for a Prep draft written on the way here
# (Prep writes its draft 0.3 s after the last key)
DRAFT_SETTLE = 0.5
HELD_HELP = (
    "Held: meetings held this term / meetings expected by today at the mentor's "
    "cadence (monthly by default). 4/5 means one meeting behind."
)
# open objectives per mentor before the dashboard flags it: the limit of
# prepcoach.review.MAX_ACTIVE_OBJECTIVES, written here so the first paint imports no models
MAX_ACTIVE = 3
STATUS_STYLE = {
    "prospect": "$text-muted",
    "asked": "$warning",
    "active": "$success",
    "renewed": "$success",
    "loosened": "$text-muted",
    "ended": "$text-muted",
}


MENTOR_COLUMNS = [("Mentor", "name", None), ("Status", "status", 8), ("Term", "term", 12),
                  ("Held", "held", 4), ("Next", "next", 12), ("Ready", "ready", 14)]  # fmt: skip
OBJECTIVE_COLUMNS = [("Objective", "title", None), ("Area", "area", 9), ("Status", "status", 7),
                     ("With", "with", 12)]  # fmt: skip


class DashboardScreen(WaitForData, BaseScreen):
    LABEL = "Dashboard"
    MODE = "dashboard"
    # the mentors table, straight away: focusing the scroll pane first and then moving
    # focus restyles the whole screen twice before the first frame
    AUTO_FOCUS = "#mentors"
    DEFAULT_CSS = """
    DashboardScreen #notice {
        display: none;
        height: auto;
        padding: 0 1;
        background: $warning-muted;
        border-left: thick $warning;
    }
    DashboardScreen #notice.shown { display: block; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.snap: Snapshot | None = None
        self.all_hints = False  # the whole list of next steps is open (m, or a click)
        # the set-aside plan file the notice names (kept when a new plan.json is written,
        # until the user dismisses it), and the ones dismissed
        self.notice = ""
        self.dismissed: set[str] = set()

    def compose_body(self) -> Iterable[Widget]:
        # The tables are in the first frame, filled from the light read of plan.json in
        # on_mount (before that frame is painted): the user's mentors are in the app's
        # first paint, laid out once. The full read follows in a worker.
        from textual.widgets import DataTable

        yield Static("", id="notice")
        with VerticalScroll(id="dash"):
            yield Static("Loading…", id="hint", markup=False)
            mentors: DataTable[Any] = DataTable(id="mentors", cursor_type="row")
            mentors.border_title = "Mentors · enter/p: prep"
            mentors.tooltip = HELD_HELP
            objectives: DataTable[Any] = DataTable(id="objectives", cursor_type="row")
            objectives.border_title = "Objectives"
            notes = Static("", id="reminders", markup=False)
            notes.border_title = "Reminders and gaps"
            for widget in (mentors, objectives, notes):
                widget.display = False  # until there is data to show in them
                yield widget

    def on_mount(self) -> None:
        """Show the light read of plan.json (no pydantic, about a millisecond) in the first
        frame; without one (no plan yet, or one the light reader does not know) the
        tables wait for the full read."""
        self.query_one("#mentors").focus()
        if self.snap is None:
            from prepcoach.tui.state import light_snapshot

            light = light_snapshot(self.papp.settings.data_dir, self.papp.today)
            if light is not None:
                self.show(light)

    def on_screen_resume(self) -> None:
        # (BaseScreen's handler reloads after store writes; Prep drafts are not those)
        self._drafts_changed()
        # Prep writes a draft a moment after the last key: look again once it has
        self.set_timer(DRAFT_SETTLE, self._drafts_changed)

    def _drafts_changed(self) -> None:
        """Count the Prep drafts again (readiness) when one was written since the load."""
        from prepcoach.tui.state import PENDING, drafts_signature

        snap = self.snap
        if snap is None or not self.is_active or PENDING in snap.hints:
            return  # not loaded yet: the load in progress reads them
        if self._seen_version != self.papp.data_version:
            return  # a store write since: BaseScreen reloads anyway
        if drafts_signature(self.papp.store.root) != snap.drafts_seen:
            self.reload()

    def show(self, data: Any) -> None:
        from textual.widgets import DataTable

        snap: Snapshot = data
        self.snap = snap
        for widget in self.query("#mentors, #objectives, #reminders"):
            widget.display = True
        mentors = self.query_one("#mentors", DataTable)
        fit_columns(mentors, MENTOR_COLUMNS)
        name_w = flex_width(mentors, "name")
        for v in snap.mentors:
            m = v.mentor
            held = f"{v.held}/{v.expected}" if v.term_month is not None else "-"
            if m.next_meeting and m.next_meeting < snap.today:
                nxt = "capture"  # the booked day has passed: the hint line names it
            elif m.next_meeting:
                days = (m.next_meeting - snap.today).days
                nxt = f"{m.next_meeting:%b %d}" + (f" ({days}d)" if 0 <= days <= 30 else "")
            else:
                nxt = "-"
            ready_style = {True: "$success", False: "$error"}.get(v.ready, "$text-muted")  # type: ignore[arg-type]
            flag = {True: "✓ ", False: "✗ "}.get(v.ready, "")  # type: ignore[arg-type]
            moment = f"{v.moment} " if v.moment else ""  # first / mid / drift / last
            mentors.add_row(
                self.cell(m.name, "bold", name_w),
                self.cell(m.status, STATUS_STYLE.get(m.status, "")),
                self.cell(v.term_label),
                self.cell(held),
                self.cell(nxt),
                self.cell(moment + flag + v.ready_short, ready_style),
                key=m.id,
            )
        objectives = self.query_one("#objectives", DataTable)
        fit_columns(objectives, OBJECTIVE_COLUMNS)
        title_w = flex_width(objectives, "title")
        active: dict[str, int] = {}
        names = {m.id: m.name.split()[0] for m in snap.plan.mentors}
        for o in snap.plan.objectives:
            style = {"met": "$success", "dropped": "$text-muted"}.get(o.status, "")
            who = ", ".join(names.get(i, i) for i in o.mentors) or "nobody yet"
            flagged = False
            if o.status == "open":
                for i in o.mentors:
                    active[i] = active.get(i, 0) + 1
                    flagged = flagged or active[i] > MAX_ACTIVE
            objectives.add_row(
                self.cell(
                    ("⚑ " if flagged else "") + o.title, "$warning" if flagged else "", title_w
                ),
                self.cell(o.support_area),
                self.cell(("✓ " if o.status == "met" else "") + o.status, style),
                self.cell(who, "" if o.mentors else "$warning"),
                key=o.id,
            )
        snap.hints = lead_with_missing(snap.plan, snap.hints)
        if snap.plan_set_aside and snap.plan_set_aside not in self.dismissed:
            self.notice = snap.plan_set_aside
        self._show_notice()
        self._show_hints()
        self.query_one("#reminders", Static).update(self._notes(snap))

    def _show_hints(self) -> None:
        """The first next step with "(+N more · m)", or with ``all_hints`` every one,
        each on its own line (a wrapped line keeps its indent)."""
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        hints = self.snap.hints if self.snap else []
        hint = self.query_one("#hint", Static)
        hint.tooltip = "\n".join(hints)
        if not (self.all_hints and len(hints) > 1):
            first = hints[0] if hints else ""
            more = f"  (+{len(hints) - 1} more · m)" if len(hints) > 1 else ""
            hint.update(Content.assemble(("Next: ", "bold $accent"), plain(first), (more, "dim")))
            return
        rows = Table.grid(padding=(0, 1))
        rows.add_column(no_wrap=True)
        rows.add_column()
        for n, text in enumerate(hints, 1):
            rows.add_row(Text(f"{n}.", style="dim"), Text(one_line(text)))
        accent = rich_style("bold $accent", self.app.theme_variables)
        title = Text.assemble(("Next steps", accent), ("  (m: fewer)", "dim"))
        hint.update(Group(title, rows))

    def _show_notice(self) -> None:
        """A banner naming where an unreadable plan.json was set aside, so an empty
        dashboard is never mistaken for a new account."""
        notice = self.query_one("#notice", Static)
        notice.set_class(bool(self.notice), "shown")
        self.refresh_bindings()
        if not self.notice:
            return
        notice.update(
            Content.assemble(
                ("⚠ ", "bold $warning"),
                plain(
                    f"plan.json could not be read and was set aside as {self.notice} "
                    "(kept). The plan shown is empty until you fix that file and move it "
                    "back to plan.json, or add mentors to start a new one."
                ),
                ("  x: dismiss", "dim"),
            )
        )

    def action_dismiss_notice(self) -> None:
        if self.notice:
            self.dismissed.add(self.notice)
            self.notice = ""
            self._show_notice()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "dismiss_notice":
            return bool(self.notice)  # the key shows only while there is a notice
        return True

    def action_all_hints(self) -> None:
        """Open the whole list of next steps, or close it to the first one."""
        hints = self.snap.hints if self.snap else []
        if len(hints) < 2:
            self.notify(
                "That is the only next step." if hints else "The data is still loading.",
                markup=False,
            )
            return
        self.all_hints = not self.all_hints
        self._show_hints()

    def on_click(self, event: events.Click) -> None:
        if event.widget is not None and event.widget.id == "hint":
            self.action_all_hints()
        elif event.widget is not None and event.widget.id == "notice":
            self.action_dismiss_notice()

    def _notes(self, snap: Snapshot) -> Content:
        lines: list[Content] = []
        for r in snap.reminders:
            lines.append(
                Content.assemble(
                    ("⏰ ", "$warning"),
                    plain(f"{r.draft.to}: {r.draft.outreach_kind} sent {r.days} days ago, "),
                    ("no answer. Nudge: ", "$warning"),
                    plain(one_line(r.nudge, 200), "italic"),
                )
            )
        for v in snap.mentors:
            if v.active_objectives > MAX_ACTIVE:
                lines.append(
                    Content.assemble(
                        ("⚑ ", "$warning"),
                        plain(
                            f"{v.mentor.name} has {v.active_objectives} open objectives; "
                            f"at most {MAX_ACTIVE} keeps the mentoring focused."
                        ),
                    )
                )
        if not snap.plan.mentors:
            # one line, not "nobody covers" each of the six kinds of support
            lines.append(
                plain(
                    "No mentors yet, so no kind of support is covered. Add one: 7 Plan, "
                    "then a (or prepcoach mentors add NAME --areas scope,politics)."
                )
            )
        for gap in snap.gaps if snap.plan.mentors else ():
            lines.append(
                Content.assemble(("◌ ", "$text-muted"), plain(gap.text[:1].upper() + gap.text[1:]))
            )
        return Content("\n").join(lines)

    # ---------------------------------------------------------------- actions

    def _selected_mentor(self) -> str | None:
        from textual.widgets import DataTable

        found = self.query("#mentors").results(DataTable)
        table = next(found, None)
        if table is None:
            return None
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value) if key.value is not None else None

    def action_prep(self) -> None:
        mentor = self._selected_mentor()
        if mentor:
            self.papp.open_prep(mentor)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "mentors":
            self.action_prep()

    def action_nudge(self) -> None:
        if not self.snap or not self.snap.reminders:
            self.notify("No unanswered asks to nudge.", markup=False)
            return
        r = self.snap.reminders[0]
        self.papp.open_outreach(
            to=r.draft.to,
            title=r.draft.title,
            organisation=r.draft.organisation,
            channel=r.draft.channel,
            kind=r.draft.outreach_kind,
            ask=r.draft.ask,
            body=r.nudge,
            subject=f"Re: {r.draft.subject}" if r.draft.subject else "",
            note=f"Nudge for the {r.draft.outreach_kind} sent {r.days} days ago",
        )

    def action_refresh(self) -> None:
        self.reload()
