"""bounded-time and no-long-term: a small, bounded request for one conversation."""

from __future__ import annotations

import pytest

from lint.samples import GOOD, SLACK_ASK, slack_rules
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


# Commitment words count only as a request for the reader's time.
LONG_TERM_BAD = [
    ("Would you be open to an ongoing meeting on this?", "ongoing meeting"),
    ("I'd love to meet every month.", "meet every month"),
    ("Could we talk for the next six months?", "for the next six months"),
    ("Would you be up for regular catch-ups?", "regular catch-ups"),
    ("Could we make this a monthly call?", "monthly call"),
    ("Would you be open to weekly check-ins?", "weekly check-ins"),
    ("Could we keep meeting after that?", "keep meeting"),
    ("Meeting once a month would help me a lot.", "meeting once a month"),
    ("Would you be open to doing this on a regular basis?", "on a regular basis"),
    ("Could this be ongoing?", "ongoing"),
    ("Would you be up for six months of calls?", "six months"),
    ("I'd really like to talk every other week.", "talk every other week"),
    ("Would you be up for a call every few weeks?", "every few weeks"),
    ("I'd love to meet with you every month.", "meet with you every month"),
]
LONG_TERM_GOOD = [
    "I lead the platform group through our ongoing data-centre move.",
    "In the six months since I took over, the team doubled.",
    "We ship a release every month.",
    "I've been a director for six years.",
    "Over the last six months the on-call load halved.",
    "My monthly 1:1s with my manager have not helped on this.",
    "Our quarterly planning starts in March.",
    "The regular budget cycle closes next week.",
    "We moved to a weekly release train six months ago.",
    "Our regular cadence slipped after the reorg.",
    "I've been meeting my team weekly for a year.",
    "I talk to our board monthly.",
    "Would you have 20 minutes in the next few weeks?",
]


@pytest.mark.parametrize(("sentence", "phrase"), LONG_TERM_BAD)
def test_commitment_asked_of_the_reader_is_flagged(sentence: str, phrase: str) -> None:
    for kind in ("first-request", "recommendation", "follow-up"):
        found = {
            v.rule: v.reason
            for v in lint_outreach(f"{SLACK_ASK} {sentence}", channel="slack", kind=kind)
        }
        assert phrase in found.get("no-long-term", ""), (kind, found)


@pytest.mark.parametrize("sentence", LONG_TERM_GOOD)
def test_commitment_words_about_the_users_own_work_pass(sentence: str) -> None:
    assert "no-long-term" not in slack_rules(f"Hi Elena, {sentence} {SLACK_ASK[11:]}")
    assert "no-long-term" not in slack_rules(f"{SLACK_ASK} {sentence}")


@pytest.mark.parametrize(
    "topic",
    [
        "how you cut the quarterly plan review",
        "how you ran regular check-ins with your directs",
        "what you changed in the monthly business review",
        "how your team handled the ongoing cloud migration",
    ],
)
def test_commitment_words_inside_the_topic_pass(topic: str) -> None:
    body = SLACK_ASK.replace("how you ran the Corvid platform reorg", topic)
    assert slack_rules(body) == set(), body


def test_commitment_in_the_subject_is_flagged() -> None:
    found = lint_outreach(GOOD, subject="Monthly catch-ups on the reorg")
    assert {v.rule for v in found} == {"no-long-term"}


def test_renewal_and_wind_down_may_name_the_term() -> None:
    body = f"{SLACK_ASK} Could we keep meeting every month for the next six months?"
    assert "no-long-term" not in slack_rules(body, kind="renewal")
    assert "no-long-term" not in slack_rules(body, kind="wind-down")
