"""Shared data for the agenda tests: one mentor in her term, her objectives and history."""

from __future__ import annotations

import datetime as dt

from prepcoach.agenda import AgendaInput
from prepcoach.models import (
    ActionItem,
    Agenda,
    AgendaItem,
    Mentor,
    Objective,
    ObjectiveProgress,
    Profile,
    Question,
    Session,
)

TODAY = dt.date(2026, 11, 24)
MENTOR = Mentor(
    id="priya",
    name="Priya Raman",
    support_areas=["scope", "politics"],
    status="active",
    term_start=dt.date(2026, 6, 2),
    next_meeting=dt.date(2026, 12, 1),
)
OBJECTIVES = [
    Objective(
        id="budget",
        title="Run the FY27 budget cycle myself",
        done_when="Finance accepts the headcount plan without a rewrite",
        support_area="scope",
        mentors=["priya"],
    ),
    Objective(
        id="roadmap",
        title="Get the carrier migration onto the Q1 roadmap",
        done_when="Migration phase 1 on the roadmap with a product sponsor",
        support_area="politics",
        mentors=["priya"],
    ),
    Objective(
        id="feedback", title="Give direct feedback to staff engineers", support_area="toolkit"
    ),
]


def session(day: str, **kw) -> Session:  # type: ignore[no-untyped-def]
    return Session(id=f"{day}-priya", mentor="priya", date=dt.date.fromisoformat(day), **kw)


HISTORY = [
    session(
        "2026-09-15",
        questions=[
            Question(text="How do I defend the observability line in the budget?"),
            Question(text="Should I name the reorg rumor at all-hands?", resolved=True),
        ],
        action_items=[ActionItem(text="Send Rob the vendor cost comparison", done=True)],
    ),
    session(
        "2026-10-15",
        questions=[
            Question(text="How do I keep the roadmap sponsor engaged between gates?"),
            # asked again and resolved later: not carried
            Question(text="How do I defend the observability line in the budget?", resolved=True),
        ],
        action_items=[
            ActionItem(text="Draft the phase 1a fallback plan", due=dt.date(2026, 11, 1)),
            ActionItem(text="Intro to Carla Nunes", owner="Priya"),
        ],
        objective_progress=[ObjectiveProgress(objective_id="roadmap")],
    ),
    Session(
        id="other",
        mentor="marcus",
        date=dt.date(2026, 10, 20),
        questions=[Question(text="Marcus question?")],
    ),
]


def inp(questions: list[str], minutes: int = 45, **kw) -> AgendaInput:  # type: ignore[no-untyped-def]
    return AgendaInput(
        mentor=kw.get("mentor", MENTOR),
        objectives=OBJECTIVES,
        history=kw.get("history", HISTORY),
        accomplishments=kw.get("accomplishments", ["Finance accepted the plan"]),
        questions=questions,
        minutes=minutes,
        today=TODAY,
        profile=Profile(name="Dana"),
    )


def model_agenda(items: list[AgendaItem], minutes: int = 45) -> Agenda:
    return Agenda(mentor="priya", minutes=minutes, items=items, engine="llm", model="m")
