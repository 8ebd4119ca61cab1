"""Agenda rules: carry-over, normalising a model's agenda, checks, Markdown."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from prepcoach.agenda import (
    AgendaInput,
    agenda_markdown,
    carried_over,
    carry_item,
    check_agenda,
    close_item,
    next_meeting_date,
    normalise_agenda,
    proposed_next_meeting,
    win_cap,
    working_day,
)
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


def test_carried_over_dedupes_most_recent_first_with_sources() -> None:
    items = carried_over(
        [s for s in HISTORY if s.mentor == "priya"], OBJECTIVES, {"budget", "roadmap"}
    )
    texts = [(c.kind, c.text, c.source) for c in items]
    assert texts == [
        (
            "question",
            "How do I keep the roadmap sponsor engaged between gates?",
            "2026-10-15 session",
        ),
        ("action", "Draft the phase 1a fallback plan", "2026-10-15 session"),
        ("action", "Intro to Carla Nunes", "2026-10-15 session"),
    ]
    assert items[0].objective_id == "roadmap"
    assert items[0].session_id == "2026-10-15-priya"
    assert items[2].owner == "Priya" and "Priya" in items[2].title()
    assert items[1].due == dt.date(2026, 11, 1)


def test_carried_over_empty_history() -> None:
    assert carried_over([]) == []


def test_input_ignores_other_mentors_and_future_sessions() -> None:
    future = session("2027-01-05", questions=[Question(text="Future question?")])
    i = inp([], history=[*HISTORY, future])
    texts = [c.text for c in i.carry_overs()]
    assert "Marcus question?" not in texts and "Future question?" not in texts


def model_agenda(items: list[AgendaItem], minutes: int = 45) -> Agenda:
    return Agenda(mentor="priya", minutes=minutes, items=items, engine="llm", model="m")


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


def test_normalise_keeps_paraphrased_question_once_with_original_text() -> None:
    q = "How do I keep the budget numbers mine when Rob wants to rewrite them?"
    agenda = model_agenda(
        [AgendaItem(title="Keeping the budget numbers yours when Rob rewrites", minutes=30)]
    )
    fixed = normalise_agenda(agenda, inp([q], history=[]))
    qitems = [it for it in fixed.items if it.kind == "question"]
    assert len(qitems) == 1 and q in qitems[0].detail
    assert check_agenda(fixed, inp([q], history=[])) == []


def test_check_flags_wins_taking_the_time() -> None:
    q = "How do I hand the migration program to Tomás?"
    agenda = model_agenda(
        [
            AgendaItem(title="Wins", minutes=20, kind="win"),
            AgendaItem(title=q, minutes=5, kind="question"),
            AgendaItem(title="Close", minutes=20, kind="close"),
        ]
    )
    problems = check_agenda(agenda, inp([q], history=[]))
    assert any("Wins take 20 minutes" in p for p in problems)
    assert any("give the asks the time" in p for p in problems)


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


def test_next_meeting_date_by_cadence() -> None:
    # monthly: a month after the booked meeting; 2027-01-01 is New Year's Day (a Friday),
    # so the next working day, Monday 2027-01-04
    assert next_meeting_date(MENTOR, TODAY) == dt.date(2027, 1, 4)
    past = MENTOR.model_copy(update={"next_meeting": dt.date(2026, 11, 1), "cadence": "biweekly"})
    assert next_meeting_date(past, TODAY) == dt.date(2026, 12, 8)
    sat = MENTOR.model_copy(update={"next_meeting": dt.date(2026, 12, 5)})
    assert next_meeting_date(sat, TODAY).weekday() < 5


def test_markdown_export() -> None:
    q = "How do I hand the migration program to Tomás?"
    fixed = normalise_agenda(model_agenda([AgendaItem(title=q, minutes=10)]), inp([q]))
    md = agenda_markdown(fixed, MENTOR, OBJECTIVES)
    assert md.startswith("# Agenda: Priya Raman, 45 minutes")
    assert q in md and "Total: 45 of 45 minutes." in md
    assert "0:00-" in md and "Carried over" in md
    assert "Drafted by m" in md


def test_no_meeting_on_new_years_day_or_christmas() -> None:
    assert working_day(dt.date(2027, 1, 1)) == dt.date(2027, 1, 4)  # Fri holiday -> Mon
    assert working_day(dt.date(2026, 12, 25)) == dt.date(2026, 12, 28)  # Fri -> Mon
    assert working_day(dt.date(2031, 12, 25)) == dt.date(2031, 12, 26)  # Thu -> Fri
    assert working_day(dt.date(2026, 12, 24)) == dt.date(2026, 12, 24)
    xmas = Mentor(id="x", name="X Y", next_meeting=dt.date(2030, 11, 25), status="active")
    assert next_meeting_date(xmas, dt.date(2030, 11, 1)) == dt.date(2030, 12, 26)


def test_close_does_not_propose_a_date_after_the_term_ends() -> None:
    # Priya: term 2026-06-02 + 6 months = 2026-12-02; by cadence the next meeting would
    # be 2027-01-04, after the term: no date; with no checkpoint recommendation the close
    # is neutral about what comes after the term.
    assert MENTOR.term_end() == dt.date(2026, 12, 2)
    assert proposed_next_meeting(MENTOR, TODAY) is None
    i = inp(["How do I hand the migration program to Tomás?"])
    close = close_item(i, None)
    assert "The term ends on 2026-12-02" in close.detail
    assert "what comes next" in close.detail and "renew or loosen" not in close.detail
    assert "2027" not in close.detail and "confirm the next meeting" not in close.detail

    fixed = normalise_agenda(model_agenda([]), i)
    assert fixed.next_meeting is None
    closes = [it for it in fixed.items if it.kind == "close"]
    assert len(closes) == 1 and "The term ends on 2026-12-02" in closes[0].detail
    md = agenda_markdown(fixed, MENTOR, OBJECTIVES)
    assert "2027" not in md and "Next meeting:" not in md
    assert check_agenda(fixed, i) == []

    # a model proposing a date past the term does not get it through either
    late = model_agenda([]).model_copy(update={"next_meeting": dt.date(2027, 1, 4)})
    assert normalise_agenda(late, i).next_meeting is None


def test_close_proposes_a_date_within_the_term() -> None:
    early = MENTOR.model_copy(update={"next_meeting": dt.date(2026, 9, 1)})
    when = dt.date(2026, 8, 20)
    nxt = proposed_next_meeting(early, when)
    assert nxt == dt.date(2026, 10, 1)
    i = AgendaInput(
        mentor=early,
        objectives=OBJECTIVES,
        history=[],
        accomplishments=[],
        questions=["Q one two three?"],
        minutes=30,
        today=when,
    )
    close = close_item(i, nxt)
    assert "confirm the next meeting: Thu 2026-10-01" in close.detail
    assert "term ends" not in close.detail
    # the last meeting on the term's last day still names the end
    last = MENTOR.model_copy(update={"next_meeting": dt.date(2026, 11, 2)})
    assert proposed_next_meeting(last, dt.date(2026, 10, 20)) == dt.date(2026, 12, 2)
    i2 = AgendaInput(last, OBJECTIVES, [], [], ["Q?"], 30, dt.date(2026, 10, 20))
    assert "The term ends on 2026-12-02" in close_item(i2, dt.date(2026, 12, 2)).detail


def test_carry_item_unchanged_by_cache() -> None:
    # cached text helpers give the same answer on repeated calls
    h = [x for x in HISTORY if x.mentor == "priya"]
    first = carried_over(h, OBJECTIVES, {"budget"})
    again = carried_over(h, OBJECTIVES, {"budget"})
    assert first == again and first
    assert [carry_item(c, OBJECTIVES) for c in first] == [carry_item(c, OBJECTIVES) for c in again]


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


def test_meeting_length_bounds() -> None:
    import pytest

    from prepcoach.agenda import (
        DEFAULT_MEETING_MINUTES,
        MAX_MEETING_MINUTES,
        MIN_MEETING_MINUTES,
        check_meeting_minutes,
    )
    from prepcoach.errors import UsageError

    assert (MIN_MEETING_MINUTES, DEFAULT_MEETING_MINUTES, MAX_MEETING_MINUTES) == (10, 45, 240)
    for ok in (10, 45, 240):
        check_meeting_minutes(ok)
    for bad in (0, 1, 9, 241, 600):
        with pytest.raises(UsageError) as exc:
            check_meeting_minutes(bad)
        assert "10 to 240 minutes" in exc.value.message and exc.value.exit_code == 2
    with pytest.raises(UsageError) as exc:
        check_meeting_minutes(1)
    assert "a meeting of 1 minute is" in exc.value.message


def test_next_meeting_date_never_overflows_at_the_end_of_the_calendar() -> None:
    import datetime as _dt

    from prepcoach.agenda import next_meeting_date
    from prepcoach.models import Mentor

    for cadence in ("weekly", "biweekly", "monthly", "quarterly"):
        m = Mentor(id="a", name="A", cadence=cadence)
        for today in (_dt.date(9999, 12, 25), _dt.date.max):
            assert next_meeting_date(m, today) <= _dt.date.max


def test_no_next_meeting_is_proposed_without_regular_meetings() -> None:
    import datetime as _dt

    from prepcoach.agenda import proposed_next_meeting
    from prepcoach.models import Mentor

    today = _dt.date(2026, 11, 24)
    for status in ("prospect", "asked", "loosened", "ended"):
        assert proposed_next_meeting(Mentor(id="a", name="A", status=status), today) is None
    active = Mentor(id="a", name="A", status="active", next_meeting=_dt.date(2026, 12, 1))
    nxt = proposed_next_meeting(active, today)
    assert nxt is not None and nxt > _dt.date(2026, 12, 1)
