"""tactical-topic: the ask names one concrete topic."""

from __future__ import annotations

import pytest

from lint.samples import slack_rules


@pytest.mark.parametrize(
    ("topic", "ok"),
    [
        ("how you sequenced the Corvid platform reorg", True),
        ("your approach to budget negotiations with finance", True),
        ("leadership", False),
        ("my career", False),
        ("picking your brain", False),
        ("a quick chat", False),
    ],
)
def test_tactical_topic(topic: str, ok: bool) -> None:
    body = (
        f"Hi Elena, would you be open to 20 minutes on {topic}? "
        "If now isn't a good time, no worries at all."
    )
    found = slack_rules(body)
    assert ("tactical-topic" not in found) is ok, found
