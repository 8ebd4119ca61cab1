"""Plain notes from the model engine to whoever shows them (the CLI prints them on stderr),
and how long the first token has been awaited (shown as progress on a terminal).

The interface sets the sinks once (``set_sinks``); without them notes are kept in ``NOTES``
and waits are not shown. Notes say what was done on the user's behalf: history trimmed to
fit a small context, the offline composer used for an unusable reply (said by the services).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

NoteSink = Callable[[str], None]
WaitSink = Callable[[float], None]

NOTES: list[str] = []
_lock = threading.Lock()
_note: NoteSink | None = None
_wait: WaitSink | None = None


def set_sinks(note: NoteSink | None = None, wait: WaitSink | None = None) -> None:
    """Where notes and waits go from now on (None: notes kept in ``NOTES``, waits dropped)."""
    global _note, _wait
    with _lock:
        _note, _wait = note, wait


def note(message: str) -> None:
    with _lock:
        sink = _note
        NOTES.append(message)
    if sink is not None:
        sink(message)


def waiting(seconds: float) -> None:
    """``seconds`` waited for the first token so far; -1 once the wait is over."""
    sink = _wait
    if sink is not None:
        sink(seconds)
