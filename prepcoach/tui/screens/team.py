"""Team: which mentor covers which of the six kinds of support, with the gaps named."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import DataTable, Static

from prepcoach.models import SUPPORT_AREA_LABELS, SUPPORT_AREAS
from prepcoach.tui.screens.base import BaseScreen
from prepcoach.tui.screens.loading import WaitForData
from prepcoach.tui.state import COVERING, Snapshot
from prepcoach.tui.text import plain
from prepcoach.tui.widgets.tables import fit_columns, flex_width

MARK = {
    "active": ("●", "$success"),
    "renewed": ("●", "$success"),
    "asked": ("○", "$warning"),
    "prospect": ("○", "$text-muted"),
    "loosened": ("·", "$text-muted"),
    "ended": ("·", "$text-muted"),
}


class TeamScreen(WaitForData, BaseScreen):
    LABEL = "Team"
    MODE = "team"
    snap: Snapshot | None = None  # what is shown; set by each load

    def compose_body(self) -> Iterable[Widget]:
        with VerticalScroll():
            grid: DataTable[Any] = DataTable(id="grid", cursor_type="cell", cell_padding=0)
            grid.border_title = "Coverage · ● active  ○ prospect/asked  · loosened/ended"
            yield grid
            gaps = Static("", id="gaps")
            gaps.border_title = "Gaps"
            yield gaps
            legend = Static("", id="legend")
            legend.border_title = "The six kinds of support"
            yield legend

    def load(self) -> Any:
        return self.snapshot(with_reviews=False)

    def show(self, data: Any) -> None:
        snap: Snapshot = data
        self.snap = snap
        grid = self.query_one("#grid", DataTable)
        fit_columns(grid, [(" Mentor", "mentor", None)] + [(f" {a}", a, 10) for a in SUPPORT_AREAS])
        name_w = flex_width(grid, "mentor")
        for m in snap.plan.mentors:
            row = [self.cell(m.name, "bold", name_w, pad=1)]
            for area in SUPPORT_AREAS:
                mark, style = MARK.get(m.status, ("●", ""))
                row.append(self.cell(mark if area in m.support_areas else "", style, pad=2))
            grid.add_row(*row, key=m.id)
        covered = ["covered by"]
        for area in SUPPORT_AREAS:
            n = sum(
                1 for m in snap.plan.mentors if area in m.support_areas and m.status in COVERING
            )
            covered.append(str(n) if n else "GAP")
        grid.add_row(
            *(
                self.cell(c, "$error bold" if c == "GAP" else "italic", pad=1 if i == 0 else 2)
                for i, c in enumerate(covered)
            ),
            key="__total",
        )
        lines: list[Content] = []
        for gap in snap.gaps:
            lines.append(
                Content.assemble(("✗ ", "$error"), plain(gap.text[:1].upper() + gap.text[1:]))
            )
        if not lines:
            lines.append(Content.assemble(("✓ ", "$success"), "Every kind of support is covered."))
        if not snap.plan.mentors:
            lines.append(plain("No mentors yet: prepcoach mentors add NAME --areas scope,politics"))
        self.query_one("#gaps", Static).update(Content("\n").join(lines))
        legend = [
            Content.assemble((f"{area:<10}", "bold"), plain(SUPPORT_AREA_LABELS[area]))
            for area in SUPPORT_AREAS
        ]
        self.query_one("#legend", Static).update(Content("\n").join(legend))

    def action_ask_network(self) -> None:
        if self.snap is None:
            return
        area = self.snap.gaps[0].area if self.snap.gaps else "viewpoint"
        self.papp.open_outreach(
            kind="recommendation",
            to="",
            ask=(
                "Who two or three levels up likes to help and has real experience with "
                f"{SUPPORT_AREA_LABELS[area]}?"
            ),
            note=f"Asking your network for someone who covers {area}",
        )

    def action_refresh(self) -> None:
        self.reload()
