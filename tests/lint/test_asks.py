"""one-ask and easy-decline: exactly one request, and an easy way to say no."""

from __future__ import annotations

import pytest

from lint.samples import GOOD, GOOD_SUBJECT, SLACK_ASK, rules, slack_rules
from prepcoach.lint import lint_outreach


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


# Easy-outs in the phrasings people use.
DECLINES = [
    "Totally fine if the week is packed.",
    "No worries if not.",
    "If now isn't a good time, that's fine.",
    "Feel free to say no.",
    "Happy to understand if you can't.",
    "It's completely fine to say no.",
    "A no is a fine answer.",
    "If your calendar is slammed, I'll get it.",
    "You're welcome to pass.",
    "If you're short on time, I understand.",
]
NOT_DECLINES = [
    "Thanks in advance.",
    "Looking forward to it.",
    "Let me know what works.",
    "I understand you are busy.",
    "If this works, send me a time.",
    "I'd understand the reorg better after a call.",
]
ASK = "Hi Elena, would you be open to 20 minutes on how you ran the Corvid platform reorg?"


@pytest.mark.parametrize("decline", DECLINES)
def test_easy_out_phrasings_are_recognised(decline: str) -> None:
    assert slack_rules(f"{ASK} {decline}") == set()


@pytest.mark.parametrize("line", NOT_DECLINES)
def test_lines_that_offer_no_way_out_fail(line: str) -> None:
    assert slack_rules(f"{ASK} {line}") == {"easy-decline"}


@pytest.mark.parametrize("decline", ["totally fine if not", "no worries if the week is packed"])
def test_easy_out_inside_the_ask_sentence_keeps_the_ask(decline: str) -> None:
    body = ASK.replace("reorg?", f"reorg, or {decline}?")
    assert slack_rules(body) == set()


# A second ask written as a statement still counts.
SECOND_ASKS = [
    "I'd also love your view on hiring.",
    "And I'd like to ask about the budget too.",
    "I also wanted to ask about your hiring plan.",
    "I'd love your view on hiring as well.",
    "Separately, I'd appreciate an intro to your head of product.",
    "Could you also introduce me to Carla?",
    "One more thing: I'd value your take on pricing.",
]
NOT_SECOND_ASKS = [
    "I'd love to hear how you did it.",
    "I also lead the data team.",
    "Does Tuesday or Thursday work?",
    "Thanks for reading this far.",
    "Your talk on it was the clearest I have heard, too.",
]


@pytest.mark.parametrize("line", SECOND_ASKS)
def test_second_ask_as_a_statement_is_flagged(line: str) -> None:
    found = lint_outreach(f"{SLACK_ASK} {line}", channel="slack")
    assert rules(found) == {"one-ask"}
    assert "2 asks" in found[0].reason


@pytest.mark.parametrize("line", NOT_SECOND_ASKS)
def test_restating_or_telling_is_not_a_second_ask(line: str) -> None:
    assert slack_rules(f"{SLACK_ASK} {line}") == set()


def test_a_follow_up_may_add_one_wish_but_not_two() -> None:
    body = "Hi Priya, thanks again for your time. I tried the three-deltas framing and it worked."
    assert slack_rules(f"{body} I'd also love your view on hiring.", kind="follow-up") == set()
    two = f"{body} Could you read my draft? I'd also love your view on hiring."
    assert slack_rules(two, kind="follow-up") == {"one-ask"}
