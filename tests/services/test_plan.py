"""The plan service on the ``Services`` facade: the calls the CLI and the TUI share."""

from __future__ import annotations

import datetime as dt

import pytest

from prepcoach.errors import NotFoundError, UsageError
from prepcoach.models import Question, Session
from prepcoach.services import Capture, NewAction, Services
from prepcoach.settings import load_settings
from prepcoach.store import Store

D = dt.date


@pytest.fixture
def svc(tmp_path) -> Services:
    root = tmp_path / "data"
    return Services(load_settings(data=str(root), offline=True), Store(root))


def test_profile_fields_set_and_cleared(svc):
    assert svc.profile().name == ""
    svc.set_profile(name="Dana Reyes", title="Director")
    p = svc.set_profile(organisation="Lumen", title=None)
    assert (p.name, p.title, p.organisation) == ("Dana Reyes", "Director", "Lumen")
    assert svc.set_profile(title="").title == ""
    assert svc.profile().name == "Dana Reyes"
    with pytest.raises(UsageError, match="no field nickname"):
        svc.set_profile(nickname="D")


def test_remove_keeps_files_and_restore_puts_back_exactly(svc):
    svc.add_mentor("Ana Lima", status="active", support_areas="scope,politics", today=D(2026, 1, 5))
    svc.add_mentor("Ben Ode")
    obj, _ = svc.add_objective("Own the budget", support_area="scope", mentors=["ana"])
    svc.store.save_session(Session(mentor="ana-lima", date=D(2026, 1, 20), notes="met"))
    before = svc.plan()
    assert svc.mentor_files("ana")["sessions"] == ["2026-01-20-ana-lima"]
    removed = svc.remove_mentor("ana")
    assert removed.sessions == ["2026-01-20-ana-lima"] and removed.objectives == [obj.id]
    assert [m.name for m in svc.plan().mentors] == ["Ben Ode"]
    assert svc.plan().objective(obj.id).mentors == []
    assert svc.store.session_ids() == ["2026-01-20-ana-lima"]  # never deleted
    svc.restore_mentor(removed)
    assert svc.plan() == before


def test_restore_puts_an_earlier_record_back_in_place(svc):
    svc.add_mentor("Ana Lima", status="active", today=D(2026, 1, 5))
    svc.add_mentor("Ben Ode")
    svc.add_objective("Own the budget", support_area="scope", mentors=["ben", "ana"])
    before = svc.plan()
    svc.edit_mentor("ana", title="CTO")
    svc.book_meeting("ana", D(2026, 1, 20), dt.time(10, 0), 30, today=D(2026, 1, 5))
    svc.set_mentor_status("ana", "ended", today=D(2026, 1, 10))
    assert svc.restore_mentor(before.mentor("ana-lima")) == before.mentor("ana-lima")
    assert svc.plan() == before


def test_lifecycle_through_the_facade(svc):
    svc.add_mentor("Ana Lima")
    with pytest.raises(UsageError, match="next status is one of: asked, active, ended"):
        svc.set_mentor_status("ana", "renewed", today=D(2026, 1, 5))
    m = svc.set_mentor_status("ana", "renewed", force=True, today=D(2026, 1, 5))
    assert m.status == "renewed" and m.status_history[-1].forced
    m = svc.set_mentor_status("ana", "ended", today=D(2026, 2, 1))
    assert m.term_ended == D(2026, 2, 1)
    m = svc.set_mentor_status("ana", "active", D(2026, 3, 2), today=D(2026, 3, 1))
    assert m.term_start == D(2026, 3, 2) and m.term_ended is None


def test_booking_and_attention(svc):
    svc.add_mentor("Ana Lima", status="active", today=D(2026, 1, 5))
    with pytest.raises(UsageError, match="has passed"):
        svc.book_meeting("ana", D(2026, 1, 1), today=D(2026, 1, 5))
    m = svc.book_meeting("ana", D(2026, 1, 20), dt.time(10, 0), 30, today=D(2026, 1, 5))
    assert (m.next_meeting, m.next_meeting_minutes) == (D(2026, 1, 20), 30)
    assert svc.attention(D(2026, 1, 10)) == []
    hints = svc.attention(D(2026, 1, 22))
    assert len(hints) == 1 and "Capture your meeting with Ana Lima on 2026-01-20" in hints[0]
    assert 'sessions capture --mentor "Ana Lima"' in hints[0]  # nothing was prepared for it
    svc.store.save_session(Session(mentor="ana-lima", date=D(2026, 1, 20)))
    assert "sessions capture 2026-01-20-ana-lima" in svc.attention(D(2026, 1, 22))[0]
    hints = svc.attention(D(2026, 8, 1))
    assert any("term ended on 2026-07-05" in h for h in hints)


def test_team_names_gaps(svc):
    svc.add_mentor("Ana Lima", status="active", support_areas=["scope"])
    svc.add_mentor("Ben Ode", support_areas=["politics"])
    svc.add_objective("Read the room", support_area="politics")
    team = svc.team()
    by_area = {a.area: a for a in team.areas}
    assert by_area["scope"].covered_by == ["Ana Lima"] and by_area["scope"].covered
    assert "nobody covers politics (could: Ben Ode); needed for: Read the room" in team.gaps
    assert len(team.gaps) == 5


def _held_session(svc: Services) -> Session:
    svc.add_mentor("Ana Lima", status="active", today=D(2026, 1, 5))
    svc.add_objective("Own the budget", support_area="scope", mentors=["ana"])
    s = Session(
        mentor="ana-lima",
        date=D(2026, 1, 20),
        notes="Talked budget.",
        questions=[Question(text="How do I hand over the budget?"), Question(text="Who owns it?")],
    )
    return svc.store.save_session(s)


def test_capture_records_and_keeps_what_was_there(svc):
    s = _held_session(svc)
    cap = Capture(
        note="Agreed: split it by quarter.",
        actions=[
            NewAction("Send the memo", "me", D(2026, 2, 1)),
            NewAction("Intro to CFO", "mentor"),
        ],
        resolve=[("hand over", "Step by step")],
        progress=[("own-the", "First quarter handed over")],
    )
    r = svc.capture_session("2026-01-20", cap, today=D(2026, 1, 21))
    saved = svc.store.load_session(s.id)
    assert saved.notes == "Talked budget.\n\nAgreed: split it by quarter."
    assert [(a.text, a.owner) for a in saved.action_items] == [
        ("Send the memo", "me"),
        ("Intro to CFO", "mentor"),
    ]
    assert saved.questions[0].resolved and saved.questions[0].answer == "Step by step"
    assert not saved.questions[1].resolved
    assert saved.objective_progress[0].objective_id == "own-the-budget"
    assert r.resolved == ["How do I hand over the budget?"] and r.added_actions == 2
    r = svc.capture_session(s.id, Capture(done=["2"]), today=D(2026, 1, 25))
    done = svc.store.load_session(s.id).action_items[1]
    assert done.done and done.done_on == D(2026, 1, 25) and r.done == ["Intro to CFO"]


def test_capture_refuses_ambiguous_unknown_and_future(svc):
    s = _held_session(svc)
    before = svc.store.load_session(s.id)
    with pytest.raises(UsageError, match="matches several questions") as exc:
        svc.capture_session(s.id, Capture(note="x", resolve=[("o", "")]), today=D(2026, 1, 21))
    assert "1. How do I hand over" in str(exc.value) or "2. Who owns it?" in str(exc.value)
    with pytest.raises(UsageError, match="no question 3") as exc:
        svc.capture_session(s.id, Capture(resolve=[("3", "")]), today=D(2026, 1, 21))
    assert "2. Who owns it?" in exc.value.hint
    with pytest.raises(UsageError, match='no action item matches "memo"'):
        svc.capture_session(s.id, Capture(done=["memo"]), today=D(2026, 1, 21))
    with pytest.raises(NotFoundError):
        svc.capture_session(s.id, Capture(progress=[("nope", "x")]), today=D(2026, 1, 21))
    with pytest.raises(UsageError, match="still to come"):
        svc.capture_session(s.id, Capture(note="early"), today=D(2026, 1, 19))
    assert svc.store.load_session(s.id) == before  # nothing half-applied
    svc.capture_session(s.id, Capture(note="early"), today=D(2026, 1, 19), confirm=True)
    assert svc.store.load_session(s.id).notes.endswith("early")
