"""Shared sample messages for the lint tests."""

from __future__ import annotations

from prepcoach.lint import Violation, lint_outreach

GOOD = """Hi Elena,

Nadia Farouk suggested I write to you. I lead the Platform group at Lumen Freight, and next
year likely brings a bigger scope.

Would you be open to a 20-minute call on what you stopped doing first when you moved from
director to VP?

If now isn't a good time, no worries at all.

Thanks,
Dana"""
GOOD_SUBJECT = "Director to VP: one question"

CLASSIC_BAD = """Hi Elena,

Would you be my mentor? I'd love to meet every month for the next six months to pick your
brain about leadership and my career.

Thanks,
Dana"""

# A clean Slack first request; ``{}`` is where a test puts the phrase under check.
SLACK_ASK = (
    "Hi Elena, would you be open to 20 minutes on how you ran the Corvid platform reorg? "
    "If now isn't a good time, no worries at all."
)


def rules(violations: list[Violation]) -> set[str]:
    return {v.rule for v in violations}


def slack_rules(body: str, kind: str = "first-request") -> set[str]:
    return rules(lint_outreach(body, channel="slack", kind=kind))
