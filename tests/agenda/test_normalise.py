"""Normalising a model's agenda: arithmetic fixed, lost items restored, one close."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from agenda.helpers import inp, model_agenda
from prepcoach.agenda import check_agenda, normalise_agenda, win_cap
from prepcoach.models import AgendaItem


def test_normalise_fixes_arithmetic_and_restores_lost_items() -> None:
    qs = ["How do I hand the migration program to Tomás?", "What should I ask for at the wrap-up?"]
    bad = model_agenda(
        [
            AgendaItem(title="Catch up", minutes=20, kind="opening"),
            AgendaItem(title="Wins", minutes=15, kind="win"),
            AgendaItem(title="More wins", minutes=10, kind="win"),
            AgendaItem(title=qs[0], minutes=7, kind="question", objective_id="made-up"),
        ],
        minutes=60,
    )
    i = inp(qs)
    before = check_agenda(bad, i)
    assert any("add up to" in p for p in before)
    assert any("is missing" in p for p in before)
    assert any("unknown objective" in p for p in before)
    fixed = normalise_agenda(bad, i)
    assert fixed.minutes == 45 and fixed.total() == 45
    assert all(it.minutes >= 1 for it in fixed.items)
    assert check_agenda(fixed, i) == []
    assert sum(1 for it in fixed.items if it.kind == "win") == 1
    assert sum(it.minutes for it in fixed.items if it.kind == "win") <= win_cap(45)
    kinds = [it.kind for it in fixed.items]
    assert kinds[-1] == "close"
    # the lost carried-over items come before the questions
    assert kinds.index("carried_over") < kinds.index("question")
    # the input agenda is untouched
    assert bad.items[0].minutes == 20


def test_normalise_keeps_paraphrased_question_once_in_the_users_words() -> None:
    q = "How do I keep the budget numbers mine when Rob wants to rewrite them?"
    agenda = model_agenda(
        [AgendaItem(title="Keeping the budget numbers yours when Rob rewrites", minutes=30)]
    )
    fixed = normalise_agenda(agenda, inp([q], history=[]))
    qitems = [it for it in fixed.items if it.kind == "question"]
    assert len(qitems) == 1 and qitems[0].title == q
    assert check_agenda(fixed, inp([q], history=[])) == []


@settings(max_examples=80, deadline=None)
@given(
    minutes=st.integers(min_value=1, max_value=180),
    weights=st.lists(
        st.tuples(
            st.sampled_from(["opening", "carried_over", "win", "question", "objective", "close"]),
            st.integers(min_value=0, max_value=500),
        ),
        max_size=25,
    ),
    n_questions=st.integers(min_value=0, max_value=30),
)
def test_normalise_property(minutes: int, weights: list, n_questions: int) -> None:  # type: ignore[type-arg]
    questions = [f"Question number {k} about the platform budget?" for k in range(n_questions)]
    items = [
        AgendaItem(title=f"{kind} item {k}", minutes=m, kind=kind)
        for k, (kind, m) in enumerate(weights)
    ]
    i = inp(questions, minutes=minutes)
    fixed = normalise_agenda(model_agenda(items, minutes=max(1, minutes + 7)), i)
    assert fixed.total() == minutes
    assert all(it.minutes >= 1 for it in fixed.items)
    text = "\n".join(f"{it.title}\n{it.detail}" for it in fixed.items)
    for q in questions:
        assert q in text
    for c in i.carry_overs():
        assert c.text in text
    assert check_agenda(fixed, i) == []


def test_two_closes_from_a_model_become_one() -> None:
    i = inp(["How do I hand the migration program to Tomás?"])
    items = [
        AgendaItem(title="Close", minutes=3, kind="close", detail="Agree next steps."),
        AgendaItem(title="How do I hand the migration program to Tomás?", minutes=20),
        AgendaItem(title="Wrap up", minutes=4, kind="close", detail="Book the next meeting."),
    ]
    fixed = normalise_agenda(model_agenda(items), i)
    closes = [it for it in fixed.items if it.kind == "close"]
    assert len(closes) == 1 and fixed.items[-1] == closes[0]
    assert "Agree next steps." in closes[0].detail and "Book the next meeting." in closes[0].detail
    assert fixed.total() == i.minutes and check_agenda(fixed, i) == []
