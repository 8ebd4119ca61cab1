"""SVG snapshots at 80x24 of the Plan screen (sample data) and of the first-run setup
(an empty data directory), with a fixed today.

Update after an intended change: pytest tests/tui/test_plan_snapshots.py --snapshot-update
(then look at the SVGs in __snapshots__/ before committing them).
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from prepcoach.settings import load_settings
from prepcoach.store import Store
from prepcoach.tui.app import create_app
from tui.helpers import SIZE, TODAY, settle


async def _steady(pilot: Pilot) -> None:
    await settle(pilot)
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


def test_plan(snap_compare, make_app) -> None:
    assert snap_compare(make_app("plan"), terminal_size=SIZE, run_before=_steady)


def test_first_run_setup(snap_compare, tmp_path: Path) -> None:
    settings = load_settings(data=tmp_path / "fresh", config_dir=tmp_path / "config", environ={})
    app = create_app(settings, Store(settings.data_dir), today=TODAY)

    async def run_before(pilot: Pilot) -> None:
        await _steady(pilot)
        await pilot.press("ctrl+n")  # on to the first mentor
        await _steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
