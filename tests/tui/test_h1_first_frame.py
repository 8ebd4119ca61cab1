"""Start fast to the user's data: the mentors are in the app's first frame (filled from
the light read before Textual's Ready), and with a plan in place no first-run check runs
(nothing imports the store and models while that frame is being painted)."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable

from prepcoach.tui.app import PrepcoachApp
from tui.helpers import SIZE, screen_text, settle


async def test_mentor_names_are_in_the_first_frame(make_app: Any, monkeypatch: Any) -> None:
    at_ready: list[list[str]] = []
    original = PrepcoachApp.on_ready

    def on_ready(self: PrepcoachApp) -> None:
        table = self.screen.query("#mentors")
        rows = table.first(DataTable) if table else None
        names = [str(rows.get_row_at(i)[0]) for i in range(rows.row_count)] if rows else []
        at_ready.append(names)
        original(self)

    checked: list[bool] = []
    monkeypatch.setattr(PrepcoachApp, "on_ready", on_ready)
    monkeypatch.setattr(PrepcoachApp, "_check_first_run", lambda self: checked.append(True))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert at_ready == [["Priya Raman", "Marcus Bell", "Elena Sorensen"]]
        await settle(pilot)
        assert checked == []
        assert "month 5 of 6" in screen_text(app)  # the full read replaced the light one


async def test_the_dashboard_focuses_the_mentors_table_first(make_app: Any) -> None:
    # never the scroll pane first: each focus move restyles the screen before its first frame
    from textual import events

    focused: list[str] = []

    def hook(message: object) -> None:
        if isinstance(message, events.DescendantFocus) and message.widget.id not in focused:
            focused.append(str(message.widget.id))

    app = make_app()
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await settle(pilot)
        assert focused == ["mentors"]
        assert app.focused is not None and app.focused.id == "mentors"


async def test_the_first_frame_the_terminal_gets_is_the_whole_screen_with_the_data(
    make_app: Any, monkeypatch: Any
) -> None:
    # Textual drops what is rendered before the app runs (the start screen's first layout);
    # the first update sent once it runs must be the whole screen, mentor names included,
    # not a partial repaint that leaves the body blank until the next layout.
    from textual._compositor import LayoutUpdate

    sent: list[tuple[str, str]] = []
    original = PrepcoachApp._display

    def display(self: PrepcoachApp, screen: Any, renderable: Any) -> None:
        if self._running and renderable is not None and not self._batch_count:
            text = ""
            if isinstance(renderable, LayoutUpdate):
                text = "\n".join("".join(s.text for s in line) for line in renderable.strips)
            sent.append((type(renderable).__name__, text))
        original(self, screen, renderable)

    monkeypatch.setattr(PrepcoachApp, "_display", display)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    kind, text = sent[0]
    assert kind == "LayoutUpdate"
    assert "Priya Raman" in text and "Elena Sorensen" in text and "Objectives" in text
