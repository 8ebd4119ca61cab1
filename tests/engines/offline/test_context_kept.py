"""The user's --context is never dropped without a word: a draft carries it whole, or the
request is refused naming the rule it broke and the words that broke it."""

from __future__ import annotations

import pytest
from engines.offline.test_grammar_gate import CHANNELS, make

from prepcoach.engines.offline import compose_outreach
from prepcoach.errors import UsageError
from prepcoach.lint import lint_draft

ASK = "how you ran the platform reorg"
BROKEN = [
    ("We could meet every month to go over it.", "no-long-term", "meet every month"),
    ("I want to circle back on our synergies.", "no-jargon", "circle back"),
    ("You would be a great mentor for me.", "no-mentor-word", "mentor"),
]


@pytest.mark.parametrize(("context", "rule", "words"), BROKEN)
@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("kind", ["first-request", "follow-up"])
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
@pytest.mark.parametrize("kind", ["first-request", "follow-up"])
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
