"""Offline agenda composer: exact time boxes, every question, carry-over first."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from prepcoach.agenda import AgendaInput, agenda_markdown, check_agenda, win_cap
from prepcoach.engines.offline import compose_agenda
from prepcoach.models import ActionItem, Mentor, Objective, Profile, Question, Session
from prepcoach.store import Store

TODAY = dt.date(2026, 11, 24)
MENTOR = Mentor(
    id="marcus",
    name="Marcus Bell",
    support_areas=["career"],
    status="active",
    term_start=dt.date(2026, 7, 7),
    next_meeting=dt.date(2026, 12, 9),
)
OBJ = Objective(
    id="career",
    title="Decide between VP Eng here or CTO at a smaller company",
    done_when="A written two-year plan with a decision",
    support_area="career",
    mentors=["marcus"],
)
OTHER = Objective(
    id="feedback", title="Give direct feedback to staff engineers", support_area="toolkit"
)
HISTORY = [
    Session(
        id="s1",
        mentor="marcus",
        date=dt.date(2026, 7, 21),
        questions=[Question(text="How do I test the CTO path without quitting?", resolved=True)],
        action_items=[ActionItem(text="Intro to two seed-stage founders", owner="Marcus")],
    ),
    Session(
        id="s2",
        mentor="marcus",
        date=dt.date(2026, 11, 4),
        questions=[Question(text="Should I take the VP Eng interview loop at Fieldline?")],
    ),
]


def make(
    questions: list[str], minutes: int, accomplishments: list[str] | None = None
) -> AgendaInput:
    return AgendaInput(
        mentor=MENTOR,
        objectives=[OTHER, OBJ],
        history=HISTORY,
        accomplishments=accomplishments if accomplishments is not None else ["Shipped the plan"],
        questions=questions,
        minutes=minutes,
        today=TODAY,
        profile=Profile(name="Dana"),
    )


def test_layout_for_a_normal_meeting() -> None:
    q = [
        "How do I compare a VP Eng offer with a CTO role at a seed company?",
        "Who else should I talk to?",
    ]
    inp = make(q, 45, ["Finance accepted the plan", "Hired two staff engineers", "x", "y"])
    a = compose_agenda(inp)
    assert a.engine == "offline" and a.model == ""
    assert a.total() == 45 and a.minutes == 45
    kinds = [it.kind for it in a.items]
    assert kinds[0] == "carried_over" and kinds[-1] == "close"
    assert kinds.count("win") == 1
    carried = [it for it in a.items if it.kind == "carried_over"]
    assert carried[0].source == "2026-07-21 session" or carried[0].source == "2026-11-04 session"
    assert any("Fieldline" in it.title for it in carried)
    questions = [it for it in a.items if it.kind == "question"]
    assert [it.title for it in questions] == q
    assert questions[0].objective_id == "career"  # words match this mentor's objective
    win = next(it for it in a.items if it.kind == "win")
    assert win.minutes <= win_cap(45)
    # the summary says the wins' time in plain words, no internal cap
    wins_said = f"{win.minutes} minute{'s' if win.minutes != 1 else ''} for your wins"
    assert wins_said + ", kept brief for your questions" in a.summary, a.summary
    assert "cap" not in a.summary and " min " not in a.summary.replace(" min)", ")")
    assert min(it.minutes for it in questions) >= max(
        it.minutes for it in a.items if it.kind in ("win", "close", "objective")
    )
    # a month after Dec 9 is 2027-01-11, after the term ends (2027-01-07): no date is
    # proposed; the close says the term ends and what this meeting should settle (neutral
    # here: no checkpoint recommendation was passed in)
    assert MENTOR.term_end() == dt.date(2027, 1, 7)
    assert a.next_meeting is None
    close = a.items[-1]
    assert "The term ends on 2027-01-07" in close.detail and "2027-01-11" not in close.detail
    # within the term the date is proposed: a month after Dec 9, off the weekend
    longer = make(q, 45)
    longer.mentor = MENTOR.model_copy(update={"term_months": 12})
    assert compose_agenda(longer).next_meeting == dt.date(2027, 1, 11)
    assert "renew or loosen" not in close.detail and "what comes next" in close.detail
    assert check_agenda(a, inp) == []
    md = agenda_markdown(a, MENTOR)
    # labelled offline exactly once: the Markdown label, not again in the summary
    assert "Offline draft" in md and "Total: 45 of 45 minutes." in md
    assert "offline" not in a.summary.lower() and md.lower().count("offline") == 1


def test_objective_check_in_when_nothing_covers_it() -> None:
    inp = make(["Who else should I talk to about hiring?"], 30, [])
    # an ordinary meeting (no term, one earlier session that moved): check-ins are listed
    inp.history = HISTORY[:1]
    inp.mentor = MENTOR.model_copy(update={"term_start": None})
    assert inp.moment().kind == "ordinary"
    a = compose_agenda(inp)
    assert any(it.kind == "objective" and it.objective_id == "career" for it in a.items)
    assert a.total() == 30


def test_no_questions_no_history() -> None:
    inp = AgendaInput(
        mentor=MENTOR.model_copy(update={"term_start": None, "next_meeting": None}),
        objectives=[],
        history=[],
        accomplishments=[],
        questions=[],
        minutes=15,
        today=TODAY,
        profile=Profile(),
    )
    a = compose_agenda(inp)
    assert a.total() == 15 and len(a.items) >= 2
    assert a.items[-1].kind == "close"
    assert check_agenda(a, inp) == []


def test_many_questions_in_few_minutes_are_grouped_with_notice() -> None:
    qs = [f"Question {k}: how do I handle case {k} of the budget?" for k in range(40)]
    inp = make(qs, 15)
    a = compose_agenda(inp)
    assert a.total() == 15 and len(a.items) <= 15
    text = "\n".join(f"{it.title}\n{it.detail}" for it in a.items)
    assert all(q in text for q in qs)
    assert "grouped" in a.summary
    assert check_agenda(a, inp) == []


def test_markup_in_input_is_kept_as_text() -> None:
    """Markup characters are the user's words (shown escaped); terminal escapes go."""
    a = compose_agenda(make(["[bold]How[/bold] do I \x1b[31mpitch\x1b[0m the *reorg*?"], 30))
    titles = [it.title for it in a.items if it.kind == "question"]
    assert titles == ["[bold]How[/bold] do I pitch the *reorg*?"]


def test_deterministic() -> None:
    inp = make(["How do I pitch the Fieldline loop to Rob?"], 40)
    assert compose_agenda(inp) == compose_agenda(inp)


@settings(max_examples=120, deadline=None)
@given(
    minutes=st.integers(min_value=1, max_value=240),
    questions=st.lists(st.text(min_size=0, max_size=80), max_size=35),
    accomplishments=st.lists(st.text(max_size=60), max_size=6),
)
def test_boxes_sum_exactly_and_every_question_appears(
    minutes: int, questions: list[str], accomplishments: list[str]
) -> None:
    inp = make(questions, minutes, accomplishments)
    a = compose_agenda(inp)
    assert a.total() == minutes
    assert all(it.minutes >= 1 for it in a.items)
    assert check_agenda(a, inp) == []
    text = "\n".join(f"{it.title}\n{it.detail}" for it in a.items)
    for q in inp.open_questions():
        assert q in text
    assert _close_count(a.items) == 1


def _close_count(items: list) -> int:  # type: ignore[type-arg]
    """Close items plus closes merged into a block (one "- Close" line each)."""
    merged = sum(
        1 for it in items for line in it.detail.splitlines() if line.lower().startswith("- close")
    )
    return sum(1 for it in items if it.kind == "close") + merged


def test_tiny_meetings_have_one_close_and_proper_plurals() -> None:
    for minutes in range(1, 16):
        inp = make(["How do I pitch it?", "Who else should I ask?"], minutes, ["Shipped"])
        a = compose_agenda(inp)
        assert _close_count(a.items) == 1, (minutes, a.items)
        md = agenda_markdown(a, MENTOR)
        words = md + a.summary
        assert " 1 minutes" not in words and "1 blocks" not in words
        if minutes == 1:
            assert "# Agenda: Marcus Bell, 1 minute\n" in md
            assert "do not fit 1 minute one per minute" in a.summary
            assert "grouped into 1 block;" in a.summary


def test_close_follows_the_term_decision() -> None:
    q = ["How do I compare a VP Eng offer with a CTO role at a seed company?"]
    said = {}
    for decision in (None, "continue", "renew", "loosen", "move_on"):
        inp = make(q, 45)
        inp.term_decision = decision
        a = compose_agenda(inp)
        close = a.items[-1]
        assert close.kind == "close" and "renew or loosen" not in close.detail + a.summary
        said[decision] = (close.title, close.detail, a.summary)
    assert said[None] == said["continue"]  # neutral
    assert "what comes next" in said[None][1]
    assert "another term with a new focus" in said["renew"][1]
    assert "less often" in said["loosen"][1] and "lighter touch" in said["loosen"][0]
    assert "close the regular meetings" in said["move_on"][1]
    assert said["move_on"][0] == "Close: thanks and wrapping up"
    assert "wrap up the regular meetings" in said["move_on"][2]


def test_sample_data_agenda_45_minutes() -> None:
    root = Path(__file__).resolve().parents[3] / "sample_sessions"
    if not (root / "plan.json").exists():  # the sample set is part of the repo
        raise AssertionError("sample_sessions/plan.json is missing")
    store = Store(root)
    plan = store.load_plan()
    for mentor in plan.mentors:
        inp = AgendaInput(
            mentor=mentor,
            objectives=plan.objectives,
            history=store.sessions_for(mentor.id),
            accomplishments=["Phase 1 is on the Q1 roadmap"],
            questions=[
                "What should I ask for at the wrap-up?",
                "How do I hand the program to Tomás?",
            ],
            minutes=45,
            today=TODAY,
            profile=plan.profile,
        )
        a = compose_agenda(inp)
        assert a.total() == 45
        assert check_agenda(a, inp) == []
        json.dumps(a.model_dump(mode="json"))


def test_offline_engine_does_not_import_openai() -> None:
    code = (
        "import sys, datetime as dt\n"
        "from prepcoach.agenda import AgendaInput\n"
        "from prepcoach.engines.offline import compose_agenda\n"
        "from prepcoach.models import Mentor\n"
        "m = Mentor(id='x', name='X Y')\n"
        "compose_agenda(AgendaInput(m, [], [], [], ['Why?'], 30, dt.date(2026, 1, 5)))\n"
        "print('openai' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_meeting_booked_after_the_term_s_end_speaks_of_it_in_the_past() -> None:
    """Prepared on the term's last day for a meeting after it: the summary looks back
    ("The term ended on ..."), never "ends" about a term that is over by the meeting."""
    end = MENTOR.term_end()
    assert end is not None
    after = MENTOR.model_copy(update={"next_meeting": end + dt.timedelta(days=20)})
    inp = make(["How do I test the CTO path without quitting?"], 30)
    inp.mentor, inp.today = after, end
    agenda = compose_agenda(inp)
    summary = agenda.summary
    assert f"The term ended on {end.isoformat()}" in summary, summary
    assert "The term ends on" not in summary
    close = next(it for it in agenda.items if it.kind == "close")
    assert "The term ends on" not in close.detail, close.detail  # the close says it the same way
    inp.mentor = MENTOR.model_copy(update={"next_meeting": end})  # the meeting on the last day
    assert f"The term ends on {end.isoformat()}" in compose_agenda(inp).summary
