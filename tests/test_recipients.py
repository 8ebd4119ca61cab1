"""Who a message is to and what it asks (prepcoach.recipients)."""

from __future__ import annotations

from prepcoach.models import Mentor
from prepcoach.recipients import is_named, mentor_for, needs_ask, review_ask, same_recipient
from prepcoach.vocab import OUTREACH_KINDS


def _mentor(name: str = "Priya Raman") -> Mentor:
    return Mentor(id="priya-raman", name=name)


def test_only_first_requests_and_recommendations_need_the_ask() -> None:
    assert [k for k in OUTREACH_KINDS if needs_ask(k)] == ["first-request", "recommendation"]


def test_same_recipient_ignores_case_and_spacing_only() -> None:
    assert same_recipient("  Priya   RAMAN ", "priya raman")
    assert not same_recipient("Priya Raman", "Priya Ramanathan")


def test_a_mentor_is_found_by_their_exact_name_in_any_case() -> None:
    priya = _mentor()
    assert mentor_for([priya], "priya raman") is priya
    assert mentor_for([priya], "Priya") is None
    assert is_named(priya, "  PRIYA RAMAN ") and not is_named(priya, "Priya R.")


def test_the_review_ask_follows_the_recommendation() -> None:
    m = _mentor()
    assert review_ask(m, "renew") == f"another {m.term_months}-month term, same {m.cadence} rhythm"
    assert review_ask(m, "move_on") == "bring our regular meetings to a close, with thanks"
    assert review_ask(m, "unknown") == ""
