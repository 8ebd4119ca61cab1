"""LLM agendas against the loopback server with scripted bad replies: every question and
win kept, carried-over items not duplicated, the moment's item present, repairs said."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fakeserver import FakeOpenAI

from prepcoach.services import AgendaRequest, Services
from prepcoach.settings import load_settings
from prepcoach.store import Store

TODAY = dt.date(2026, 11, 25)
Q1 = "How do I hand the budget process to my new finance partner?"
Q2 = "Should the migration have its own steering group?"
WINS = ["Finance signed the FY27 plan as submitted", "Tomás ran the Q1 planning review alone"]
CARRIED = "How do I get Tomás ready to run the migration program without me in every meeting?"


def services(sample_dir: Path) -> Services:
    return Services(load_settings(data=sample_dir), Store(sample_dir))


def item(title: str, minutes: int, kind: str, detail: str = "") -> dict:
    return {
        "title": title,
        "minutes": minutes,
        "kind": kind,
        "detail": detail,
        "objective_id": None,
    }


def reply(*items: dict) -> dict:
    return {"summary": "A meeting.", "items": list(items)}


def test_last_meeting_reply_that_drops_and_rewords_is_repaired(llm_env, sample_dir):
    # Priya: her last meeting of the term. The model rewords the carried-over question,
    # keeps one of two questions, drops both wins and writes no wrap-up.
    llm_env.push(
        FakeOpenAI.json(
            reply(
                item("Getting Tomás ready to run the migration alone", 10, "carried_over"),
                item(Q1, 20, "question"),
                item("Close", 5, "close"),
            )
        )
    )
    req = AgendaRequest(
        mentor="Priya", questions=[Q1, Q2], accomplishments=WINS, minutes=45, today=TODAY
    )
    res = services(sample_dir).agenda(req)
    a = res.agenda
    body = llm_env.chat_requests[0].body["messages"][1]["content"]
    assert "This is the last meeting of the term." in body and "Wrap-up:" in body
    assert a.total() == 45
    for q in (Q1, Q2):  # each question its own item with minutes, in the user's words
        own = [it for it in a.items if it.kind == "question" and it.title == q]
        assert len(own) == 1 and own[0].minutes >= 3
    wins = [it for it in a.items if it.kind == "win"]
    assert len(wins) == 1 and all(w in wins[0].detail for w in WINS)
    # the reworded carried-over item is kept once, with the original words on it
    tomas = [it for it in a.items if "Tomás ready" in f"{it.title}\n{it.detail}"]
    assert len(tomas) == 1 and CARRIED in tomas[0].detail
    wrap = next(it for it in a.items if it.title.startswith("Wrap-up"))
    assert "lighter touch" in wrap.detail  # the review's likely recommendation: loosen
    said = "\n".join(res.problems)
    assert "reworded the carried-over item" in said and Q2 in said
    assert "2 wins" in said and "Wrap-up" in said and "time boxes added up to 35" in said


def test_drifting_reply_gets_the_drift_named(llm_env, sample_dir):
    llm_env.push(FakeOpenAI.json(reply(item(Q1, 30, "question"), item("Close", 15, "close"))))
    res = services(sample_dir).agenda(
        AgendaRequest(mentor="Marcus", questions=[Q1], minutes=45, today=TODAY)
    )
    body = llm_env.chat_requests[0].body["messages"][1]["content"]
    assert "This is the meeting after recent sessions drifted." in body
    drift = next(it for it in res.agenda.items if it.title.startswith("Name the drift"))
    assert "The last 3 meetings (2026-09-02, 2026-10-07, 2026-11-04)" in drift.detail
    assert f"- {Q1}" in drift.detail
    assert any("Name the drift" in p for p in res.problems)


@pytest.mark.parametrize(
    ("moment", "today", "next_meeting", "title"),
    [
        ("first", dt.date(2026, 6, 3), dt.date(2026, 6, 5), "How we'll work this term"),
        ("midpoint", dt.date(2026, 9, 1), dt.date(2026, 9, 2), "Progress check"),
    ],
)
def test_first_and_midpoint_replies_get_their_item(
    llm_env, sample_dir, moment, today, next_meeting, title
):
    store = Store(sample_dir)
    plan = store.load_plan()
    for m in plan.mentors:
        if m.id == "priya-raman":
            m.next_meeting = next_meeting
    store.save_plan(plan)
    llm_env.push(FakeOpenAI.json(reply(item(Q1, 30, "question"), item("Close", 15, "close"))))
    res = services(sample_dir).agenda(
        AgendaRequest(mentor="Priya", questions=[Q1], minutes=45, today=today)
    )
    titles = [it.title for it in res.agenda.items]
    at = next(i for i, t in enumerate(titles) if t.startswith(title))
    if moment == "first":
        assert at < titles.index(Q1)
    assert any(title in p for p in res.problems)
    body = llm_env.chat_requests[0].body["messages"][1]["content"]
    assert title in body


def test_a_good_reply_has_no_problems(llm_env, sample_dir):
    llm_env.push(
        FakeOpenAI.json(
            reply(
                item(
                    "Name the drift: one sharp question today",
                    5,
                    "opening",
                    "The last three meetings moved no objective forward; agree on one question.",
                ),
                item(
                    "Still open: Should I take the VP Eng interview loop at Fieldline, "
                    "just to see?",
                    5,
                    "carried_over",
                ),
                item(
                    "Check in: Intro to two seed-stage founders looking for a technical advisor",
                    2,
                    "carried_over",
                ),
                item(Q1, 30, "question"),
                item("Close", 3, "close", "Agree on action items and when to meet next."),
            )
        )
    )
    res = services(sample_dir).agenda(
        AgendaRequest(mentor="Marcus", questions=[Q1], minutes=45, today=TODAY)
    )
    assert res.problems == []
