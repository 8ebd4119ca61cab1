"""The user's --context is never dropped without a word: a draft carries it whole, or the
request is refused naming the rule it broke and the words that broke it."""

from __future__ import annotations

import pytest
from corpus import CHANNELS, make

from prepcoach.engines.offline import compose_outreach
from prepcoach.errors import UsageError
from prepcoach.lint import lint_draft

ASK = "how you ran the platform reorg"
KINDS = ["first-request", "recommendation", "renewal", "wind-down", "follow-up"]
STEALTH = ["first-request", "recommendation", "follow-up"]
# (context, rule, the words quoted, the kinds the rule applies to)
BROKEN = [
    ("We could meet every month to go over it.", "no-long-term", "meet every month", STEALTH),
    ("I want to circle back on our synergies.", "no-jargon", "circle back", KINDS),
    ("You would be a great mentor for me.", "no-mentor-word", "mentor", STEALTH),
]
CASES = [(c, r, w, k) for c, r, w, kinds in BROKEN for k in kinds]


@pytest.mark.parametrize(("context", "rule", "words", "kind"), CASES)
@pytest.mark.parametrize("channel", CHANNELS)
def test_a_context_that_breaks_a_rule_is_refused_by_name(
    context: str, rule: str, words: str, channel: str, kind: str
) -> None:
    inp = make(kind, channel, ASK, [])
    inp.context = context
    with pytest.raises(UsageError) as exc:
        compose_outreach(inp)
    msg = exc.value.message
    assert f'your context "{context}"' in msg and rule in msg and words in msg, msg
    assert "--context" in exc.value.hint


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("kind", KINDS)
def test_a_context_that_fits_is_carried_whole(channel: str, kind: str) -> None:
    inp = make(kind, channel, ASK, [])
    inp.context = "Nadia Farouk suggested I write to you"
    d = compose_outreach(inp)
    assert "Nadia Farouk suggested I write to you." in d.body and lint_draft(d) == []


def test_a_context_too_long_for_slack_says_so() -> None:
    inp = make("first-request", "slack", ASK, [])
    inp.context = " ".join(["We moved the whole platform team to a new on-call rota."] * 4)
    with pytest.raises(UsageError) as exc:
        compose_outreach(inp)
    assert "length" in exc.value.message and "60 words" in exc.value.message


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_nudge_carries_the_context_even_when_the_ask_holds_its_words(channel: str) -> None:
    """Whether the context is placed is known from the candidate, not from its words: a
    context the ask already holds is still placed as its own sentence."""
    inp = make("first-request", channel, ASK, [])
    inp.context, inp.nudge = "the platform reorg", True
    d = compose_outreach(inp)
    assert "bumping my earlier note" in d.body and "The platform reorg." not in d.body
    assert "the platform reorg." in d.body.replace(f"{ASK}?", "") and lint_draft(d) == []
