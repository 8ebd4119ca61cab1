"""agenda against the real server (n_ctx 8192): the product's contracts, not the model's prose."""

from __future__ import annotations

import pytest

from integration.contracts import (
    agenda_of,
    missing_phrases,
    repeated_format_refusals,
    uncapped_requests,
)
from integration.harness import TODAY, Run

QUESTIONS = [
    "How do I push back on the Q1 date without losing the platform team's trust?",
    "Should I take the platform role or stay on billing?",
]
WINS = ["Shipped the billing migration two weeks early", "Hired a staff engineer for search"]
MINUTES = 30


@pytest.fixture(scope="module")
def agenda(server_8k, cli) -> Run:
    args = ["agenda", "--mentor", "Marcus", "--minutes", str(MINUTES), "--today", TODAY]
    for q in QUESTIONS:
        args += ["--question", q]
    for w in WINS:
        args += ["--accomplishment", w]
    return cli(server_8k, *args, "--format", "json")


def test_agenda_exits_0(agenda: Run):
    assert agenda.code == 0, agenda.explain()


def test_agenda_time_boxes_sum_to_the_slot(agenda: Run):
    a = agenda_of(agenda)
    boxes = [i["minutes"] for i in a["items"]]
    assert a["minutes"] == MINUTES and sum(boxes) == MINUTES, (boxes, agenda.explain())
    assert all(isinstance(m, int) and m > 0 for m in boxes), boxes


def test_agenda_keeps_every_question_and_win_as_typed(agenda: Run):
    a = agenda_of(agenda)
    assert missing_phrases(a, QUESTIONS + WINS) == [], agenda.explain()


def test_agenda_asked_the_server_and_got_an_answer(agenda: Run):
    """The server was asked, and one of the requests was in a shape it accepts (HTTP 200).
    A fallback to the offline composer is said plainly on stderr."""
    assert agenda.chats, "no chat request reached the server.\n" + agenda.explain()
    assert any(r.status == 200 for r in agenda.chats), agenda.explain()
    if agenda_of(agenda).get("engine") != "llm":
        assert "offline" in agenda.stderr.lower(), agenda.explain()


def test_agenda_spends_no_retries_on_a_refused_response_format(agenda: Run):
    assert repeated_format_refusals(agenda) == [], agenda.explain()


def test_agenda_caps_the_reply(agenda: Run):
    assert agenda.chats, agenda.explain()
    assert uncapped_requests(agenda, cap=2048) == [], agenda.explain()


def test_agenda_on_a_local_server_costs_nothing(agenda: Run):
    err = agenda.stderr.lower()
    assert "cost unknown" not in err and "no price" not in err, agenda.explain()
    assert "no cost" in err, agenda.explain()
