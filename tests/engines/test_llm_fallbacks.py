"""Each fallback of the LLM client against the loopback server: structured-output modes,
reply caps, the empty stream of a too-long prompt, context windows, <think> blocks and the
stream clocks."""

from __future__ import annotations

import dataclasses
import json
import time

import pytest
from fakeserver import FakeOpenAI
from pydantic import BaseModel

from prepcoach.engines.llm import LLM, facts
from prepcoach.engines.llm.errors import ContextTooLong, UnusableReply
from prepcoach.engines.llm.replies import AgendaItemReply, extract_json
from prepcoach.engines.llm.transport import StreamTimeout

MSG = [{"role": "system", "content": "sys"}, {"role": "user", "content": "hello"}]
# llama-cpp-python's 500 for a json_schema response_format (a pydantic validation error)
LLAMA_500 = (
    "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', "
    "'type'), 'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema'}"
)


class Reply(BaseModel):
    subject: str
    message: str


@pytest.fixture(autouse=True)
def _fresh_facts():
    facts.forget()
    yield
    facts.forget()


def _formats(server: FakeOpenAI) -> list[dict]:
    return [r.body.get("response_format") or {} for r in server.chat_requests]


def test_a_500_about_json_schema_moves_on_at_once_without_retries(settings, server):
    server.refuse_formats, server.refuse_status = {"json_schema"}, 500
    server.push(FakeOpenAI.json({"subject": "A", "message": "B"}))
    reply, res = LLM(settings).chat_json(MSG, Reply, name="msg")
    assert reply.subject == "A" and res.mode == "json_object_schema"
    # one refused request, then the schema as llama-cpp-python takes it; no retry spent
    assert [f.get("type") for f in _formats(server)] == ["json_schema", "json_object"]
    assert _formats(server)[1]["schema"]["required"] == ["subject", "message"]


def test_the_mode_is_learned_once_per_server(settings, server):
    server.refuse_formats, server.refuse_status = {"json_schema"}, 422
    server.push(*[FakeOpenAI.json({"subject": "A", "message": "B"})] * 2)
    LLM(settings).chat_json(MSG, Reply, name="msg")
    LLM(settings).chat_json(MSG, Reply, name="msg")  # another client, same URL
    types = [f.get("type") for f in _formats(server)]
    assert types == ["json_schema", "json_object", "json_object"]
    assert LLM(settings).structured_mode == "json_object_schema"


def test_plain_text_mode_puts_the_schema_in_the_prompt_and_reads_a_fence(settings, server):
    server.refuse_formats = {"json_schema", "json_object"}
    fenced = 'Sure! Here it is:\n```json\n{"subject": "S", "message": "M"}\n```\nEnjoy.'
    server.push(FakeOpenAI.text(fenced))
    reply, res = LLM(settings).chat_json(MSG, Reply, name="msg")
    assert (reply.subject, res.mode) == ("S", "text")
    last = server.chat_requests[-1].body
    assert "response_format" not in last
    assert '"required":["subject","message"]' in last["messages"][-1]["content"]
    # json_schema, json_object + schema, json_object, then text
    assert len(server.chat_requests) == 4


def test_a_500_not_about_the_format_is_still_retried(settings, server):
    server.push(
        FakeOpenAI.error(500, "out of memory", type="server_error"),
        FakeOpenAI.json({"subject": "A", "message": "B"}),
    )
    reply, res = LLM(settings).chat_json(MSG, Reply, name="msg")
    assert reply.subject == "A" and res.http_attempts == 2 and res.mode == "json_schema"


def test_every_request_caps_the_reply_with_max_tokens(settings, server):
    server.push(FakeOpenAI.text("hi"), FakeOpenAI.json({"subject": "A", "message": "B"}))
    LLM(settings).chat(MSG, max_tokens=400)
    LLM(settings).chat_json(MSG, Reply, name="msg", max_tokens=600)
    caps = [
        (r.body.get("max_tokens"), "max_completion_tokens" in r.body) for r in server.chat_requests
    ]
    assert caps == [(400, False), (600, False)]


def test_grammar_output_with_raw_newlines_parses():
    text = '{ "summary": "2026-11-30 (45 min)\nMarcus helps\n", "items": [] }'
    with pytest.raises(ValueError):
        json.loads(text)
    assert extract_json(text)["summary"].startswith("2026-11-30")


def test_absurd_minutes_are_no_time_box():
    item = AgendaItemReply.model_validate(
        {
            "title": "T",
            "minutes": 2018349756,
            "kind": "question",
            "detail": "",
            "objective_id": None,
        }
    )
    assert item.minutes == 0


def test_an_empty_stream_is_asked_again_unstreamed_and_names_the_limit(settings, server):
    server.push(FakeOpenAI.too_long(2048, 3139), FakeOpenAI.too_long(2048, 3139))
    llm = LLM(settings)
    with pytest.raises(ContextTooLong) as info:
        llm.chat(MSG, prompt_tokens=2800)
    assert info.value.limit == 2048 and info.value.requested == 3139
    assert "2,048" in info.value.message and "no streamed reply" not in info.value.message
    assert [r.body.get("stream") for r in server.chat_requests] == [True, None]


def test_an_empty_stream_that_answers_unstreamed_gives_that_answer(settings, server):
    def empty(h, body):
        h.send_response(200)
        h.send_header("Content-Type", "text/event-stream")
        h.end_headers()

    server.push(empty, FakeOpenAI.text("the whole reply"))
    got: list[str] = []
    res = LLM(settings).chat(MSG, on_text=got.append)
    assert res.text == "the whole reply" == "".join(got)


def test_the_context_window_is_read_from_the_models_listing(settings, server):
    server.model_meta = {"meta": {"n_ctx_train": 8192, "n_vocab": 49152}}
    llm = LLM(settings)
    assert llm.context_window() == 8192
    assert llm.facts.context_source == "/v1/models"
    n = len(server.requests)
    assert LLM(settings).context_window() == 8192 and len(server.requests) == n  # asked once


def test_an_unknown_context_window_is_learned_from_the_error(settings, server):
    assert LLM(settings).context_window() is None
    server.push(FakeOpenAI.too_long(2048, 2500), FakeOpenAI.too_long(2048, 2500))
    llm = LLM(settings)
    with pytest.raises(ContextTooLong) as info:
        llm.chat(MSG)
    llm.learn_context(info.value)
    assert LLM(settings).context_window() == 2048


def test_think_blocks_are_dropped_from_the_text_and_the_stream(settings, server):
    reply = (
        '<think>They want JSON. Let me think about "subject".</think>\n'
        '{"subject": "S", "message": "M"}'
    )
    server.push(FakeOpenAI.text(reply, chunk=3))
    shown: list[str] = []
    parsed, res = LLM(settings).chat_json(MSG, Reply, name="msg", on_text=shown.append)
    assert parsed.subject == "S"
    assert "think" not in res.text and "think" not in "".join(shown)
    assert "".join(shown).startswith('{"subject"')


def test_nothing_usable_twice_is_an_unusable_reply(settings, server):
    server.push(FakeOpenAI.text("I cannot do that."), FakeOpenAI.text("Still no JSON."))
    with pytest.raises(UnusableReply) as info:
        LLM(settings).chat_json(MSG, Reply, name="msg")
    assert "did not return a usable msg" in info.value.message


def test_the_first_token_has_its_own_clock(settings, server):
    quick = dataclasses.replace(settings, first_token_timeout=0.5, timeout=30)
    server.push(FakeOpenAI.slow(5))
    waits: list[float] = []
    t0 = time.monotonic()
    with pytest.raises(StreamTimeout) as info:
        LLM(quick, on_wait=waits.append).chat(MSG)
    assert time.monotonic() - t0 < 4
    assert "first token" in info.value.message and "first_token_timeout" in info.value.message


def test_a_stalled_stream_hits_the_idle_clock_not_the_first_token_one(settings, server):
    quick = dataclasses.replace(settings, first_token_timeout=30, idle_timeout=0.5, timeout=30)
    server.push(FakeOpenAI.hang_after("Hello", 5))
    got: list[str] = []
    with pytest.raises(StreamTimeout) as info:
        LLM(quick).chat(MSG, on_text=got.append)
    assert got == ["Hello"] and "idle_timeout" in info.value.message


def test_waiting_for_the_first_token_is_reported(settings, server):
    server.push(FakeOpenAI.slow(1.3, FakeOpenAI.text("late reply")))
    waits: list[float] = []
    res = LLM(settings, on_wait=waits.append).chat(MSG)
    assert res.text == "late reply"
    assert waits and waits[0] >= 1.0 and waits[-1] == -1.0
