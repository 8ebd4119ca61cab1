"""What prepcoach learns about a server, once per run and per base URL: the structured-output
mode it accepts and its context window.

- Structured output: the modes are tried in ``MODES`` order; a refusal moves the server on to
  the next one for the rest of the run (every ``LLM`` for that URL shares it).
- Context window: read where the server says it (``/v1/models`` metadata such as
  ``context_length``, ``max_model_len`` or ``meta.n_ctx_train``; llama.cpp's ``/props``;
  Ollama's ``/api/show``), or learned from a "maximum context length is N tokens" error.
"""

from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

# Structured-output modes, best first: OpenAI-style json_schema (OpenAI, vLLM, Ollama, LM
# Studio, llama-server); json_object with a ``schema`` field (llama-cpp-python enforces it by
# grammar); plain json_object; plain text with the schema in the prompt.
MODES = ("json_schema", "json_object_schema", "json_object", "text")
MODE_LABELS = {
    "json_schema": "json_schema (strict)",
    "json_object_schema": "json_object with a schema",
    "json_object": "json_object (no schema)",
    "text": "plain text, JSON read from the reply",
}
# Keys that hold a context length in /v1/models entries (vLLM, LM Studio, OpenRouter, ...).
_CONTEXT_KEYS = (
    "context_length",
    "max_model_len",
    "context_window",
    "max_context_length",
    "n_ctx",
    "n_ctx_train",
    "num_ctx",
)
_LIMIT = re.compile(
    r"(?:maximum context length|context length|context window|context size|n_ctx)"
    r"[^0-9]{0,24}([\d,]{3,})",
    re.IGNORECASE,
)
_REQUESTED = re.compile(r"([\d,]+) in the messages", re.IGNORECASE)


@dataclass
class ServerFacts:
    mode_index: int = 0
    context_window: int | None = None
    context_source: str = ""
    probed: bool = False

    @property
    def mode(self) -> str:
        return MODES[min(self.mode_index, len(MODES) - 1)]


_lock = threading.Lock()
_FACTS: dict[str, ServerFacts] = {}


def facts_for(base_url: str) -> ServerFacts:
    key = base_url.rstrip("/")
    with _lock:
        return _FACTS.setdefault(key, ServerFacts())


def forget() -> None:
    """Forget every server's facts (tests)."""
    with _lock:
        _FACTS.clear()


def limit_in(message: str) -> int | None:
    """The context length a "too long" error names ("maximum context length is 2048")."""
    m = _LIMIT.search(message)
    if not m:
        return None
    try:
        value = int(m.group(1).replace(",", ""))
    except ValueError:
        return None
    return value if value >= 256 else None


def requested_in(message: str) -> int | None:
    """The prompt size the server counted ("3139 in the messages"), when it says."""
    m = _REQUESTED.search(message)
    return int(m.group(1).replace(",", "")) if m else None


def _get(url: str, api_key: str | None, timeout: float, body: Any = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Authorization": f"Bearer {api_key or 'not-needed'}"}
    if data is not None:
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=data, headers=headers)
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return json.loads(resp.read().decode("utf-8", "replace"))


def _find_int(node: Any, keys: tuple[str, ...], depth: int = 0) -> int | None:
    """The first positive integer under one of ``keys`` in nested dicts."""
    if depth > 4 or not isinstance(node, dict):
        return None
    for k, v in node.items():
        name = str(k).lower().rsplit(".", 1)[-1]
        if name in keys and isinstance(v, int) and not isinstance(v, bool) and v > 0:
            return v
    for v in node.values():
        found = _find_int(v, keys, depth + 1)
        if found:
            return found
    return None


def probe_context(
    base_url: str, api_key: str | None, model: str, timeout: float = 3.0
) -> tuple[int | None, str]:
    """The server's context window and where it was read; ``(None, "")`` when no endpoint
    says it. Any failure of a probe just moves on to the next."""
    base = base_url.rstrip("/")
    root = base.removesuffix("/v1")
    try:
        listing = _get(base + "/models", api_key, timeout)
        entries = listing.get("data", []) if isinstance(listing, dict) else []
        mine = [e for e in entries if isinstance(e, dict) and e.get("id") == model]
        for entry in mine or entries[:1]:
            found = _find_int(entry, _CONTEXT_KEYS)
            if found:
                return found, "/v1/models"
    except (OSError, ValueError, urllib.error.URLError):
        pass
    try:
        props = _get(root + "/props", api_key, timeout)
        found = _find_int(props, ("n_ctx",))
        if found:
            return found, "/props"
    except (OSError, ValueError, urllib.error.URLError):
        pass
    try:
        show = _get(root + "/api/show", api_key, timeout, {"model": model})
        if isinstance(show, dict):
            params = str(show.get("parameters") or "")
            m = re.search(r"num_ctx\s+(\d+)", params)
            if m:
                return int(m.group(1)), "/api/show"
            found = _find_int(show.get("model_info") or {}, ("context_length",))
            if found:
                return found, "/api/show"
    except (OSError, ValueError, urllib.error.URLError):
        pass
    return None, ""
