"""The capture dialog's action list: delete removes an action added here, insert (or
typing) adds one at the cursor, and the session is saved in that order."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from prepcoach.store import Store
from tui.helpers import SIZE, settle


async def _add(pilot: Any, capture: Any, text: str) -> None:
    capture.query_one("#c-act", Input).value = text
    capture.query_one("#c-act", Input).focus()
    await pilot.press("enter")
    await pilot.pause()


async def test_remove_an_action_and_insert_at_the_cursor(make_app, store: Store) -> None:
    app = make_app("history")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session = app.screen.session
        saved = [a.text for a in session.action_items]
        assert saved, "the test needs a session with saved actions"
        await pilot.press("c")
        await settle(pilot)
        capture = app.screen
        assert type(capture).__name__ == "CaptureScreen"
        for text in ("First new", "Second new", "Third new"):
            await _add(pilot, capture, text)
        actions = capture.query_one("#c-actions")
        n = len(saved)

        actions.focus()
        actions.highlighted = n + 1  # "Second new"
        await pilot.press("delete")
        await pilot.pause()
        assert [a.text for a in capture.new_actions] == ["First new", "Third new"]

        actions.focus()
        actions.highlighted = n + 1  # "Third new": the insert goes before it
        await pilot.press("insert")
        assert capture.focused is capture.query_one("#c-act", Input)
        await pilot.press(*"Inserted", "enter")
        await pilot.pause()
        assert [a.text for a in capture.new_actions] == ["First new", "Inserted", "Third new"]

        actions.focus()
        actions.highlighted = n  # typing on the list starts an action there, key kept
        await pilot.press(*"Typed")
        assert capture.query_one("#c-act", Input).value == "Typed"
        await pilot.press("enter")
        await pilot.pause()
        assert [a.text for a in capture.new_actions][:2] == ["Typed", "First new"]

        actions.focus()
        actions.highlighted = 0  # a saved action stays, and it is said why
        await pilot.press("delete")
        await pilot.pause()
        assert [a.text for a in capture.actions[:n]] == saved
        assert any("saved before this capture" in m.message for m in app._notifications)

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.current_mode == "history"
    on_disk = [a.text for a in store.load_session(session.id).action_items]
    assert on_disk == [*saved, "Typed", "First new", "Inserted", "Third new"]
