"""Both engines implement ``prepcoach.engines.base.Engine`` and give the same result types
for the same task (the offline composer, and a model behind the loopback server)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fakeserver import FakeOpenAI

from prepcoach.engines.base import (
    AgendaOutput,
    AgendaTask,
    Engine,
    Live,
    OutreachOutput,
    OutreachTask,
    ReviewMessageOutput,
    ReviewMessageTask,
)
from prepcoach.engines.llm import LLMEngine
from prepcoach.engines.offline_engine import OfflineEngine
from prepcoach.models import Agenda, OutreachDraft
from prepcoach.services import AgendaRequest, OutreachRequest, Services
from prepcoach.settings import load_settings
from prepcoach.store import Store

TODAY = dt.date(2026, 11, 25)
AGENDA_REPLY = {
    "summary": "Hand-offs before the term ends.",
    "items": [
        {"title": "Opening", "minutes": 5, "kind": "opening", "detail": "", "objective_id": None},
        {
            "title": "The budget",
            "minutes": 30,
            "kind": "question",
            "detail": "",
            "objective_id": None,
        },
        {"title": "Close", "minutes": 10, "kind": "close", "detail": "", "objective_id": None},
    ],
}
OUTREACH_REPLY = "Subject: A question on budget reviews\n\nHi Elena,\n\nCould we talk?\n\nDana"


def engines(sample_dir: Path) -> tuple[Services, list[Engine]]:
    svc = Services(load_settings(data=sample_dir), Store(sample_dir))
    llm = LLMEngine(svc.settings, svc.llm, lambda: svc.prompts)
    return svc, [OfflineEngine(), llm]


def test_both_engines_satisfy_the_protocol(llm_env: FakeOpenAI, sample_dir: Path) -> None:
    svc, both = engines(sample_dir)
    assert all(isinstance(e, Engine) for e in both)
    assert [(e.name, e.needs_prompt) for e in both] == [("offline", False), ("llm", True)]
    assert svc.use_llm and svc.engine().name == "llm"
    offline_svc = Services(load_settings(data=sample_dir, offline=True), Store(sample_dir))
    assert isinstance(offline_svc.engine(), OfflineEngine)


def test_both_engines_give_the_same_result_types(llm_env: FakeOpenAI, sample_dir: Path) -> None:
    svc, both = engines(sample_dir)
    a = svc.agenda_job.setup(AgendaRequest(mentor="Priya", questions=["Q?"], today=TODAY))
    agenda_task = AgendaTask(inp=a.inp, mentor=a.mentor, objectives=a.objectives, prompt=a.prompt)
    o = svc.outreach_job.setup(OutreachRequest(to="Elena Sorensen", ask="VP or CTO", today=TODAY))
    outreach_task = OutreachTask(inp=o.inp, kind="first-request", channel="email", prompt=o.prompt)
    plan, [priya] = svc.review_job.mentors("Priya")
    r = svc.review_job.setup(plan, priya, TODAY)
    review_task = ReviewMessageTask(
        plan=r.plan,
        mentor=r.mentor,
        record=r.record,
        history=r.history,
        today=TODAY,
        heading="## Priya\n",
        prompt=r.prompt,
    )
    review_reply = {"subject": "Thank you for these months", "message": "Hi Priya, thanks."}
    # a draft and at most two repairs each, in call order: agenda, review, outreach
    llm_env.push(
        FakeOpenAI.json(AGENDA_REPLY),
        *[FakeOpenAI.json(review_reply)] * 3,
        *[FakeOpenAI.text(OUTREACH_REPLY)] * 3,
    )
    llm_env.default = FakeOpenAI.text(OUTREACH_REPLY)
    for engine in both:
        streamed: list[str] = []
        live = Live(on_text=streamed.append)
        agenda = engine.agenda(agenda_task, live)
        assert isinstance(agenda, AgendaOutput) and isinstance(agenda.agenda, Agenda)
        assert agenda.agenda.engine == engine.name and agenda.agenda.mentor == "priya-raman"
        message = engine.review_message(review_task, live)
        assert isinstance(message, ReviewMessageOutput) and message.engine == engine.name
        assert message.text.startswith("Subject: ")
        assert all(isinstance(v, str) for v in message.violations)
        outreach = engine.outreach(outreach_task, live)
        assert isinstance(outreach, OutreachOutput) and isinstance(outreach.draft, OutreachDraft)
        assert outreach.draft.engine == engine.name and outreach.attempts >= 1
        assert outreach.draft.to == "Elena Sorensen"
        assert "## Priya\n" in "".join(streamed)
