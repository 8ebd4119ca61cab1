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
    review_message_goal,
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


def test_term_not_started_yet_has_nothing_to_review() -> None:
    m = mentor(term_start=dt.date(2027, 1, 4), next_meeting=None)
    r = analyse(plan_with(m, [obj("a")]), m, [], TODAY)
    assert r.recommendation == "continue"
    text = " ".join(r.reasons)
    assert "starts on 2027-01-04: nothing to review yet" in text
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


# ------------------------------------------------------- the message fits the decision

LOOSER = "move from set meetings to"
CLOSING = "bring our regular meetings to a close"


def _drifting() -> tuple[Mentor, list[Session]]:
    m = mentor(term_start=dt.date(2026, 7, 7))
    hist = [
        sess("2026-07-21", True, actions=True),
        sess("2026-09-02", False),
        sess("2026-10-07", False),
        sess("2026-11-04", False),
    ]
    return m, hist


@pytest.mark.parametrize("channel", ["email", "linkedin", "slack"])
def test_move_on_message_closes_the_regular_meetings(channel: str) -> None:
    m, hist = _drifting()
    p = plan_with(m, [obj("a", "open")])
    r = analyse(p, m, hist, TODAY)
    assert r.recommendation == "move_on"
    draft = review_message(p, m, r, hist, TODAY, channel=channel)
    body = draft.body.lower()
    assert "regular meetings to a close" in body or "regular meetings" in body
    assert LOOSER not in body and "looser" not in body and "open door" not in body
    assert "another" not in body  # no new term proposed
    assert "stay in touch" in body
    assert lint_draft(draft) == [], draft.body
    if channel == "email":
        assert CLOSING in body and draft.subject == "Thank you for your time"


@pytest.mark.parametrize("channel", ["email", "linkedin", "slack"])
def test_loosen_message_keeps_in_touch_less_often(channel: str) -> None:
    m, hist = _drifting()
    p = plan_with(m, [obj("a", "met")])
    r = analyse(p, m, hist, TODAY)
    assert r.recommendation == "loosen"
    draft = review_message(p, m, r, hist, TODAY, channel=channel)
    body = draft.body.lower()
    assert LOOSER in body
    assert CLOSING not in body and "to a close" not in body
    assert lint_draft(draft) == [], draft.body


def test_renew_message_proposes_another_term_with_a_focus() -> None:
    m = mentor()
    nxt = obj("y", "open", "politics", ()).model_copy(
        update={"title": "Read the politics of the platform reorg"}
    )
    p = plan_with(m, [obj("a", "met"), nxt])
    r = analyse(p, m, [sess(d, True) for d in MONTHLY], TODAY)
    assert r.recommendation == "renew"
    draft = review_message(p, m, r, [sess(d, True) for d in MONTHLY], TODAY)
    assert "another 6 months" in draft.body
    assert "focused on read the politics of the platform reorg" in draft.body.lower()
    assert CLOSING not in draft.body and LOOSER not in draft.body
    assert lint_draft(draft) == []


def test_ended_relationship_gets_a_thank_you_not_a_decision() -> None:
    m = mentor(status="ended")
    p = plan_with(m, [obj("a")])
    r = analyse(p, m, [sess(d, True) for d in MONTHLY], TODAY)
    assert r.recommendation == "move_on"
    draft = review_message(p, m, r, [sess(d, True) for d in MONTHLY], TODAY)
    assert "Now that our meetings have come to an end" in draft.body
    assert "I've decided" not in draft.body and LOOSER not in draft.body
    assert lint_draft(draft) == []


def test_message_goal_states_what_each_recommendation_needs() -> None:
    m, hist = _drifting()
    goals = {}
    for status in ("open", "met"):
        p = plan_with(m, [obj("a", status)])
        r = analyse(p, m, hist, TODAY)
        goals[r.recommendation] = review_message_goal(r)
    assert "close the regular meetings" in goals["move_on"]
    assert "Do not propose meeting less often" in goals["move_on"]
    assert "less often" in goals["loosen"] and "Do not end" in goals["loosen"]
    m2 = mentor()
    p2 = plan_with(m2, [obj("a", "met"), obj("y", "open", "politics", ())])
    renew = analyse(p2, m2, [sess(d, True) for d in MONTHLY], TODAY)
    assert "another term with a new focus" in review_message_goal(renew)
    prospect = mentor(status="prospect", term_start=None, next_meeting=None)
    first = analyse(plan_with(prospect, []), prospect, [], TODAY)
    assert review_message_goal(first).startswith("be a first request")
    mid = mentor(term_start=dt.date(2026, 9, 1))
    cont = analyse(plan_with(mid, [obj("a")]), mid, [sess("2026-11-10", True)], TODAY)
    assert cont.recommendation == "continue"
    assert review_message_goal(cont).startswith("be a short note")
