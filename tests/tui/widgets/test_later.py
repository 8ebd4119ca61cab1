"""Later: a burst of puts is one call with the last value; flush runs it now, drop forgets."""

from __future__ import annotations

from textual.app import App

from prepcoach.tui.widgets.later import Later


class _Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []
        self.later: Later[str] = Later(self, 0.2, self.calls.append)


async def test_a_burst_of_puts_is_one_call_with_the_last_value() -> None:
    app = _Host()
    async with app.run_test() as pilot:
        for text in ("a", "ab", "abc"):
            app.later.put(text)
        assert app.calls == [] and app.later.pending
        await pilot.pause(0.5)
        assert app.calls == ["abc"]
        assert not app.later.pending


async def test_flush_runs_at_once_and_only_once() -> None:
    app = _Host()
    async with app.run_test() as pilot:
        app.later.put("typed")
        app.later.flush()
        assert app.calls == ["typed"]
        await pilot.pause(0.4)  # the timer was stopped: no second call
        assert app.calls == ["typed"]
        app.later.flush()  # nothing pending: nothing runs
        assert app.calls == ["typed"]


async def test_drop_forgets_what_was_put() -> None:
    app = _Host()
    async with app.run_test() as pilot:
        app.later.put("gone")
        app.later.drop()
        await pilot.pause(0.4)
        assert app.calls == []
