"""A real OpenAI-compatible HTTP server on 127.0.0.1 for tests (stdlib only).

The openai client speaks to it over a real socket, so the whole stack (httpx, SSE parsing,
status errors, timeouts) is exercised. Each test scripts the replies to
``POST /v1/chat/completions`` in order; ``GET /v1/models`` lists ``models``. Every request is
recorded (path, headers, parsed body) for assertions.

The server itself is stdlib only. At the end: pytest fixtures that point prepcoach at it
(conftest files import them: ``from fakeserver import llm_env, server, settings``).
"""

from __future__ import annotations

import contextlib
import json
import select
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from prepcoach.settings import Settings

Reply = Callable[["_Handler", dict[str, Any]], None]


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: dict[str, Any] | None
    raw: bytes

    @property
    def text(self) -> str:
        """All message contents sent, joined (for asserting what went over the wire)."""
        if not self.body:
            return ""
        return "\n".join(str(m.get("content", "")) for m in self.body.get("messages", []))


@dataclass
class FakeOpenAI:
    models: list[str] = field(default_factory=lambda: ["gpt-4o-mini", "local-model"])
    # response_format types answered with a 400 (like a server without structured output)
    refuse_formats: set[str] = field(default_factory=set)
    # the status of that refusal (llama-cpp-python answers json_schema with a 500)
    refuse_status: int = 400
    # refuse json_object when it comes with a schema (like a server without grammars)
    refuse_schema: bool = False
    # extra fields in every /v1/models entry (context_length, meta, ...)
    model_meta: dict[str, Any] = field(default_factory=dict)
    default: Reply | None = None
    requests: list[Recorded] = field(default_factory=list)
    # set when a client closed its connection while a reply waited (``hang_after``, ``slow``)
    hung_up: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._script: deque[Reply] = deque()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        fake = self

        class Handler(_Handler):
            server_ref = fake

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    # ---------------------------------------------------------------- plumbing

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def close(self) -> None:
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def chat_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def _next(self) -> Reply | None:
        with self._lock:
            if self._script:
                return self._script.popleft()
        return self.default

    # --------------------------------------------------------------- scripting

    def push(self, *replies: Reply) -> FakeOpenAI:
        self._script.extend(replies)
        return self

    @staticmethod
    def text(text: str, *, chunk: int = 7, usage: bool = True, delay: float = 0.0) -> Reply:
        """A streamed (or, if the request did not ask to stream, whole) text reply."""

        def reply(h: _Handler, body: dict[str, Any]) -> None:
            if not body.get("stream"):
                h.send_json(200, _completion(body, text))
                return
            pieces = [text[i : i + chunk] for i in range(0, len(text), chunk)] or [""]
            h.start_sse()
            h.sse(_chunk(body, {"role": "assistant", "content": ""}))
            for piece in pieces:
                if delay:
                    time.sleep(delay)
                h.sse(_chunk(body, {"content": piece}))
            h.sse(_chunk(body, {}, finish="stop"))
            if usage and (body.get("stream_options") or {}).get("include_usage"):
                h.sse(
                    {
                        "id": "chatcmpl-fake",
                        "object": "chat.completion.chunk",
                        "created": 0,
                        "model": body.get("model", ""),
                        "choices": [],
                        "usage": {
                            "prompt_tokens": 100,
                            "completion_tokens": max(1, len(text) // 4),
                            "total_tokens": 100 + max(1, len(text) // 4),
                        },
                    }
                )
            h.sse_raw("[DONE]")

        return reply

    @classmethod
    def json(cls, obj: Any, **kw: Any) -> Reply:
        return cls.text(json.dumps(obj), **kw)

    @staticmethod
    def error(
        status: int,
        message: str,
        *,
        code: str | None = None,
        type: str = "invalid_request_error",
        headers: dict[str, str] | None = None,
    ) -> Reply:
        def reply(h: _Handler, body: dict[str, Any]) -> None:
            payload = {"error": {"message": message, "type": type, "param": None, "code": code}}
            h.send_json(status, payload, headers=headers)

        return reply

    @staticmethod
    def too_long(limit: int, requested: int) -> Reply:
        """llama-cpp-python's answer to a prompt longer than its context: streamed, an HTTP
        200 with an empty body; not streamed, a 400 that names the limit."""

        def reply(h: _Handler, body: dict[str, Any]) -> None:
            if body.get("stream"):
                h.send_response(200)
                h.send_header("Content-Type", "text/event-stream")
                h.send_header("Connection", "close")
                h.end_headers()
                return
            message = (
                f"This model's maximum context length is {limit} tokens. However, you "
                f"requested {requested + 300} tokens ({requested} in the messages, 300 in the "
                "completion). Please reduce the length of the messages or completion."
            )
            FakeOpenAI.error(400, message, code="context_length_exceeded")(h, body)

        return reply

    @staticmethod
    def slow(seconds: float, then: Reply | None = None) -> Reply:
        def reply(h: _Handler, body: dict[str, Any]) -> None:
            if not h.wait(seconds):
                (then or FakeOpenAI.text("late"))(h, body)

        return reply

    @staticmethod
    def garbled(prefix: str = "") -> Reply:
        """Starts a valid stream, then sends a chunk that is not JSON."""

        def reply(h: _Handler, body: dict[str, Any]) -> None:
            h.start_sse()
            if prefix:
                h.sse(_chunk(body, {"content": prefix}))
            h.sse_raw('{"id": "x", "choices": [ {"delta": ')
            h.sse_raw("[DONE]")

        return reply

    @staticmethod
    def hang_after(text: str, seconds: float) -> Reply:
        """Streams ``text`` then stalls (for cancel tests)."""

        def reply(h: _Handler, body: dict[str, Any]) -> None:
            h.start_sse()
            h.sse(_chunk(body, {"content": text}))
            if not h.wait(seconds):
                h.sse_raw("[DONE]")

        return reply


def _chunk(body: dict[str, Any], delta: dict[str, Any], finish: str | None = None) -> dict:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": body.get("model", ""),
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _completion(body: dict[str, Any], text: str) -> dict:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", ""),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110},
    }


class _Handler(BaseHTTPRequestHandler):
    server_ref: FakeOpenAI
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def _record(self) -> Recorded:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        headers = {k.lower(): v for k, v in self.headers.items()}
        rec = Recorded(self.command, self.path, headers, body, raw)
        self.server_ref.requests.append(rec)
        return rec

    def do_GET(self) -> None:
        self._record()
        if self.path.rstrip("/").endswith("/models"):
            data = [
                {"id": m, "object": "model", "created": 0, "owned_by": "fake"}
                | self.server_ref.model_meta
                for m in self.server_ref.models
            ]
            self.send_json(200, {"object": "list", "data": data})
        else:
            self.send_json(404, {"error": {"message": "not found", "type": "not_found"}})

    def do_POST(self) -> None:
        rec = self._record()
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self.send_json(404, {"error": {"message": "not found", "type": "not_found"}})
            return
        body = rec.body or {}
        fmt = (body.get("response_format") or {}).get("type")
        schema = "schema" in (body.get("response_format") or {})
        refused = fmt in self.server_ref.refuse_formats
        if refused or (fmt == "json_object" and schema and self.server_ref.refuse_schema):
            self.send_json(
                self.server_ref.refuse_status,
                {
                    "error": {
                        "message": f"response_format type '{fmt}' is not supported by this model",
                        "type": "invalid_request_error",
                        "param": "response_format",
                        "code": None,
                    }
                },
            )
            return
        reply = self.server_ref._next()
        if reply is None:
            self.send_json(500, {"error": {"message": "no scripted reply", "type": "server"}})
            return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            reply(self, body)

    def wait(self, seconds: float) -> bool:
        """Wait ``seconds`` (or until the server stops) watching the connection; True,
        with ``hung_up`` set, as soon as the client closed it."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not self.server_ref._stop.is_set():
            readable, _, _ = select.select([self.connection], [], [], 0.02)
            if readable:
                try:
                    gone = self.connection.recv(1, socket.MSG_PEEK) == b""
                except OSError:
                    gone = True
                if gone:
                    self.server_ref.hung_up.set()
                    return True
                time.sleep(0.02)  # the client sent more: keep watching without spinning
        return False

    # ------------------------------------------------------------- writing

    def send_json(
        self, status: int, payload: Any, *, headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def start_sse(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()

    def sse(self, obj: Any) -> None:
        self.sse_raw(json.dumps(obj))

    def sse_raw(self, data: str) -> None:
        self.wfile.write(f"data: {data}\n\n".encode())
        self.wfile.flush()


# ----------------------------------------------------------------- fixtures

# A key that must never appear in any message, log or file.
KEY = "sk-test-NEVER-PRINT-4f9c2a7e1b"


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as s:
        yield s


@pytest.fixture
def llm_env(server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> FakeOpenAI:
    """Environment pointing prepcoach at the loopback server, with fast backoff."""
    from prepcoach.engines import llm as llm_mod

    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", server.url)
    monkeypatch.setattr(llm_mod, "BACKOFF_BASE", 0.01)
    return server


@pytest.fixture
def settings(llm_env: FakeOpenAI, tmp_path: Path) -> Settings:
    from prepcoach.settings import load_settings

    return load_settings(data=tmp_path / "data")
