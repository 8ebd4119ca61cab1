"""A loopback recording proxy: every request prepcoach sends passes through it, is kept, and
is forwarded unchanged to the real server; the reply streams back as it arrives.

Tests assert on ``Recorder.requests`` what actually went out (for example that redacted names
never left). Every exchange is also appended to a JSON Lines file for reading after a CI run.
The ``Authorization`` header is never recorded.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "upgrade", "host"}


@dataclass
class Exchange:
    method: str
    path: str
    body: str
    status: int = 0
    reply: str = ""  # the first 4,000 characters of the reply body
    seconds: float = 0.0
    started: float = field(default_factory=time.time)

    def json(self) -> Any:
        """The request body parsed as JSON (``None`` when it is empty or not JSON)."""
        try:
            return json.loads(self.body) if self.body else None
        except ValueError:
            return None


class Recorder:
    """Forwards ``http://127.0.0.1:PORT/...`` to ``upstream`` (``scheme://host:port``)."""

    def __init__(self, upstream: str, log_path: Path | None = None) -> None:
        parts = urlsplit(upstream)
        self.scheme = parts.scheme or "http"
        self.netloc = parts.netloc
        self.log_path = log_path
        self.requests: list[Exchange] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Recorder:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def mark(self) -> int:
        """A position in the log: ``since(mark)`` is what was received after it."""
        with self._lock:
            return len(self.requests)

    def since(self, mark: int) -> list[Exchange]:
        with self._lock:
            return list(self.requests[mark:])

    def _keep(self, ex: Exchange) -> None:
        with self._lock:
            self.requests.append(ex)
            if self.log_path is not None:
                with self.log_path.open("a", encoding="utf-8") as fh:
                    fh.write(json.dumps(asdict(ex)) + "\n")

    def _connection(self) -> http.client.HTTPConnection:
        cls = http.client.HTTPSConnection if self.scheme == "https" else http.client.HTTPConnection
        return cls(self.netloc, timeout=900)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                ex = Exchange(self.command, self.path, body.decode("utf-8", "replace"))
                t0 = time.monotonic()
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                conn = recorder._connection()
                try:
                    conn.request(self.command, self.path, body=body or None, headers=headers)
                    resp = conn.getresponse()
                except OSError as exc:
                    ex.status, ex.reply = 502, f"upstream unreachable: {exc}"
                    ex.seconds = time.monotonic() - t0
                    recorder._keep(ex)
                    self.send_error(502, ex.reply)
                    return
                ex.status = resp.status
                self.send_response(resp.status, resp.reason)
                for k, v in resp.getheaders():
                    if k.lower() not in HOP_BY_HOP and k.lower() != "content-length":
                        self.send_header(k, v)
                self.send_header("Transfer-Encoding", "chunked")
                self.send_header("Connection", "close")
                self.end_headers()
                kept: list[bytes] = []
                try:
                    while chunk := resp.read1(65536):
                        if sum(map(len, kept)) < 4000:
                            kept.append(chunk)
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                        self.wfile.flush()
                    self.wfile.write(b"0\r\n\r\n")
                except OSError:
                    pass  # the client went away (a cancelled stream): keep what was seen
                finally:
                    conn.close()
                    ex.reply = b"".join(kept).decode("utf-8", "replace")[:4000]
                    ex.seconds = time.monotonic() - t0
                    recorder._keep(ex)
                    self.close_connection = True

            do_GET = do_POST = do_PUT = do_DELETE = _forward

        return Handler
