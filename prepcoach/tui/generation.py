"""One generation in flight: the cancel switch and a buffer the worker thread fills with
streamed text, drained by the UI on a timer (batched, so fast streams never flood the UI)."""

from __future__ import annotations

import itertools
import threading

_ids = itertools.count(1)


class Job:
    def __init__(self) -> None:
        self.id = next(_ids)
        self.cancel = threading.Event()
        self._lock = threading.Lock()
        self._chunks: list[str] = []
        self.received = 0  # characters streamed so far

    def on_text(self, chunk: str) -> None:
        """Called from the worker thread for each streamed chunk."""
        if not chunk:
            return
        with self._lock:
            self._chunks.append(chunk)
            self.received += len(chunk)

    def drain(self) -> str:
        with self._lock:
            text = "".join(self._chunks)
            self._chunks.clear()
        return text


def money(usd: float | None) -> str:
    if usd is None:
        return "cost unknown (no price for this model)"
    if usd < 0.01:
        return f"about ${usd:.4f}"
    return f"about ${usd:.2f}"
