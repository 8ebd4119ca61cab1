"""Plan operations shared by CLI and TUI: term clock, the three-objectives flag, edits."""

from __future__ import annotations

import datetime as dt

import pytest

from prepcoach.errors import NotFoundError, UsageError
from prepcoach.models import Mentor
from prepcoach.planning import (
    add_mentor,
    add_objective,
    mark_objective_met,
    meeting_dates,
    months_between,
    objective_load_warnings,
    set_mentor_status,
    term_clock,
)
from prepcoach.store import Store

D = dt.date


def test_meeting_dates_per_cadence():
    m = Mentor(id="a", name="A", term_start=D(2026, 1, 31), status="active")
    assert meeting_dates(m)[:3] == [D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 31)]
    assert len(meeting_dates(m)) == 6
    assert len(meeting_dates(m.model_copy(update={"cadence": "biweekly"}))) == 13
    assert len(meeting_dates(m.model_copy(update={"cadence": "quarterly"}))) == 2
    assert meeting_dates(Mentor(id="b", name="B")) == []


def test_months_between():
    assert months_between(D(2026, 1, 15), D(2026, 1, 15)) == 0
    assert months_between(D(2026, 1, 15), D(2026, 2, 14)) == 0
    assert months_between(D(2026, 1, 15), D(2026, 2, 15)) == 1
    assert months_between(D(2026, 1, 31), D(2026, 2, 28)) == 1


def test_term_clock():
    m = Mentor(id="a", name="A", term_start=D(2026, 1, 15), status="active")
    sessions = [D(2026, 1, 10), D(2026, 1, 20), D(2026, 3, 1), D(2026, 8, 1)]
    c = term_clock(m, sessions, D(2026, 3, 20))
    assert (c.month, c.held, c.expected, c.over, c.label()) == (3, 2, 3, False, "3 of 6")
    assert c.total_sessions == 4 and c.last_session == D(2026, 3, 1)
    assert term_clock(m, [], D(2026, 1, 1)).label() == "starts 2026-01-15"
    assert term_clock(m, [], D(2026, 7, 15)).over
    assert term_clock(m.model_copy(update={"status": "prospect"}), [], D(2026, 3, 1)).label() == "-"


def test_add_objective_flags_a_fourth_open_one_but_saves_it(tmp_path):
    store = Store(tmp_path)
    add_mentor(store, "Ana Lima", status="active")
    for i in range(3):
        _, warnings = add_objective(store, f"Goal {i}", support_area="scope", mentors=["ana"])
        assert warnings == []
    obj, warnings = add_objective(store, "Goal 3", support_area="toolkit", mentors=["Ana Lima"])
    assert len(warnings) == 1 and "4 open objectives" in warnings[0]
    plan = store.load_plan()
    assert len(plan.objectives) == 4 and obj.mentors == ["ana-lima"]
    # marking one met clears the flag
    mark_objective_met(store, "goal-0", on=D(2026, 2, 1))
    assert objective_load_warnings(store.load_plan()) == []


def test_edits_validate_before_writing(tmp_path):
    store = Store(tmp_path)
    with pytest.raises(UsageError, match="support area"):
        add_objective(store, "X", support_area="scope,career")
    with pytest.raises(NotFoundError):
        add_objective(store, "X", support_area="scope", mentors=["nobody"])
    with pytest.raises(UsageError, match="unknown status"):
        add_mentor(store, "Kim", status="friend")
    assert not (tmp_path / "plan.json").exists()


def test_set_mentor_status_lifecycle(tmp_path):
    store = Store(tmp_path)
    add_mentor(store, "Kim Park")
    m = set_mentor_status(store, "kim", "asked", today=D(2026, 1, 1))
    assert m.term_start is None
    m = set_mentor_status(store, "kim", "active", today=D(2026, 1, 10))
    assert m.term_start == D(2026, 1, 10)
    m = set_mentor_status(store, "kim", "renewed", today=D(2026, 6, 1))
    assert m.term_start == D(2026, 7, 10)  # the new term starts where the first ends
    m = set_mentor_status(store, "kim", "renewed", today=D(2026, 6, 2))
    assert m.term_start == D(2026, 7, 10)  # renewing twice does not shift it again
    m = set_mentor_status(store, "kim", "loosened", today=D(2027, 2, 1))
    assert m.status == "loosened" and m.next_meeting is None
