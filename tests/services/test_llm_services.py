"""Services on the LLM path, against the loopback server, with the sample data."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest
from fakeserver import KEY, FakeOpenAI

from prepcoach.errors import Cancelled
from prepcoach.lint import lint_outreach, split_subject
from prepcoach.redact import Redactor
from prepcoach.services import AgendaRequest, OutreachRequest, Services
from prepcoach.settings import load_settings
from prepcoach.store import Store

TODAY = dt.date(2026, 11, 25)
QUESTIONS = [
    "How do I hand the budget process to my new finance partner?",
    "Should the migration have its own steering group?",
]

GOOD = """Subject: Question on choosing VP or CTO

Hi Elena,

Nadia Farouk suggested I write to you. I lead platform engineering at Lumen Freight.

Could we have a 20-minute call about how you chose between a VP Eng role and a CTO role?

If now isn't a good time, no worries at all.

Thanks,
Dana"""
BAD = GOOD.replace("Could we have", "You would be a great mentor. Could we have")


def services(sample_dir: Path, **kw) -> Services:
    settings = load_settings(data=sample_dir, **kw)
    return Services(settings, Store(sample_dir))


def model_agenda(questions: list[str]) -> dict:
    """A model reply with bad arithmetic (sums to 100) and only the first question."""
    return {
        "summary": "Hand-offs before the term ends.",
        "items": [
            {
                "title": "Opening",
                "minutes": 5,
                "kind": "opening",
                "detail": "",
                "objective_id": None,
            },
            {
                "title": questions[0],
                "minutes": 60,
                "kind": "question",
                "detail": "",
                "objective_id": "fy27-budget",
            },
            {
                "title": "Wins",
                "minutes": 25,
                "kind": "win",
                "detail": "Budget accepted",
                "objective_id": "no-such-objective",
            },
            {"title": "Close", "minutes": 10, "kind": "close", "detail": "", "objective_id": None},
        ],
    }


def test_agenda_structured_output_validated_and_normalised(llm_env, sample_dir):
    llm_env.push(FakeOpenAI.json(model_agenda(QUESTIONS), chunk=11))
    svc = services(sample_dir)
    lines: list[str] = []
    req = AgendaRequest(mentor="Priya", questions=QUESTIONS, minutes=45, today=TODAY)
    res = svc.agenda(req, on_text=lines.append)
    a = res.agenda
    assert a.engine == "llm" and a.model == svc.settings.model
    assert a.total() == 45 and a.minutes == 45
    text = json.dumps(a.model_dump(mode="json"))
    for q in QUESTIONS:  # the one the model dropped was put back
        assert q in text
    assert all(i.objective_id != "no-such-objective" for i in a.items)
    assert res.structured_mode == "json_schema"
    assert res.usage is not None and res.usage.prompt_tokens > 0
    # streamed as readable lines, one per item, not raw JSON
    assert lines and all(line.startswith("- ") for line in lines)
    assert '{"' not in "".join(lines)
    body = llm_env.chat_requests[0].body
    assert body["response_format"]["type"] == "json_schema"
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert QUESTIONS[1] in body["messages"][1]["content"]

    session = svc.save_session(req, res)
    stored = Store(sample_dir).load_session(session.id)
    assert stored.engine == "llm" and stored.model == svc.settings.model
    assert stored.tokens is not None and stored.tokens.prompt_tokens == res.usage.prompt_tokens
    assert stored.agenda == a
    assert [q.text for q in stored.questions] == QUESTIONS
    assert stored.date == dt.date(2026, 12, 1)  # Priya's next meeting


def test_agenda_falls_back_without_structured_output(llm_env, sample_dir):
    llm_env.refuse_formats = {"json_schema", "json_object"}
    reply = "Here is the agenda:\n" + json.dumps(model_agenda(QUESTIONS))
    llm_env.push(FakeOpenAI.text(reply))
    res = services(sample_dir).agenda(
        AgendaRequest(mentor="priya-raman", questions=QUESTIONS, minutes=30, today=TODAY)
    )
    assert res.agenda.total() == 30 and res.structured_mode == "text"
    assert len(llm_env.chat_requests) == 4  # json_schema, json_object + schema, json_object, text


def test_redact_keeps_known_names_off_the_wire_and_restores_them(llm_env, sample_dir):
    svc = services(sample_dir, redact=True)
    plan = svc.plan()
    placeholders = {v: k for k, v in Redactor.from_plan(plan).placeholders().items()}
    priya = placeholders["Priya Raman"]
    reply = model_agenda([f"Ask {priya} about {placeholders['Kestrel Logistics']}"])
    llm_env.push(FakeOpenAI.json(reply, chunk=3))  # tiny chunks split placeholders
    lines: list[str] = []
    res = svc.agenda(
        AgendaRequest(
            mentor="Priya",
            questions=["Should I tell Rob Castellano about the Kestrel Logistics risk?"],
            accomplishments=["Aisha Mensah signed up as sponsor"],
            minutes=45,
            today=TODAY,
        ),
        on_text=lines.append,
    )
    sent = llm_env.chat_requests[0].text
    assert sent and "[PERSON_" in sent
    known = [
        "Priya",
        "Raman",
        "Dana",
        "Whitfield",
        "Lumen Freight",
        "Rob",
        "Castellano",
        "Tomás",
        "Aisha",
        "Mensah",
        "Kestrel",
        "dana.whitfield@",
    ]
    for name in known:
        assert name not in sent, name
    out = json.dumps(res.agenda.model_dump(mode="json"), ensure_ascii=False)
    assert "Ask Priya Raman about Kestrel Logistics" in out
    assert "[PERSON_" not in out and "[NAME_" not in out
    assert any("Priya Raman" in line for line in lines)


def test_preview_sends_nothing(llm_env, sample_dir):
    svc = services(sample_dir)
    p = svc.preview_agenda(AgendaRequest(mentor="Marcus", questions=QUESTIONS, today=TODAY))
    assert p.engine == "llm" and p.prompt_tokens > 100 and p.tokens_exact
    assert p.estimated_cost_usd is not None and p.estimated_cost_usd > 0
    assert QUESTIONS[0] in p.messages[1]["content"]
    svc.preview_outreach(OutreachRequest(to="Elena Sorensen", ask="VP vs CTO", today=TODAY))
    svc.preview_review(today=TODAY)
    assert llm_env.requests == []


def test_outreach_draft_saying_mentor_is_repaired_on_attempt_2(llm_env, sample_dir):
    s, b = split_subject(GOOD)
    assert lint_outreach(b, channel="email", kind="first-request", subject=s) == []
    llm_env.push(FakeOpenAI.text(BAD), FakeOpenAI.text(GOOD))
    restarts: list[str] = []
    streamed: list[str] = []
    res = services(sample_dir).outreach(
        OutreachRequest(to="Elena Sorensen", ask="how she chose between VP and CTO", today=TODAY),
        on_text=streamed.append,
        on_restart=restarts.append,
    )
    assert res.attempts == 2 and res.violations == []
    assert "mentor" not in res.draft.body.lower()
    assert res.draft.subject == "Question on choosing VP or CTO"
    assert res.draft.engine == "llm" and res.draft.violations == []
    assert len(restarts) == 1 and "no-mentor-word" in restarts[0]
    repair = llm_env.chat_requests[1].body["messages"]
    assert repair[-2]["role"] == "assistant" and "mentor" in repair[-2]["content"]
    assert "no-mentor-word" in repair[-1]["content"]


def test_outreach_still_bad_after_two_repairs_gives_the_offline_draft(llm_env, sample_dir):
    llm_env.push(*[FakeOpenAI.text(BAD)] * 3)
    streamed: list[str] = []
    res = services(sample_dir).outreach(
        OutreachRequest(to="Elena Sorensen", ask="VP or CTO", today=TODAY),
        on_text=streamed.append,
    )
    assert res.attempts == 3 and len(llm_env.chat_requests) == 3
    # the result is the offline draft that passes every rule, the ask in it as typed
    assert res.draft.engine == "offline" and res.violations == [] and res.draft.violations == []
    assert "VP or CTO" in res.draft.body
    # the model's last attempt is kept with what it broke
    assert res.model_draft is not None and res.model_draft.engine == "llm"
    assert any(v.rule == "no-mentor-word" for v in res.model_violations)
    assert any(d.startswith("no-mentor-word") for d in res.model_draft.violations)
    assert "".join(streamed).count("--- draft") == 2  # separators without on_restart


def test_review_recommendation_is_decided_by_rules_model_writes_prose(llm_env, sample_dir):
    offline = services(sample_dir, offline=True).review(today=TODAY)
    llm_env.default = FakeOpenAI.json({"subject": "Thank you", "message": "Dear X, thanks."})
    online = services(sample_dir, fallback=False).review(today=TODAY)  # the model's prose kept
    assert [r.recommendation for r in online] == [r.recommendation for r in offline]
    assert [r.reasons for r in online] == [r.reasons for r in offline]
    assert len({r.recommendation for r in offline}) == 3
    assert all(r.engine == "llm" and "Dear X, thanks." in r.message for r in online)
    # "Thank you" is a two-word subject: each message is sent back twice, then marked
    assert len(llm_env.chat_requests) == 3 * 3
    assert all(any(v.startswith("subject:") for v in r.violations) for r in online)


GOOD_WIND_DOWN = {
    "subject": "Thank you for these months",
    "message": (
        "Hi Priya,\n\nThank you for these six months. The budget plan went through "
        "without a rewrite, and Tomás now runs the migration reviews.\n\nI would like to "
        "keep in touch in a lighter way from here. If a question comes up, may I send you "
        "a short note?\n\nThanks,\nDana"
    ),
}
BAD_WIND_DOWN = {
    "subject": "Thanks",
    "message": GOOD_WIND_DOWN["message"].replace(
        "Thank you", "Let's circle back and leverage our synergy. Thank you"
    ),
}


def test_review_message_is_linted_and_repaired(llm_env, sample_dir):
    from prepcoach.review import review_message_kind

    llm_env.push(FakeOpenAI.json(BAD_WIND_DOWN), FakeOpenAI.json(GOOD_WIND_DOWN))
    streamed: list[str] = []
    [rec] = services(sample_dir).review("Priya", today=TODAY, on_text=streamed.append)
    kind = review_message_kind(rec)
    assert kind == "wind-down"
    assert lint_outreach(GOOD_WIND_DOWN["message"], kind=kind, subject="Thank you for x y") == []
    assert len(llm_env.chat_requests) == 2
    repair = llm_env.chat_requests[1].body["messages"]
    assert [m["role"] for m in repair][-2:] == ["assistant", "user"]
    assert "circle back" in repair[-2]["content"]  # the broken draft goes back
    assert "subject:" in repair[-1]["content"] and "no-jargon:" in repair[-1]["content"]
    assert "wind-down" in repair[-1]["content"]
    assert rec.violations == []
    assert rec.message.startswith("Subject: Thank you for these months\n\nHi Priya")
    assert "circle back" not in rec.message
    assert "asking for a fix (attempt 2 of 3)" in "".join(streamed)


def test_review_message_still_bad_after_two_repairs_is_marked(llm_env, sample_dir):
    llm_env.default = FakeOpenAI.json(BAD_WIND_DOWN)
    [rec] = services(sample_dir, fallback=False).review("Priya", today=TODAY, save=True)
    assert len(llm_env.chat_requests) == 3  # the draft and at most two repairs
    assert [v.split(":")[0] for v in rec.violations] == ["subject", "no-jargon"]
    assert "circle back" in rec.message  # shown, not hidden
    stored = Store(sample_dir).list_reviews()
    assert [r.violations for r in stored if r.id == rec.id] == [rec.violations]


def test_offline_review_messages_pass_their_lint(sample_dir):
    recs = services(sample_dir, offline=True).review(today=TODAY)
    assert recs and all(r.violations == [] for r in recs)


def test_cancel_agenda(llm_env, sample_dir):
    llm_env.push(FakeOpenAI.hang_after('{"summary": "x", "items": [', 10))
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    with pytest.raises(Cancelled):
        services(sample_dir).agenda(
            AgendaRequest(mentor="Priya", questions=QUESTIONS, today=TODAY), cancel=cancel
        )
    assert Store(sample_dir).list_sessions("priya-raman")[-1].date < TODAY  # nothing saved


def test_history_prompt_is_flat_however_long_history_grows(llm_env, tmp_path):
    from prepcoach.models import Mentor, Question, Session

    sizes = {}
    for n in (5, 300):
        root = tmp_path / f"d{n}"
        store = Store(root)
        store.update_plan(lambda p: p.mentors.append(Mentor(id="ana", name="Ana Lima")))
        for i in range(n):
            store.save_session(
                Session(
                    mentor="ana",
                    date=dt.date(2020, 1, 1) + dt.timedelta(days=7 * i),
                    accomplishments=[f"Shipped release {i} of the billing service"],
                    questions=[Question(text=f"Question {i} about hiring?", resolved=True)],
                    notes="We talked about hiring and the roadmap in some depth. " * 3,
                )
            )
        svc = Services(load_settings(data=root), store)
        p = svc.preview_agenda(AgendaRequest(mentor="Ana", questions=["Q?"], today=TODAY))
        sizes[n] = p
    assert sizes[5].history_omitted == 0
    assert sizes[300].history_omitted > 250
    assert sizes[300].prompt_tokens < svc.settings.history_token_budget + 1500
    assert "older sessions omitted" in sizes[300].messages[1]["content"]


def test_key_is_in_no_file_written(llm_env, sample_dir, tmp_path):
    llm_env.push(FakeOpenAI.json(model_agenda(QUESTIONS)))
    svc = services(sample_dir)
    req = AgendaRequest(mentor="Priya", questions=QUESTIONS, minutes=45, today=TODAY)
    svc.save_session(req, svc.agenda(req))
    llm_env.push(FakeOpenAI.text(GOOD))
    svc.save_outreach(svc.outreach(OutreachRequest(to="Elena", ask="VP or CTO", today=TODAY)))
    llm_env.default = FakeOpenAI.json({"subject": "Thanks", "message": "Thanks."})
    svc.review(today=TODAY, save=True)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) > 10
    for p in files:
        assert KEY.encode() not in p.read_bytes(), p


# --------------------------------------------------- offline path and draft status


def test_offline_services_need_no_server_and_label_output(sample_dir):
    svc = services(sample_dir, offline=True)
    assert not svc.use_llm
    res = svc.agenda(AgendaRequest(mentor="Priya", questions=QUESTIONS, minutes=45, today=TODAY))
    assert res.agenda.engine == "offline" and res.agenda.total() == 45 and res.problems == []
    out = svc.outreach(
        OutreachRequest(
            to="Jonah Whitaker",
            kind="recommendation",
            ask="who likes to help with org design at a bigger scope",
            today=TODAY,
        )
    )
    assert out.draft.engine == "offline" and out.violations == [] and out.draft.mentor is None
    p = svc.preview_outreach(OutreachRequest(to="Jonah Whitaker", ask="org design", today=TODAY))
    assert p.engine == "offline" and p.messages[0]["role"] == "system"


def test_outreach_to_rob_is_not_a_mentor_called_robert(sample_dir):
    svc = services(sample_dir, offline=True)
    from prepcoach.models import Mentor

    svc.store.update_plan(lambda p: p.mentors.append(Mentor(id="robert-k", name="Robert King")))
    res = svc.outreach(
        OutreachRequest(to="Rob", kind="follow-up", context="I tried it", today=TODAY)
    )
    assert res.draft.to == "Rob" and res.draft.mentor is None


def test_save_mark_sent_answered_and_reminders(sample_dir):
    svc = services(sample_dir, offline=True)
    res = svc.outreach(OutreachRequest(to="Elena", ask="VP or CTO", today=TODAY))
    saved = svc.save_outreach(res)
    assert saved.id and saved.status == "draft"
    sent = svc.mark_sent(saved.id, on=TODAY)
    assert sent.status == "sent" and sent.sent_on == TODAY
    due = svc.reminders(today=TODAY + dt.timedelta(days=12))
    assert any(r.draft.id == saved.id and r.nudge for r in due)
    assert not any(
        r.draft.id == saved.id for r in svc.reminders(today=TODAY + dt.timedelta(days=3))
    )
    answered, _ = svc.mark_answered(saved.id[:20], on=TODAY + dt.timedelta(days=2))
    assert answered.status == "answered"
    assert not any(
        r.draft.id == saved.id for r in svc.reminders(today=TODAY + dt.timedelta(days=30))
    )
    with pytest.raises(Exception, match="no outreach draft"):
        svc.mark_sent("no-such-draft")


def test_bad_requests_are_usage_errors(sample_dir):
    from prepcoach.errors import UsageError

    svc = services(sample_dir, offline=True)
    for req in (
        OutreachRequest(to="Elena", ask="", today=TODAY),
        OutreachRequest(to="Elena", ask="x", channel="fax", today=TODAY),
        OutreachRequest(to="Elena", ask="x", kind="forever", today=TODAY),
        OutreachRequest(to="  ", ask="x", today=TODAY),
    ):
        with pytest.raises(UsageError):
            svc.outreach(req)
    with pytest.raises(UsageError):
        svc.agenda(AgendaRequest(mentor="Priya", minutes=0, today=TODAY))
