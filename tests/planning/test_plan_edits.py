"""Plan edits through the store's locked path: profile, mentors, bookings, objectives."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
from pathlib import Path

import pytest

from prepcoach.errors import NotFoundError, UsageError
from prepcoach.models import Session
from prepcoach.planning import (
    add_mentor,
    add_objective,
    book_meeting,
    cancel_meeting,
    drop_objective,
    edit_mentor,
    edit_objective,
    mark_objective_met,
    remove_mentor,
    reopen_objective,
    restore_mentor,
    set_profile,
)
from prepcoach.store import Store

D = dt.date
TODAY = D(2026, 11, 23)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "data")
    add_mentor(s, "Ana Lima", status="active", term_start=D(2026, 9, 1))
    add_mentor(s, "Anders Berg")
    add_mentor(s, "Bo Chen", status="active", term_start=D(2026, 8, 3))
    return s


def test_set_profile_sets_only_what_is_given(store):
    p = set_profile(store, name="Dana Whitfield", title="Director")
    assert (p.name, p.title, p.organisation) == ("Dana Whitfield", "Director", "")
    p = set_profile(store, organisation="Lumen", manager="Rob", email="d@lumen.example")
    assert (p.name, p.manager, p.email) == ("Dana Whitfield", "Rob", "d@lumen.example")
    assert set_profile(store, title="").title == ""
    assert store.load_plan().profile.name == "Dana Whitfield"


def test_edit_mentor_changes_fields_and_keeps_the_id(store):
    m = edit_mentor(store, "ana lima", title="VP", support_areas="scope, politics", levels_above=3)
    assert (m.id, m.title, m.support_areas, m.levels_above) == (
        "ana-lima", "VP", ["scope", "politics"], 3,
    )  # fmt: skip
    m = edit_mentor(store, "ana-lima", name="Ana Lima-Souza")
    assert m.id == "ana-lima" and store.load_plan().mentor("ana-lima").name == "Ana Lima-Souza"


def test_edit_mentor_refuses_bad_input_without_writing(store):
    before = store.plan_path.read_bytes()
    with pytest.raises(UsageError, match="already in the plan"):
        edit_mentor(store, "bo", name="anders berg")
    with pytest.raises(UsageError, match="no field status"):
        edit_mentor(store, "bo", status="ended")
    with pytest.raises(UsageError, match="unknown support area"):
        edit_mentor(store, "bo", support_areas="golf")
    with pytest.raises(UsageError, match="levels_above"):
        edit_mentor(store, "bo", levels_above=99)
    with pytest.raises(UsageError, match="needs a name"):
        edit_mentor(store, "bo", name="  ")
    assert store.plan_path.read_bytes() == before


def test_ambiguous_and_unknown_names_list_the_candidates(store):
    with pytest.raises(NotFoundError) as info:
        edit_mentor(store, "an", title="x")
    assert "Ana Lima" in info.value.message and "Anders Berg" in info.value.message
    with pytest.raises(NotFoundError) as info:
        book_meeting(store, "Bo Chan", D(2026, 12, 1), today=TODAY)
    assert "Bo Chen" in info.value.hint


def test_remove_mentor_keeps_files_and_says_what_refers_to_it(store):
    add_objective(store, "Own the roadmap", support_area="scope", mentors=["bo"])
    store.save_session(Session(mentor="bo-chen", date=D(2026, 9, 1), notes="kept"))
    files_before = sorted(p.name for p in store.sessions_dir.iterdir())
    removed = remove_mentor(store, "bo")
    assert removed.mentor.name == "Bo Chen" and removed.index == 2
    assert removed.objectives == ["own-the-roadmap"]
    assert removed.sessions == ["2026-09-01-bo-chen"]
    plan = store.load_plan()
    assert plan.mentor("bo-chen") is None and plan.objectives[0].mentors == []
    assert sorted(p.name for p in store.sessions_dir.iterdir()) == files_before
    assert store.load_session("2026-09-01-bo-chen").notes == "kept"
    restore_mentor(store, removed)
    plan = store.load_plan()
    assert [m.id for m in plan.mentors] == ["ana-lima", "anders-berg", "bo-chen"]
    assert plan.mentor("bo-chen") == removed.mentor
    assert plan.objectives[0].mentors == ["bo-chen"]


def test_book_meeting_sets_the_next_meeting(store):
    m = book_meeting(store, "ana", D(2026, 12, 3), dt.time(9, 30), 45, today=TODAY)
    assert (m.next_meeting, m.next_meeting_time, m.next_meeting_minutes) == (
        D(2026, 12, 3), dt.time(9, 30), 45,
    )  # fmt: skip
    assert store.load_plan().mentor("ana-lima").next_meeting_time == dt.time(9, 30)
    assert book_meeting(store, "ana", TODAY, today=TODAY).next_meeting_time is None  # replaced
    assert cancel_meeting(store, "ana").next_meeting is None


def test_book_meeting_refuses_the_past_bad_lengths_and_ended_mentors(store):
    with pytest.raises(UsageError, match="has passed") as info:
        book_meeting(store, "ana", D(2026, 11, 22), today=TODAY)
    assert "capture" in info.value.hint
    with pytest.raises(UsageError, match="outside 10 to 240"):
        book_meeting(store, "ana", TODAY, minutes=5, today=TODAY)
    from prepcoach.planning import set_mentor_status

    set_mentor_status(store, "bo", "ended", today=TODAY)
    with pytest.raises(UsageError, match="has ended") as info:
        book_meeting(store, "bo", D(2026, 12, 1), today=TODAY)
    assert "mentors status" in info.value.hint


def test_objectives_edit_drop_and_reopen(store):
    o, _ = add_objective(store, "Own the roadmap", support_area="scope", mentors=["ana"])
    o, warnings = edit_objective(
        store, o.id, title="Own the 2027 roadmap", done_when="signed off", area="politics",
        mentors=["bo", "ana lima"],
    )  # fmt: skip
    assert (o.id, o.title, o.done_when, o.support_area) == (
        "own-the-roadmap", "Own the 2027 roadmap", "signed off", "politics",
    )  # fmt: skip
    assert o.mentors == ["bo-chen", "ana-lima"] and warnings == []
    with pytest.raises(UsageError, match="exactly one support area"):
        edit_objective(store, o.id, area="scope, politics")
    with pytest.raises(UsageError, match="needs a title"):
        edit_objective(store, o.id, title=" ")
    o, changed = drop_objective(store, "1", on=D(2026, 11, 1))
    assert changed and o.status == "dropped" and o.dropped_on == D(2026, 11, 1)
    assert drop_objective(store, o.id)[1] is False
    o, changed, _ = reopen_objective(store, o.id)
    assert changed and o.status == "open" and o.dropped_on is None
    assert reopen_objective(store, o.id)[1] is False
    mark_objective_met(store, o.id, evidence="board approved", on=D(2026, 11, 20))
    o, changed, _ = reopen_objective(store, o.id)
    assert changed and o.met_on is None and o.evidence == "board approved"


def test_reopening_a_fourth_objective_warns(store):
    for n in range(4):
        add_objective(store, f"Goal {n}", support_area="scope", mentors=["ana"])
    drop_objective(store, "goal-0")
    _, _, warnings = reopen_objective(store, "goal-0")
    assert warnings and "4 open objectives" in warnings[0]


def _edit_in_process(root: str, n: int) -> None:
    store = Store(Path(root))
    for k in range(n):
        add_objective(store, f"proc goal {k}", support_area="career")
        edit_mentor(store, "bo", notes=f"proc {k}")


def test_concurrent_edits_lose_nothing(store):
    """Threads and another process edit the plan at once; every change lands."""
    n = 8
    errors: list[BaseException] = []

    def threaded(k0: int) -> None:
        try:
            for k in range(n):
                add_objective(store, f"thread {k0} goal {k}", support_area="scope")
                book_meeting(store, "ana", D(2026, 12, 1 + k), today=TODAY)
                set_profile(store, title=f"title {k0}-{k}")
        except BaseException as exc:  # (reported below)
            errors.append(exc)

    ctx = multiprocessing.get_context("spawn")
    proc = ctx.Process(target=_edit_in_process, args=(str(store.root), n))
    proc.start()
    threads = [threading.Thread(target=threaded, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    proc.join(60)
    assert proc.exitcode == 0 and errors == []
    plan = store.load_plan()
    titles = {o.title for o in plan.objectives}
    assert len(plan.objectives) == 4 * n
    assert {f"thread {i} goal {k}" for i in range(3) for k in range(n)} <= titles
    assert {f"proc goal {k}" for k in range(n)} <= titles
    assert plan.mentor("bo-chen").notes == f"proc {n - 1}"


def _count_writes(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count the store's file writes and its acquisitions of the inter-process lock."""
    import filelock

    from prepcoach.store import lock as lock_mod

    counts = {"writes": 0, "locks": 0}
    write, acquire = lock_mod.atomic_write_bytes, filelock.FileLock.acquire

    def counting_write(path, data, *args, **kw):
        counts["writes"] += 1
        return write(path, data, *args, **kw)

    def counting_acquire(self, *args, **kw):
        counts["locks"] += 1
        return acquire(self, *args, **kw)

    monkeypatch.setattr(lock_mod, "atomic_write_bytes", counting_write)
    monkeypatch.setattr(filelock.FileLock, "acquire", counting_acquire)
    return counts


def test_undo_of_a_removal_is_one_write_and_exact(store, monkeypatch):
    add_objective(store, "Own the roadmap", support_area="scope", mentors=["ana", "bo", "anders"])
    add_objective(store, "Read the room", support_area="politics", mentors=["bo"])
    before = store.load_plan()
    removed = remove_mentor(store, "bo")
    assert removed.places == {"own-the-roadmap": 1, "read-the-room": 0}
    counts = _count_writes(monkeypatch)
    restore_mentor(store, removed)
    assert counts == {"writes": 1, "locks": 1}
    after = store.load_plan()
    assert after == before  # the objective keeps its mentors in their order
    assert after.objective("own-the-roadmap").mentors == ["ana-lima", "bo-chen", "anders-berg"]


def test_putting_an_earlier_record_back_is_one_write_in_place(store, monkeypatch):
    add_objective(store, "Own the roadmap", support_area="scope", mentors=["bo", "ana"])
    before = store.load_plan()
    edit_mentor(store, "ana", title="CTO", name="Ana Souza")
    book_meeting(store, "ana", D(2026, 12, 3), dt.time(9, 30), 45, today=TODAY)
    counts = _count_writes(monkeypatch)
    got = restore_mentor(store, before.mentor("ana-lima"))
    assert counts == {"writes": 1, "locks": 1}
    assert got == before.mentor("ana-lima")
    assert store.load_plan() == before  # same place, same links, record as it was


def test_putting_back_refuses_without_writing(store):
    ana = store.load_plan().mentor("ana-lima")
    edit_mentor(store, "ana", name="Ana Souza")
    edit_mentor(store, "anders", name="Ana Lima")  # its old name is taken meanwhile
    snapshot = store.plan_path.read_bytes()
    with pytest.raises(UsageError, match='"Ana Lima" is already in the plan'):
        restore_mentor(store, ana)
    assert store.plan_path.read_bytes() == snapshot
    remove_mentor(store, "Ana Souza")
    snapshot = store.plan_path.read_bytes()
    with pytest.raises(UsageError, match="no mentor with id ana-lima"):
        restore_mentor(store, ana)
    assert store.plan_path.read_bytes() == snapshot
