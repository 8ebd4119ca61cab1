"""The message that goes with a review fits its decision."""

from __future__ import annotations

import datetime as dt
import re

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
    assert "The goal I would bring next: “Read the politics of the platform reorg”." in draft.body
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


def test_a_mentor_with_no_meeting_held_gets_a_first_meeting_message() -> None:
    from prepcoach.review import review_message_kind

    m = mentor(term_start=dt.date(2026, 11, 16), next_meeting=dt.date(2026, 12, 1))
    planned = [sess("2026-12-01", False)]  # a prep for the first meeting, still to come
    p = plan_with(m, [obj("a")])
    r = analyse(p, m, planned, TODAY)
    assert r.recommendation == "continue" and r.meetings_held == 0
    assert review_message_kind(r, 0) == "first-request"
    draft = review_message(p, m, r, planned, TODAY)
    assert draft.outreach_kind == "first-request"
    assert "again" not in draft.body.lower() and "thank you for the last" not in draft.body.lower()


def _held(day: str, **kw: object) -> Session:
    return sess(day, True).model_copy(update=kw)


def test_follow_up_is_built_from_the_last_held_session() -> None:
    from prepcoach.models import ActionItem, ObjectiveProgress
    from prepcoach.review import follow_up_context

    m = mentor(term_start=dt.date(2026, 9, 1))
    last = _held(
        "2026-11-10",
        objective_progress=[
            ObjectiveProgress(objective_id="a", note="Pre-wire the CFO before the review")
        ],
        action_items=[
            ActionItem(text="Send Rob the one-page budget", done=True),
            ActionItem(text="Ask Mia for intros", owner="mentor", done=True),
            ActionItem(text="Book the offsite"),
        ],
    )
    planned = sess("2026-12-01", False)  # planned: never the "last session"
    hist = [_held("2026-10-13"), last, planned]
    ctx = follow_up_context(m, hist, TODAY)
    assert ctx == (
        "What I took from our last talk: “Pre-wire the CFO before the review”. "
        "Since then I have done what we agreed: “Send Rob the one-page budget”."
    )
    p = plan_with(m, [obj("a")])
    r = analyse(p, m, hist, TODAY)
    assert r.recommendation == "continue"
    draft = review_message(p, m, r, hist, TODAY)
    assert draft.outreach_kind == "follow-up"
    assert "Nov 10" in draft.body and "Dec 1" not in draft.body
    assert "Pre-wire the CFO before the review" in draft.body or "one-page budget" in draft.body
    assert lint_draft(draft) == [], draft.body


def test_follow_up_context_is_empty_without_advice_or_done_actions() -> None:
    from prepcoach.models import ObjectiveProgress, Question
    from prepcoach.review import follow_up_context

    m = mentor()
    assert follow_up_context(m, [], TODAY) == ""
    assert follow_up_context(m, [sess("2026-11-10", True)], TODAY) == ""
    assert follow_up_context(m, [sess("2026-12-01", True)], TODAY) == ""  # planned
    # too long to quote whole: left out, never cut
    long = " ".join(["word"] * 45)
    s = _held("2026-11-10", objective_progress=[ObjectiveProgress(objective_id="a", note=long)])
    assert follow_up_context(m, [s], TODAY) == ""
    # an answer to a question is advice recorded
    q = _held("2026-11-10", questions=[Question(text="Budget?", answer="Cut the vendor line")])
    assert follow_up_context(m, [q], TODAY) == (
        "What I took from our last talk: “Cut the vendor line”."
    )


def test_a_follow_up_with_nothing_recorded_says_what_comes_next_time() -> None:
    m = mentor(term_start=dt.date(2026, 9, 1))
    goal = obj("a").model_copy(update={"title": "get the 2027 plan funded"})
    p = plan_with(m, [goal])
    hist = [sess("2026-10-13", True), sess("2026-11-10", True)]
    r = analyse(p, m, hist, TODAY)
    draft = review_message(p, m, r, hist, TODAY)
    assert draft.outreach_kind == "follow-up"
    assert "the goal we set: “get the 2027 plan funded”" in draft.body, draft.body
    assert "focused on get" not in draft.body


def test_a_prospect_s_review_names_the_first_request_on_file_and_leaks_no_objective() -> None:
    from prepcoach.models import OutreachDraft

    m = mentor(status="prospect", term_start=None, next_meeting=None, support_areas=["politics"])
    secret = obj("c", "open", "politics", ()).model_copy(
        update={"title": "Decide whether to take the CTO offer at Acme"}
    )
    p = plan_with(m, [secret])
    r = analyse(p, m, [], TODAY)
    assert "Not asked yet: send the first request." in r.reasons
    draft = OutreachDraft(
        id="2026-11-20-mia-chen-first-request", to="Mia Chen", mentor="m", created=TODAY
    )
    drafted = analyse(p, m, [], TODAY, [draft])
    assert any("drafts sent 2026-11-20-mia-chen-first-request" in s for s in drafted.reasons)
    sent = draft.model_copy(update={"status": "sent", "sent_on": TODAY})
    told = analyse(p, m, [], TODAY, [sent])
    assert any('mentors status "Mia Chen" asked' in s for s in told.reasons)
    msg = review_message(p, m, r, [], TODAY)
    assert "CTO" not in msg.body and "Acme" not in msg.body and "Decide" not in msg.body


@pytest.mark.parametrize(
    "title",
    [
        "Delegate more",  # an imperative
        "Get the 2027 plan funded",
        "Ready for the VP interview loop?",  # a fragment ending in "?"
        "Promotion to VP by Q3",  # a noun phrase
        "Decide: stay or go for the CTO role",  # a label with its own colon
        "Hiring two senior managers",  # a gerund
        "Stop firefighting; start planning.",  # two clauses and a stop
        "What would make the board trust my numbers",  # a clause
    ],
)
@pytest.mark.parametrize("channel", ["email", "linkedin", "slack"])
def test_an_active_mentor_not_met_yet_gets_a_sendable_first_meeting_message(
    title: str, channel: str
) -> None:
    """Any shape of objective title drafts a first-meeting message: the title quoted
    whole, no "again", the product's lint clean, nothing left undrafted."""
    m = mentor(term_start=dt.date(2026, 11, 10), next_meeting=dt.date(2026, 12, 1))
    goal = obj("a").model_copy(update={"title": title})
    p = plan_with(m, [goal])
    r = analyse(p, m, [], TODAY)
    assert r.recommendation == "continue" and r.meetings_held == 0
    draft = review_message(p, m, r, [], TODAY, channel=channel)
    assert draft.outreach_kind == "first-request"
    assert lint_draft(draft) == [], draft.body
    assert f"my goal “{title}”" in draft.body, draft.body
    assert "again" not in draft.body.lower()
    assert not re.search(r"[.?!]”[.?!]|”\.\.", draft.body), draft.body
    if channel == "email":
        assert draft.subject == "Planning our first meeting"


@pytest.mark.parametrize("channel", ["email", "linkedin", "slack"])
def test_an_asked_mentor_gets_a_nudge_not_a_second_first_request(channel: str) -> None:
    """Asked and not answered: the review's message bumps the note already sent (no
    introduction again) and asks the same once more; the goal for a model says so."""
    m = mentor(status="asked", term_start=None, next_meeting=None, support_areas=["politics"])
    p = plan_with(m, [obj("a", "open", "politics")])
    r = analyse(p, m, [], TODAY)
    assert "Asked, waiting for an answer: send a short nudge if none comes." in r.reasons
    draft = review_message(p, m, r, [], TODAY, channel=channel)
    assert draft.outreach_kind == "first-request" and lint_draft(draft) == [], draft.body
    assert "bumping my earlier note" in draft.body
    assert "I'm " not in draft.body.replace("I'm bumping", "")  # no introduction again
    assert "Objective a" not in draft.body  # nothing from the plan
    assert review_message_goal(r, 0, status="asked").startswith("be a short nudge")
    prospect = mentor(status="prospect", term_start=None, next_meeting=None)
    first = review_message(plan_with(prospect, []), prospect, r, [], TODAY, channel=channel)
    assert "bumping" not in first.body  # a prospect still gets the first request


def test_the_goal_for_a_model_follows_the_status_of_a_mentor_not_met() -> None:
    m = mentor(term_start=dt.date(2026, 11, 10))
    r = analyse(plan_with(m, [obj("a")]), m, [], TODAY)
    assert review_message_goal(r, 0, status="active").startswith("prepare the first meeting")
    assert review_message_goal(r, 0, status="prospect").startswith("be a first request")
    assert review_message_goal(r, 0).startswith("be a first request")
