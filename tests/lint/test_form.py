"""length, subject and plain-language: the shape of the message."""

from __future__ import annotations

import pytest

from lint.samples import GOOD, GOOD_SUBJECT, rules
from prepcoach.lint import lint_outreach, readability_grade


def test_length_limits_per_channel() -> None:
    filler = " ".join(["We shipped it."] * 30)
    body = GOOD.replace("Thanks,", filler + "\n\nThanks,")
    assert "length" in rules(lint_outreach(body, subject=GOOD_SUBJECT))
    assert "length" in rules(lint_outreach(body, channel="linkedin"))
    slack = (
        "Hi Elena, would you be open to 20 minutes on how you ran the Corvid platform reorg? "
        "If now isn't a good time, no worries at all. " + "More context here. " * 12
    )
    assert "length" in rules(lint_outreach(slack, channel="slack"))
    assert "length" not in rules(lint_outreach(slack, channel="email", subject=GOOD_SUBJECT))


@pytest.mark.parametrize(
    ("subject", "ok"),
    [
        (None, False),
        ("", False),
        ("Hi", False),
        ("Quick question", False),
        ("A quick question for you", False),
        ("Director to VP: one question", True),
        ("20 minutes on the reorg", True),
        ("One question about the Corvid platform reorg plan", False),
    ],
)
def test_subject_rule_email_only(subject: str | None, ok: bool) -> None:
    assert ("subject" not in rules(lint_outreach(GOOD, subject=subject))) is ok
    assert "subject" not in rules(lint_outreach(GOOD, channel="linkedin", subject=subject))


def test_subject_word_count_is_pluralised() -> None:
    found = [v for v in lint_outreach(GOOD, subject="Budgets") if v.rule == "subject"]
    assert found and "has 1 word;" in found[0].reason and "1 words" not in found[0].reason
    found = [v for v in lint_outreach(GOOD, subject="Budget question") if v.rule == "subject"]
    assert found and "has 2 words;" in found[0].reason


def test_plain_language_grade_cap() -> None:
    dense = GOOD.replace(
        "I lead the Platform group at Lumen Freight, and next\nyear likely brings a bigger scope.",
        "Organisationally, I am responsible for infrastructural modernisation initiatives, "
        "architectural standardisation, operational sustainability considerations and "
        "interdepartmental prioritisation methodologies across multiple international "
        "business units simultaneously.",
    )
    found = lint_outreach(dense, subject=GOOD_SUBJECT)
    assert "plain-language" in rules(found)
    grade = readability_grade(dense)
    assert grade is not None and grade > 10
