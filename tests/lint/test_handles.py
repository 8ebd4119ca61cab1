"""no-mentor-word and no-jargon: words that make a small ask sound big or like a memo."""

from __future__ import annotations

import pytest

from lint.samples import GOOD, GOOD_SUBJECT, SLACK_ASK, rules, slack_rules
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


# A standing role asked of the reader is the same too-big handle as "mentor".
ROLE_ASKS = [
    ("Would you be my coach?", "be my coach"),
    ("Would you consider being my sponsor for the promotion case?", "being my sponsor"),
    ("Could you act as an advisor on the migration?", "act as an advisor"),
    ("I'd love for you to be my executive sponsor.", "be my executive sponsor"),
    ("Would you be willing to serve as an adviser to me?", "serve as an adviser"),
    ("I'm looking for an executive sponsor and you came to mind.", "looking for an executive"),
]
ROLE_MENTIONS = [
    "My coach at the gym told me to pace myself.",
    "Our sponsor team approved the budget.",
    "How did you learn to be a good coach?",
    "Could you recommend someone to be my sponsor?",
    "I asked Maria to be my sponsor last year.",
    "Our board advisor suggested I write.",
]


@pytest.mark.parametrize(("sentence", "phrase"), ROLE_ASKS)
def test_standing_role_asked_of_the_reader_is_flagged(sentence: str, phrase: str) -> None:
    for kind in ("first-request", "recommendation", "follow-up"):
        found = lint_outreach(f"{SLACK_ASK} {sentence}", channel="slack", kind=kind)
        reasons = {v.rule: v.reason for v in found}
        assert phrase in reasons.get("no-mentor-word", ""), (kind, reasons)


@pytest.mark.parametrize("sentence", ROLE_MENTIONS)
def test_role_words_about_someone_else_pass(sentence: str) -> None:
    assert "no-mentor-word" not in slack_rules(f"{SLACK_ASK} {sentence}")


def test_role_in_the_subject_and_with_the_mentor_word() -> None:
    assert rules(lint_outreach(GOOD, subject="Would you be my coach?")) == {"no-mentor-word"}
    body = f"{SLACK_ASK} I need a mentor. Would you be my coach?"
    reason = {v.rule: v.reason for v in lint_outreach(body, channel="slack")}["no-mentor-word"]
    assert "'mentor'" in reason and "standing role ('be my coach')" in reason


def test_an_established_relationship_may_name_the_role() -> None:
    body = f"{SLACK_ASK} Would you keep being my sponsor?"
    assert "no-mentor-word" not in slack_rules(body, kind="renewal")
