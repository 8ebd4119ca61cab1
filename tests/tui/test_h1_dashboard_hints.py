"""The dashboard's next steps: only steps that can be taken, and "(+N more)" opens the
whole list (m, or a click on it), so no recommendation is hidden behind it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prepcoach.settings import load_settings
from prepcoach.store import Store
from prepcoach.tui.app import create_app
from prepcoach.tui.next_step import ADD_MENTOR, ADD_OBJECTIVE, ADD_PROFILE
from prepcoach.tui.screens.dashboard import DashboardScreen
from tui.helpers import SIZE, TODAY, screen_text, settle


async def test_empty_data_lists_only_steps_that_can_act(tmp_path: Path) -> None:
    settings = load_settings(data=tmp_path / "empty", config_dir=tmp_path / "cfg", environ={})
    app = create_app(settings, Store(settings.data_dir), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # close the first-run setup (nothing typed)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen) and screen.snap is not None
        assert screen.snap.hints == [ADD_MENTOR, ADD_OBJECTIVE, ADD_PROFILE]
        text = screen_text(app)
        assert "(+2 more · m)" in text
        assert "Nobody covers" not in text  # six gaps nobody could fill yet: one line
        await pilot.press("m")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Add your first objective" in text and "Add your name and title" in text


async def test_more_opens_with_a_key_and_a_click_showing_loosen_and_move_on(
    make_app: Any,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = screen_text(app)
        assert "(+6 more · m)" in before
        assert "time to loosen" not in before and "time to move on" not in before
        await pilot.press("m")
        await pilot.pause()
        opened = " ".join(screen_text(app).split())
        for step in (
            "Priya Raman: time to loosen (4 Review).",
            "Marcus Bell: time to move on (4 Review).",
            "Ask Elena Sorensen for one small, specific conversation (3 Outreach).",
        ):
            assert step in opened
        assert "(m: fewer)" in opened
        await pilot.press("m")  # and closed again
        await pilot.pause()
        assert "time to loosen" not in screen_text(app)
        await pilot.click("#hint")
        await pilot.pause()
        assert "time to move on" in " ".join(screen_text(app).split())
