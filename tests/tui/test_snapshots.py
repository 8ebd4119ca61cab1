"""SVG snapshots of the main screens at 80x24 on the sample data, with a fixed today.

Update after an intended change: pytest tests/tui/test_snapshots.py --snapshot-update
(then look at the SVGs in __snapshots__/ before committing them).
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from prepcoach.tui.widgets.editable_list import EditableList
from tui.helpers import SIZE, screen_text, settle


async def _steady(pilot: Pilot) -> None:
    await settle(pilot)
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    # the layout settles before the picture: scrollbars are sized from the final layout
    # (a frame taken mid-layout differs by a scrollbar character under load)
    # (Markdown mounts its blocks after the update returns): wait until two frames in a
    # row are the same
    await settle(pilot)
    last = None
    for _ in range(40):
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.05)
        frame = screen_text(pilot.app)
        if frame == last:
            break
        last = frame


def test_dashboard(snap_compare, make_app) -> None:
    assert snap_compare(make_app("dashboard"), terminal_size=SIZE, run_before=_steady)


def test_team(snap_compare, make_app) -> None:
    assert snap_compare(make_app("team"), terminal_size=SIZE, run_before=_steady)


def test_history(snap_compare, make_app) -> None:
    assert snap_compare(make_app("history"), terminal_size=SIZE, run_before=_steady)


def test_review(snap_compare, make_app) -> None:
    assert snap_compare(make_app("review"), terminal_size=SIZE, run_before=_steady)


def test_prep_with_generated_agenda(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        screen = pilot.app.screen
        for selector, text in (
            ("#p-wins", "Budget accepted as submitted"),
            ("#p-questions", "How do I hand the migration to Tomás?"),
        ):
            lst = screen.query_one(selector, EditableList)
            lst.input.value = text
            lst.input.focus()
            await pilot.press("enter")
        await pilot.press("ctrl+g")
        await _steady(pilot)
        # the carried-over list's scrollbar thumb is sized from when its options arrived,
        # which varies with the machine's load; the picture is of its text
        carried = screen.query_one("#p-carried")
        carried.styles.scrollbar_size_vertical = 0
        carried.scroll_home(animate=False)
        await _steady(pilot)

    assert snap_compare(make_app("prep"), terminal_size=SIZE, run_before=run_before)


def test_outreach_from_review(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("d")  # draft the matching message for the first mentor
        await _steady(pilot)

    assert snap_compare(make_app("review"), terminal_size=SIZE, run_before=run_before)
