"""Each moment's shape, on the offline composer and on the normaliser of a model's agenda."""

from __future__ import annotations

import datetime as dt

import pytest

from prepcoach.agenda import AgendaInput, check_agenda, repair_agenda
from prepcoach.engines.offline import compose_agenda
from prepcoach.models import Agenda, AgendaItem, Mentor, Objective, ObjectiveProgress, Session

D = dt.date
START = D(2026, 1, 5)
OBJS = [
    Objective(
        id="plan",
        title="Get the 2027 plan funded",
        done_when="The CFO signs the plan in the Q4 review",
        support_area="politics",
        mentors=["m"],
    ),
    Objective(
        id="vp",
        title="ready for the VP interview loop?",  # an odd title, placed as typed
        done_when="two mock loops done",
        support_area="career",
        mentors=["m"],
    ),
]
QUESTION = "How did you handle your first layoff?"


def held(day: D, moved: bool = True) -> Session:
    progress = [ObjectiveProgress(objective_id="plan", progressed=True)] if moved else []
    return Session(id=f"{day}-m", mentor="m", date=day, objective_progress=progress)


MONTHLY = [held(D(2026, 1, 5)), held(D(2026, 2, 5)), held(D(2026, 3, 5))]
CASES = {
    # moment: (next meeting, today, history, accomplishments)
    "first": (D(2026, 1, 5), D(2026, 1, 2), [], []),
    "midpoint": (D(2026, 4, 6), D(2026, 4, 1), MONTHLY, ["Closed the Q1 hiring plan"]),
    "drifting": (
        D(2026, 4, 6),
        D(2026, 4, 1),
        [held(D(2026, 1, 5)), held(D(2026, 2, 5), False), held(D(2026, 3, 5), False)],
        [],
    ),
    "last": (D(2026, 6, 8), D(2026, 6, 1), [*MONTHLY, held(D(2026, 4, 6))], ["Shipped it"]),
}


def make(moment: str, questions: list[str] | None = None, decision: str | None = None):  # type: ignore[no-untyped-def]
    nxt, today, history, wins = CASES[moment]
    mentor = Mentor(id="m", name="Mina Ortiz", status="active", term_start=START, next_meeting=nxt)
    inp = AgendaInput(
        mentor=mentor,
        objectives=OBJS,
        history=history,
        accomplishments=wins,
        questions=[QUESTION] if questions is None else questions,
        minutes=45,
        today=today,
        term_decision=decision,
    )
    assert inp.moment().kind == moment
    return inp


def text_of(a: Agenda) -> str:
    return "\n".join(f"{it.title}\n{it.detail}" for it in a.items)


def test_first_meeting_sets_up_the_term_before_the_first_question() -> None:
    inp = make("first")
    a = compose_agenda(inp)
    titles = [it.title for it in a.items]
    assert titles[0] == "How we'll work this term" and titles.index(QUESTION) > 0
    setup = a.items[0].detail
    assert (
        "- Get the 2027 plan funded. Done when: The CFO signs the plan in the Q4 review." in setup
    )
    assert "- ready for the VP interview loop? Done when: two mock loops done." in setup
    assert "2026-01-05 to 2026-07-05, meeting monthly" in setup
    assert "Preparation:" in setup and "no fault" in setup
    assert not any(it.kind == "win" for it in a.items)  # no wins yet: no wins item
    assert check_agenda(a, inp) == []


def test_midpoint_checks_progress_against_each_done_when() -> None:
    inp = make("midpoint")
    a = compose_agenda(inp)
    check = next(it for it in a.items if it.title.startswith("Progress check"))
    assert "The CFO signs the plan in the Q4 review" in check.detail
    assert "two mock loops done" in check.detail and "change course" in check.detail
    assert not any(it.title.startswith("Check-in:") for it in a.items)  # covered by it
    assert check_agenda(a, inp) == []


def test_drifting_names_the_drift_and_turns_to_one_sharp_question() -> None:
    inp = make("drifting")
    a = compose_agenda(inp)
    drift = a.items[0]
    assert drift.title == "Name the drift: one sharp question today"
    assert "2 of the last 3 meetings (2026-02-05, 2026-03-05)" in drift.detail
    assert f"- {QUESTION}" in drift.detail and "Leave with one action" in drift.detail
    assert check_agenda(a, inp) == []
    # no question given: the sharp question is about the first open objective, as typed
    bare = compose_agenda(make("drifting", questions=[]))
    assert "(Get the 2027 plan funded)" in bare.items[0].detail


@pytest.mark.parametrize(
    ("decision", "words"),
    [
        ("renew", "another term with a new focus"),
        ("loosen", "a lighter touch"),
        ("move_on", "wrapping up the regular meetings"),
        (None, "another term, a lighter touch or wrapping up"),
    ],
)
def test_last_meeting_wraps_up_with_the_likely_recommendation(
    decision: str | None, words: str
) -> None:
    inp = make("last", decision=decision)
    a = compose_agenda(inp)
    wrap = next(it for it in a.items if it.title.startswith("Wrap-up"))
    assert words in wrap.detail and "Get the 2027 plan funded" in wrap.detail
    assert a.items[-1].kind == "close" and a.items.index(wrap) == len(a.items) - 2
    assert check_agenda(a, inp) == []


def bare_model_agenda() -> Agenda:
    """A model's agenda that knows nothing of the moment, the wins or the question."""
    items = [
        AgendaItem(title="Catch up", minutes=10, kind="opening"),
        AgendaItem(title="Discuss the plan", minutes=30, kind="objective"),
        AgendaItem(title="Close", minutes=5, kind="close"),
    ]
    return Agenda(mentor="m", minutes=45, items=items, engine="llm", model="x")


@pytest.mark.parametrize("moment", ["first", "midpoint", "drifting", "last"])
def test_normaliser_adds_the_moment_item_and_says_so(moment: str) -> None:
    inp = make(moment)
    fixed = repair_agenda(bare_model_agenda(), inp)
    a = fixed.agenda
    assert check_agenda(a, inp) == [] and a.total() == 45
    assert any(inp.moment().name in r for r in fixed.repairs)
    assert any(QUESTION in r for r in fixed.repairs)
    q = next(it for it in a.items if it.title == QUESTION)
    assert q.kind == "question" and q.minutes == max(it.minutes for it in a.items)
    for w in inp.accomplishments:
        assert w in text_of(a) and any(w in r for r in fixed.repairs)
    if moment == "first":
        assert a.items[0].title == "How we'll work this term"


def test_normaliser_keeps_a_models_progress_check_and_adds_missing_done_when() -> None:
    inp = make("midpoint", questions=[])
    items = [
        AgendaItem(title="Progress check", minutes=20, kind="objective", detail="How is it going?"),
        AgendaItem(title="Close", minutes=5, kind="close"),
        AgendaItem(title="Wins", minutes=2, kind="win", detail="Closed the Q1 hiring plan"),
    ]
    fixed = repair_agenda(Agenda(mentor="m", minutes=45, items=items), inp)
    check = next(it for it in fixed.agenda.items if it.title == "Progress check")
    assert "The CFO signs the plan in the Q4 review" in check.detail
    assert "two mock loops done" in check.detail
    assert sum("Progress check" in it.title for it in fixed.agenda.items) == 1
    assert check_agenda(fixed.agenda, inp) == []


def test_normaliser_moves_how_we_work_before_the_first_question() -> None:
    inp = make("first")
    items = [
        AgendaItem(title=QUESTION, minutes=20, kind="question"),
        AgendaItem(title="How we'll work", minutes=10, kind="opening", detail="Term, cadence."),
        AgendaItem(title="Close", minutes=5, kind="close"),
    ]
    fixed = repair_agenda(Agenda(mentor="m", minutes=45, items=items), inp)
    assert fixed.agenda.items[0].title == "How we'll work"
    assert any("before the first question" in r for r in fixed.repairs)
