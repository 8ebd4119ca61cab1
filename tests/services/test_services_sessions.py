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
    req, res = prepare(
        svc, "Priya", ["How do I hand over the budget?", "Q two?"], accomplishments=["Won"]
    )
    first = svc.save_session(req, res)
    assert first.date == dt.date(2026, 12, 1)  # the meeting being prepared
    assert len(svc.store.list_sessions()) == before + 1

    # a second run with fewer inputs: nothing saved earlier for this meeting is lost
    req2, res2 = prepare(svc, "Priya", ["What should the next term focus on?"], minutes=60)
    assert [i.title for i in res2.agenda.items if "Q two" in i.title]  # saved items in it
    again, updated = svc.upsert_session(req2, res2)
    assert updated is True and again.id == first.id
    assert len(svc.store.list_sessions()) == before + 1  # no duplicate
    stored = svc.store.load_session(first.id)
    assert stored.minutes == 60 and stored.agenda is not None and stored.agenda.minutes == 60
    assert stored.accomplishments == ["Won"]
    assert [q.text for q in stored.questions] == [
        "How do I hand over the budget?",
        "Q two?",
        "What should the next term focus on?",
    ]
    assert svc.prep_session("priya", TODAY) == stored


def test_complete_request_replaces_the_saved_prep(sample_dir: Path) -> None:
    svc = services(sample_dir)
    req, res = prepare(svc, "Priya", ["Keep?", "Drop?"], accomplishments=["Old win"])
    first = svc.save_session(req, res)
    req2, res2 = prepare(svc, "Priya", ["Keep?"], complete=True)
    again = svc.save_session(req2, res2)
    assert again.id == first.id
    assert [q.text for q in again.questions] == ["Keep?"] and again.accomplishments == []


def test_a_held_meeting_is_never_touched(sample_dir: Path) -> None:
    svc = services(sample_dir)
    req, res = prepare(svc, "Priya", ["How do I hand over the budget?"], accomplishments=["W"])
    first = svc.save_session(req, res)
    # the meeting happens on its date; notes, actions, progress and an answer are captured
    captured = svc.store.load_session(first.id)
    captured.notes = "She suggested a written hand-over plan."
    captured.action_items = [ActionItem(text="Draft the hand-over plan")]
    captured.objective_progress = [ObjectiveProgress(objective_id="budget-cycle")]
    captured.questions = [
        Question(text="How do I hand over the budget?", resolved=True, answer="In writing."),
    ]
    svc.store.save_session(captured)
    held_copy = svc.store.load_session(first.id)

    # the same day, right after the meeting: the next meeting is prepared, not this one
    meeting_day = dt.date(2026, 12, 1)
    req2, res2 = prepare(svc, "Priya", ["Next question?"], today=meeting_day)
    titles = " ".join(i.title for i in res2.agenda.items)
    assert "hand over the budget" not in titles  # resolved, not carried over
    second, updated = svc.upsert_session(req2, res2)
    assert not updated and second.id != first.id and second.date > meeting_day
    assert svc.store.load_session(first.id) == held_copy  # byte for byte the same


def test_the_meetings_own_session_is_not_carried_over(sample_dir: Path) -> None:
    svc = services(sample_dir)
    day = dt.date(2026, 12, 1)  # the booked meeting's day: the session is dated today
    req, res = prepare(svc, "Priya", ["Unique question one?"], today=day)
    svc.save_session(req, res)
    _, res2 = prepare(svc, "Priya", [], today=day)
    carried = [i for i in res2.agenda.items if "Unique question one" in i.title]
    assert carried and all(i.kind == "question" and not i.source for i in carried)


def test_another_mentor_or_another_date_is_a_new_session(sample_dir: Path) -> None:
    svc = services(sample_dir)
    req, res = prepare(svc, "Priya", ["Q?"])
    priya = svc.save_session(req, res)
    req_m, res_m = prepare(svc, "Marcus", ["Q?"])
    marcus, updated = svc.upsert_session(req_m, res_m)
    assert not updated and marcus.id != priya.id
    # after Priya's booked meeting (and her term) has passed, the meeting prepared is one
    # cadence step on, never silently today
    later = dt.date(2026, 12, 3)
    req_l, res_l = prepare(svc, "Priya", ["Q?"], today=later)
    third, updated = svc.upsert_session(req_l, res_l)
    assert not updated and third.date == dt.date(2027, 1, 4) and third.id != priya.id
    assert svc.meeting_date(svc.plan().mentor("priya-raman"), TODAY) == dt.date(2026, 12, 1)
    assert svc.existing_session("priya-raman", dt.date(2030, 1, 1)) is None


def test_prep_without_a_booked_meeting_is_planned_on_the_cadence(sample_dir: Path) -> None:
    """Prep for a mentor with no booked meeting is dated by the cadence in the term, so
    it counts as no meeting held and gives Review no drift on day one."""
    from prepcoach.planning import book_meeting, cancel_meeting, is_held, next_meeting_date

    svc = services(sample_dir)
    cancel_meeting(svc.store, "Marcus")
    marcus = svc.plan().mentor("marcus-bell")
    assert marcus is not None and marcus.next_meeting is None
    before = analyse(svc.plan(), marcus, svc.store.sessions_for(marcus.id), TODAY)
    req, res = prepare(svc, "Marcus", ["Should I take the CTO call?"])
    saved = svc.save_session(req, res)
    expected = next_meeting_date(marcus, [], TODAY)
    assert expected is not None and saved.date == expected > TODAY
    assert not is_held(saved, TODAY)
    after = analyse(svc.plan(), marcus, svc.store.sessions_for(marcus.id), TODAY)
    assert (after.meetings_held, after.drift_sessions) == (
        before.meetings_held,
        before.drift_sessions,
    )
    # preparing again finds the planned prep by its date, not a new one
    again, updated = svc.upsert_session(*prepare(svc, "Marcus", ["One more?"]))
    assert updated and again.id == saved.id
    # a booking later moves the meeting prepared to the booked day
    book_meeting(svc.store, "Marcus", dt.date(2026, 11, 27), today=TODAY)
    assert svc.meeting_date(svc.plan().mentor("marcus-bell"), TODAY) == dt.date(2026, 11, 27)


def test_a_fresh_mentor_s_first_prep_gives_review_no_drift(sample_dir: Path) -> None:
    from prepcoach.planning import add_mentor, is_held, set_mentor_status

    svc = services(sample_dir)
    add_mentor(svc.store, "Noor Haddad", today=TODAY)
    set_mentor_status(svc.store, "Noor Haddad", "active", today=TODAY)
    prepare_and_save = prepare(svc, "Noor", ["What would you cut first?"])
    saved = svc.save_session(*prepare_and_save)
    # the term's first cadence date (its start, today): planned until it has passed
    assert saved.date == TODAY and not is_held(saved, TODAY)
    rec = svc.review("Noor", today=TODAY)[0]
    assert rec.meetings_held == 0 and rec.drift_sessions == 0
    assert not any("no objective progress" in r for r in rec.reasons)
    assert "thanks again" not in rec.message.lower()


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


# ------------------------------------------------------------------ capture


def test_capture_applies_only_what_it_changed(sample_dir: Path) -> None:
    svc = services(sample_dir)
    req, res = prepare(svc, "Priya", ["Q one?", "Q two?"])
    base = svc.save_session(req, res)
    captured = base.model_copy(deep=True)
    captured.notes = "Good meeting."
    captured.questions[0].resolved = True
    captured.action_items.append(ActionItem(text="Send the plan"))
    # meanwhile another window saves the agenda again with one more question
    req2, res2 = prepare(svc, "Priya", ["Q three?"])
    svc.save_session(req2, res2)

    saved, n = svc.capture(base, captured)
    assert n == 0
    assert saved.notes == "Good meeting."
    assert [(q.text, q.resolved) for q in saved.questions] == [
        ("Q one?", True),
        ("Q two?", False),
        ("Q three?", False),  # the concurrent save is kept
    ]
    assert [a.text for a in saved.action_items] == ["Send the plan"]
    assert svc.store.load_session(base.id) == saved


def test_capture_marks_earlier_questions_resolved(sample_dir: Path) -> None:
    from prepcoach.agenda import carried_over

    svc = services(sample_dir)
    history = svc.store.sessions_for("priya-raman")
    earlier = [c for c in carried_over(history) if c.kind == "question"]
    assert earlier
    req, res = prepare(svc, "Priya", ["Q?"])
    base = svc.save_session(req, res)
    captured = base.model_copy(update={"notes": "n"})
    _, n = svc.capture(base, captured, earlier[:1])
    assert n == 1
    after = svc.store.sessions_for("priya-raman")
    left = [c.text for c in carried_over([s for s in after if s.id != base.id])]
    assert earlier[0].text not in left


def test_set_action_done_under_the_lock(sample_dir: Path) -> None:
    svc = services(sample_dir)
    s = next(x for x in svc.store.sessions_for("priya-raman") if x.action_items)
    saved = svc.set_action_done(s.id, 0, True, today=TODAY)
    assert saved.action_items[0].done and saved.action_items[0].done_on == TODAY
    assert not svc.set_action_done(s.id, 0, False).action_items[0].done
    with pytest.raises(UsageError):
        svc.set_action_done(s.id, 99, True)


# ------------------------------------------------------------------ first-request lifecycle

ELENA_DRAFT = "2026-11-20-elena-sorensen-first-request"


def test_marking_a_first_request_sent_makes_its_prospect_asked(sample_dir: Path) -> None:
    svc = services(sample_dir)
    assert svc.plan().mentor("elena-sorensen").status == "prospect"  # type: ignore[union-attr]
    svc.mark_sent(ELENA_DRAFT, today=dt.date(2026, 11, 25))
    elena = svc.plan().mentor("elena-sorensen")
    assert elena is not None and elena.status == "asked"
    assert elena.status_history[-1].note == "first request sent"
    # sending again changes nothing more; answering returns the command to activate
    svc.mark_sent(ELENA_DRAFT, today=dt.date(2026, 11, 25))
    assert len(svc.plan().mentor("elena-sorensen").status_history) == len(elena.status_history)  # type: ignore[union-attr]
    draft, activate = svc.mark_answered(ELENA_DRAFT, today=dt.date(2026, 11, 27))
    assert draft.status == "answered"
    assert activate == 'prepcoach mentors status "Elena Sorensen" active'
    assert svc.plan().mentor("elena-sorensen").status == "asked"  # type: ignore[union-attr]


def test_other_kinds_and_active_recipients_are_left_alone(sample_dir: Path) -> None:
    svc = services(sample_dir)
    follow = "2026-10-16-priya-raman-follow-up"
    before = svc.plan().mentor("priya-raman")
    svc.mark_sent(follow, on=dt.date(2026, 10, 16), today=dt.date(2026, 11, 25))
    _, activate = svc.mark_answered(follow, today=dt.date(2026, 11, 25))
    assert activate is None and svc.plan().mentor("priya-raman") == before


def test_drafts_cli_prints_the_move_and_the_activate_command(
    sample_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from prepcoach.cli import main

    data = ["--data", str(sample_dir), "--today", "2026-11-25"]
    assert main(["drafts", "sent", ELENA_DRAFT, *data]) == 0
    assert "Elena Sorensen is now asked (was a prospect)." in capsys.readouterr().out
    assert main(["drafts", "answered", ELENA_DRAFT, *data]) == 0
    out = capsys.readouterr().out
    assert 'make it active: prepcoach mentors status "Elena Sorensen" active' in out
    assert main(["drafts", "answered", ELENA_DRAFT, *data, "--format", "json"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["status"] == "answered" and row["activate"].endswith('"Elena Sorensen" active')
