"""Streamed replies shown as they arrive: one readable line per agenda item out of a JSON
reply, the text of one JSON string field, and placeholders restored across chunk borders."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel

if TYPE_CHECKING:
    from prepcoach.engines.llm.client import ChatResult
    from prepcoach.redact import Redactor

TextSink = Callable[[str], None]


class StreamView(Protocol):
    """Reads raw streamed text and emits what should be shown."""

    def feed(self, chunk: str) -> None: ...


ViewFactory = Callable[[TextSink], StreamView]


@dataclass
class StreamState:
    """State of one streaming attempt, shared with the cancel watcher."""

    emitted: bool = False
    chunks: list[str] = field(default_factory=list)


def take_chunk(
    chunk: object, result: ChatResult, state: StreamState, on_text: TextSink | None
) -> None:
    """Read one streamed chunk: usage, finish reason and text (sent on to ``on_text``);
    ValueError when it is not a chat completion chunk."""
    if not isinstance(chunk, BaseModel) or not hasattr(chunk, "choices"):
        raise ValueError(f"unexpected chunk {str(chunk)[:80]!r}")
    usage = getattr(chunk, "usage", None)
    if usage is not None:
        result.prompt_tokens = getattr(usage, "prompt_tokens", None)
        result.completion_tokens = getattr(usage, "completion_tokens", None)
    choices = chunk.choices
    if choices is None:
        choices = []
    if not isinstance(choices, list):
        raise ValueError("choices is not a list")
    for choice in choices:
        delta = getattr(choice, "delta", None)
        text = getattr(delta, "content", None) if delta is not None else None
        if isinstance(delta, dict):  # loosely built chunk
            text = delta.get("content")
        if text is not None and not isinstance(text, str):
            raise ValueError("content is not text")
        reason = getattr(choice, "finish_reason", None)
        if reason:
            result.finish_reason = str(reason)
        if text:
            state.chunks.append(text)
            state.emitted = True
            if on_text is not None:
                on_text(text)


class ItemLines:
    """Turns a streamed agenda JSON reply into one readable line per completed item."""

    def __init__(self, sink: TextSink) -> None:
        self._sink = sink
        self._buf = ""
        self._pos = -1  # index just inside the items array, once found
        self._decoder = json.JSONDecoder()

    def feed(self, chunk: str) -> None:
        self._buf += chunk
        if self._pos < 0:
            key = self._buf.find('"items"')
            if key < 0:
                return
            bracket = self._buf.find("[", key)
            if bracket < 0:
                return
            self._pos = bracket + 1
        while True:
            i = self._pos
            while i < len(self._buf) and self._buf[i] in " \t\r\n,":
                i += 1
            if i >= len(self._buf) or self._buf[i] != "{":
                self._pos = i
                return
            try:
                obj, end = self._decoder.raw_decode(self._buf, i)
            except ValueError:
                self._pos = i
                return
            self._pos = end
            if isinstance(obj, dict) and obj.get("title"):
                mins = obj.get("minutes")
                when = f" ({mins} min)" if isinstance(mins, int | float) else ""
                self._sink(f"- {obj['title']}{when}\n")


class JsonField:
    """Streams the text of one string field ("message") out of a JSON reply as it arrives."""

    def __init__(self, name: str, sink: TextSink) -> None:
        self._sink = sink
        self._buf = ""
        self._start = -1
        self._sent = 0
        self._done = False
        self._key = f'"{name}"'

    def feed(self, chunk: str) -> None:
        if self._done:
            return
        self._buf += chunk
        if self._start < 0:
            k = self._buf.find(self._key)
            if k < 0:
                return
            colon = self._buf.find(":", k + len(self._key))
            quote = self._buf.find('"', colon + 1) if colon >= 0 else -1
            if quote < 0:
                return
            self._start = quote + 1
        raw = self._buf[self._start :]
        # find the closing quote (not escaped)
        i, out_end, closed = 0, len(raw), False
        while i < len(raw):
            if raw[i] == "\\":
                i += 2
                continue
            if raw[i] == '"':
                out_end, closed = i, True
                break
            i += 1
        safe = raw[:out_end]
        if not closed:  # do not cut an escape sequence in two
            cut = safe.rfind("\\")
            if cut >= len(safe) - 6:
                safe = safe[:cut] if cut >= 0 else safe
        try:
            text = json.loads(f'"{safe}"')
        except ValueError:
            return
        if len(text) > self._sent:
            self._sink(text[self._sent :])
            self._sent = len(text)
        if closed:
            self._done = True


class Sink:
    """on_text wrapper: restores placeholders across chunk borders, then an optional view."""

    def __init__(
        self, on_text: TextSink, redactor: Redactor | None, view: ViewFactory | None
    ) -> None:
        self._out = on_text
        self._restorer = redactor.stream() if redactor is not None else None
        self._view = view(self._emit) if view is not None else None

    def _emit(self, text: str) -> None:
        if text:
            self._out(text)

    def __call__(self, chunk: str) -> None:
        if self._view is not None:
            # the view parses JSON: give it raw text; restore what it emits
            self._view.feed(chunk)
            return
        text = self._restorer.feed(chunk) if self._restorer is not None else chunk
        self._emit(text)

    def flush(self) -> None:
        if self._restorer is not None and self._view is None:
            self._emit(self._restorer.flush())


def restoring_sink(
    on_text: TextSink, redactor: Redactor | None, view: ViewFactory | None = None
) -> Sink:
    """``on_text`` behind ``view`` (if any), with placeholders put back: a view parses the
    raw JSON, so what it emits is restored whole; plain text is restored as it streams."""
    if redactor is not None and view is not None:
        out = on_text
        restore = redactor.restore

        def restored(text: str) -> None:
            out(restore(text))

        return Sink(restored, None, view)
    return Sink(on_text, redactor, view)


def strip_fences(text: str) -> str:
    """``text`` without a Markdown code fence wrapped around all of it."""
    t = text.strip()
    if t.startswith("```") and t.endswith("```"):
        t = t.strip("`")
        first_nl = t.find("\n")
        if first_nl >= 0 and " " not in t[:first_nl].strip():
            t = t[first_nl + 1 :]
    return t


_THINK = re.compile(r"<think>.*?(?:</think>|\Z)\s*", re.DOTALL | re.IGNORECASE)


def strip_think(text: str) -> str:
    """``text`` without the ``<think>...</think>`` blocks of a reasoning model (an unclosed
    one runs to the end: a reply cut while thinking has no answer yet)."""
    if "<think>" not in text.lower():
        return text
    return _THINK.sub("", text)


class ThinkFilter:
    """Streamed text with ``<think>...</think>`` blocks held back, across chunk borders."""

    OPEN, CLOSE = "<think>", "</think>"

    def __init__(self, sink: TextSink) -> None:
        self._sink = sink
        self._buf = ""
        self._inside = False
        self._closed = False  # a block just ended: the blank space after it is dropped

    def __call__(self, chunk: str) -> None:
        self._buf += chunk
        out = []
        while self._buf:
            if self._closed:
                self._buf = self._buf.lstrip()
                if not self._buf:
                    break
                self._closed = False
            tag = self.CLOSE if self._inside else self.OPEN
            at = self._buf.lower().find(tag)
            if at >= 0:
                if not self._inside:
                    out.append(self._buf[:at])
                self._buf = self._buf[at + len(tag) :]
                self._closed = self._inside
                self._inside = not self._inside
                continue
            keep = _partial_tag(self._buf, tag)
            if not self._inside:
                out.append(self._buf[: len(self._buf) - keep])
            self._buf = self._buf[len(self._buf) - keep :]
            break
        text = "".join(out)
        if text:
            self._sink(text)

    def flush(self) -> None:
        """Send what was held back as a possible tag start (the stream ended)."""
        if self._buf and not self._inside:
            self._sink(self._buf)
        self._buf = ""


def _partial_tag(text: str, tag: str) -> int:
    """How many characters at the end of ``text`` could start ``tag``."""
    low = text.lower()
    for n in range(min(len(tag) - 1, len(low)), 0, -1):
        if tag.startswith(low[-n:]):
            return n
    return 0
