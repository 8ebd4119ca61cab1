"""Services: saving a prepared meeting (once per meeting), the agenda's close following
the checkpoint review, and reviews that hold one mentor's history at a time."""

from __future__ import annotations

import datetime as dt
import gc
import weakref
from pathlib import Path
from typing import Any

import pytest

from prepcoach.errors import UsageError
from prepcoach.models import ActionItem, ObjectiveProgress, Question
from prepcoach.review import analyse
from prepcoach.services import AgendaRequest, Services
from prepcoach.settings import load_settings
from prepcoach.store import Store

TODAY = dt.date(2026, 11, 20)  # Priya's next meeting: 2026-12-01


def services(root: Path) -> Services:
    settings = load_settings(data=root, offline=True)
    return Services(settings, Store(root))


def prepare(svc: Services, mentor: str, questions: list[str], **kw: Any) -> Any:
    req = AgendaRequest(mentor=mentor, questions=questions, today=kw.pop("today", TODAY), **kw)
    return req, svc.agenda(req)


# ------------------------------------------------------------------ save_session


def test_saving_the_same_meeting_twice_updates_the_session(sample_dir: Path) -> None:
    svc = services(sample_dir)
    before = len(svc.store.list_sessions())
    req, res = prepare(svc, "Priya", ["How do I hand over the budget?"], minutes=30)
    first = svc.save_session(req, res)
    assert first.date == dt.date(2026, 12, 1)  # the meeting being prepared
    assert len(svc.store.list_sessions()) == before + 1

    # after the meeting: notes, action items, progress and an answer are captured
    captured = svc.store.load_session(first.id)
    captured.notes = "She suggested a written hand-over plan."
    captured.action_items = [ActionItem(text="Draft the hand-over plan")]
    captured.objective_progress = [ObjectiveProgress(objective_id="budget-cycle")]
    captured.questions = [
        Question(text="How do I hand over the budget?", resolved=True, answer="In writing."),
    ]
    svc.store.save_session(captured)

    req2, res2 = prepare(
        svc,
        "Priya",
        ["How do I hand over the budget?", "What should the next term focus on?"],
        accomplishments=["Shipped the wrap-up"],
        minutes=60,
    )
    again, updated = svc.upsert_session(req2, res2)
    assert updated is True
    assert again.id == first.id
    assert len(svc.store.list_sessions()) == before + 1  # no duplicate
    stored = svc.store.load_session(first.id)
    # replaced: the preparation
    assert stored.minutes == 60 and stored.agenda is not None and stored.agenda.minutes == 60
    assert stored.accomplishments == ["Shipped the wrap-up"]
    assert [q.text for q in stored.questions] == [
        "How do I hand over the budget?",
        "What should the next term focus on?",
    ]
    # kept: what was captured after the meeting
    assert stored.notes == "She suggested a written hand-over plan."
    assert [a.text for a in stored.action_items] == ["Draft the hand-over plan"]
    assert [p.objective_id for p in stored.objective_progress] == ["budget-cycle"]
    assert stored.questions[0].resolved and stored.questions[0].answer == "In writing."
    assert not stored.questions[1].resolved
    assert svc.existing_session("priya-raman", dt.date(2026, 12, 1)) == stored


def test_save_session_keeps_its_signature_and_returns_the_same_id(sample_dir: Path) -> None:
    svc = services(sample_dir)
    req, res = prepare(svc, "Priya", ["Q one?"])
    a = svc.save_session(req, res)
    b = svc.save_session(req, res)
    assert a.id == b.id
    ids = [x.id for x in svc.store.list_sessions("priya-raman") if x.date == a.date]
    assert ids == [a.id]


def test_an_answered_question_no_longer_asked_is_kept(sample_dir: Path) -> None:
    svc = services(sample_dir)
    req, res = prepare(svc, "Priya", ["Old question?"])
    s = svc.save_session(req, res)
    s.questions = [Question(text="Old question?", resolved=True, answer="Yes.")]
    svc.store.save_session(s)
    req2, res2 = prepare(svc, "Priya", ["New question?"])
    stored = svc.save_session(req2, res2)
    assert [(q.text, q.answer) for q in stored.questions] == [
        ("New question?", ""),
        ("Old question?", "Yes."),
    ]


def test_another_mentor_or_another_date_is_a_new_session(sample_dir: Path) -> None:
    svc = services(sample_dir)
    req, res = prepare(svc, "Priya", ["Q?"])
    priya = svc.save_session(req, res)
    req_m, res_m = prepare(svc, "Marcus", ["Q?"])
    marcus, updated = svc.upsert_session(req_m, res_m)
    assert not updated and marcus.id != priya.id
    # after Priya's booked meeting has passed, the meeting prepared is today's
    later = dt.date(2026, 12, 3)
    req_l, res_l = prepare(svc, "Priya", ["Q?"], today=later)
    third, updated = svc.upsert_session(req_l, res_l)
    assert not updated and third.date == later and third.id != priya.id
    assert svc.meeting_date(svc.plan().mentor("priya-raman"), TODAY) == dt.date(2026, 12, 1)
    assert svc.existing_session("priya-raman", dt.date(2030, 1, 1)) is None


# ------------------------------------------------------------------ meeting length


@pytest.mark.parametrize("minutes", [1, 9, 241, 600])
def test_meeting_length_outside_the_bounds_is_refused(sample_dir: Path, minutes: int) -> None:
    svc = services(sample_dir)
    with pytest.raises(UsageError) as exc:
        svc.agenda(AgendaRequest(mentor="Priya", minutes=minutes, today=TODAY))
    assert "10 to 240 minutes" in exc.value.message


def test_default_meeting_length_is_the_shared_default() -> None:
    from prepcoach import agenda
    from prepcoach.cli import common

    assert AgendaRequest(mentor="x").minutes == agenda.DEFAULT_MEETING_MINUTES == 45
    assert common.DEFAULT_MEETING_MINUTES == agenda.DEFAULT_MEETING_MINUTES
    assert common.MIN_MEETING_MINUTES == agenda.MIN_MEETING_MINUTES == 10
    assert common.MAX_MEETING_MINUTES == agenda.MAX_MEETING_MINUTES == 240


# ------------------------------------------------------- the close follows the review


@pytest.mark.parametrize(
    ("mentor", "today", "rec", "title", "says"),
    [
        ("Priya", TODAY, "loosen", "Close: next steps and a lighter touch", "less often"),
        (
            "Marcus",
            dt.date(2026, 12, 20),
            "move_on",
            "Close: thanks and wrapping up",
            "close the regular meetings",
        ),
    ],
)
def test_agenda_close_follows_the_checkpoint_review(
    sample_dir: Path, mentor: str, today: dt.date, rec: str, title: str, says: str
) -> None:
    svc = services(sample_dir)
    m = svc.plan().mentor(mentor.lower() + ("-raman" if mentor == "Priya" else "-bell"))
    assert m is not None
    full = [s for s in svc.store.sessions_for(m.id) if s.date <= today]
    assert analyse(svc.plan(), m, full, today).recommendation == rec
    req, res = prepare(svc, mentor, ["What should I ask next?"], today=today)
    closes = [it for it in res.agenda.items if it.kind == "close"]
    assert len(closes) == 1
    assert closes[0].title == title and says in closes[0].detail
    assert "renew or loosen" not in closes[0].detail + res.agenda.summary
    # the model is told the same thing
    prompt = svc.preview_agenda(req).messages[1]["content"]
    assert "before the next meeting: the close should" in prompt and says in prompt


def test_mid_term_agenda_has_no_term_decision(sample_dir: Path) -> None:
    svc = services(sample_dir)

    def unbook(plan: Any) -> None:
        m = plan.mentor("marcus-bell")
        m.next_meeting = None  # the meeting is today; the next one falls within the term

    svc.store.update_plan(unbook)
    req, res = prepare(svc, "Marcus", ["Q?"], today=dt.date(2026, 9, 10))
    close = next(it for it in res.agenda.items if it.kind == "close")
    assert close.title == "Close: next steps and next meeting"
    assert "the close should" not in svc.preview_agenda(req).messages[1]["content"]


# ------------------------------------------------------------------- review memory


def test_review_holds_one_mentors_history_at_a_time(sample_dir: Path) -> None:
    svc = services(sample_dir)
    real = svc.store.sessions_for
    alive: list[weakref.ref[Any]] = []
    still_alive_at_next_read: list[int] = []

    def tracking(mentor_id: str) -> Any:
        gc.collect()
        still_alive_at_next_read.append(sum(1 for r in alive if r() is not None))
        out = real(mentor_id)
        alive.extend(weakref.ref(s) for s in out)
        return out

    svc.store.sessions_for = tracking  # type: ignore[method-assign]
    records = svc.review(None, today=TODAY)
    assert len(records) == 3 and len(still_alive_at_next_read) == 3
    assert alive and still_alive_at_next_read == [0, 0, 0]
    assert all(r.message for r in records)
