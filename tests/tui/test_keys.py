"""Keys: pressed while a screen is loading they act once the data is there; digits type
into text fields and switch screens everywhere else; the palette reaches every screen."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from textual.widgets import DataTable, Input, TextArea

from prepcoach.tui.screens.dashboard import DashboardScreen
from prepcoach.tui.screens.prep import PrepScreen
from prepcoach.tui.widgets.editable_list import EditableList, ItemList
from tui.helpers import SIZE, screen_text, settle


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Hold every screen's first load until the test sets the event."""
    release = threading.Event()
    for cls in (DashboardScreen, PrepScreen):
        original = cls.load

        def slow(self: Any, _original: Any = original) -> Any:
            assert release.wait(10)
            return _original(self)

        monkeypatch.setattr(cls, "load", slow)
    return release


async def test_keys_pressed_while_the_dashboard_loads_act_once_it_has(make_app, gate) -> None:
    app = make_app("dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.1)
        assert not app.screen.data_ready  # the full read is held back (the plan may show)
        await pilot.press("down", "enter")  # Marcus, then open his prep
        await pilot.pause(0.1)
        assert app.current_mode == "dashboard"  # nothing acted on a half-built screen
        assert not app._notifications
        gate.set()
        await settle(pilot)
        await settle(pilot)
        assert app.current_mode == "prep"
        assert app.screen.mentor_id == "marcus-bell"
        messages = " ".join(n.message for n in app._notifications)
        assert "pick a mentor" not in messages.lower()


async def test_prep_keys_held_until_the_mentor_is_known(make_app, gate) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.1)
        await pilot.press(*"Budget done", "enter", "ctrl+g")
        await pilot.pause(0.1)
        gate.set()
        await settle(pilot)
        await settle(pilot)
        screen = app.screen
        assert screen.mentor_id == "priya-raman"
        assert screen.query_one("#p-wins", EditableList).items == ["Budget done"]
        assert screen.agenda is not None  # generated once the mentor was there
        messages = " ".join(n.message for n in app._notifications)
        assert "pick a mentor" not in messages.lower()


async def test_held_text_goes_to_the_field_a_held_tab_moved_to(make_app, gate) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.1)
        await pilot.press(*"Budget done", "enter", "tab", *"Should I push back?", "enter")
        await pilot.pause(0.1)
        gate.set()
        await settle(pilot)
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#p-wins", EditableList).items == ["Budget done"]
        assert screen.query_one("#p-questions", EditableList).items == ["Should I push back?"]


async def test_keys_typed_after_the_data_but_before_the_replay_come_after(
    make_app, gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prepcoach.tui.screens.loading import WaitForData

    original = WaitForData._release

    def late(self: Any) -> None:  # a slow first frame: the replay comes later
        self.set_timer(0.5, lambda: original(self))

    monkeypatch.setattr(WaitForData, "_release", late)
    app = make_app("dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.1)
        await pilot.press("down", "down")  # held: the mentors are not read yet
        gate.set()
        screen = app.screen
        for _ in range(40):
            await pilot.pause(0.02)
            if getattr(screen, "_last_data", None) is not None:
                break
        # the mentors are shown, the held keys not replayed yet: this key waits its turn
        assert getattr(screen, "_last_data", None) is not None and not screen.data_ready
        await pilot.press("up")
        await pilot.pause(0.7)
        await settle(pilot)
        assert screen.query_one("#mentors", DataTable).cursor_row == 1  # down, down, up


async def test_held_keys_act_only_on_the_screen_they_were_typed_for(make_app) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prep = app.screen
        app.switch_mode("outreach")
        await settle(pilot)
        outreach = app.screen
        to = outreach.query_one("#o-to", Input)
        to.focus()
        await pilot.pause()
        before = to.value
        # keys held for Prep whose replay comes once Outreach is on top
        prep._held_keys = [("x", "x"), ("enter", None)]
        prep._release()
        await settle(pilot)
        assert to.value == before
        assert prep.query_one("#p-wins", EditableList).items == []
        assert prep._held_keys == []


async def test_a_held_key_that_opens_another_screen_leaves_the_rest_behind(make_app, gate) -> None:
    app = make_app("dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.1)
        await pilot.press("down", "enter", *"abc")  # Marcus, open his prep, then letters
        gate.set()
        await settle(pilot)
        await settle(pilot)
        assert app.current_mode == "prep" and app.screen.mentor_id == "marcus-bell"
        wins = app.screen.query_one("#p-wins", EditableList)
        assert wins.items == [] and wins.pending == ""  # typed for the dashboard


async def test_number_keys_switch_screens_while_loading(make_app, gate) -> None:
    app = make_app("dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.1)
        await pilot.press("6")
        await pilot.pause(0.1)
        assert app.current_mode == "team"  # the app's own keys never wait
        gate.set()
        await settle(pilot)


# widgets that take text: a digit typed there is text (on an item list it starts an item)
TEXT_FIELDS = (Input, TextArea, ItemList)


@pytest.mark.parametrize("mode", ["dashboard", "prep", "outreach", "review", "history", "team"])
async def test_digits_type_in_text_fields_and_switch_screens_elsewhere(make_app, mode) -> None:
    app = make_app(mode)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if mode == "prep":  # a list with an item, so the list itself can have focus
            wins = app.screen.query_one("#p-wins", EditableList)
            wins.input.value = "A win"
            wins.input.focus()
            await pilot.press("enter")
        home = app.screen
        targets = [
            w
            for w in home.query("*")
            if w.focusable and w.display and type(w).__name__ != "SelectOverlay"
        ]
        assert targets
        checked = 0
        for index in range(len(targets)):
            if app.current_mode != mode:
                app.switch_mode(mode)
                await settle(pilot)
            widget = targets[index]
            widget.focus()
            await pilot.pause()
            key, other = ("1", "dashboard") if mode != "dashboard" else ("6", "team")
            await pilot.press(key)
            await settle(pilot)
            name = f"{type(widget).__name__}#{widget.id}"
            if isinstance(widget, TEXT_FIELDS):
                assert app.current_mode == mode, f"{name}: a digit switched screens"
                if isinstance(widget, ItemList):
                    widget = widget.parent.input  # the digit starts a new item there
                typed = widget.value if isinstance(widget, Input) else widget.text
                assert typed.endswith(key), f"{name}: the digit was not typed"
            else:
                assert app.current_mode == other, f"{name}: the digit did not switch screens"
            checked += 1
        assert checked == len(targets)


async def test_digits_and_letters_on_a_list_start_an_item(make_app) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        questions = app.screen.query_one("#p-questions", EditableList)
        questions.input.value = "first"
        questions.input.focus()
        await pilot.press("enter")
        questions.option_list.focus()
        await pilot.press("w")  # a letter on the list starts a new item
        assert questions.input.has_focus and questions.input.value == "w"
        questions.input.value = ""
        questions.option_list.focus()
        await pilot.press("5", "space", "m")  # "5 min · ...", never a screen switch
        await settle(pilot)
        assert app.current_mode == "prep"
        assert questions.input.has_focus and questions.input.value == "5 m"


async def test_palette_lists_every_screens_actions(make_app) -> None:
    from prepcoach.tui.app import SCREENS
    from prepcoach.tui.commands import PrepcoachCommands

    app = make_app("dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = PrepcoachCommands(app.screen)
        titles = [title async for title in _titles(provider)]
        for _, label, _ in SCREENS.values():
            assert f"Go to {label}" in titles
            assert any(t.startswith(f"{label}: ") for t in titles), label
        for title in (
            "Dashboard: Prep mentor",
            "Prep: Generate",
            "Prep: Save",
            "Prep: Export",
            "Outreach: Mark sent",
            "Review: Draft message",
            "History: Capture",
            "Team: Ask for a recommendation",
            "Help",
        ):
            assert title in titles, title
        # escape-only actions belong to the screen you are on
        assert "Prep: Cancel" not in titles and "Prep: Leave field" not in titles
        # Textual's general keys are not repeated per screen
        assert not [t for t in titles if t.endswith(("Focus Next", "Copy selected text"))]


async def _titles(provider):
    async for hit in provider.discover():
        yield hit.text


async def test_palette_runs_another_screens_action_once_it_has_loaded(make_app) -> None:
    from prepcoach.tui.commands import PrepcoachCommands

    app = make_app("dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = PrepcoachCommands(app.screen)
        hits = [hit async for hit in provider.search("prep: generate")]
        assert hits and hits[0].text == "Prep: Generate"
        hits[0].command()
        await settle(pilot)
        await settle(pilot)
        assert app.current_mode == "prep"
        assert app.screen.mentor_id == "priya-raman"
        assert app.screen.agenda is not None
        messages = " ".join(n.message for n in app._notifications)
        assert "pick a mentor" not in messages.lower()


async def test_palette_opened_with_ctrl_p_shows_other_screens(make_app) -> None:
    app = make_app("team")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"mark sent")
        await settle(pilot)
        assert "Outreach: Mark sent" in screen_text(app)
        await pilot.press("escape")
