"""EditableList: every Enter of a burst of keys ends its own item."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult

from prepcoach.tui.widgets.editable_list import EditableList


class _Host(App[None]):
    def compose(self) -> ComposeResult:
        yield EditableList("Wins", "a win, then enter", id="wins")


def _burst(app: App[None], text: str) -> None:
    """Queue every key of ``text`` before the first is handled (as a terminal delivers
    fast typing, or the keys held while a screen loads)."""
    for ch in text:
        if ch == "\r":
            app.post_message(events.Key("enter", None))
        else:
            app.post_message(events.Key(events.Key(ch, ch).key, ch))


async def test_text_after_an_enter_in_one_burst_is_the_next_item() -> None:
    app = _Host()
    async with app.run_test() as pilot:
        wins = app.query_one(EditableList)
        wins.input.focus()
        await pilot.pause()
        _burst(app, "Closed the [vendor] deal\rShipped *v2*\rhalf typed")
        await pilot.pause()
        await pilot.pause()
        assert wins.items == ["Closed the [vendor] deal", "Shipped *v2*"]
        assert wins.pending == "half typed"


async def test_enter_on_an_edited_item_keeps_the_edit() -> None:
    app = _Host()
    async with app.run_test() as pilot:
        wins = app.query_one(EditableList)
        wins.set_items(["first"])
        wins.edit(0)
        await pilot.pause()
        wins.input.value = "first, then more"
        await pilot.press("enter")
        await pilot.pause()
        assert wins.items == ["first, then more"] and wins.editing is None
