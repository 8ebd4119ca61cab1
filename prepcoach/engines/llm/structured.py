"""Structured output on every common server: the reply asked for in the first mode of
``facts.MODES`` the server takes, a refusal (whatever its status) moving it on to the next
at once; in plain-text mode the schema is spelled out in the prompt and the JSON read from
the reply (bare, fenced or inside prose)."""

from __future__ import annotations

import dataclasses
import json
import threading
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from prepcoach.engines.llm.errors import FormatRefused, UnusableReply, short
from prepcoach.engines.llm.replies import strict_schema, validate_reply

if TYPE_CHECKING:
    from prepcoach.engines.llm.client import LLM, ChatResult, TextSink

R = TypeVar("R", bound=BaseModel)


def chat_json(
    llm: LLM,
    messages: list[dict[str, str]],
    reply_model: type[R],
    *,
    name: str,
    model: str | None = None,
    on_text: TextSink | None = None,
    cancel: threading.Event | None = None,
    prompt_tokens: int | None = None,
    max_tokens: int | None = None,
) -> tuple[R, ChatResult]:
    """A reply validated into ``reply_model``, with the structured-output fallbacks."""
    schema = strict_schema(reply_model)
    while True:
        mode = llm.facts.mode
        sent = with_schema(messages, schema) if mode == "text" else messages
        try:
            result = llm.chat(
                sent,
                response_format=response_format(mode, name, schema),
                prompt_tokens=prompt_tokens,
                model=model,
                on_text=on_text,
                cancel=cancel,
                max_tokens=max_tokens,
            )
        except FormatRefused:
            if mode == "text":  # pragma: no cover - no response_format is sent
                raise
            llm.facts.mode_index += 1
            continue
        result.mode = mode
        break
    try:
        return validate_reply(reply_model, result.text), result
    except ValueError as first_error:
        # One more try, telling the model what was wrong (a reply cut off or off-schema).
        retry = [
            *sent,
            {"role": "assistant", "content": result.text[:4000]},
            {
                "role": "user",
                "content": "That reply was not valid JSON in the required shape "
                f"({short(first_error)}). Reply again with the JSON object only.",
            },
        ]
        fmt = response_format(mode, name, schema)
        again = llm.chat(
            retry,
            response_format=fmt,
            model=model,
            on_text=on_text,
            cancel=cancel,
            max_tokens=max_tokens,
        )
        again.mode = result.mode
        try:
            return validate_reply(reply_model, again.text), again
        except ValueError as exc:
            raise UnusableReply(
                f"the model {again.model} did not return a usable {name} ({short(exc)}).",
                hint="Try again, try another model with --model, or use --offline.",
            ) from None


def probe_structured(llm: LLM, timeout: float = 30.0) -> str:
    """The structured-output mode the server takes, learned with a tiny request per mode
    (for `doctor`): the first mode that is not refused."""

    class Probe(BaseModel):
        ok: bool

    schema = strict_schema(Probe)
    msgs = [{"role": "user", "content": 'Reply with the JSON object {"ok": true}.'}]
    saved = llm.settings
    quick = min(timeout, saved.timeout)
    llm.settings = dataclasses.replace(
        saved, timeout=quick, first_token_timeout=quick, max_retries=0
    )
    try:
        while llm.facts.mode != "text":
            fmt = response_format(llm.facts.mode, "probe", schema)
            try:
                llm.chat(msgs, response_format=fmt, max_tokens=8)
            except FormatRefused:
                llm.facts.mode_index += 1
                continue
            break
    finally:
        llm.settings = saved
    return llm.facts.mode


def response_format(mode: str, name: str, schema: dict[str, Any]) -> dict[str, Any] | None:
    """The ``response_format`` field for ``mode`` (None: plain text)."""
    if mode == "json_schema":
        spec = {"name": name, "schema": schema, "strict": True}
        return {"type": "json_schema", "json_schema": spec}
    if mode == "json_object_schema":
        return {"type": "json_object", "schema": schema}
    if mode == "json_object":
        return {"type": "json_object"}
    return None


def with_schema(messages: list[dict[str, str]], schema: dict[str, Any]) -> list[dict[str, str]]:
    """``messages`` with the JSON schema spelled out in the last user message (for a server
    with no structured output at all)."""
    note = "\n\nReply with one JSON object only, matching this JSON schema:\n" + json.dumps(
        schema, separators=(",", ":")
    )
    out = [dict(m) for m in messages]
    for m in reversed(out):
        if m.get("role") == "user":
            m["content"] = m["content"] + note
            return out
    return [*out, {"role": "user", "content": note.strip()}]
