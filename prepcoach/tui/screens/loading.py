"""Keys and actions that arrive before a screen's first data is on it are held, then run
once it is: nothing pressed while a screen says "Loading…" is lost, and no action runs on
a half-built screen (no "pick a mentor first" because the mentors were not read yet)."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen[None]
else:
    _Base = object


# keys that move between fields: held in order with the text typed around them (the
# app acts on them, but the text after one is meant for the next field)
_FOCUS_KEYS = ("tab", "shift+tab")


class WaitForData(_Base):
    """Mixin for the app's screens (list it before ``BaseScreen``).

    Until the first load (the worker in group ``"load"``) has finished and its data is
    shown, keys are kept, but for the app's own (1-7, ?, ctrl+p, ctrl+q act at once; tab
    and shift+tab are kept, as they move between the fields the text is typed into, and
    so is a printable one once keys are held: it is part of the text). Then they are
    replayed in the order they were typed, to this screen's focused widget, and only
    while this screen is the one on top: keys typed for a screen never act on another
    one. Keys typed after the data arrived but before the replay are kept too, behind
    the earlier ones. ``when_loaded`` does the same for code (the command
    palette uses it to run an action on a screen it just opened)."""

    def __init__(self) -> None:
        super().__init__()
        self.data_ready = False
        self._holding = True  # keys are held (until the replay, after the data is shown)
        self._release_scheduled = False
        self._held_keys: list[tuple[str, str | None]] = []
        self._replayed: weakref.WeakSet[events.Key] = weakref.WeakSet()
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
        if event in self._replayed:
            self._replayed.discard(event)
            if not self.is_active:
                # a held key still on its way up while another screen took over (an
                # earlier held key opened it): it was typed for this screen, so it stops
                # here instead of reaching the other screen's bindings
                event.stop()
                event.prevent_default()
            return
        if not self._holding:
            return
        # the app's keys act at once; but once keys are held, the user is typing into
        # this screen: a printable one ("?", a digit) is part of the text
        typing = bool(self._held_keys) and event.is_printable
        if self._app_key(event.key) and event.key not in _FOCUS_KEYS and not typing:
            return
        event.stop()
        event.prevent_default()
        self._held_keys.append((event.key, event.character))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if self.data_ready or self._release_scheduled or event.worker.group != "load":
            return
        if event.state in (WorkerState.SUCCESS, WorkerState.ERROR):
            # the data (or the error) is shown: act on what was asked for meanwhile,
            # after this frame (so the widgets mounted with the data have focus); keys
            # are still held until then, so none overtakes the ones typed earlier
            self._release_scheduled = True
            self.call_after_refresh(self._release)

    def _release(self) -> None:
        self.data_ready = True
        calls, self._after_data = self._after_data, []
        for callback in calls:
            callback()
        # focus moves asked for while the data was shown (or by the callbacks) are queued
        # on the app: replay once they are done, so keys reach the field meant for them
        self.app.call_later(self._replay)

    def _replay(self) -> None:
        self._holding = False
        keys, self._held_keys = self._held_keys, []
        if not keys or not self.is_attached or not self.is_active:
            return  # typed for this screen; another one is on top now
        # as if typed, in order: each goes to this screen's focused widget (or the screen)
        # right now, and bubbles up through the screen to the bindings as a typed key
        # would; keys typed from now on queue up behind them
        for key, character in keys:
            if key in _FOCUS_KEYS:  # the keys after it go to the next field, as typed
                self.focus_next() if key == "tab" else self.focus_previous()
                continue
            target = self.focused or self
            event = events.Key(key, character)
            event.set_sender(self.app)
            self._replayed.add(event)
            target._forward_event(event)

    def on_screen_suspend(self) -> None:
        # keys were pressed for this screen while it was shown; once the user has moved
        # on (1-7), replaying them later would surprise
        self._held_keys.clear()
