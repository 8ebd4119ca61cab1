"""bounded-time and no-long-term: a small, bounded request for one conversation."""

from __future__ import annotations

import pytest

from lint.samples import GOOD, GOOD_SUBJECT, slack_rules
from prepcoach.lint import lint_outreach


@pytest.mark.parametrize(
    ("phrase", "ok"),
    [
        ("a 20-minute call", True),
        ("15 minutes", True),
        ("a 15-minute call", True),
        ("one conversation", True),
        ("half an hour", True),
        ("thirty minutes", True),
        ("an hour", False),
        ("45 minutes", False),
        ("a quick coffee", False),
        ("some time", False),
        ("a couple of hours", False),
    ],
)
def test_bounded_time(phrase: str, ok: bool) -> None:
    body = (
        f"Hi Elena, would you be open to {phrase} on how you ran the Corvid platform reorg? "
        "If now isn't a good time, no worries at all."
    )
    found = slack_rules(body)
    assert ("bounded-time" not in found) is ok, found


@pytest.mark.parametrize(
    "phrase",
    [
        "ongoing",
        "regular",
        "every month",
        "monthly",
        "six months",
        "long-term",
        "recurring",
        "weekly",
        "every other week",
        "6 months",
    ],
)
def test_long_term_language(phrase: str) -> None:
    body = GOOD.replace("no worries at all.", f"no worries at all. ({phrase})")
    found = lint_outreach(body, subject=GOOD_SUBJECT)
    assert {v.rule for v in found} == {"no-long-term"}
    assert phrase.lower() in found[0].reason.lower()
