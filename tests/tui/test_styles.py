"""The first frame parses only app.tcss; every other screen's stylesheet (next to its
module, named by its CSS_PATH) is read once a moment after that frame, so no screen
switch reads one later; a screen shown before then reads its own."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from textual.screen import Screen

from prepcoach.tui import styles
from prepcoach.tui.app import PrepcoachApp
from prepcoach.tui.widgets.dialog import Dialog
from tui.helpers import SIZE, settle


def _sources(app: PrepcoachApp) -> set[str]:
    return {path for path, _ in app.stylesheet.source if path.endswith(".tcss")}


async def test_the_first_frame_parses_only_app_tcss(make_app: Any, monkeypatch: Any) -> None:
    at_ready: list[set[str]] = []
    original = PrepcoachApp.on_ready

    def on_ready(self: PrepcoachApp) -> None:
        at_ready.append(_sources(self))
        original(self)

    monkeypatch.setattr(PrepcoachApp, "on_ready", on_ready)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert at_ready == [{str(styles.APP_SHEET)}]
        every = {str(styles.APP_SHEET), *map(str, styles.screen_sheets())}
        for _ in range(50):  # all read a moment after the frame is painted
            if _sources(app) == every:
                break
            await pilot.pause(0.1)
        assert _sources(app) == every
        read: list[object] = []
        monkeypatch.setattr(app.stylesheet, "read", read.append)
        for key in "2345678":
            await pilot.press(key)
            await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert read == [], "a screen switch read a stylesheet"
        assert _sources(app) == every


def _screen_classes() -> list[type[Screen[Any]]]:
    import prepcoach.tui.screens.capture
    import prepcoach.tui.screens.first_run
    import prepcoach.tui.screens.help
    import prepcoach.tui.screens.history.screen
    import prepcoach.tui.screens.outreach.screen
    import prepcoach.tui.screens.plan.screen
    import prepcoach.tui.screens.plan.status
    import prepcoach.tui.screens.prep.screen
    import prepcoach.tui.screens.review
    import prepcoach.tui.widgets.confirm
    import prepcoach.tui.widgets.form
    import prepcoach.tui.widgets.prompt  # noqa: F401

    found: list[type[Screen[Any]]] = []
    todo: list[type[Any]] = [Screen]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("prepcoach."):
                found.append(sub)
    return found


def test_every_screen_sheet_is_one_a_screen_names_and_exists() -> None:
    named = set()
    for cls in _screen_classes():
        if cls.CSS_PATH is not None:
            path = Path(str(cls.CSS_PATH))
            assert path.is_absolute() and path.is_file(), (cls, path)
            named.add(path)
    assert named == set(styles.screen_sheets())
    assert Path(str(Dialog.CSS_PATH)).name == "dialogs.tcss"
    # a sheet sits next to the module of the class that names it
    for cls in _screen_classes():
        if "CSS_PATH" in cls.__dict__:
            assert Path(str(cls.CSS_PATH)).parent == Path(inspect.getfile(cls)).parent


async def test_a_screen_shown_before_the_sheets_are_read_has_its_styles(make_app: Any) -> None:
    app = make_app("prep")  # the first frame is Prep's: its sheet is read for it
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        left = app.screen.query_one("#p-left")
        assert str(left.styles.width) == "44w" and str(left.styles.min_width) == "34"
