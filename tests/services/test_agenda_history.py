"""The agenda reads only the sessions it needs, with the same results as the full history.

Services builds an agenda from the store's index summaries: it parses the sessions from
the oldest one with an open question or action item onward (plus the newest), and the
prompt's history parses more, newest first, only as the token budget allows. These tests
compare that with the old path (every session parsed) on generated histories.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from prepcoach.agenda import AgendaInput, carried_over
from prepcoach.engines.offline import compose_agenda
from prepcoach.models import (
    ActionItem,
    Mentor,
    Objective,
    ObjectiveProgress,
    Plan,
    Question,
    Session,
)
from prepcoach.services import AgendaRequest, Services
from prepcoach.services import agenda as agenda_service
from prepcoach.services.prompt_context import LazyHistory
from prepcoach.settings import load_settings
from prepcoach.store import Store, dump_model

TODAY = dt.date(2026, 11, 25)
MENTOR = "ana-lima"
TOPICS = [
    "defend the headcount ask in the budget review",
    "hand the migration program to my staff engineer",
    "get a product sponsor for the carrier roadmap",
    "give direct feedback to a senior peer",
    "run the quarterly planning offsite",
    "say no to the reorg side project",
]


def make_plan() -> Plan:
    return Plan(
        mentors=[
            Mentor(
                id=MENTOR,
                name="Ana Lima",
                status="active",
                support_areas=["scope"],
                term_start=dt.date(2026, 9, 1),
                next_meeting=dt.date(2026, 12, 1),
            ),
            Mentor(id="bo-chen", name="Bo Chen", status="active"),
        ],
        objectives=[
            Objective(
                id="budget",
                title="Run the budget cycle myself",
                done_when="Headcount plan accepted without rewrites",
                support_area="scope",
                mentors=[MENTOR],
            ),
            Objective(
                id="roadmap",
                title="Get the carrier migration onto the roadmap",
                support_area="politics",
                mentors=[MENTOR],
            ),
        ],
    )


def write(root: Path, sessions: list[Session], plan: Plan | None = None) -> None:
    (root / "sessions").mkdir(parents=True, exist_ok=True)
    (root / "plan.json").write_bytes(dump_model(plan or make_plan()))
    for s in sessions:
        (root / "sessions" / f"{s.id}.json").write_bytes(dump_model(s))


def scattered_history(n: int, seed: int) -> list[Session]:
    """``n`` sessions with answered and unanswered questions and actions scattered
    through them, texts repeated across sessions (asked again, resolved later or not),
    some blank or markup-laden, a few future-dated and some with another mentor."""
    rng = random.Random(seed)
    start = TODAY - dt.timedelta(days=n + 5)
    out = []
    for i in range(n):
        day = start + dt.timedelta(days=i)
        questions = []
        for _ in range(rng.randint(0, 3)):
            topic = rng.choice(TOPICS)
            # a small pool of texts, so the same question comes back in later sessions
            text = rng.choice(
                [
                    f"How do I {topic}?",
                    f"How do I {topic.upper()}?",  # same after normalising
                    f"[b]How[/b] do I {topic} ?",
                    f"How do I {topic} (take {rng.randint(1, 40)})?",
                ]
            )
            questions.append(
                Question(text=text, resolved=rng.random() < 0.85, answer="Try it once.")
            )
        actions = []
        for _ in range(rng.randint(0, 2)):
            actions.append(
                ActionItem(
                    text=f"Send the {rng.choice(TOPICS)} note v{rng.randint(1, 30)}",
                    owner=rng.choice(["me", "Ana"]),
                    done=rng.random() < 0.9,
                    due=day + dt.timedelta(days=14) if rng.random() < 0.5 else None,
                )
            )
        if rng.random() < 0.03:
            questions.append(Question(text="   "))  # blank: never carried
        mentor = MENTOR if rng.random() < 0.9 else "bo-chen"
        out.append(
            Session(
                id=f"{day.isoformat()}-{mentor}-{i}",
                mentor=mentor,
                date=day,
                accomplishments=[f"Shipped release {i}"],
                questions=questions,
                action_items=actions,
                objective_progress=[ObjectiveProgress(objective_id="budget", note="moved")],
                notes="Talked through the finance review. " * rng.randint(0, 3),
            )
        )
    # two sessions after today: never part of the history
    for k in (3, 9):
        day = TODAY + dt.timedelta(days=k)
        out.append(
            Session(
                id=f"{day.isoformat()}-{MENTOR}",
                mentor=MENTOR,
                date=day,
                questions=[Question(text="A question from the future?")],
            )
        )
    return out


def services(root: Path) -> Services:
    return Services(load_settings(data=root, offline=True), Store(root))


def full_input(root: Path, req: AgendaRequest) -> AgendaInput:
    """The old path: every session of the mentor parsed."""
    store = Store(root)
    plan = store.load_plan()
    history = [s for s in store.sessions_for(MENTOR) if s.date <= TODAY]
    return AgendaInput(
        mentor=plan.mentors[0],
        objectives=list(plan.objectives),
        history=history,
        accomplishments=list(req.accomplishments),
        questions=list(req.questions),
        minutes=req.minutes,
        today=TODAY,
        profile=plan.profile,
    )


REQ = AgendaRequest(
    mentor="Ana",
    accomplishments=["Finance accepted the plan"],
    questions=["How do I say no to the reorg side project?", "Who should sponsor phase 2?"],
    minutes=45,
    today=TODAY,
)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_carry_over_and_agenda_equal_the_full_history_path(tmp_path: Path, seed: int) -> None:
    root = tmp_path / "data"
    write(root, scattered_history(300, seed))
    old = full_input(root, REQ)
    old_carry = old.carry_overs()
    assert old_carry, "the generated history should leave something open"

    svc = services(root)
    setup = svc.agenda_job.setup(REQ, prompt=False)
    new: AgendaInput = setup.inp
    assert new.carry_overs() == old_carry
    objectives, preferred = old.ordered_objectives(), old.preferred_ids()
    assert carried_over(new.mentor_history(), objectives, preferred) == carried_over(
        old.mentor_history(), objectives, preferred
    )
    assert new.mentor_history()[-1] == old.mentor_history()[-1]  # the last session (wins)

    expected = compose_agenda(old).model_copy(update={"engine": "offline", "model": ""})
    assert svc.agenda(REQ).agenda == expected


@pytest.mark.parametrize("seed", [5, 6])
def test_prompt_equals_the_full_history_path(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    write(root, scattered_history(250, seed))
    new = services(root).preview_agenda(REQ)

    def everything(
        store: Store,
        mentor: Mentor,
        today: dt.date,
        exclude: str | None = None,
        listing: object = None,
    ) -> LazyHistory:
        summaries = [
            x for x in store.list_sessions(mentor.id) if x.date <= today and x.id != exclude
        ]
        lazy = LazyHistory(store, summaries)
        for i in range(len(summaries)):
            lazy.get(i)
        return lazy

    monkeypatch.setattr(agenda_service, "agenda_history", everything)
    old = services(root).preview_agenda(REQ)
    assert new.messages == old.messages
    assert (new.history_sessions, new.history_omitted) == (
        old.history_sessions,
        old.history_omitted,
    )
    assert new.history_omitted > 0  # the budget did trim


def settled(n: int) -> list[Session]:
    start = TODAY - dt.timedelta(days=n + 1)
    out = []
    for i in range(n):
        day = start + dt.timedelta(days=i)
        out.append(
            Session(
                id=f"{day.isoformat()}-{MENTOR}",
                mentor=MENTOR,
                date=day,
                questions=[Question(text=f"Question number {i}?", resolved=True)],
                action_items=[ActionItem(text=f"Action number {i}", done=True)],
            )
        )
    return out


def test_a_settled_history_parses_only_the_newest_sessions(tmp_path: Path) -> None:
    root = tmp_path / "data"
    sessions = settled(400)
    # one open question and one open action, recent
    sessions[-5].questions.append(Question(text="How do I pick the phase 2 sponsor?"))
    sessions[-3].action_items.append(ActionItem(text="Book the offsite room"))
    write(root, sessions)
    svc = services(root)
    calls: list[str] = []
    real = svc.store.load_session

    def counting(session_id: str) -> Session:
        calls.append(session_id)
        return real(session_id)

    svc.store.load_session = counting  # type: ignore[method-assign]
    setup = svc.agenda_job.setup(REQ, prompt=False)
    assert len(calls) == 5  # from the oldest open one to the newest
    assert [c.text for c in setup.inp.carry_overs()] == [
        "Book the offsite room",
        "How do I pick the phase 2 sponsor?",
    ]
    calls.clear()
    p = svc.preview_agenda(REQ)
    assert p.history_sessions + p.history_omitted == 400
    assert len(calls) <= p.history_sessions + 1 + 5
    assert len(calls) < 400 // 3  # not the whole history

    # nothing open at all: only the newest session is parsed for the offline engine
    for s in sessions:
        for q in s.questions:
            q.resolved = True
        for a in s.action_items:
            a.done = True
    write(root, sessions)
    calls.clear()
    svc.store.list_sessions(MENTOR)  # refresh the index
    calls.clear()
    setup = svc.agenda_job.setup(REQ, prompt=False)
    assert calls == [sessions[-1].id] and setup.inp.carry_overs() == []


def test_resolved_later_in_an_old_settled_session_is_not_carried(tmp_path: Path) -> None:
    """Why the agenda parses every session from the oldest open one onward: a question
    left open long ago and asked again, and resolved, in a session that has nothing open
    and is far outside the prompt's history window must not be carried."""
    root = tmp_path / "data"
    sessions = settled(300)
    sessions[10].questions.append(Question(text="Should I take the VP Eng loop?"))
    sessions[50].questions.append(Question(text="should I take the VP eng loop", resolved=True))
    sessions[120].action_items.append(ActionItem(text="Draft the wrap-up note"))
    write(root, sessions)
    old = full_input(root, REQ)
    texts = [c.text for c in old.carry_overs()]
    assert texts == ["Draft the wrap-up note"]
    new = services(root).agenda_job.setup(REQ, prompt=False).inp
    assert new.carry_overs() == old.carry_overs()


def test_a_session_that_vanished_after_listing_is_skipped(tmp_path: Path) -> None:
    root = tmp_path / "data"
    sessions = settled(30)
    sessions[-1].questions.append(Question(text="How do I pick the phase 2 sponsor?"))
    write(root, sessions)
    svc = services(root)
    summaries = svc.store.list_sessions(MENTOR)
    (root / "sessions" / f"{sessions[-1].id}.json").unlink()
    svc.store.list_sessions = lambda mentor=None: summaries  # type: ignore[method-assign]
    inp = svc.agenda_job.setup(REQ, prompt=False).inp
    assert inp.carry_overs() == []
    assert inp.mentor_history()[-1].id == sessions[-2].id  # the newest that still exists
