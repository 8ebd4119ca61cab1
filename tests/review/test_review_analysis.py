"""Review analysis: the recommendation rules on realistic plans and the sample data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from review_builders import MONTHLY, TODAY, mentor, obj, plan_with, sess

from prepcoach.lint import lint_draft
from prepcoach.review import analyse, review_message, review_message_kind
from prepcoach.store import Store


def test_term_end_objectives_met_nothing_else_in_areas_loosen() -> None:
    m = mentor()
    p = plan_with(m, [obj("a", "met"), obj("b", "met"), obj("x", "open", "toolkit", ())])
    r = analyse(p, m, [sess(d, True) for d in MONTHLY], TODAY)
    assert r.recommendation == "loosen"
    assert (r.term_month, r.term_months, r.meetings_held, r.meetings_expected) == (6, 6, 6, 6)
    assert r.objectives_met == ["a", "b"] and r.objectives_open == []
    assert r.reasons[0].startswith("Month 6 of a 6-month term")
    assert all(x.endswith(".") for x in r.reasons)
    assert review_message_kind(r) == "wind-down"


def test_term_end_objectives_met_open_goal_in_areas_renew() -> None:
    m = mentor()
    p = plan_with(m, [obj("a", "met"), obj("y", "open", "politics", ())])
    r = analyse(p, m, [sess(d, True) for d in MONTHLY], TODAY)
    assert r.recommendation == "renew"
    assert any("Objective y" in x for x in r.reasons)
    assert review_message_kind(r) == "renewal"


def test_drifting_mentor_move_on_or_loosen() -> None:
    m = mentor(term_start=dt.date(2026, 7, 7))
    hist = [
        sess("2026-07-21", True),
        sess("2026-09-02", False),
        sess("2026-10-07", False),
        sess("2026-11-04", False),
    ]
    r = analyse(plan_with(m, [obj("c", "open")]), m, hist, TODAY)
    assert r.recommendation == "move_on" and r.drift_sessions == 3
    assert any("coffee talk" in x for x in r.reasons)
    r2 = analyse(plan_with(m, [obj("c", "met")]), m, hist, TODAY)
    assert r2.recommendation == "loosen"


def test_prospect_continue_not_asked_yet() -> None:
    m = mentor(status="prospect", term_start=None, next_meeting=None)
    r = analyse(plan_with(m, []), m, [], TODAY)
    assert r.recommendation == "continue"
    assert "Not asked yet: send the first request." in r.reasons
    assert review_message_kind(r) == "first-request"


@pytest.mark.parametrize(
    ("status", "rec"), [("asked", "continue"), ("ended", "move_on"), ("loosened", "continue")]
)
def test_status_rules(status: str, rec: str) -> None:
    m = mentor(status=status)
    assert analyse(plan_with(m, [obj("a")]), m, [], TODAY).recommendation == rec


def test_term_not_started_yet_has_nothing_to_review() -> None:
    m = mentor(term_start=dt.date(2027, 1, 4), next_meeting=None)
    r = analyse(plan_with(m, [obj("a")]), m, [], TODAY)
    assert r.recommendation == "continue"
    text = " ".join(r.reasons)
    assert "starts on 2027-01-04: prepare its first meeting" in text
    assert "expected meetings held" not in text and "Mid-term" not in text


def test_mid_term_continue_with_notes() -> None:
    m = mentor(term_start=dt.date(2026, 9, 1), next_meeting=None)
    objectives = [obj(f"o{k}") for k in range(4)]
    r = analyse(plan_with(m, objectives), m, [sess("2026-09-01", True)], TODAY)
    assert r.recommendation == "continue"
    text = " ".join(r.reasons)
    assert "at most 3 per term" in text
    assert "meetings behind" in text
    assert "No next meeting is booked." in text


def test_term_end_open_and_still_moving_renew_else_move_on() -> None:
    m = mentor()
    moving = [sess(d, True) for d in MONTHLY]
    assert analyse(plan_with(m, [obj("a")]), m, moving, TODAY).recommendation == "renew"
    stalled = [*moving[:4], sess("2026-10-15", False), sess("2026-11-10", False)]
    assert analyse(plan_with(m, [obj("a")]), m, stalled, TODAY).recommendation == "move_on"


def test_sample_data_three_mentors_three_recommendations() -> None:
    root = Path(__file__).resolve().parents[2] / "sample_sessions"
    store = Store(root)
    plan = store.load_plan()
    history = store.all_sessions()
    recs = {}
    for m in plan.mentors:
        r = analyse(plan, m, history, TODAY)
        recs[m.relation, m.status] = r.recommendation
        draft = review_message(plan, m, r, history, TODAY)
        assert lint_draft(draft) == [], (m.name, draft.body)
    assert len(set(recs.values())) == len(plan.mentors) == 3
    assert recs["external", "prospect"] == "continue"
    assert recs["internal", "active"] in ("loosen", "renew")
    assert recs["external", "active"] in ("move_on", "loosen")
