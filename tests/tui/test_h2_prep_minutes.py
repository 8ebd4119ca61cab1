"""Prep's Minutes field starts at the booked meeting's length (said: "as booked"), and
the agenda's minutes border never shows the previous mentor's total."""

from __future__ import annotations

import re

from textual.widgets import Input, Select

from prepcoach.meeting_prep import default_minutes
from tui.helpers import SIZE, screen_text, settle


async def test_minutes_default_to_the_booked_length(make_app, store) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.mentor_id == "priya-raman"  # booked for 60 minutes on Dec 1
        minutes = screen.query_one("#p-minutes", Input)
        assert minutes.value == "60"
        assert re.search(r"Minutes 60 +as booked", screen_text(app))
        minutes.value = "45"
        await pilot.pause()
        assert "as booked" not in screen_text(app)
        assert "booked 60" in screen_text(app)
        # a mentor with no booked length: the last session's length, and no note
        screen.query_one("#p-mentor", Select).value = "marcus-bell"
        await settle(pilot)
        assert screen.mentor_id == "marcus-bell"
        expected = default_minutes(store.list_sessions("marcus-bell"))
        assert minutes.value == str(expected)
        assert "booked" not in screen_text(app)


async def test_switching_mentor_clears_the_agenda_total(make_app) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one("#p-wins").input.value = "Budget accepted"
        await pilot.press("ctrl+g")
        await settle(pilot)
        right = screen.query_one("#p-right")
        assert right.border_subtitle.startswith("60 of 60 min")
        screen.query_one("#p-mentor", Select).value = "marcus-bell"
        await settle(pilot)
        assert screen.agenda is None
        assert right.border_subtitle == ""
        assert "of 60 min" not in screen_text(app)
        # and back: Priya's restored draft shows her agenda's total again
        screen.query_one("#p-mentor", Select).value = "priya-raman"
        await settle(pilot)
        assert right.border_subtitle.startswith("60 of 60 min")
