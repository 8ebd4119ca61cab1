"""Work done once a burst of changes settles (a draft written, the rules checked)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from textual.message_pump import MessagePump
    from textual.timer import Timer

T = TypeVar("T")


class Later(Generic[T]):
    """``run(value)`` once, ``delay`` seconds after the latest ``put(value)``: a burst of
    keys makes one call, with the last value put. ``flush()`` makes a pending call now;
    ``drop()`` forgets it. The timer belongs to ``owner`` (it stops when it does)."""

    def __init__(self, owner: MessagePump, delay: float, run: Callable[[T], object]) -> None:
        self.owner = owner
        self.delay = delay
        self.run = run
        self.value: T | None = None
        self._timer: Timer | None = None

    @property
    def pending(self) -> bool:
        return self.value is not None

    def put(self, value: T) -> None:
        self.value = value
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.owner.set_timer(self.delay, self.flush)

    def drop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.value = None

    def flush(self) -> None:
        value = self.value
        self.drop()
        if value is not None:
            self.run(value)
