"""SVG snapshots of the main screens at 80x24 on the sample data, with a fixed today.

Update after an intended change: pytest tests/tui/test_snapshots.py --snapshot-update
(then look at the SVGs in __snapshots__/ before committing them).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from prepcoach.models import Plan, Profile
from prepcoach.settings import load_settings
from prepcoach.store import Store
from prepcoach.tui.app import create_app
from prepcoach.tui.widgets.editable_list import EditableList
from tui.helpers import SIZE, TODAY, screen_text, settle
from tui.test_h2_outreach_rejected import draft_outreach

MODES = ["dashboard", "prep", "outreach", "review", "history", "team"]


async def _steady(pilot: Pilot) -> None:
    await settle(pilot)
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
        # TextArea's line cache keys "blink off" and "not blinking" alike: a line cached
        # in the blink's hidden phase would show a focused area without its cursor
        area.notify_style_update()
        area.refresh()
    # the layout settles before the picture: scrollbars are sized from the final layout
    # (a frame taken mid-layout differs by a scrollbar character under load)
    # (Markdown mounts its blocks after the update returns): wait until two frames in a
    # row are the same
    await settle(pilot)
    # toasts come and go with the clock: the picture is of the screen under them
    pilot.app.clear_notifications()
    # the same for 0.4 s: longer than the screens' settle-then-work timers (the rules
    # panel 0.12 s after a change, drafts 0.3 s), so none is still to fire
    last, same_since = None, 0.0
    for _ in range(80):
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.05)
        frame = screen_text(pilot.app)
        if frame != last:
            last, same_since = frame, time.monotonic()
        elif time.monotonic() - same_since >= 0.4:
            break


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


# ------------------------------------------------------------- empty data


def _empty_app(tmp_path: Path, start: str, *, profile: bool = True) -> Any:
    """The app on a data directory with nothing in it (``profile``: only the user's
    name, so no first-run setup opens)."""
    settings = load_settings(data=tmp_path / "empty", config_dir=tmp_path / "cfg", environ={})
    store = Store(settings.data_dir)
    if profile:
        store.save_plan(Plan(profile=Profile(name="Dana Reyes")))
    return create_app(settings, store, today=TODAY, start=start)


def test_first_run_on_an_empty_directory(snap_compare, tmp_path: Path) -> None:
    app = _empty_app(tmp_path, "dashboard", profile=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_steady)


@pytest.mark.parametrize("mode", MODES)
def test_screen_with_no_mentors_yet(snap_compare, tmp_path: Path, mode: str) -> None:
    assert snap_compare(_empty_app(tmp_path, mode), terminal_size=SIZE, run_before=_steady)


# ---------------------------------------------------- sample data, more states


def test_prep_form(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        await _steady(pilot)
        # the carried-over list's scrollbar thumb is sized from when its options arrived
        pilot.app.screen.query_one("#p-carried").styles.scrollbar_size_vertical = 0
        await _steady(pilot)

    assert snap_compare(make_app("prep"), terminal_size=SIZE, run_before=run_before)


def test_outreach_form(snap_compare, make_app) -> None:
    assert snap_compare(make_app("outreach"), terminal_size=SIZE, run_before=_steady)


def test_outreach_drafted_offline(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        screen = await draft_outreach(pilot)
        screen.query_one("#o-body", TextArea).scroll_home(animate=False)
        await _steady(pilot)

    assert snap_compare(make_app("outreach"), terminal_size=SIZE, run_before=run_before)


def _after(key: str) -> Any:
    """A run_before that presses ``key`` with nothing focused (so it is not text)."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.screen.set_focus(None)
        await pilot.press(key)
        await _steady(pilot)

    return run_before


@pytest.mark.parametrize(
    ("mode", "key"),
    [("review", "ctrl+g"), ("history", "c"), ("prep", "question_mark")],
    ids=["review_written_offline", "history_capture_dialog", "prep_help_dialog"],
)
def test_after_a_key(snap_compare, make_app, mode: str, key: str) -> None:
    assert snap_compare(make_app(mode), terminal_size=SIZE, run_before=_after(key))
