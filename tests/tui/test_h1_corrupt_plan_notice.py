"""A corrupt plan.json is set aside by the store; the dashboard keeps a banner naming the
set-aside file (not only a passing toast) until the user dismisses it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from prepcoach.tui.screens.dashboard import DashboardScreen
from tui.helpers import SIZE, screen_text, settle


def notice_text(app: Any) -> str:
    """What the banner shows ("" when hidden), checked on screen too (not a toast's text)."""
    notice = app.screen.query_one("#notice", Static)
    if not notice.display:
        return ""
    shown = " ".join(str(notice.content).split())
    for word in shown.split():
        assert word in screen_text(app)
    return shown


async def test_set_aside_plan_is_named_until_dismissed(make_app: Any, sample_dir: Path) -> None:
    (sample_dir / "plan.json").write_text('{"schema_version": 2, "kind": "plan", ', "utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        kept = sorted((sample_dir / "corrupt").glob("plan.json.*"))
        assert len(kept) == 1, "the store set the file aside"
        name = f"corrupt/{kept[0].name}"
        assert name in notice_text(app)
        assert "x Dismiss" in screen_text(app)
        for key in ("5", "1", "ctrl+r"):  # still there after another screen and a reload
            await pilot.press(key)
            await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert name in notice_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert name not in notice_text(app)
        assert "x Dismiss" not in screen_text(app)
        await pilot.press("ctrl+r")  # dismissed stays dismissed for the run
        await settle(pilot)
        assert name not in notice_text(app)
    # on the next launch the plan is still missing: the banner is back, and a click hides it
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert name in notice_text(again)
        await pilot.click("#notice")
        await pilot.pause()
        assert name not in notice_text(again)
