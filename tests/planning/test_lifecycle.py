"""The mentor lifecycle: every legal and illegal move of the table, force, new terms."""

from __future__ import annotations

import datetime as dt

import pytest

from prepcoach.errors import UsageError
from prepcoach.models import MENTOR_STATUSES, Mentor, Plan
from prepcoach.planning import (
    TRANSITIONS,
    add_mentor,
    allowed_next,
    apply_status,
    on_first_request_answered,
    on_first_request_sent,
    set_mentor_status,
    term_clock,
    term_label,
)
from prepcoach.store import Store

D = dt.date
TODAY = D(2026, 11, 23)
START = D(2026, 6, 2)
PAIRS = [(a, b) for a in MENTOR_STATUSES for b in MENTOR_STATUSES if a != b or a == "renewed"]
LEGAL = [(a, b) for a, b in PAIRS if b in TRANSITIONS[a]]
ILLEGAL = [(a, b) for a, b in PAIRS if b not in TRANSITIONS[a]]


def mentor_in(status: str) -> Mentor:
    in_term = status not in ("prospect", "asked")
    return Mentor(
        id="ana",
        name="Ana Lima",
        status=status,  # type: ignore[arg-type]
        term_start=START if in_term else None,
        term_ended=D(2026, 10, 1) if status in ("loosened", "ended") else None,
    )


def test_the_table_names_every_status_and_only_known_ones():
    assert set(TRANSITIONS) == set(MENTOR_STATUSES)
    for targets in TRANSITIONS.values():
        assert set(targets) <= set(MENTOR_STATUSES)
    assert TRANSITIONS["prospect"][0] == "asked" and "active" in TRANSITIONS["asked"]
    assert set(TRANSITIONS["active"]) == {"renewed", "loosened", "ended"}
    assert allowed_next("ended") == ("active",)
    assert len(LEGAL) + len(ILLEGAL) == len(PAIRS) == 31


@pytest.mark.parametrize(("old", "new"), LEGAL)
def test_every_legal_move_is_made_and_recorded(old, new):
    m = mentor_in(old)
    assert apply_status(m, new, today=TODAY) is True
    assert m.status == new
    last = m.status_history[-1]
    assert (last.previous, last.status, last.on, last.forced) == (old, new, TODAY, False)
    assert last.term_start == m.term_start
    if new in ("loosened", "ended"):
        assert m.term_ended is not None and m.term_ended <= TODAY
        assert m.next_meeting is None
    if new in ("active", "renewed"):
        assert m.term_start is not None and m.term_ended is None


@pytest.mark.parametrize(("old", "new"), ILLEGAL)
def test_every_illegal_move_is_refused_naming_the_allowed_next_states(old, new):
    m = mentor_in(old)
    before = m.model_copy(deep=True)
    with pytest.raises(UsageError) as info:
        apply_status(m, new, today=TODAY)
    err = info.value
    assert f"{old} cannot become {new}" in err.message
    for allowed in TRANSITIONS[old]:
        assert allowed in err.hint
    assert "--force" in err.hint
    assert m == before  # nothing changed


@pytest.mark.parametrize(("old", "new"), ILLEGAL)
def test_force_makes_an_illegal_move_and_records_it(old, new):
    m = mentor_in(old)
    assert apply_status(m, new, force=True, today=TODAY)
    assert m.status == new
    assert m.status_history[-1].forced is True
    assert m.status_history[-1].previous == old


def test_force_on_a_legal_move_is_not_marked_forced():
    m = mentor_in("prospect")
    apply_status(m, "asked", force=True, today=TODAY)
    assert m.status_history[-1].forced is False


def test_the_store_keeps_the_history_and_refuses_without_writing(tmp_path):
    store = Store(tmp_path)
    add_mentor(store, "Kim Park")
    before = store.plan_path.read_bytes()
    with pytest.raises(UsageError, match="prospect cannot become renewed"):
        set_mentor_status(store, "kim", "renewed", today=TODAY)
    assert store.plan_path.read_bytes() == before
    m = set_mentor_status(store, "kim", "renewed", force=True, today=TODAY)
    assert m.status == "renewed" and m.term_start == TODAY
    saved = store.load_plan().mentors[0]
    assert [(c.previous, c.status, c.forced) for c in saved.status_history] == [
        ("prospect", "renewed", True)
    ]


def test_the_same_status_again_changes_nothing():
    m = mentor_in("active")
    assert apply_status(m, "active", today=TODAY) is False
    assert m.status_history == []
    assert apply_status(m, "active", on=D(2026, 6, 9), today=TODAY) is True  # a correction
    assert m.term_start == D(2026, 6, 9) and m.status_history[-1].note == "term start corrected"


@pytest.mark.parametrize("old", ["ended", "loosened"])
def test_reactivation_is_a_new_term_from_the_given_day_or_today(old):
    m = mentor_in(old)
    apply_status(m, "active", today=TODAY)
    assert (m.term_start, m.term_ended) == (TODAY, None)
    assert term_label(m, TODAY) == "1 of 6"
    m = mentor_in(old)
    apply_status(m, "active", on=D(2026, 12, 7), today=TODAY)
    assert m.term_start == D(2026, 12, 7)
    assert term_label(m, TODAY) == "starts 2026-12-07"
    # The old term is in the history, the new one is in force.
    assert m.status_history[-1].term_start == D(2026, 12, 7)


def test_reactivation_cannot_start_before_the_last_term_ended():
    m = mentor_in("ended")  # ended 2026-10-01
    with pytest.raises(UsageError, match="cannot start before that"):
        apply_status(m, "active", on=D(2026, 9, 1), today=TODAY)
    assert m.status == "ended"


def test_renewing_starts_where_the_term_ends_or_today():
    m = mentor_in("active")  # 2026-06-02 + 6 months = 2026-12-02
    apply_status(m, "renewed", today=TODAY)
    assert m.term_start == D(2026, 12, 2)
    assert apply_status(m, "renewed", today=TODAY) is False  # not begun: nothing queued
    late = mentor_in("active")
    apply_status(late, "renewed", today=D(2027, 1, 10))
    assert late.term_start == D(2027, 1, 10)
    again = mentor_in("renewed")
    apply_status(again, "renewed", today=D(2027, 1, 10))  # its term is over: a new one
    assert again.term_start == D(2027, 1, 10)


@pytest.mark.parametrize("new", ["ended", "loosened"])
def test_ending_shows_the_day_it_ended_in_the_past(new):
    m = mentor_in("active")
    apply_status(m, new, today=TODAY)
    assert m.term_ended == TODAY and m.term_end() == TODAY
    assert term_label(m, D(2026, 12, 20)) == f"{new} 2026-11-23"
    clock = term_clock(m, [D(2026, 7, 1), D(2026, 12, 1)], D(2026, 12, 20))
    assert clock.label() == f"{new} 2026-11-23" and clock.end == TODAY and clock.over
    assert clock.held == 1  # the session after the term stopped does not count
    earlier = mentor_in("active")
    apply_status(earlier, new, on=D(2026, 9, 30), today=TODAY)
    assert term_label(earlier, TODAY) == f"{new} 2026-09-30"


def test_a_term_that_ran_out_stopped_at_its_natural_end():
    m = mentor_in("active")  # natural end 2026-12-02
    apply_status(m, "ended", today=D(2027, 2, 1))
    assert m.term_ended == D(2026, 12, 2)
    assert term_label(m, D(2027, 2, 1)) == "ended 2026-12-02"


def test_ending_in_the_future_is_refused():
    m = mentor_in("active")
    with pytest.raises(UsageError, match="a day still to come"):
        apply_status(m, "ended", on=D(2026, 12, 1), today=TODAY)
    assert m.status == "active"


def test_a_term_still_to_begin_can_be_called_off():
    m = mentor_in("active").model_copy(update={"term_start": D(2027, 1, 4)})
    apply_status(m, "ended", today=TODAY)
    assert m.term_ended == TODAY and term_label(m, TODAY) == "ended 2026-11-23"
    assert term_clock(m, [], TODAY).held == 0


def test_loosened_then_ended_keeps_the_day_it_stopped():
    m = mentor_in("active")
    apply_status(m, "loosened", on=D(2026, 10, 5), today=TODAY)
    apply_status(m, "ended", today=D(2027, 3, 1))
    assert m.term_ended == D(2026, 10, 5)
    assert term_label(m, D(2027, 3, 1)) == "ended 2026-10-05"


def test_an_old_ended_mentor_without_an_end_day_never_shows_a_future_date():
    m = Mentor(id="a", name="A", status="ended", term_start=D(2026, 10, 1))  # from v1 data
    assert term_label(m, TODAY) == "ended"  # the term would end 2027-04-01: not said
    past = m.model_copy(update={"term_start": D(2025, 1, 1)})
    assert term_label(past, TODAY) == "ended 2025-07-01"


def test_a_first_request_sent_moves_its_prospect_to_asked():
    plan = Plan(mentors=[mentor_in("prospect"), Mentor(id="bo", name="Bo Chen", status="active")])
    moved = on_first_request_sent(plan, "ana lima", today=TODAY)
    assert moved is not None and moved.status == "asked"
    assert plan.mentors[0].status_history[-1].note == "first request sent"
    assert on_first_request_sent(plan, "ana", today=TODAY) is None  # by id, already asked
    assert on_first_request_sent(plan, "bo-chen", today=TODAY) is None  # active stays
    assert on_first_request_sent(plan, "Nobody", today=TODAY) is None
    assert plan.mentors[1].status == "active"
    assert (
        on_first_request_answered(plan, "Ana Lima") == 'prepcoach mentors status "Ana Lima" active'
    )
    assert on_first_request_answered(plan, "Bo Chen") is None


def test_a_first_request_sent_through_the_store(tmp_path):
    store = Store(tmp_path)
    add_mentor(store, "Elena Sorensen")
    store.update_plan(lambda plan: on_first_request_sent(plan, "elena-sorensen", today=TODAY))
    assert store.load_plan().mentors[0].status == "asked"


def test_the_terms_last_day_is_in_the_term_and_the_day_after_is_not() -> None:
    from prepcoach.tui.state import term_label as dashboard_label

    m = Mentor(id="p", name="P", status="active", term_start=START, term_months=6)
    last_day = D(2026, 12, 2)
    assert term_label(m, last_day) == "ends today (2026-12-02)"
    assert dashboard_label(term_clock(m, [], last_day), last_day) == "ends today"
    after = last_day + dt.timedelta(days=1)
    assert term_label(m, after) == "over (ended 2026-12-02)"
    assert dashboard_label(term_clock(m, [], after), after) == "term over"
