"""Keys and actions that arrive before a screen's first data is on it are held, then run
once it is: nothing pressed while a screen says "Loading…" is lost, and no action runs on
a half-built screen (no "pick a mentor first" because the mentors were not read yet)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen[None]
else:
    _Base = object


class WaitForData(_Base):
    """Mixin for the app's screens (list it before ``BaseScreen``).

    Until the first load (the worker in group ``"load"``) has finished, keys that the app
    itself does not handle (1-6, ?, ctrl+p, ctrl+q act at once) are kept; then they are
    replayed in order, after the data is shown. ``when_loaded`` does the same for code
    (the command palette uses it to run an action on a screen it just opened)."""

    def __init__(self) -> None:
        super().__init__()
        self.data_ready = False
        self._held_keys: list[tuple[str, str | None]] = []
        self._after_data: list[Callable[[], Any]] = []

    def when_loaded(self, callback: Callable[[], Any]) -> None:
        """Run ``callback`` now if the data is shown, else once it is."""
        if self.data_ready:
            callback()
        else:
            self._after_data.append(callback)

    def _app_key(self, key: str) -> bool:
        active = self.active_bindings.get(key)
        return active is not None and active.node is self.app

    def on_key(self, event: events.Key) -> None:
        if self.data_ready or self._app_key(event.key):
            return
        event.stop()
        event.prevent_default()
        self._held_keys.append((event.key, event.character))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if self.data_ready or event.worker.group != "load":
            return
        if event.state in (WorkerState.SUCCESS, WorkerState.ERROR):
            # the data (or the error) is shown: act on what was asked for meanwhile,
            # after this frame (so the widgets mounted with the data have focus)
            self.data_ready = True
            self.call_after_refresh(self._release)

    def _release(self) -> None:
        calls, self._after_data = self._after_data, []
        keys, self._held_keys = self._held_keys, []
        for callback in calls:
            callback()
        for key, character in keys:
            # as if typed: the app forwards it to the focused widget, and it bubbles up
            event = events.Key(key, character)
            event.set_sender(self.app)
            self.app.post_message(event)

    def on_screen_suspend(self) -> None:
        # keys were pressed for this screen while it was shown; once the user has moved
        # on (1-6), replaying them later would surprise
        self._held_keys.clear()
