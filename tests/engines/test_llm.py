"""The LLM engine against a real loopback OpenAI-compatible server."""

from __future__ import annotations

import dataclasses
import json
import socket
import threading
import time

import pytest
from fakeserver import KEY, FakeOpenAI
from pydantic import BaseModel

from prepcoach.engines.llm import LLM, extract_json, strict_schema
from prepcoach.errors import Cancelled, EngineError

MSG = [{"role": "system", "content": "sys"}, {"role": "user", "content": "hello"}]


class Reply(BaseModel):
    subject: str
    message: str


def test_streams_chunks_in_order(settings, server):
    server.push(FakeOpenAI.text("The quick brown fox jumps over the lazy dog.", chunk=5))
    got: list[str] = []
    res = LLM(settings).chat(MSG, on_text=got.append)
    assert len(got) > 3
    assert "".join(got) == res.text == "The quick brown fox jumps over the lazy dog."
    req = server.chat_requests[0]
    assert req.body["stream"] is True
    assert req.body["messages"] == MSG
    assert req.body["model"] == settings.model
    assert req.headers["authorization"] == f"Bearer {KEY}"
    assert res.prompt_tokens == 100  # usage from the final chunk


def test_structured_output_is_requested_strict_and_validated(settings, server):
    server.push(FakeOpenAI.json({"subject": "Hi", "message": "Body"}))
    reply, res = LLM(settings).chat_json(MSG, Reply, name="msg")
    assert reply == Reply(subject="Hi", message="Body")
    assert res.mode == "json_schema"
    fmt = server.chat_requests[0].body["response_format"]
    assert fmt["type"] == "json_schema"
    js = fmt["json_schema"]
    assert js["name"] == "msg" and js["strict"] is True
    assert js["schema"]["additionalProperties"] is False
    assert set(js["schema"]["required"]) == {"subject", "message"}


def test_falls_back_when_structured_output_is_refused(settings, server):
    server.refuse_formats = {"json_schema"}
    server.push(FakeOpenAI.json({"subject": "A", "message": "B"}))
    engine = LLM(settings)
    reply, res = engine.chat_json(MSG, Reply, name="msg")
    assert reply.subject == "A" and res.mode == "json_object_schema"
    formats = [r.body.get("response_format") or {} for r in server.chat_requests]
    assert [f.get("type") for f in formats] == ["json_schema", "json_object"]
    assert formats[1]["schema"]["required"] == ["subject", "message"]
    # remembered: the next call goes straight to JSON mode
    server.push(FakeOpenAI.json({"subject": "C", "message": "D"}))
    engine.chat_json(MSG, Reply, name="msg")
    assert server.chat_requests[-1].body["response_format"]["type"] == "json_object"
    assert "schema" in server.chat_requests[-1].body["response_format"]


def test_falls_back_to_plain_text_and_extracts_the_json(settings, server):
    server.refuse_formats = {"json_schema", "json_object"}
    server.push(
        FakeOpenAI.text('Sure! Here it is:\n```json\n{"subject": "S", "message": "M"}\n```\n')
    )
    reply, res = LLM(settings).chat_json(MSG, Reply, name="msg")
    assert (reply.subject, reply.message) == ("S", "M")
    assert res.mode == "text"
    assert "response_format" not in server.chat_requests[-1].body


def test_off_schema_reply_is_asked_again_once(settings, server):
    server.push(
        FakeOpenAI.text("not json at all"), FakeOpenAI.json({"subject": "x", "message": "y"})
    )
    reply, _ = LLM(settings).chat_json(MSG, Reply, name="msg")
    assert reply.subject == "x"
    second = server.chat_requests[1].body["messages"]
    assert second[-2] == {"role": "assistant", "content": "not json at all"}
    assert "not valid JSON" in second[-1]["content"]


def test_off_schema_twice_is_a_plain_error(settings, server):
    server.push(FakeOpenAI.json({"subject": "x"}), FakeOpenAI.json({"nope": 1}))
    with pytest.raises(EngineError) as err:
        LLM(settings).chat_json(MSG, Reply, name="review message")
    assert "did not return a usable review message" in err.value.message


# ------------------------------------------------------------------ errors


def _fails(settings, server, *replies, **kw) -> EngineError:
    server.push(*replies)
    with pytest.raises(EngineError) as err:
        LLM(settings).chat(MSG, **kw)
    assert KEY not in str(err.value)
    return err.value


def test_401_says_where_the_key_came_from_never_the_key(settings, server):
    e = _fails(
        settings,
        server,
        FakeOpenAI.error(401, f"Incorrect API key provided: {KEY}.", code="invalid_api_key"),
    )
    assert "401" in e.message and "env OPENAI_API_KEY" in e.message
    assert len(server.chat_requests) == 1  # not retried


def test_403_forbidden(settings, server):
    e = _fails(settings, server, FakeOpenAI.error(403, "forbidden"))
    assert "403" in e.message and "not allowed" in e.message


def test_unknown_model_is_named_with_doctor_hint(settings, server):
    e = _fails(
        settings,
        server,
        FakeOpenAI.error(404, "The model `gpt-4o-mini` does not exist", code="model_not_found"),
    )
    assert f'no model "{settings.model}"' in e.message and "prepcoach doctor" in e.hint


def test_context_too_long_gives_the_counts(settings, server):
    e = _fails(
        settings,
        server,
        FakeOpenAI.error(
            400,
            "This model's maximum context length is 128000 tokens. However, your messages "
            "resulted in 130512 tokens.",
            code="context_length_exceeded",
        ),
        prompt_tokens=130512,
    )
    assert "too long" in e.message and "130,512" in e.message and "128,000" in e.message
    assert "history_budget" in e.hint


def test_429_then_success_is_retried_honouring_retry_after(settings, server):
    waits: list[float] = []
    engine = LLM(settings, sleep=lambda s, c: waits.append(s) or False)
    server.push(
        FakeOpenAI.error(
            429,
            "Rate limit reached",
            code="rate_limit_exceeded",
            type="requests",
            headers={"Retry-After": "0.25"},
        ),
        FakeOpenAI.error(503, "overloaded"),
        FakeOpenAI.text("finally"),
    )
    res = engine.chat(MSG)
    assert res.text == "finally" and res.http_attempts == 3
    assert len(server.chat_requests) == 3
    assert waits[0] == pytest.approx(0.25)  # Retry-After honoured
    assert 0 < waits[1] < 1  # exponential backoff with jitter


def test_insufficient_quota_is_not_retried(settings, server):
    e = _fails(
        settings,
        server,
        FakeOpenAI.error(
            429,
            "You exceeded your current quota",
            code="insufficient_quota",
            type="insufficient_quota",
        ),
    )
    assert "no quota left" in e.message and "retrying will not help" in e.hint
    assert len(server.chat_requests) == 1


def test_500s_are_retried_then_reported(settings, server):
    settings = dataclasses.replace(settings, max_retries=2)
    e = _fails(settings, server, *[FakeOpenAI.error(500, "boom")] * 3)
    assert "internal error (500) after 3 attempts" in e.message
    assert len(server.chat_requests) == 3


def test_long_retry_after_is_reported_not_waited(settings, server):
    e = _fails(
        settings, server, FakeOpenAI.error(429, "slow down", headers={"Retry-After": "3600"})
    )
    assert "asks to wait 3600 s" in e.message
    assert len(server.chat_requests) == 1


def test_slow_server_times_out(settings, server):
    settings = dataclasses.replace(settings, timeout=0.5)
    t0 = time.monotonic()
    e = _fails(settings, server, FakeOpenAI.slow(5))
    assert "within 0.5 s (timeout)" in e.message and "PREPCOACH_TIMEOUT" in e.hint
    assert time.monotonic() - t0 < 3
    assert len(server.chat_requests) == 1  # timeouts are not retried


def test_garbled_stream(settings, server):
    e = _fails(settings, server, FakeOpenAI.garbled("partial "))
    assert "could not read" in e.message and "invalid stream chunk" in e.message


def test_connection_refused_names_the_url(settings):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = dataclasses.replace(settings, base_url=f"http://127.0.0.1:{port}/v1", max_retries=1)
    with pytest.raises(EngineError) as err:
        LLM(settings).chat(MSG)
    msg = err.value.message
    assert f"http://127.0.0.1:{port}/v1" in msg and "connection refused" in msg
    assert "after 2 attempts" in msg


def test_server_message_is_scrubbed_of_key_like_text(settings, server):
    e = _fails(settings, server, FakeOpenAI.error(400, f"bad thing near {KEY} and sk-abcdef123456"))
    assert "sk-abcdef123456" not in e.message and "[key]" in e.message


def test_server_without_stream_options_is_asked_again_without(settings, server):
    server.push(
        FakeOpenAI.error(400, "Unrecognized request argument supplied: stream_options"),
        FakeOpenAI.text("ok"),
    )
    assert LLM(settings).chat(MSG).text == "ok"
    assert "stream_options" in server.chat_requests[0].body
    assert "stream_options" not in server.chat_requests[1].body


# ------------------------------------------------------------------ cancel


def test_cancel_while_the_server_is_silent_is_immediate(settings, server):
    server.push(FakeOpenAI.hang_after("first words ", 10))
    cancel = threading.Event()
    got: list[str] = []

    def on_text(t: str) -> None:
        got.append(t)
        threading.Timer(0.2, cancel.set).start()

    t0 = time.monotonic()
    with pytest.raises(Cancelled):
        LLM(settings).chat(MSG, on_text=on_text, cancel=cancel)
    assert got == ["first words "]
    assert time.monotonic() - t0 < 2


def test_cancel_mid_stream_closes_the_connection_at_once(settings, server):
    """The reader thread is blocked on a silent server: the cancel shuts the socket from the
    cancelling side, so the call returns and the server sees the connection go."""
    server.push(FakeOpenAI.hang_after("first words ", 10))
    cancel = threading.Event()

    def on_text(t: str) -> None:
        threading.Timer(0.2, cancel.set).start()

    t0 = time.monotonic()
    with pytest.raises(Cancelled):
        LLM(settings).chat(MSG, on_text=on_text, cancel=cancel)
    assert time.monotonic() - t0 < 1.0
    assert server.hung_up.wait(1.0), "the server still holds the connection"
    assert time.monotonic() - t0 < 1.5
    threads = [t for t in threading.enumerate() if t.name == "prepcoach-llm-stream"]
    for t in threads:
        t.join(1.0)
    assert not any(t.is_alive() for t in threads), "the reader thread is still blocked"


def test_an_idle_timeout_closes_the_connection_too(settings, server):
    server.push(FakeOpenAI.hang_after("first words ", 10))
    quick = dataclasses.replace(settings, idle_timeout=0.3)
    with pytest.raises(EngineError, match="idle_timeout"):
        LLM(quick).chat(MSG)
    assert server.hung_up.wait(1.0)


def test_a_finished_stream_is_not_cut(settings, server):
    server.push(FakeOpenAI.text("all of it"), FakeOpenAI.text("and again"))
    llm = LLM(settings)
    assert llm.chat(MSG).text == "all of it"
    assert llm.chat(MSG).text == "and again"  # the pooled connection still serves
    assert not server.hung_up.is_set()


def test_cancel_during_backoff(settings, server):
    cancel = threading.Event()
    server.push(FakeOpenAI.error(500, "x"), FakeOpenAI.text("never"))
    engine = LLM(settings, sleep=lambda s, c: (cancel.set(), True)[1])
    with pytest.raises(Cancelled):
        engine.chat(MSG, cancel=cancel)
    assert len(server.chat_requests) == 1


# ------------------------------------------------------------------ helpers


def test_list_models(settings, server):
    assert LLM(settings).list_models() == sorted(server.models)


def test_extract_json_variants():
    assert extract_json('{"a": 1}') == {"a": 1}
    assert extract_json('blah {"a": {"b": 2}} trailing') == {"a": {"b": 2}}
    assert extract_json('```\n{"a": 3}\n```') == {"a": 3}
    with pytest.raises(ValueError):
        extract_json("no json")


def test_strict_schema_has_no_defaults_and_all_required():
    from prepcoach.engines.llm import AgendaReply

    schema = strict_schema(AgendaReply)
    text = json.dumps(schema)
    assert '"default"' not in text
    item = schema["$defs"]["AgendaItemReply"]
    assert set(item["required"]) == set(item["properties"])
    assert item["additionalProperties"] is False
