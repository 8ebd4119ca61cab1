"""One streamed request read in a helper thread, so that a cancel takes effect at once and
three clocks are kept apart: the wait for the first token (a CPU model reads a long prompt
first), the silence between tokens once the reply streams, and the whole reply."""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from prepcoach.engines.base import NothingUsable
from prepcoach.engines.llm.stream import StreamState
from prepcoach.errors import Cancelled

# How often ``on_wait`` hears how long the first token has been awaited (seconds).
WAIT_TICK = 1.0


@dataclass(frozen=True)
class Clocks:
    first_token: float
    idle: float
    total: float


class StreamTimeout(NothingUsable):
    """One of the clocks ran out; the message names the setting that raises it."""


def _timeout(url: str, what: str, seconds: float, setting: str) -> StreamTimeout:
    env = "PREPCOACH_" + setting.upper()
    return StreamTimeout(
        f"no {what} from {url} within {seconds:g} s ({setting}).",
        hint=f"Raise `{setting}` in config.toml or {env}, try a smaller model, or use --offline.",
    )


def hang_up(stream: Any) -> None:
    """Shut the socket under an openai ``Stream`` (httpx response) from this thread, so
    the helper thread blocked reading it wakes at once and the server sees the connection
    closed (closing the socket alone does not wake a blocked read)."""
    response = getattr(stream, "response", None)
    extensions = getattr(response, "extensions", None) or {}
    network = extensions.get("network_stream")
    sock = network.get_extra_info("socket") if network is not None else None
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def stream_chunks(
    open_stream: Callable[[], Any],
    state: StreamState,
    clocks: Clocks,
    url: str,
    cancel: threading.Event | None = None,
    on_wait: Callable[[float], None] | None = None,
) -> Iterator[Any]:
    """The chunks of ``open_stream()``; ``on_wait(seconds)`` hears how long the first token
    has been awaited, every ``WAIT_TICK`` (and -1 once the wait is over). Raises
    ``Cancelled`` or ``StreamTimeout`` as soon as the cancel is set or a clock runs out: the
    connection is shut from this side (``hang_up``), so the helper thread ends too. A cancel
    before the server sent its headers returns at once as well; the helper thread closes
    the stream as soon as they come."""
    q: queue.Queue[tuple[int, Any]] = queue.Queue()
    abandon = threading.Event()
    opened: list[Any] = []  # the stream, once its headers are in

    def produce() -> None:
        stream = None
        try:
            stream = open_stream()
            opened.append(stream)
            if abandon.is_set():  # cancelled while the server had not answered yet
                return
            for chunk in stream:
                if abandon.is_set():
                    break
                q.put((0, chunk))
            q.put((1, None))
        except BaseException as exc:
            q.put((2, exc))
        finally:
            if stream is not None:
                with contextlib.suppress(Exception):
                    stream.close()

    threading.Thread(target=produce, name="prepcoach-llm-stream", daemon=True).start()
    start = last = time.monotonic()
    told = 0.0
    finished = False
    try:
        while True:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            try:
                kind, item = q.get(timeout=0.05)
            except queue.Empty:
                now = time.monotonic()
                if now - start > clocks.total:
                    raise _timeout(url, "complete reply", clocks.total, "timeout") from None
                if not state.emitted:
                    if now - start > clocks.first_token:
                        raise _timeout(
                            url, "first token", clocks.first_token, "first_token_timeout"
                        ) from None
                    if on_wait is not None and now - start - told >= WAIT_TICK:
                        told = now - start
                        on_wait(told)
                elif now - last > clocks.idle:
                    raise _timeout(url, "new token", clocks.idle, "idle_timeout") from None
                continue
            last = time.monotonic()
            if told and on_wait is not None and (state.emitted or kind != 0):
                told = 0.0
                on_wait(-1.0)  # the wait is over
            if kind == 1:
                finished = True
                return
            if kind == 2:
                if cancel is not None and cancel.is_set():
                    raise Cancelled()
                raise item
            yield item
    finally:
        abandon.set()
        if opened and not finished:
            hang_up(opened[0])
