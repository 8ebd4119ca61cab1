"""The LLM engine: Chat Completions against any OpenAI-compatible endpoint.

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
- Every failure becomes an ``EngineError`` in plain words (see ``_plain_error``). The API key
  is never part of a message, and server messages are scrubbed of anything key-like.
"""

from __future__ import annotations

import contextlib
import json
import queue
import random
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from prepcoach.errors import Cancelled, EngineError
from prepcoach.settings import DEFAULT_BASE_URL, Settings

TextSink = Callable[[str], None]

# Backoff: BACKOFF_BASE * 2**n seconds with +-50% jitter, at most BACKOFF_CAP per wait.
BACKOFF_BASE = 0.5
BACKOFF_CAP = 20.0
# A server asking us to wait longer than this gets a message instead of a frozen command.
MAX_RETRY_AFTER = 30.0

MODES = ("json_schema", "json_object", "text")

_KEYLIKE = re.compile(r"\b(?:sk|pk|rk|key)-[A-Za-z0-9*_\-]{6,}", re.IGNORECASE)


@dataclass
class ChatResult:
    text: str
    model: str
    prompt_tokens: int | None = None  # as reported by the server, when it does
    completion_tokens: int | None = None
    finish_reason: str | None = None
    mode: str = "text"  # json_schema | json_object | text
    http_attempts: int = 1


@dataclass
class _Attempt:
    """State of one streaming attempt, shared with the cancel watcher."""

    emitted: bool = False
    chunks: list[str] = field(default_factory=list)


def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """JSON schema of ``model`` in the form strict structured output accepts."""
    schema = model.model_json_schema()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("title"), str):  # an annotation, not a property called title
                node.pop("title")
            if "default" in node and not isinstance(node["default"], dict):
                node.pop("default")
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
                node["required"] = list(node["properties"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


def extract_json(text: str) -> Any:
    """The JSON object in a model reply: bare, fenced in ```json, or inside prose."""
    stripped = text.strip()
    fence = re.search(r"```(?:json)?\s*(.*?)```", stripped, re.DOTALL)
    candidates = [stripped]
    if fence:
        candidates.insert(0, fence.group(1).strip())
    decoder = json.JSONDecoder()
    for cand in candidates:
        try:
            return json.loads(cand)
        except ValueError:
            pass
        for i, ch in enumerate(cand):
            if ch == "{":
                try:
                    obj, _ = decoder.raw_decode(cand, i)
                except ValueError:
                    continue
                if isinstance(obj, dict):
                    return obj
    raise ValueError("no JSON object found in the reply")


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
            state = _Attempt()
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
                if self._stream_usage and "stream_options" in _message(exc).lower():
                    self._stream_usage = False  # an older server: ask again without it
                    continue
                raise self._plain_error(exc, model, prompt_tokens, n + 1) from None
            except (openai.RateLimitError, openai.InternalServerError) as exc:
                if _is_quota(exc) or state.emitted or n + 1 >= attempts:
                    raise self._plain_error(exc, model, prompt_tokens, n + 1) from None
                wait = self._retry_after(exc)
                if wait is None:
                    wait = _backoff(n)
                elif wait > MAX_RETRY_AFTER:
                    raise self._plain_error(exc, model, prompt_tokens, n + 1, wait) from None
                if self._sleep(wait, cancel):
                    raise Cancelled() from None
            except openai.APITimeoutError as exc:
                raise self._plain_error(exc, model, prompt_tokens, n + 1) from None
            except openai.APIConnectionError as exc:
                if state.emitted or n + 1 >= attempts:
                    raise self._plain_error(exc, model, prompt_tokens, n + 1) from None
                if self._sleep(_backoff(n), cancel):
                    raise Cancelled() from None
            except openai.APIError as exc:
                raise self._plain_error(exc, model, prompt_tokens, n + 1) from None
        raise EngineError("the model call failed.")  # pragma: no cover - loop always returns

    def _stream_once(
        self,
        params: dict[str, Any],
        state: _Attempt,
        on_text: TextSink | None,
        cancel: threading.Event | None,
    ) -> ChatResult:
        import openai

        result = ChatResult(text="", model=str(params["model"]))
        received = 0
        try:
            for chunk in self._chunks(params, cancel):
                received += 1
                self._take_chunk(chunk, result, state, on_text)
        except (Cancelled, openai.APIError):
            raise
        except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
            raise _garbled(self.base_url, exc) from None
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

    @staticmethod
    def _take_chunk(
        chunk: Any, result: ChatResult, state: _Attempt, on_text: TextSink | None
    ) -> None:
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

    # ---------------------------------------------------------- structured output

    def chat_json(
        self,
        messages: list[dict[str, str]],
        reply_model: type[BaseModel],
        *,
        name: str,
        model: str | None = None,
        on_text: TextSink | None = None,
        cancel: threading.Event | None = None,
        prompt_tokens: int | None = None,
    ) -> tuple[BaseModel, ChatResult]:
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
            return _validate(reply_model, result.text), result
        except ValueError as first_error:
            # One more try, telling the model what was wrong (a reply cut off or off-schema).
            retry = [
                *messages,
                {"role": "assistant", "content": result.text[:4000]},
                {
                    "role": "user",
                    "content": "That reply was not valid JSON in the required shape "
                    f"({_short(first_error)}). Reply again with the JSON object only.",
                },
            ]
            again = self._chat_raw(retry, model, fmt, on_text, cancel, None)
            again.mode = result.mode
            try:
                return _validate(reply_model, again.text), again
            except ValueError as exc:
                raise EngineError(
                    f"the model {again.model} did not return a usable {name} ({_short(exc)}).",
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
            raise self._plain_error(exc, self.settings.model, None, 1) from None
        except (ValueError, TypeError, AttributeError) as exc:
            raise _garbled(self.base_url, exc) from None

    # ------------------------------------------------------------------ errors

    @staticmethod
    def _retry_after(exc: Any) -> float | None:
        headers = getattr(getattr(exc, "response", None), "headers", None)
        if headers is None:
            return None
        ms = headers.get("retry-after-ms")
        if ms:
            try:
                return max(0.0, float(ms) / 1000)
            except ValueError:
                pass
        value = headers.get("retry-after")
        if not value:
            return None
        try:
            return max(0.0, float(value))
        except ValueError:
            import email.utils

            try:
                when = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError):
                return None
            return max(0.0, when.timestamp() - time.time())

    def _plain_error(
        self,
        exc: Any,
        model: str,
        prompt_tokens: int | None,
        attempts: int,
        retry_after: float | None = None,
    ) -> EngineError:
        import openai

        url = self.base_url
        server_msg = self._scrub(_message(exc))
        tried = f" after {attempts} attempts" if attempts > 1 else ""
        doctor = "Run `prepcoach doctor` to check the setup."
        if isinstance(exc, openai.AuthenticationError):
            return EngineError(
                f"the server at {url} rejected the API key (401 unauthorized). "
                f"The key came from {self.key_source}.",
                hint="Check or replace that key (it is never shown), or use --offline. " + doctor,
            )
        if isinstance(exc, openai.PermissionDeniedError):
            return EngineError(
                f"the API key (from {self.key_source}) is not allowed to use model "
                f'"{model}" at {url} (403 forbidden).',
                hint="Check the key's project or organisation permissions, or pick another "
                "model with --model.",
            )
        if isinstance(exc, openai.NotFoundError):
            if "model" in server_msg.lower() or getattr(exc, "code", None) == "model_not_found":
                return EngineError(
                    f'the server at {url} has no model "{model}" (404).',
                    hint="Pick another with --model or PREPCOACH_MODEL; `prepcoach doctor` "
                    "lists the models it offers.",
                )
            return EngineError(
                f"{url} has no Chat Completions endpoint (404).",
                hint="Check OPENAI_BASE_URL (it usually ends in /v1). " + doctor,
            )
        if isinstance(exc, openai.BadRequestError):
            low = server_msg.lower()
            code = str(getattr(exc, "code", "") or "")
            if code == "context_length_exceeded" or any(
                s in low
                for s in ("context length", "context_length", "maximum context", "too many tokens")
            ):
                limit = re.search(r"(?:context length|limit) (?:is|of) ([\d,]+)", low)
                counts = f"{prompt_tokens:,} prompt tokens" if prompt_tokens else "the prompt"
                if limit:
                    counts += f" vs a limit of {limit.group(1)} tokens"
                return EngineError(
                    f'the prompt is too long for model "{model}" ({counts}).',
                    hint="Lower history_budget in config.toml (now "
                    f"{self.settings.history_token_budget} tokens), or use a model with a "
                    "larger context.",
                )
            if any(s in low for s in ("response_format", "json_schema", "structured output")):
                return FormatRefused(
                    f"the server at {url} does not support structured output: {server_msg}"
                )
            if "model" in low and ("not found" in low or "does not exist" in low):
                return EngineError(
                    f'the server at {url} has no model "{model}".',
                    hint="Pick another with --model or PREPCOACH_MODEL; `prepcoach doctor` "
                    "lists the models it offers.",
                )
            return EngineError(
                f"the server at {url} refused the request (400): {server_msg}",
                hint=doctor,
            )
        if isinstance(exc, openai.RateLimitError):
            if _is_quota(exc):
                return EngineError(
                    f"the account behind the API key (from {self.key_source}) has no quota "
                    "left at "
                    f"{url} (insufficient_quota).",
                    hint="Add credit or check the plan and billing; retrying will not help. "
                    "--offline works meanwhile.",
                )
            if retry_after is not None:
                return EngineError(
                    f"the server at {url} is rate limiting requests (429) and asks to wait "
                    f"{retry_after:.0f} s.",
                    hint="Try again after that, or use --offline.",
                )
            return EngineError(
                f"the server at {url} is still rate limiting requests (429){tried}.",
                hint="Wait a minute and try again, or use --offline.",
            )
        if isinstance(exc, openai.InternalServerError):
            status = getattr(exc, "status_code", 500)
            return EngineError(
                f"the server at {url} failed with an internal error ({status}){tried}.",
                hint="Try again later, or use --offline.",
            )
        if isinstance(exc, openai.APITimeoutError):
            return EngineError(
                f"no reply from {url} within {self.settings.timeout:g} s (timeout).",
                hint="Raise `timeout` in config.toml or PREPCOACH_TIMEOUT, try a smaller model, "
                "or use --offline.",
            )
        if isinstance(exc, openai.APIConnectionError):
            cause = _root_cause(exc)
            src = self.settings.sources.get("base_url", "default")
            why = "connection refused" if "refused" in cause.lower() else cause or "no connection"
            return EngineError(
                f"cannot connect to the model server at {url} ({why}){tried}.",
                hint=f"Is the server running and the URL right (base url from {src})? "
                "Use --offline to work without it.",
            )
        if isinstance(exc, openai.APIStatusError):
            status = getattr(exc, "status_code", "?")
            return EngineError(f"the server at {url} answered {status}: {server_msg}", hint=doctor)
        return EngineError(f"the model call to {url} failed: {server_msg}", hint=doctor)

    def _scrub(self, text: str) -> str:
        key = self.settings.api_key
        if key:
            text = text.replace(key, "[key]")
        text = _KEYLIKE.sub("[key]", text)
        return text[:300]


class FormatRefused(EngineError):
    """The server rejected the requested response_format (400)."""


class _Refused(Exception):
    """The server rejected the requested response_format."""


def _validate(model: type[BaseModel], text: str) -> BaseModel:
    try:
        data = extract_json(text)
    except ValueError:
        raise
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errs = exc.errors()
        loc = ".".join(str(p) for p in errs[0].get("loc", ())) or "(top level)"
        raise ValueError(f"{loc}: {errs[0].get('msg', 'invalid')}") from None


def _short(exc: BaseException) -> str:
    return str(exc)[:160]


def _message(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        msg = body.get("message")
        if isinstance(msg, str) and msg:
            return msg
    if isinstance(body, str) and body:
        return body
    return str(getattr(exc, "message", "") or exc)


def _is_quota(exc: Any) -> bool:
    if getattr(exc, "code", None) == "insufficient_quota":
        return True
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        return body.get("code") == "insufficient_quota" or body.get("type") == "insufficient_quota"
    return False


def _root_cause(exc: BaseException) -> str:
    seen: BaseException | None = exc
    last = ""
    depth = 0
    while seen is not None and depth < 10:
        text = str(seen)
        if text and text not in ("Connection error.",):
            last = text
        if isinstance(seen, ConnectionRefusedError):
            return "connection refused"
        seen = seen.__cause__ or seen.__context__
        depth += 1
    return last[:120]


def _garbled(url: str, exc: BaseException) -> EngineError:
    return EngineError(
        f"the server at {url} sent a reply prepcoach could not read (invalid stream chunk: "
        f"{str(exc)[:100]}).",
        hint="Check that OPENAI_BASE_URL points to an OpenAI-compatible /v1 endpoint.",
    )


def _backoff(n: int) -> float:
    base = min(BACKOFF_CAP, BACKOFF_BASE * (2**n))
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
