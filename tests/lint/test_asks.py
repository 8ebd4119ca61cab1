"""one-ask and easy-decline: exactly one request, and an easy way to say no."""

from __future__ import annotations

from lint.samples import GOOD, GOOD_SUBJECT, rules
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
