"""no-mentor-word and no-jargon: words that make a small ask sound big or like a memo."""

from __future__ import annotations

import pytest

from lint.samples import GOOD, GOOD_SUBJECT, rules
from prepcoach.lint import lint_outreach


@pytest.mark.parametrize(
    "word", ["mentor", "Mentors", "MENTORSHIP", "mentoring", "mentored", "mentee", "Mentees"]
)
def test_mentor_word_any_case_or_inflection(word: str) -> None:
    body = GOOD.replace("a bigger scope", f"a bigger scope ({word})")
    assert rules(lint_outreach(body, subject=GOOD_SUBJECT)) == {"no-mentor-word"}


def test_mentor_word_in_subject() -> None:
    assert rules(lint_outreach(GOOD, subject="A mentoring question on budgets")) == {
        "no-mentor-word"
    }


@pytest.mark.parametrize(
    "jargon",
    [
        "synergy",
        "circle back",
        "touch base",
        "bandwidth",
        "deep dive",
        "low-hanging fruit",
        "leverage your",
    ],
)
def test_jargon(jargon: str) -> None:
    body = GOOD.replace("no worries at all.", f"no worries at all ({jargon} is fine).")
    assert "no-jargon" in rules(lint_outreach(body, subject=GOOD_SUBJECT))


def test_leverage_as_a_noun_is_not_jargon() -> None:
    body = GOOD.replace("no worries at all.", "no worries at all; the leverage is theirs.")
    assert "no-jargon" not in rules(lint_outreach(body, subject=GOOD_SUBJECT))
