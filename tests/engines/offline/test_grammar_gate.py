"""The grammar gate: asks of every shape, objective titles of every form, every outreach
kind and channel (the corpus is in ``corpus``). Every draft is sendable or the ask is
refused with a message and a hint."""

from __future__ import annotations

import re
import shlex
from itertools import pairwise

import pytest
from corpus import (
    ANY_ASK,
    ASKS,
    CHANNELS,
    GATE,
    TITLES,
    TODAY,
    assert_sendable,
    compose_or_refusal,
    make,
    titles,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from prepcoach.engines.offline import compose_outreach
from prepcoach.engines.offline.ask_shape import plain_line
from prepcoach.errors import UsageError
from prepcoach.lint import sentences
from prepcoach.outreach import lint_nudge, nudge_text


@GATE
@given(ask=ANY_ASK, names=titles, channel=st.sampled_from(CHANNELS))
def test_first_request_and_its_nudge(ask: str, names: list[str], channel: str) -> None:
    d = compose_or_refusal(make("first-request", channel, ask, names))
    if d is None:
        return
    assert_sendable(d, ask, names)
    assert "Rob" not in d.body  # nothing from the plan the user did not put in the ask
    assert not any(plain_line(t).rstrip(" .") in d.body for t in names if t not in ask)
    d.status, d.sent_on = "sent", TODAY
    nudge = nudge_text(d)
    assert lint_nudge(nudge, d) == [] and "\n" not in nudge


@GATE
@given(ask=ANY_ASK, names=titles, channel=st.sampled_from(CHANNELS))
def test_recommendation(ask: str, names: list[str], channel: str) -> None:
    d = compose_or_refusal(make("recommendation", channel, ask, names))
    if d is None:
        return
    assert_sendable(d, ask, names)
    assert not any(plain_line(t).rstrip(" .") in d.body for t in names if t not in ask)


@GATE
@given(
    ask=st.one_of(st.just(""), ANY_ASK),
    names=titles,
    channel=st.sampled_from(CHANNELS),
    kind=st.sampled_from(["renewal", "wind-down", "follow-up"]),
    rec=st.sampled_from(["", "loosen", "move_on"]),
)
def test_messages_to_a_mentor(
    ask: str, names: list[str], channel: str, kind: str, rec: str
) -> None:
    d = compose_or_refusal(make(kind, channel, ask, names, recommendation=rec))
    if d is None:
        assert ask  # a message without an ask (a review's) is never refused
        return
    if kind == "wind-down":
        ask = ""  # a wind-down takes no ask
    assert_sendable(d, ask, names)


@GATE
@given(
    title=st.sampled_from([*TITLES, "Delegate more", "Decide: stay or go"]),
    channel=st.sampled_from(CHANNELS),
)
def test_first_meeting_message_takes_a_title_of_any_shape(title: str, channel: str) -> None:
    """A review's note to a mentor who agreed and has not met: the goal quoted whole."""
    inp = make("first-request", channel, "", [title])
    inp.goal, inp.history = title, []
    d = compose_outreach(inp)
    assert_sendable(d, "", [title])
    assert plain_line(title) in d.body


@GATE
@given(ask=ASKS, channel=st.sampled_from(CHANNELS))
def test_the_nudge_of_a_first_request_already_sent(ask: str, channel: str) -> None:
    """A mentor asked and not answered: a bump, the same ask once more, no introduction."""
    inp = make("first-request", channel, ask, [])
    inp.nudge = True
    d = compose_outreach(inp)
    assert_sendable(d, ask, [])
    assert "bumping my earlier note" in d.body and "Dana Whitfield" not in d.body


@settings(max_examples=300, deadline=None)
@given(ask=ASKS, channel=st.sampled_from(CHANNELS))
def test_well_formed_asks_are_sent_not_refused(ask: str, channel: str) -> None:
    """The gate must not pass by refusing: a concrete ask of any shape is composed."""
    d = compose_outreach(make("first-request", channel, ask, []))
    assert_sendable(d, ask, [])


@pytest.mark.parametrize(
    "ask",
    [
        "How did you handle your first layoff?",
        "What would you cut first if your budget dropped 20%?",
        "Which two platform services would you retire first when finance asks for a 15% cut, "
        "and how would you explain it to the team?",
        "How you kept an mentoring platform alive",
        "how you handled a ongoing on-call rotation",
        "What made onboarding for first-time managers work?",
        "What did you change in your first year as a VP?",
        "Should I pitch [Project Falcon] to Rob before the [Q1] review?",
        "priorities across two orgs with one budget",
        "one-on-ones with 12 direct reports",
        "What do you wish you had known before your first reorg?",
    ],
)
@pytest.mark.parametrize("channel", CHANNELS)
def test_the_issue_examples_give_sendable_text_or_a_clear_refusal(ask: str, channel: str) -> None:
    d = compose_or_refusal(make("first-request", channel, ask, TITLES[:3]))
    if d is not None:
        assert_sendable(d, ask, TITLES[:3])


def test_examples_that_must_be_sent() -> None:
    d = compose_outreach(
        make("first-request", "email", "How did you handle your first layoff?", [])
    )
    assert (
        "One question I would value your view on: How did you handle your first layoff?" in d.body
    )
    assert "on how did" not in d.body and d.subject == "A question about your first layoff"
    d = compose_outreach(
        make(
            "first-request",
            "email",
            "Should I pitch [Project Falcon] to Rob before the [Q1] review?",
            [],
        )
    )
    assert "Should I pitch [Project Falcon] to Rob before the [Q1] review?" in d.body
    d = compose_outreach(make("first-request", "email", "one-on-ones with 12 direct reports", []))
    assert "one-on-ones with 12 direct reports" in d.body
    assert d.subject == "A question about 12 direct reports"


def hint_examples(hint: str) -> list[str]:
    """The example asks of a hint, as a shell would pass them."""
    args = shlex.split(hint.split("For example:", 1)[1])
    return [a for prev, a in pairwise(args) if prev == "--ask"]


@pytest.mark.parametrize("ask", ["advice", "leadership", "pick your brain", "x"])
def test_vague_asks_are_refused_with_two_examples_from_the_objectives(ask: str) -> None:
    with pytest.raises(UsageError) as exc:
        compose_outreach(make("first-request", "email", ask, ["Get the 2027 plan funded"]))
    assert "too vague" in exc.value.message
    assert exc.value.hint.count("--ask") == 2
    assert "“Get the 2027 plan funded”" in hint_examples(exc.value.hint)[0]


@pytest.mark.parametrize(
    "title",
    [
        "Decide: stay or go for the CTO role",
        "Be ready: the VP loop.",
        "Ship the Falcon launch!",
        "Rob's 'quiet' reorg",
        'Cut $2M from the "run" budget',
        *TITLES,
    ],
)
def test_the_vague_ask_hint_quotes_a_title_of_any_shape(title: str) -> None:
    """A title inside our example question is quoted whole and as typed (its case, its
    own colon or stop kept), never after a label colon of ours; a title that is itself
    a plain question is the example; the examples paste into a shell as one argument
    each, and each can itself be sent."""
    with pytest.raises(UsageError) as exc:
        compose_outreach(make("first-request", "email", "advice", [title]))
    examples = hint_examples(exc.value.hint)
    assert len(examples) == 2
    first, shown = examples[0], plain_line(title).rstrip(" .")
    if first.startswith(shown) and first.endswith("?"):
        assert ":" not in title, first  # a question title is the ask itself
    else:
        assert f"“{shown}”" in first and first.count("“") == 1, first
    assert not re.search(r"goal:", first), first
    d = compose_or_refusal(make("first-request", "email", first, []))
    if d is not None:
        assert_sendable(d, first, [])


@pytest.mark.parametrize(
    ("ask", "word"),
    [
        ("how you kept a mentoring platform alive", "mentoring"),
        ("Would you mentor me on the platform reorg?", "mentor"),
        ("the platform reorg, meeting every month", "every month"),
    ],
)
def test_banned_words_in_the_ask_are_named_not_deleted(ask: str, word: str) -> None:
    with pytest.raises(UsageError) as exc:
        compose_outreach(make("first-request", "email", ask, []))
    assert word in exc.value.message and exc.value.hint


@pytest.mark.parametrize("channel", CHANNELS)
def test_the_time_line_and_the_decline_do_not_both_open_with_if(channel: str) -> None:
    d = compose_outreach(
        make("first-request", channel, "How did you handle your first layoff?", [])
    )
    assert "Even a 20-minute call about it would help a lot. If now isn't a good time" in (
        " ".join(d.body.split())
    )
    openers = [s.split()[0] for s in sentences(d.body)]
    assert not any(a == b == "If" for a, b in pairwise(openers)), d.body


def test_a_mentor_never_met_is_not_thanked_again() -> None:
    inp = make("follow-up", "email", "the platform reorg", [])
    inp.history = []
    d = compose_outreach(inp)
    assert "again" not in d.body.split("\n\n")[1]


def test_each_kind_places_a_question_without_a_second_ask() -> None:
    q = "How did you handle your first layoff?"
    rec = compose_outreach(make("recommendation", "email", q, []))
    assert f"likes helping people grow, and could answer this: {q}" in rec.body
    ren = compose_outreach(make("renewal", "email", q, []))
    assert f"if you are open to it, starting with one question: {q}" in ren.body
    fol = compose_outreach(make("follow-up", "email", q, []))
    assert f"The question you helped me with: {q}" in fol.body
