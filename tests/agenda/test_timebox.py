"""Time follows value: new questions, then carried-over questions, then short action
check-ins, objective check-ins and brief wins; boxes sum exactly to the slot."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from prepcoach.agenda import allocate, check_agenda, win_cap
from prepcoach.engines.offline import compose_agenda
from prepcoach.models import ActionItem, Objective, Question

from .helpers import MENTOR, inp, session


def test_an_action_check_in_is_short_even_with_no_new_question() -> None:
    # carried: one open question, one action; no new question; 45 minutes
    boxes = allocate(["carried_question", "action", "win", "close"], 45)
    assert sum(boxes) == 45
    q, action, win, close = boxes
    assert action <= 3 and q == max(boxes) and q >= 30
    assert win <= win_cap(45) and close <= 4


def test_five_objectives_do_not_starve_one_question() -> None:
    boxes = allocate(["objective"] * 5 + ["question", "close"], 30)
    assert sum(boxes) == 30
    question = boxes[5]
    assert question >= 15 and question > sum(boxes[:5])


def test_new_questions_before_carried_ones() -> None:
    boxes = allocate(["carried_question", "question", "question", "action", "close"], 45)
    assert sum(boxes) == 45 and min(boxes[1:3]) > boxes[0] > boxes[3]


def test_no_questions_the_moment_and_check_ins_take_the_time() -> None:
    boxes = allocate(["moment", "action", "objective", "close"], 60)
    assert sum(boxes) == 60 and boxes[1] == 3
    assert boxes[0] > boxes[1] and boxes[2] > boxes[1]


def test_tight_slots_give_back_the_least_valuable_first() -> None:
    boxes = allocate(["win", "objective", "action", "question", "question", "close"], 10)
    assert sum(boxes) == 10 and boxes[0] == 1 and boxes[1] == 1
    assert min(boxes[3:5]) >= max(boxes[:3] + boxes[5:])


TIER_ORDER = ["question", "carried_question", "action", "objective", "win"]


@settings(max_examples=150, deadline=None)
@given(
    n_q=st.integers(0, 8),
    n_carried_q=st.integers(0, 8),
    n_actions=st.integers(0, 8),
    n_obj=st.integers(0, 5),
    win=st.booleans(),
    minutes=st.integers(10, 240),
)
def test_allocation_property(n_q, n_carried_q, n_actions, n_obj, win, minutes) -> None:  # type: ignore[no-untyped-def]
    tiers = (
        ["carried_question"] * n_carried_q
        + ["action"] * n_actions
        + (["win"] if win else [])
        + ["question"] * n_q
        + ["objective"] * n_obj
        + ["close"]
    )
    if len(tiers) > minutes:
        return  # merged first: fit_to_minutes' job, checked below
    boxes = allocate(tiers, minutes)
    assert sum(boxes) == minutes and min(boxes) >= 1
    by = {t: [b for b, x in zip(boxes, tiers, strict=True) if x == t] for t in set(tiers)}
    if by.get("question"):  # no other item gets more than any new question
        rest = [b for b, t in zip(boxes, tiers, strict=True) if t != "question"]
        assert min(by["question"]) >= max(rest, default=0)
        assert max(by["question"]) - min(by["question"]) <= 1
    if by.get("carried_question"):
        lower = [b for t in ("action", "objective", "win", "close") for b in by.get(t, [])]
        assert min(by["carried_question"]) >= max(lower)
    if by.get("question") or by.get("carried_question"):
        assert max(by.get("action", [0])) <= 3 and max(by.get("objective", [0])) <= 3
    assert sum(by.get("win", [])) <= win_cap(minutes)


@settings(max_examples=60, deadline=None)
@given(n_q=st.integers(0, 8), n_carried=st.integers(0, 8), minutes=st.integers(10, 240))
def test_offline_agenda_holds_for_0_8_questions_0_8_carried_10_240_minutes(
    n_q: int, n_carried: int, minutes: int
) -> None:
    carried_qs = [
        Question(text=f"Earlier open question {k} about the vendor contract?")
        for k in range(n_carried // 2)
    ]
    actions = [
        ActionItem(text=f"Send the vendor memo draft {k}")
        for k in range(n_carried - len(carried_qs))
    ]
    history = [session("2026-11-10", questions=carried_qs, action_items=actions)]
    questions = [f"New question {k}: how do I stage the hiring plan?" for k in range(n_q)]
    i = inp(questions, minutes=minutes, history=history)
    a = compose_agenda(i)
    assert a.total() == minutes and all(it.minutes >= 1 for it in a.items)
    assert check_agenda(a, i) == []
    text = "\n".join(f"{it.title}\n{it.detail}" for it in a.items)
    for q in questions + [c.text for c in carried_qs] + [x.text for x in actions]:
        assert q in text
    qs = [it.minutes for it in a.items if it.kind == "question"]
    if qs:  # every new question gets at least as much as any other item
        assert min(qs) >= max(it.minutes for it in a.items if it.kind != "question")


def test_objective_and_action_boxes_in_a_real_agenda() -> None:
    objs = [
        Objective(
            id=f"o{k}",
            title=f"Objective number {k} on scaling",
            mentors=["priya"],
            support_area="scope",
        )
        for k in range(5)
    ]
    i = inp(["Should I split the platform team in two?"], minutes=30, history=[])
    i.objectives = objs
    i.mentor = MENTOR.model_copy(update={"term_start": None})
    i.history = [session("2026-10-10", action_items=[ActionItem(text="Draft the split")])]
    assert i.moment().kind == "ordinary"
    a = compose_agenda(i)
    q = next(it for it in a.items if it.kind == "question")
    checks = [it.minutes for it in a.items if it.kind == "objective"]
    assert len(checks) == 5 and q.minutes > sum(checks) and a.total() == 30
