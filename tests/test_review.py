"""Review: term clock, cadence, drift and the recommendation rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from prepcoach.lint import lint_draft
from prepcoach.models import ActionItem, Mentor, Objective, ObjectiveProgress, Plan, Session
from prepcoach.review import (
    analyse,
    drift_sessions,
    meetings_expected,
    readiness,
    review_message,
    review_message_kind,
    term_ended,
    term_month,
)
from prepcoach.store import Store

TODAY = dt.date(2026, 11, 24)


def mentor(**kw) -> Mentor:  # type: ignore[no-untyped-def]
    base = dict(
        id="m",
        name="Mia Chen",
        support_areas=["scope", "politics"],
        status="active",
        term_start=dt.date(2026, 6, 2),
        next_meeting=dt.date(2026, 12, 1),
    )
    base.update(kw)
    return Mentor(**base)


def obj(oid: str, status: str = "open", area: str = "scope", mentors=("m",)) -> Objective:  # type: ignore[no-untyped-def]
    return Objective(
        id=oid, title=f"Objective {oid}", support_area=area, status=status, mentors=list(mentors)
    )


def sess(day: str, progress: bool, actions: bool = False, mentor_id: str = "m") -> Session:
    return Session(
        id=f"{day}-{mentor_id}",
        mentor=mentor_id,
        date=dt.date.fromisoformat(day),
        objective_progress=[ObjectiveProgress(objective_id="a")] if progress else [],
        action_items=[ActionItem(text="do it")] if actions else [],
    )


MONTHLY = ["2026-06-09", "2026-07-14", "2026-08-11", "2026-09-15", "2026-10-15", "2026-11-10"]


def test_term_clock() -> None:
    m = mentor()
    assert term_month(m, dt.date(2026, 6, 2)) == (1, 6)
    assert term_month(m, dt.date(2026, 7, 1)) == (1, 6)
    assert term_month(m, dt.date(2026, 7, 2)) == (2, 6)
    assert term_month(m, TODAY) == (6, 6)
    assert term_month(m, dt.date(2027, 3, 1)) == (6, 6)
    assert term_ended(m, dt.date(2026, 12, 2)) and not term_ended(m, TODAY)
    assert term_month(m, dt.date(2026, 5, 1)) is None
    assert term_month(mentor(term_start=None), TODAY) is None


def test_meetings_expected_by_cadence() -> None:
    m = mentor()
    assert meetings_expected(m, dt.date(2026, 6, 2)) == 1
    assert meetings_expected(m, TODAY) == 6
    assert meetings_expected(m, dt.date(2027, 6, 1)) == 6  # capped at the term
    assert meetings_expected(mentor(cadence="biweekly"), dt.date(2026, 6, 30)) == 3
    assert meetings_expected(mentor(term_start=None), TODAY) == 0


def test_drift_counts_recent_sessions_without_progress_or_actions() -> None:
    hist = [
        sess("2026-08-01", True),
        sess("2026-09-01", False),
        sess("2026-10-01", False, True),
        sess("2026-10-20", False),
        sess("2026-11-10", False),
    ]
    assert drift_sessions(hist, TODAY) == 2
    assert drift_sessions(hist, dt.date(2026, 10, 5)) == 0
    assert drift_sessions([], TODAY) == 0


def plan_with(m: Mentor, objectives: list[Objective]) -> Plan:
    return Plan(mentors=[m], objectives=objectives)


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


def test_readiness() -> None:
    m = mentor(next_meeting=dt.date(2026, 11, 26))
    r = readiness(m, [sess("2026-11-10", True)], [obj("a")], TODAY)
    assert r.label == "prep due" and r.days_until == 2 and r.open_objectives == 1
    assert readiness(mentor(status="prospect"), [], [], TODAY).label == "not started"


def test_sample_data_three_mentors_three_recommendations() -> None:
    root = Path(__file__).resolve().parents[1] / "sample_sessions"
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
