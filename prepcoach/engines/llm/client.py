"""The LLM client: Chat Completions against any OpenAI-compatible endpoint.

This is the only module that imports ``openai``, and only inside functions, when a model is
actually called (the import costs about 0.4 s).

- Replies always stream; ``on_text`` gets each text chunk; setting ``cancel`` closes the
  stream and raises ``Cancelled``.
- ``chat_json`` asks for structured output (``json_schema``, strict) built from a pydantic
  model. A server that refuses it (400 naming response_format / json_schema) is asked again
  in JSON mode, then in plain text with the JSON extracted from the reply; the fallback is
  remembered for the rest of the session.
- Retries are ours (the client is built with ``max_retries=0``): exponential backoff with
  jitter on 429 (honouring Retry-After; never on ``insufficient_quota``), 5xx and connection
  errors, and only before any text has streamed. Timeouts are not retried (a slow server stays
  slow); the message says how to raise the limit.
- Every failure becomes an ``EngineError`` in plain words (``prepcoach.engines.llm.errors``).
  The API key is never part of a message; server messages are scrubbed of anything key-like.
"""

from __future__ import annotations

import contextlib
import queue
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any, TypeVar

from pydantic import BaseModel

from prepcoach.engines.llm.errors import (
    FormatRefused,
    garbled,
    is_quota,
    message_of,
    plain_error,
    retry_after_seconds,
    short,
)
from prepcoach.engines.llm.replies import extract_json, strict_schema, validate_reply
from prepcoach.engines.llm.stream import StreamState, take_chunk
from prepcoach.errors import Cancelled, EngineError
from prepcoach.settings import DEFAULT_BASE_URL, Settings

__all__ = [
    "LLM",
    "MODES",
    "ChatResult",
    "FormatRefused",
    "extract_json",
    "make_llm",
    "strict_schema",
]

R = TypeVar("R", bound=BaseModel)

TextSink = Callable[[str], None]

MODES = ("json_schema", "json_object", "text")


@dataclass
class ChatResult:
    text: str
    model: str
    prompt_tokens: int | None = None  # as reported by the server, when it does
    completion_tokens: int | None = None
    finish_reason: str | None = None
    mode: str = "text"  # json_schema | json_object | text
    http_attempts: int = 1


class LLM:
    """A Chat Completions client with our own retries, fallbacks and plain-words errors."""

    def __init__(
        self,
        settings: Settings,
        *,
        client: Any = None,
        sleep: Callable[[float, threading.Event | None], bool] | None = None,
    ) -> None:
        self.settings = settings
        self._client = client
        self._sleep = sleep or _interruptible_sleep
        self._mode_index = 0  # structured-output mode this server accepts (remembered)
        self._stream_usage = True  # stream_options={"include_usage": True} accepted
        self.requests_made = 0

    # ------------------------------------------------------------------ basics

    @property
    def base_url(self) -> str:
        return (self.settings.base_url or DEFAULT_BASE_URL).rstrip("/")

    @property
    def key_source(self) -> str:
        return self.settings.sources.get("api_key") or "the settings"

    @property
    def structured_mode(self) -> str:
        return MODES[self._mode_index]

    def client(self) -> Any:
        if self._client is None:
            try:
                import openai
            except ImportError:  # pragma: no cover - openai is a dependency
                raise EngineError(
                    "the openai package is not installed.",
                    hint="Reinstall prepcoach, or use --offline.",
                ) from None
            self._client = openai.OpenAI(
                api_key=self.settings.api_key or "not-needed",
                base_url=self.base_url,
                timeout=self.settings.timeout,
                max_retries=0,
            )
        return self._client

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
    ) -> ChatResult:
        """Stream one reply, retrying transient failures before any text arrived."""
        import openai

        model = model or self.settings.model
        params: dict[str, Any] = {"model": model, "messages": messages, "stream": True}
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
                self.requests_made += 1
                result = self._stream_once(params, state, on_text, cancel)
                result.http_attempts = n + 1
                return result
            except Cancelled:
                raise
            except openai.BadRequestError as exc:
                if self._stream_usage and "stream_options" in message_of(exc).lower():
                    self._stream_usage = False  # an older server: ask again without it
                    continue
                raise plain_error(self, exc, model, prompt_tokens, n + 1) from None
            except (openai.RateLimitError, openai.InternalServerError) as exc:
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

    def _stream_once(
        self,
        params: dict[str, Any],
        state: StreamState,
        on_text: TextSink | None,
        cancel: threading.Event | None,
    ) -> ChatResult:
        import openai

        result = ChatResult(text="", model=str(params["model"]))
        received = 0
        try:
            for chunk in self._chunks(params, cancel):
                received += 1
                take_chunk(chunk, result, state, on_text)
        except (Cancelled, openai.APIError):
            raise
        except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
            raise garbled(self.base_url, exc) from None
        except Exception as exc:  # a transport error the client did not wrap
            raise EngineError(
                f"the connection to {self.base_url} broke during the reply ({type(exc).__name__}).",
                hint="Try again; if it keeps happening, run `prepcoach doctor`.",
            ) from None
        if received == 0:
            raise EngineError(
                f"the server at {self.base_url} sent no streamed reply (no events).",
                hint="Check that OPENAI_BASE_URL points to an OpenAI-compatible /v1 endpoint "
                "that supports streaming.",
            )
        result.text = "".join(state.chunks)
        return result

    def _chunks(self, params: dict[str, Any], cancel: threading.Event | None) -> Iterator[Any]:
        """The stream's chunks. With ``cancel``, the request runs in a helper thread so that
        a cancel takes effect at once, even while the server is silent."""
        if cancel is None:
            stream = self.client().chat.completions.create(**params)
            try:
                yield from stream
            finally:
                with contextlib.suppress(Exception):
                    stream.close()
            return
        q: queue.Queue[tuple[int, Any]] = queue.Queue()
        abandon = threading.Event()

        def produce() -> None:
            stream = None
            try:
                stream = self.client().chat.completions.create(**params)
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
        try:
            while True:
                if cancel.is_set():
                    raise Cancelled()
                try:
                    kind, item = q.get(timeout=0.05)
                except queue.Empty:
                    continue
                if kind == 1:
                    return
                if kind == 2:
                    if cancel.is_set():
                        raise Cancelled()
                    raise item
                yield item
        finally:
            abandon.set()

    # ---------------------------------------------------------- structured output

    def chat_json(
        self,
        messages: list[dict[str, str]],
        reply_model: type[R],
        *,
        name: str,
        model: str | None = None,
        on_text: TextSink | None = None,
        cancel: threading.Event | None = None,
        prompt_tokens: int | None = None,
    ) -> tuple[R, ChatResult]:
        """A reply validated into ``reply_model``, with the structured-output fallbacks."""
        schema = strict_schema(reply_model)
        while True:
            mode = MODES[self._mode_index]
            fmt: dict[str, Any] | None
            if mode == "json_schema":
                fmt = {
                    "type": "json_schema",
                    "json_schema": {"name": name, "schema": schema, "strict": True},
                }
            elif mode == "json_object":
                fmt = {"type": "json_object"}
            else:
                fmt = None
            try:
                result = self._chat_raw(messages, model, fmt, on_text, cancel, prompt_tokens)
            except _Refused:
                self._mode_index += 1
                continue
            result.mode = mode
            break
        try:
            return validate_reply(reply_model, result.text), result
        except ValueError as first_error:
            # One more try, telling the model what was wrong (a reply cut off or off-schema).
            retry = [
                *messages,
                {"role": "assistant", "content": result.text[:4000]},
                {
                    "role": "user",
                    "content": "That reply was not valid JSON in the required shape "
                    f"({short(first_error)}). Reply again with the JSON object only.",
                },
            ]
            again = self._chat_raw(retry, model, fmt, on_text, cancel, None)
            again.mode = result.mode
            try:
                return validate_reply(reply_model, again.text), again
            except ValueError as exc:
                raise EngineError(
                    f"the model {again.model} did not return a usable {name} ({short(exc)}).",
                    hint="Try again, try another model with --model, or use --offline.",
                ) from None

    def _chat_raw(
        self,
        messages: list[dict[str, str]],
        model: str | None,
        fmt: dict[str, Any] | None,
        on_text: TextSink | None,
        cancel: threading.Event | None,
        prompt_tokens: int | None,
    ) -> ChatResult:
        """``chat`` that raises ``_Refused`` when the server rejects the response_format."""
        try:
            return self.chat(
                messages,
                model=model,
                response_format=fmt,
                on_text=on_text,
                cancel=cancel,
                prompt_tokens=prompt_tokens,
            )
        except FormatRefused:
            if fmt is None:
                raise
            raise _Refused() from None

    # ------------------------------------------------------------------ models

    def list_models(self, timeout: float = 5.0) -> list[str]:
        """Model ids the endpoint offers (for `doctor`); plain-words errors as for chat."""
        import openai

        try:
            page = self.client().with_options(timeout=timeout).models.list()
            return sorted(str(m.id) for m in page)
        except openai.APIError as exc:
            raise plain_error(self, exc, self.settings.model, None, 1) from None
        except (ValueError, TypeError, AttributeError) as exc:
            raise garbled(self.base_url, exc) from None


class _Refused(Exception):
    """The server rejected the requested response_format."""


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
