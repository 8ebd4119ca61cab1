"""review against the real server: a recommendation with reasons, a message that passes lint."""

from __future__ import annotations

import pytest

from integration.contracts import repeated_format_refusals, uncapped_requests
from integration.harness import TODAY, Run

RECOMMENDATIONS = {"continue", "renew", "loosen", "move_on"}


@pytest.fixture(scope="module")
def review(server_8k, cli) -> Run:
    return cli(server_8k, "review", "--mentor", "Priya", "--today", TODAY, "--format", "json")


def test_review_exits_0(review: Run):
    assert review.code == 0, review.explain()


def test_review_gives_a_recommendation_with_reasons(review: Run):
    records = review.json()
    assert isinstance(records, list) and len(records) == 1, review.explain()
    rec = records[0]
    assert rec["mentor"] == "priya-raman"
    assert rec["recommendation"] in RECOMMENDATIONS, rec
    assert rec["reasons"] and all(isinstance(r, str) and r.strip() for r in rec["reasons"]), rec


def test_review_message_passes_the_outreach_rules(review: Run):
    rec = review.json()[0]
    assert rec["message"].strip(), review.explain()
    assert rec["violations"] == [], review.explain()


def test_review_asked_the_server_and_got_an_answer(review: Run):
    assert review.chats, "no chat request reached the server.\n" + review.explain()
    assert any(r.status == 200 for r in review.chats), review.explain()
    assert repeated_format_refusals(review) == [], review.explain()
    assert uncapped_requests(review, cap=1024) == [], review.explain()
