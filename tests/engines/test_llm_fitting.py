"""The model engine on a small context and with a weak model: the history trimmed to fit
(and said), a prompt that cannot fit named as such, and the offline composer standing in
for an unusable agenda or review message unless fallback is off."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from fakeserver import FakeOpenAI

from prepcoach.engines.base import AgendaTask, ReviewMessageTask
from prepcoach.engines.llm import LLMEngine, facts, notices
from prepcoach.engines.llm.errors import ContextTooLong, UnusableReply
from prepcoach.engines.llm.fitting import REPLY_TOKENS, fit
from prepcoach.services import AgendaRequest, Services
from prepcoach.settings import load_settings
from prepcoach.store import Store

TODAY = dt.date(2026, 11, 25)
AGENDA = {
    "summary": "s",
    "items": [
        {"title": "Opening", "minutes": 5, "kind": "opening", "detail": "", "objective_id": None}
    ],
}


@pytest.fixture(autouse=True)
def _fresh():
    facts.forget()
    notices.NOTES.clear()
    yield
    facts.forget()
    notices.NOTES.clear()


def _svc(sample_dir: Path, **changes: object) -> tuple[Services, LLMEngine]:
    settings = dataclasses.replace(load_settings(data=sample_dir), **changes)
    svc = Services(settings, Store(sample_dir))
    return svc, LLMEngine(settings, svc.llm, lambda: svc.prompts)


_AGENDA_REQ = AgendaRequest(mentor="Priya", questions=["Q one?"], today=TODAY)


def _agenda_task(svc: Services) -> AgendaTask:
    a = svc.agenda_job.setup(_AGENDA_REQ)
    return AgendaTask(inp=a.inp, mentor=a.mentor, objectives=a.objectives, prompt=a.prompt)


def test_history_is_trimmed_to_fit_a_window_the_server_states(llm_env, sample_dir):
    svc, engine = _svc(sample_dir)
    task = _agenda_task(svc)
    assert task.prompt is not None and task.prompt.context["history"]
    full = task.prompt.prompt_tokens
    llm_env.model_meta = {"context_length": full + REPLY_TOKENS["agenda"] - 200}
    llm_env.push(FakeOpenAI.json(AGENDA))
    out = engine.agenda(task)
    sent = llm_env.chat_requests[-1].body
    assert out.agenda.engine == "llm"
    assert len(str(sent["messages"])) < len(str(task.prompt.messages))
    assert any("history trimmed to fit the model's" in n for n in notices.NOTES)
    assert sent["max_tokens"] <= REPLY_TOKENS["agenda"]


def test_a_too_long_error_is_learned_and_the_prompt_sent_again_smaller(llm_env, sample_dir):
    svc, engine = _svc(sample_dir)
    task = _agenda_task(svc)
    assert task.prompt is not None
    limit = task.prompt.prompt_tokens + 400
    llm_env.push(
        FakeOpenAI.too_long(limit, task.prompt.prompt_tokens + 100),
        FakeOpenAI.too_long(limit, task.prompt.prompt_tokens + 100),
        FakeOpenAI.json(AGENDA),
    )
    out = engine.agenda(task)
    assert out.agenda.engine == "llm"
    first, _, third = llm_env.chat_requests
    assert len(str(third.body["messages"])) < len(str(first.body["messages"]))
    assert facts.facts_for(llm_env.url).context_window == limit


def test_a_prompt_that_cannot_fit_names_the_models_limit(llm_env, sample_dir):
    svc, _ = _svc(sample_dir)
    prompt = _agenda_task(svc).prompt
    assert prompt is not None
    with pytest.raises(ContextTooLong) as info:
        fit(prompt, 600, 900, "tiny")
    assert "600 tokens" in info.value.message and "even with no history" in info.value.message


def test_an_unusable_agenda_is_the_engines_failure(llm_env, sample_dir):
    """The engine only says that the reply was unusable; the services decide what stands in."""
    svc, engine = _svc(sample_dir)
    llm_env.push(FakeOpenAI.text("no idea"), FakeOpenAI.text("still none"))
    with pytest.raises(UnusableReply, match="usable agenda"):
        engine.agenda(_agenda_task(svc))
    assert notices.NOTES == []


def test_an_unusable_agenda_falls_back_to_the_offline_composer(llm_env, sample_dir):
    svc, _ = _svc(sample_dir)
    llm_env.push(FakeOpenAI.text("no idea"), FakeOpenAI.text("still none"))
    shown: list[str] = []
    result = svc.agenda(_AGENDA_REQ, on_text=shown.append)
    assert result.agenda.engine == "offline"
    assert any("offline composer" in n and "usable agenda" in n for n in notices.NOTES)
    assert "Offline draft" in "".join(shown)  # the offline agenda is what is shown


def test_without_fallback_an_unusable_agenda_is_an_error(llm_env, sample_dir):
    svc, _ = _svc(sample_dir, fallback=False)
    llm_env.push(FakeOpenAI.text("no idea"), FakeOpenAI.text("still none"))
    with pytest.raises(UnusableReply):
        svc.agenda(_AGENDA_REQ)
    assert notices.NOTES == []


RAMBLING = {"subject": "", "message": "word " * 600}


def test_a_review_message_that_keeps_breaking_rules_falls_back(llm_env, sample_dir):
    svc, engine = _svc(sample_dir)
    plan, [priya] = svc.review_job.mentors("Priya")
    r = svc.review_job.setup(plan, priya, TODAY)
    task = ReviewMessageTask(
        plan=r.plan, mentor=r.mentor, record=r.record, history=r.history, today=TODAY,
        heading="## Priya\n", prompt=r.prompt,
    )  # fmt: skip
    llm_env.default = FakeOpenAI.json(RAMBLING)
    out = engine.review_message(task)  # the engine gives the model's last attempt
    assert out.engine == "llm" and out.rules and out.violations
    assert notices.NOTES == []
    shown: list[str] = []
    [rec] = svc.review("Priya", today=TODAY, on_text=shown.append)
    assert rec.engine == "offline" and rec.violations == []
    assert any("still broke" in n for n in notices.NOTES)
    assert "--- the offline composer's message ---" in "".join(shown)
    assert all(r.body["max_tokens"] == REPLY_TOKENS["review"] for r in llm_env.chat_requests)


def test_without_fallback_the_models_review_message_stays_with_its_violations(llm_env, sample_dir):
    svc, _ = _svc(sample_dir, fallback=False)
    llm_env.default = FakeOpenAI.json(RAMBLING)
    [rec] = svc.review("Priya", today=TODAY)
    assert rec.engine == "llm" and rec.violations
    assert notices.NOTES == []
