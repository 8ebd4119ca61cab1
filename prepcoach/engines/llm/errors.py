"""Failures of a model call in plain words: every openai error becomes an ``EngineError``
that says what happened, where, and what to do. The API key is never part of a message, and
server messages are scrubbed of anything key-like."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any

from prepcoach.engines.base import NothingUsable
from prepcoach.errors import EngineError

if TYPE_CHECKING:
    from prepcoach.engines.llm.client import LLM
    from prepcoach.settings import Settings

_KEYLIKE = re.compile(r"\b(?:sk|pk|rk|key)-[A-Za-z0-9*_\-]{6,}", re.IGNORECASE)


# Words in an error body that say the request's response_format was refused.
FORMAT_WORDS = ("response_format", "json_schema", "schema", "structured output")


class FormatRefused(EngineError):
    """The server rejected the requested response_format (whatever the status)."""


class UnusableReply(NothingUsable):
    """The model answered, twice, with nothing that reads as the reply asked for."""


class ContextTooLong(EngineError):
    """The prompt does not fit the model's context; ``limit`` as the server said it."""

    def __init__(
        self,
        message: str,
        hint: str = "",
        *,
        limit: int | None = None,
        requested: int | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.limit = limit
        self.requested = requested


def about_format(exc: Any) -> bool:
    """Whether a status error's body is about the response_format (json_schema, schema)."""
    low = message_of(exc).lower()
    return any(w in low for w in FORMAT_WORDS) and "context length" not in low


def plain_error(
    client: LLM,
    exc: Any,
    model: str,
    prompt_tokens: int | None,
    attempts: int,
    retry_after: float | None = None,
) -> EngineError:
    from prepcoach.engines.llm.sdk import openai_module

    openai = openai_module()
    url = client.base_url
    server_msg = scrub_secrets(client.settings, message_of(exc))
    tried = f" after {attempts} attempts" if attempts > 1 else ""
    doctor = "Run `prepcoach doctor` to check the setup."
    if isinstance(exc, openai.AuthenticationError):
        return EngineError(
            f"the server at {url} rejected the API key (401 unauthorized). "
            f"The key came from {client.key_source}.",
            hint="Check or replace that key (it is never shown), or use --offline. " + doctor,
        )
    if isinstance(exc, openai.PermissionDeniedError):
        return EngineError(
            f"the API key (from {client.key_source}) is not allowed to use model "
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
            from prepcoach.engines.llm.facts import limit_in, requested_in

            limit = limit_in(server_msg)
            counts = f"{prompt_tokens:,} prompt tokens" if prompt_tokens else "the prompt"
            if limit:
                counts += f" vs the model's limit of {limit:,} tokens"
            return ContextTooLong(
                f'the prompt is too long for model "{model}" ({counts}).',
                hint="Lower history_budget in config.toml (now "
                f"{client.settings.history_token_budget} tokens), or use a model with a "
                "larger context.",
                limit=limit,
                requested=requested_in(server_msg),
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
        if is_quota(exc):
            return EngineError(
                f"the account behind the API key (from {client.key_source}) has no quota "
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
            f"no reply from {url} within {client.settings.timeout:g} s (timeout).",
            hint="Raise `timeout` in config.toml or PREPCOACH_TIMEOUT, try a smaller model, "
            "or use --offline.",
        )
    if isinstance(exc, openai.APIConnectionError):
        cause = root_cause(exc)
        src = client.settings.sources.get("base_url", "default")
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


def scrub_secrets(settings: Settings, text: str) -> str:
    key = settings.api_key
    if key:
        text = text.replace(key, "[key]")
    text = _KEYLIKE.sub("[key]", text)
    return text[:300]


def retry_after_seconds(exc: Any) -> float | None:
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


def short(exc: BaseException) -> str:
    return str(exc)[:160]


def message_of(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        msg = body.get("message")
        if isinstance(msg, str) and msg:
            return msg
    if isinstance(body, str) and body:
        return body
    return str(getattr(exc, "message", "") or exc)


def is_quota(exc: Any) -> bool:
    if getattr(exc, "code", None) == "insufficient_quota":
        return True
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        return body.get("code") == "insufficient_quota" or body.get("type") == "insufficient_quota"
    return False


def root_cause(exc: BaseException) -> str:
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


def garbled(url: str, exc: BaseException) -> EngineError:
    return EngineError(
        f"the server at {url} sent a reply prepcoach could not read (invalid stream chunk: "
        f"{str(exc)[:100]}).",
        hint="Check that OPENAI_BASE_URL points to an OpenAI-compatible /v1 endpoint.",
    )
