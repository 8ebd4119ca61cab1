"""A review "as of" an earlier date counts what stood then: an objective met (or dropped)
after that date is still open, and a first request drafted after it is not on file."""

from __future__ import annotations

import datetime as dt

from review_builders import MONTHLY, mentor, obj, plan_with, sess

from prepcoach.models import OutreachDraft
from prepcoach.review import analyse, review_facts
from prepcoach.review.messages import review_message

AS_OF = dt.date(2026, 9, 20)
HISTORY = [sess(d, True) for d in MONTHLY]


def _plan():  # type: ignore[no-untyped-def]
    m = mentor()
    early = obj("a", "met").model_copy(update={"met_on": dt.date(2026, 8, 11)})
    late = obj("b", "met").model_copy(update={"met_on": dt.date(2026, 11, 10)})
    dropped = obj("c", "dropped").model_copy(update={"dropped_on": dt.date(2026, 10, 1)})
    return m, plan_with(m, [early, late, dropped])


def test_objectives_met_after_the_date_are_still_open_then() -> None:
    m, p = _plan()
    f = review_facts(p, m, HISTORY, AS_OF)
    assert [o.id for o in f.met] == ["a"]
    assert sorted(o.id for o in f.open) == ["b", "c"]
    now = review_facts(p, m, HISTORY, dt.date(2026, 11, 24))
    assert sorted(o.id for o in now.met) == ["a", "b"] and not now.open


def test_the_message_as_of_the_date_names_only_what_was_met_by_then() -> None:
    m = mentor()
    a = obj("a", "met").model_copy(update={"met_on": dt.date(2026, 8, 11)})
    b = obj("b", "met").model_copy(update={"met_on": dt.date(2026, 11, 22)})
    p = plan_with(m, [a, b])
    then, now = dt.date(2026, 11, 20), dt.date(2026, 11, 24)
    rec = analyse(p, m, HISTORY, then)
    body = review_message(p, m, rec, HISTORY, then).body
    assert "A goal we worked on is done: “Objective a”." in body, body
    assert "Two goals" not in body, body
    rec = analyse(p, m, HISTORY, now)
    body = review_message(p, m, rec, HISTORY, now).body
    assert "Two goals we worked on are done: “Objective a” and “Objective b”." in body, body


def test_a_first_request_drafted_after_the_date_is_not_on_file() -> None:
    m = mentor(status="prospect", term_start=None)
    p = plan_with(m, [])
    d = OutreachDraft(
        outreach_kind="first-request", to=m.name, channel="email", ask="the reorg",
        body="Hi", created=dt.date(2026, 11, 20), mentor=m.id,
    )  # fmt: skip
    assert review_facts(p, m, [], dt.date(2026, 11, 1), [d]).request is None
    assert review_facts(p, m, [], dt.date(2026, 11, 21), [d]).request is d


def test_a_follow_up_as_of_the_date_brings_the_goal_still_open_then() -> None:
    m, p = _plan()
    rec = analyse(p, m, HISTORY, AS_OF)
    assert rec.recommendation == "continue"
    body = review_message(p, m, rec, HISTORY, AS_OF).body
    assert "the goal we set: “Objective b”." in body, body
