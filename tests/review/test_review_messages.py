"""The message that goes with a review fits its decision."""

from __future__ import annotations

import datetime as dt

import pytest
from review_builders import MONTHLY, TODAY, mentor, obj, plan_with, sess

from prepcoach.lint import lint_draft
from prepcoach.models import Mentor, Session
from prepcoach.review import analyse, review_message, review_message_goal

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
    assert "The goal I would bring next: Read the politics of the platform reorg." in draft.body
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
