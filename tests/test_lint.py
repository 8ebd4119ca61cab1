"""Outreach lint: each rule fires on the text that breaks it and stays quiet otherwise."""

from __future__ import annotations

import pytest

from prepcoach.lint import (
    RULE_NAMES,
    RULES,
    applicable_rules,
    count_syllables,
    lint_outreach,
    readability_grade,
    split_subject,
)

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


def rules(violations: list) -> set[str]:
    return {v.rule for v in violations}


def test_good_first_request_is_clean() -> None:
    assert lint_outreach(GOOD, subject=GOOD_SUBJECT) == []


def test_classic_bad_ask_names_each_broken_rule() -> None:
    found = lint_outreach(CLASSIC_BAD, subject="Mentorship request")
    assert rules(found) == {
        "no-mentor-word",
        "bounded-time",
        "tactical-topic",
        "no-long-term",
        "easy-decline",
        "subject",
    }
    by_rule = {v.rule: v.reason for v in found}
    assert "'mentor'" in by_rule["no-mentor-word"] and "'Mentorship'" in by_rule["no-mentor-word"]
    assert "every month" in by_rule["no-long-term"] and "six months" in by_rule["no-long-term"]
    assert "pick your brain" in by_rule["tactical-topic"]
    for v in found:
        assert v.reason.rstrip("'").endswith(".") and len(v.reason) > 30


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


def test_two_asks_rejected_and_decline_line_not_counted() -> None:
    two = GOOD.replace(
        "If now isn't", "Could you also introduce me to your head of product? If now isn't"
    )
    found = lint_outreach(two, subject=GOOD_SUBJECT)
    assert rules(found) == {"one-ask"}
    assert "2 asks" in found[0].reason
    # a decline phrased as a question is still not an ask
    one = GOOD.replace("If now isn't a good time, no worries at all.", "Too busy? No worries.")
    assert lint_outreach(one, subject=GOOD_SUBJECT) == []


def test_scheduling_follow_up_question_is_not_a_second_ask() -> None:
    body = GOOD.replace("director to VP?", "director to VP? Does Tuesday or Thursday work?")
    assert lint_outreach(body, subject=GOOD_SUBJECT) == []


def test_no_ask_at_all() -> None:
    body = (
        "Hi Elena,\n\nI enjoyed your talk on scaling platform teams. "
        "If now isn't a good time, no worries."
    )
    assert "one-ask" in rules(lint_outreach(body, channel="slack"))


def test_wish_counts_as_the_ask_when_there_is_no_question() -> None:
    body = (
        "Hi Elena, I'd love 20 minutes to hear how you ran the Corvid platform reorg. "
        "If now isn't a good time, no worries at all."
    )
    assert lint_outreach(body, channel="slack") == []


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
    found = rules(lint_outreach(body, channel="slack"))
    assert ("bounded-time" not in found) is ok, found


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
    found = rules(lint_outreach(body, channel="slack"))
    assert ("tactical-topic" not in found) is ok, found


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
    assert rules(found) == {"no-long-term"}
    assert phrase.lower() in found[0].reason.lower()


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
    g = readability_grade(GOOD)
    assert g is not None and g < 8


def test_syllable_heuristic() -> None:
    assert count_syllables("cat") == 1
    assert count_syllables("table") == 2
    assert count_syllables("organisation") >= 4
    assert count_syllables("minutes") == 2
    assert count_syllables("20") == 1


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


def test_rules_by_kind() -> None:
    assert set(applicable_rules("first-request", "email")) == set(RULE_NAMES)
    assert "subject" not in applicable_rules("first-request", "slack")
    rec = applicable_rules("recommendation", "email")
    assert "no-mentor-word" in rec and "bounded-time" not in rec
    renewal = applicable_rules("renewal", "email")
    assert "no-long-term" not in renewal and "one-ask" in renewal
    assert "no-mentor-word" in applicable_rules("follow-up", "email")
    with pytest.raises(ValueError):
        applicable_rules("nonsense", "email")
    with pytest.raises(ValueError):
        lint_outreach("hi", channel="fax")


def test_renewal_may_name_the_term_but_needs_one_ask() -> None:
    body = (
        "Hi Priya,\n\nThank you for the last six months of mentoring. Would you be open to "
        "another six months, meeting monthly? If your plate is full, no worries at all.\n\n"
        "Thanks,\nDana"
    )
    assert lint_outreach(body, kind="renewal", subject="Proposing another six months") == []
    no_ask = body.replace("Would you be open to another six months, meeting monthly?", "")
    assert rules(lint_outreach(no_ask, kind="renewal", subject="Proposing another six months")) == {
        "one-ask"
    }


def test_follow_up_needs_no_ask_but_at_most_one() -> None:
    body = "Hi Priya, thanks again for your time. I tried the three-deltas framing and it worked."
    assert lint_outreach(body, kind="follow-up", channel="slack") == []
    two = body + " Could you read my draft? Could you also intro me to Carla?"
    assert rules(lint_outreach(two, kind="follow-up", channel="slack")) == {"one-ask"}


def test_markup_and_escapes_are_ignored() -> None:
    body = "\x1b[31m" + GOOD.replace("Would you", "[bold]Would you[/bold]") + "\x1b[0m"
    assert lint_outreach(body, subject=GOOD_SUBJECT) == []


def test_split_subject() -> None:
    assert split_subject("Subject: Director to VP\n\nHi Elena,\nBody") == (
        "Director to VP",
        "Hi Elena,\nBody",
    )
    assert split_subject("\n  subject:  spaced  \nBody") == ("spaced", "Body")
    assert split_subject("Hi Elena,\nSubject: not a header") == (
        None,
        "Hi Elena,\nSubject: not a header",
    )
    assert split_subject("") == (None, "")


def test_rules_table_is_complete() -> None:
    assert len(RULES) == len(set(RULE_NAMES)) == 10
    assert all(desc for _, desc in RULES)


def test_subject_word_count_is_pluralised() -> None:
    from prepcoach.lint import plural

    found = [v for v in lint_outreach(GOOD, subject="Budgets") if v.rule == "subject"]
    assert found and "has 1 word;" in found[0].reason and "1 words" not in found[0].reason
    found = [v for v in lint_outreach(GOOD, subject="Budget question") if v.rule == "subject"]
    assert found and "has 2 words;" in found[0].reason
    assert (plural(0, "rule"), plural(1, "rule"), plural(2, "rule")) == (
        "0 rules",
        "1 rule",
        "2 rules",
    )
    assert plural(3, "child", "children") == "3 children"
