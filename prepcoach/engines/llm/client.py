"""The LLM client: Chat Completions against any OpenAI-compatible endpoint.

This is the only module that imports ``openai``, and only inside functions, when a model is
actually called (the import costs about 0.4 s).

- Replies always stream; ``on_text`` gets each text chunk; setting ``cancel`` closes the
  stream and raises ``Cancelled``.
- ``chat_json`` asks for structured output built from a pydantic model, in the first of
  ``facts.MODES`` the server takes: ``json_schema`` (strict), ``json_object`` with a
  ``schema``, ``json_object``, then plain text with the schema in the prompt and the JSON
  read from the reply. Any error whose body is about the response_format, whatever its status
  (400, 422, 500), moves on to the next mode at once, without retries; the mode is remembered
  per base URL for the rest of the run.
- Every request caps its reply with ``max_tokens`` (the field every server honours).
- Retries are ours (the client is built with ``max_retries=0``): exponential backoff with
  jitter on 429 (honouring Retry-After; never on ``insufficient_quota``), 5xx and connection
  errors, and only before any text has streamed. Timeouts are not retried (a slow server stays
  slow); the message says how to raise the limit. The first token, the silence between
  tokens and the whole reply have their own clocks (``transport``).
- A stream that ends with no event at all (llama-cpp-python's answer to a prompt longer than
  its context) is asked once more without streaming, to get the server's real error.
- ``<think>...</think>`` blocks of reasoning models are dropped from the text and the stream.
- Every failure becomes an ``EngineError`` in plain words (``prepcoach.engines.llm.errors``).
  The API key is never part of a message; server messages are scrubbed of anything key-like.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any, TypeVar

from pydantic import BaseModel

from prepcoach.engines.base import Live
from prepcoach.engines.llm import notices, structured
from prepcoach.engines.llm.errors import (
    ContextTooLong,
    FormatRefused,
    UnusableReply,
    about_format,
    garbled,
    is_quota,
    message_of,
    plain_error,
    retry_after_seconds,
)
from prepcoach.engines.llm.facts import MODES, ServerFacts, facts_for, probe_context
from prepcoach.engines.llm.replies import extract_json, strict_schema
from prepcoach.engines.llm.sdk import openai_module
from prepcoach.engines.llm.stream import StreamState, ThinkFilter, strip_think, take_chunk
from prepcoach.engines.llm.transport import Clocks, stream_chunks
from prepcoach.errors import Cancelled, EngineError
from prepcoach.settings import DEFAULT_BASE_URL, Settings

__all__ = [
    "LLM",
    "MODES",
    "ChatResult",
    "ContextTooLong",
    "FormatRefused",
    "UnusableReply",
    "extract_json",
    "make_llm",
    "strict_schema",
]

R = TypeVar("R", bound=BaseModel)

TextSink = Callable[[str], None]
WaitSink = Callable[[float], None]
# Reply tokens asked for when a call names no job size.
DEFAULT_MAX_TOKENS = 600


@dataclass
class ChatResult:
    text: str
    model: str
    prompt_tokens: int | None = None  # as reported by the server, when it does
    completion_tokens: int | None = None
    finish_reason: str | None = None
    mode: str = "text"  # one of facts.MODES
    http_attempts: int = 1


class LLM:
    """A Chat Completions client with our own retries, fallbacks and plain-words errors."""

    def __init__(
        self,
        settings: Settings,
        *,
        client: Any = None,
        sleep: Callable[[float, threading.Event | None], bool] | None = None,
        on_wait: WaitSink | None = None,
    ) -> None:
        self.settings = settings
        self._client = client
        self._sleep = sleep or _interruptible_sleep
        self._stream_usage = True  # stream_options={"include_usage": True} accepted
        self.on_wait = on_wait  # hears how long the first token has been awaited
        self.requests_made = 0

    # ------------------------------------------------------------------ basics

    @property
    def base_url(self) -> str:
        return (self.settings.base_url or DEFAULT_BASE_URL).rstrip("/")

    @property
    def key_source(self) -> str:
        return self.settings.sources.get("api_key") or "the settings"

    @property
    def facts(self) -> ServerFacts:
        """What this run learned about the server (shared by every client of its URL)."""
        return facts_for(self.base_url)

    @property
    def structured_mode(self) -> str:
        return self.facts.mode

    def client(self) -> Any:
        if self._client is None:
            openai = openai_module()
            s = self.settings
            self._client = openai.OpenAI(
                api_key=s.api_key or "not-needed",
                base_url=self.base_url,
                # our own clocks run the stream; this only stops a transport that hangs
                timeout=max(s.timeout, s.first_token_timeout, s.idle_timeout) + 5,
                max_retries=0,
            )
        return self._client

    def context_window(self) -> int | None:
        """The model's context length: as the server says it (asked once per run and URL),
        or as learned from a "context length exceeded" error; None when unknown."""
        facts = self.facts
        if facts.context_window is None and not facts.probed:
            facts.probed = True
            s = self.settings
            window, source = probe_context(self.base_url, s.api_key, s.model)
            if window:
                facts.context_window, facts.context_source = window, source
        return facts.context_window

    def learn_context(self, exc: ContextTooLong) -> None:
        if exc.limit:
            self.facts.context_window = exc.limit
            self.facts.context_source = "the server's error"

    # ---------------------------------------------------------------- requests

    def chat(
        self,
        messages: list[dict[str, str]],
        *,
        model: str | None = None,
        response_format: dict[str, Any] | None = None,
        on_text: TextSink | None = None,
        cancel: threading.Event | None = None,
        prompt_tokens: int | None = None,
        max_tokens: int | None = None,
    ) -> ChatResult:
        """Stream one reply, retrying transient failures before any text arrived."""
        openai = openai_module()

        model = model or self.settings.model
        params: dict[str, Any] = {
            "model": model,
            "messages": messages,
            "stream": True,
            "max_tokens": max_tokens or DEFAULT_MAX_TOKENS,
        }
        if response_format is not None:
            params["response_format"] = response_format
        attempts = max(0, self.settings.max_retries) + 1
        for n in range(attempts):
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            state = StreamState()
            if self._stream_usage:
                params["stream_options"] = {"include_usage": True}
            else:
                params.pop("stream_options", None)
            try:
                result = self._attempt(params, state, Live(on_text, cancel))
                result.http_attempts = n + 1
                return result
            except Cancelled:
                raise
            except openai.APIStatusError as exc:
                if response_format is not None and about_format(exc):
                    msg = message_of(exc)[:200]
                    raise FormatRefused(
                        f"the server at {self.base_url} refused the structured output: {msg}"
                    ) from None
                if isinstance(exc, openai.BadRequestError):
                    if self._stream_usage and "stream_options" in message_of(exc).lower():
                        self._stream_usage = False  # an older server: ask again without it
                        continue
                    raise plain_error(self, exc, model, prompt_tokens, n + 1) from None
                if not isinstance(exc, openai.RateLimitError | openai.InternalServerError):
                    raise plain_error(self, exc, model, prompt_tokens, n + 1) from None
                if is_quota(exc) or state.emitted or n + 1 >= attempts:
                    raise plain_error(self, exc, model, prompt_tokens, n + 1) from None
                wait = retry_after_seconds(exc)
                if wait is None:
                    wait = _backoff(n)
                elif wait > _retry_policy().MAX_RETRY_AFTER:
                    raise plain_error(self, exc, model, prompt_tokens, n + 1, wait) from None
                if self._sleep(wait, cancel):
                    raise Cancelled() from None
            except openai.APITimeoutError as exc:
                raise plain_error(self, exc, model, prompt_tokens, n + 1) from None
            except openai.APIConnectionError as exc:
                if state.emitted or n + 1 >= attempts:
                    raise plain_error(self, exc, model, prompt_tokens, n + 1) from None
                if self._sleep(_backoff(n), cancel):
                    raise Cancelled() from None
            except openai.APIError as exc:
                raise plain_error(self, exc, model, prompt_tokens, n + 1) from None
        raise EngineError("the model call failed.")  # pragma: no cover - loop always returns

    def _attempt(self, params: dict[str, Any], state: StreamState, live: Live) -> ChatResult:
        """One streamed request; an empty stream is asked again once without streaming."""
        self.requests_made += 1
        shown = ThinkFilter(live.on_text) if live.on_text is not None else None
        result = self._stream_once(params, state, Live(shown, live.cancel))
        if result is not None:
            if shown is not None:
                shown.flush()
            return result
        # No event at all: llama-cpp-python's reply to a prompt longer than its context.
        # Without streaming the server says what is wrong (or simply answers).
        self.requests_made += 1
        once = {k: v for k, v in params.items() if k not in ("stream", "stream_options")}
        try:
            reply = self.client().with_options(timeout=self.settings.timeout)
            completion = reply.chat.completions.create(**once)
            text = str(completion.choices[0].message.content or "")
        except (ValueError, TypeError, AttributeError, IndexError) as exc:
            raise garbled(self.base_url, exc) from None
        usage = getattr(completion, "usage", None)
        result = ChatResult(
            text=strip_think(text),
            model=str(getattr(completion, "model", "") or params["model"]),
            prompt_tokens=getattr(usage, "prompt_tokens", None),
            completion_tokens=getattr(usage, "completion_tokens", None),
            finish_reason=getattr(completion.choices[0], "finish_reason", None),
        )
        if not result.text.strip():
            raise EngineError(
                f"the server at {self.base_url} sent an empty reply, streamed or not.",
                hint="Try again, try another model with --model, or use --offline.",
            )
        state.emitted = True
        if shown is not None:
            shown(text)
            shown.flush()
        return result

    def _stream_once(
        self, params: dict[str, Any], state: StreamState, live: Live
    ) -> ChatResult | None:
        """The streamed reply; None when the stream held no event at all."""
        openai = openai_module()

        result = ChatResult(text="", model=str(params["model"]))
        received = 0
        s = self.settings
        clocks = Clocks(s.first_token_timeout, s.idle_timeout, s.timeout)

        client = self.client()  # built before the clocks start

        def open_stream() -> Any:
            return client.chat.completions.create(**params)

        try:
            on_wait = self.on_wait or notices.waiting
            chunks = stream_chunks(open_stream, state, clocks, self.base_url, live.cancel, on_wait)
            for chunk in chunks:
                received += 1
                take_chunk(chunk, result, state, live.on_text)
        except (Cancelled, EngineError, openai.APIError):
            raise
        except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
            raise garbled(self.base_url, exc) from None
        except Exception as exc:  # a transport error the client did not wrap
            raise EngineError(
                f"the connection to {self.base_url} broke during the reply ({type(exc).__name__}).",
                hint="Try again; if it keeps happening, run `prepcoach doctor`.",
            ) from None
        if received == 0:
            return None
        result.text = strip_think("".join(state.chunks))
        return result

    # ---------------------------------------------------------- structured output

    # A reply validated into a pydantic model, with the structured-output fallbacks; the
    # structured-output mode the server takes (for `doctor`).
    chat_json = structured.chat_json
    probe_structured = structured.probe_structured

    # ------------------------------------------------------------------ models

    def list_models(self, timeout: float = 5.0) -> list[str]:
        """Model ids the endpoint offers (for `doctor`); plain-words errors as for chat."""
        openai = openai_module()

        try:
            page = self.client().with_options(timeout=timeout).models.list()
            return sorted(str(m.id) for m in page)
        except openai.APIError as exc:
            raise plain_error(self, exc, self.settings.model, None, 1) from None
        except (ValueError, TypeError, AttributeError) as exc:
            raise garbled(self.base_url, exc) from None


def _retry_policy() -> ModuleType:
    """The package ``prepcoach.engines.llm``, which holds the retry policy's numbers (read
    at each wait, so a test or a caller can tune them on the package)."""
    from prepcoach.engines import llm

    return llm


def _backoff(n: int) -> float:
    policy = _retry_policy()
    base = min(float(policy.BACKOFF_CAP), float(policy.BACKOFF_BASE) * (2.0**n))
    return base * (0.5 + random.random())


def _interruptible_sleep(seconds: float, cancel: threading.Event | None) -> bool:
    """Sleep; True if cancelled meanwhile."""
    if cancel is None:
        time.sleep(seconds)
        return False
    return cancel.wait(seconds)


def make_llm(settings: Settings, client: Any = None) -> LLM:
    """The engine for these settings; ``client`` may be an ``LLM`` or an ``openai.OpenAI``."""
    if isinstance(client, LLM):
        return client
    return LLM(settings, client=client)
