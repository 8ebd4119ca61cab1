"""The grammar gate: asks of every shape, objective titles of every form, every outreach
kind and channel. Every draft is sendable (grammatical frames, the user's words whole and
as typed, subjects of 3-6 whole words, the product's own lint clean) or the ask is
refused with a message and a hint."""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prepcoach.engines.offline import OutreachInput, compose_outreach
from prepcoach.engines.offline.ask_shape import plain_line
from prepcoach.errors import UsageError
from prepcoach.lint import lint_outreach, sentences, word_count
from prepcoach.models import (
    ActionItem,
    Mentor,
    Objective,
    ObjectiveProgress,
    OutreachDraft,
    Profile,
    Session,
)
from prepcoach.outreach import lint_nudge, nudge_text
from prepcoach.text import words

TODAY = dt.date(2026, 11, 24)
CHANNELS = ("email", "linkedin", "slack")

OBJECTS = [
    "your first layoff",
    "the platform reorg",
    "a 20% budget cut",
    "an on-call rotation",
    "the [Project Falcon] launch",
    "our Q3 headcount plan",
    "a hiring freeze",
    "two competing VPs",
    "an underperforming director",
    "the FY27 budget",
    "a skip-level meeting gone wrong",
    "the data-centre move",
]
TAILS = [
    "",
    " first",
    " with half the team",
    " before the board review",
    " when finance pushed back",
]
PAST = ["handled", "ran", "structured", "sequenced", "funded", "staffed", "pitched", "cut"]
BASE = ["handle", "run", "structure", "sequence", "fund", "staff", "pitch", "cut", "explain"]
GERUND = ["handling", "running", "structuring", "sequencing", "funding", "staffing", "pitching"]

obj = st.sampled_from(OBJECTS)
tail = st.sampled_from(TAILS)
wh_question = st.builds(
    lambda wh, aux, v, o, t, q: f"{wh} {aux} {v} {o}{t}{q}",
    st.sampled_from(["How", "What", "how", "Why", "When"]),
    st.sampled_from(["did you", "would you", "should I", "do you", "can I", "would I"]),
    st.sampled_from(BASE),
    obj,
    tail,
    st.sampled_from(["?", "", "?"]),
)
what_question = st.builds(
    lambda o, t: f"What would you cut first if {o} landed on you{t}?", obj, tail
)
yes_no = st.builds(
    lambda aux, v, o, t: f"{aux} {v} {o}{t}?",
    st.sampled_from(["Should I", "Is it wise to", "Would it be smart to", "Do you think I should"]),
    st.sampled_from(BASE),
    obj,
    tail,
)
clause = st.builds(
    lambda lead, v, o, t: f"{lead} {v} {o}{t}",
    st.sampled_from(["how you", "what you did when you", "why leaders", "whether to", "how to"]),
    st.sampled_from(PAST + BASE),
    obj,
    tail,
)
gerund = st.builds(lambda g, o, t: f"{g} {o}{t}", st.sampled_from(GERUND), obj, tail)
infinitive = st.builds(lambda v, o, t: f"to {v} {o}{t}", st.sampled_from(BASE), obj, tail)
topic = st.builds(lambda o, t: f"{o}{t}", obj, tail)
imperative = st.builds(
    lambda lead, o: f"{lead} {o}",
    st.sampled_from(["review my plan for", "walk me through", "help me decide on", "sanity-check"]),
    obj,
)
statement = st.builds(
    lambda lead, v, o: f"{lead} {v} {o} and I have never done it.",
    st.sampled_from(["I'm about to", "I need to", "We have to", "My boss wants me to"]),
    st.sampled_from(BASE),
    obj,
)
person = st.builds(
    lambda who, v, o: f"{who} who has {v} {o}",
    st.sampled_from(["someone", "a VP", "an exec", "a leader at a bigger company"]),
    st.sampled_from(PAST),
    obj,
)
vague = st.sampled_from(["advice", "leadership", "pick your brain", "x", "your thoughts", "a chat"])
banned = st.builds(
    lambda o, form: form.format(o),
    obj,
    st.sampled_from(
        [
            "be my mentor on {}",
            "mentoring on {}",
            "meet every month about {}",
            "{} - could we make it a regular monthly call?",
            "an hour on {}",
            "how you leveraged synergies on {}",
        ]
    ),
)
ASKS = st.one_of(
    wh_question, what_question, yes_no, clause, gerund, infinitive, topic, imperative, statement
)
ANY_ASK = st.one_of(ASKS, person, vague, banned)

TITLES = [
    "Get the 2027 plan funded",
    "Ready for the VP interview loop?",
    "Promotion to VP by Q3",
    "Hiring two senior managers",
    "The [Falcon] migration: done by March",
    "Be the person finance trusts with the budget",
    "delegate the weekly ops review",
    "An org that runs without me for two weeks",
    "Stop firefighting; start planning",
    "ready for the VP interview loop",
]
titles = st.lists(st.sampled_from(TITLES), min_size=0, max_size=4, unique=True)


def objectives_of(names: list[str]) -> list[Objective]:
    return [
        Objective(
            id=f"o{i}",
            title=t,
            support_area="scope",
            status="met" if i % 2 else "open",
            mentors=["priya"],
            evidence="Finance signed off on Oct 14." if i % 2 else "",
        )
        for i, t in enumerate(names)
    ]


MENTOR = Mentor(
    id="priya",
    name="Priya Raman",
    support_areas=["politics"],
    status="active",
    recommended_by="Rob Castellano (my manager)",
    term_start=dt.date(2026, 5, 20),
)
HISTORY = [
    Session(
        id="s1",
        mentor="priya",
        date=dt.date(2026, 11, 10),
        action_items=[ActionItem(text="Send Rob the vendor cost comparison", done=True)],
        objective_progress=[ObjectiveProgress(objective_id="o0", note="Finance agreed to pilot")],
    )
]


def make(kind: str, channel: str, ask: str, names: list[str], **kw: object) -> OutreachInput:
    return OutreachInput(
        kind=kind,
        to="Priya Raman",
        title="VP Engineering",
        organisation="Lumen",
        channel=channel,
        ask=ask,
        profile=Profile(name="Dana Whitfield", title="Director of Engineering"),
        mentor=MENTOR,
        objectives=objectives_of(names),
        context="",
        history=HISTORY,
        today=TODAY,
        recommendation=str(kw.get("recommendation", "")),
    )


_PREP_OR_CONJ = r"(?:of|to|in|on|at|by|for|with|from|about|and|or|but|the|a|an|than|if)"


_CONDITIONAL_RE = re.compile(r"^\W*(if|unless|when|whenever|in case|as long as)\b", re.I)


def _conditional(sentence: str) -> str:
    """The conditional a sentence opens with ("if"), or ""."""
    m = _CONDITIONAL_RE.match(sentence)
    return m.group(1).lower() if m else ""


def assert_sendable(d: OutreachDraft, ask: str, names: list[str]) -> None:
    body = d.body
    subject = d.subject if d.channel == "email" else None
    assert lint_outreach(body, channel=d.channel, kind=d.outreach_kind, subject=subject) == []
    typed = plain_line(ask)
    frame = body.replace(typed.rstrip(" ."), "Zask") if typed else body  # the frame alone
    for t in names:
        frame = frame.replace(plain_line(t).rstrip(" ."), "Ztitle")
    assert not re.search(r"\b(?:a|an|the)\s+(?:a|an|the)\b", frame, re.I), body
    assert not re.search(r"\ban\s+(?!hour|honest)[bcdfgjklmnpqrstvwxz]", frame, re.I), body
    assert not re.search(r"\ba\s+[aeiu]", frame, re.I), body
    assert not re.search(rf"\b{_PREP_OR_CONJ}\s*\?", frame, re.I), body
    openers = [_conditional(x) for x in sentences(frame)]
    assert not any(a and a == b for a, b in pairwise(openers)), body
    # never a preposition before a to-infinitive ("a call about to split the team")
    if not re.search(r"\b(?:on|about|of|for|with)\s+to\s", typed, re.I):
        assert not re.search(r"\b(?:on|about|of|for|with)\s+to\s", body, re.I), body
    assert not re.search(
        r"\b(?:on|about|of|for|with)\s+(?:how|what|why|when)\s+(?:did|do|does|would|should|"
        r"could|can|is|are|was|were|will)\b",
        body,
        re.I,
    ), body
    if typed:
        assert typed.rstrip(" .?") in body  # the ask whole and as typed: every key noun kept
    for t in names:  # a title is quoted whole or not at all, never cut
        tw = plain_line(t).rstrip(" .")
        head = " ".join(tw.split()[:3])
        assert head not in body or tw in body, (t, body)
    if subject is not None:
        assert 3 <= word_count(subject) <= 6, subject
        source = set(words(typed.lower())) | set(
            words("a question about the for you from a fellow leader")
        )
        source |= set(
            words(
                "looking for one name proposing another months thank you and what's "
                "next your time thanks what i tried 6 12 3 planning our first meeting"
            )
        )
        assert set(words(subject.lower())) <= source, subject  # whole words of the ask


def compose_or_refusal(inp: OutreachInput) -> OutreachDraft | None:
    try:
        return compose_outreach(inp)
    except UsageError as exc:
        assert exc.message.strip() and exc.hint.strip()
        return None


GATE = settings(max_examples=320, deadline=None, suppress_health_check=[HealthCheck.too_slow])


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


@pytest.mark.parametrize("ask", ["advice", "leadership", "pick your brain", "x"])
def test_vague_asks_are_refused_with_two_examples_from_the_objectives(ask: str) -> None:
    with pytest.raises(UsageError) as exc:
        compose_outreach(make("first-request", "email", ask, ["Get the 2027 plan funded"]))
    assert "too vague" in exc.value.message
    assert exc.value.hint.count("--ask") == 2
    assert "get the 2027 plan funded" in exc.value.hint


@pytest.mark.parametrize(
    "title",
    [
        "Decide: stay or go for the CTO role",
        "Be ready: the VP loop.",
        "Ship the Falcon launch!",
        *TITLES,
    ],
)
def test_the_vague_ask_hint_places_a_title_of_any_shape(title: str) -> None:
    """A title with its own colon or stop enters the hint quoted, never after a second
    label colon; every example it gives can itself be sent."""
    with pytest.raises(UsageError) as exc:
        compose_outreach(make("first-request", "email", "advice", [title]))
    hint = exc.value.hint
    examples = re.findall(r'--ask "([^"]+)"', hint)
    assert len(examples) == 2
    first = examples[0]
    assert plain_line(title).rstrip(" .?").lower() in first.lower(), hint
    assert not re.search(r":[^'\n]*'[^']*:", first) and "?'?" not in first, first
    assert not re.search(r"[.?!]['\"]?[.?]", first.replace("'?", "'")), first
    if re.search(r"[:!]", title):  # the quoting frame's example can itself be sent
        assert_sendable(compose_outreach(make("first-request", "email", first, [])), first, [])


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


@pytest.mark.parametrize(
    ("ask", "subject"),
    [
        ("handling the [Project Falcon] launch", "A question about the launch"),
        ("how you handled platform migration", "A question about the platform migration"),
        ("how you staffed on-call rotation", "A question about the on-call rotation"),
        ("hiring senior managers", "A question about hiring senior managers"),
        ("How did you run Rob's staff meeting?", "A question about Rob's staff meeting"),
        (
            "What made onboarding for first-time managers work?",
            "A question about first-time managers",
        ),
        ("How did you set priorities across two orgs?", "A question about two orgs"),
        (
            "what you wish you had known before your first reorg",
            "A question about your first reorg",
        ),
        ("What would you cut first if your budget dropped 20%?", "A question about your budget"),
    ],
)
def test_subjects_are_whole_phrases(ask: str, subject: str) -> None:
    assert compose_outreach(make("first-request", "email", ask, [])).subject == subject


BARE = ["platform migration", "on-call rotation", "budget review", "hiring freeze", "reorg"]


@settings(max_examples=200, deadline=None)
@given(
    lead=st.sampled_from(["how you handled", "how you ran", "handling", "How did you fund", ""]),
    noun=st.sampled_from(BARE),
    tail=st.sampled_from(["", " first", " at a bigger company", "?"]),
)
def test_no_missing_article_after_about(lead: str, noun: str, tail: str) -> None:
    """A bare singular noun phrase in the ask gets its article in the subject."""
    ask = f"{lead} {noun}{tail}".strip()
    subject = compose_outreach(make("first-request", "email", ask, [])).subject
    after = subject.split(" about ", 1)[1] if " about " in subject else ""
    head = after.split()
    assert 3 <= word_count(subject) <= 6, subject
    if head and head[-1] in " ".join(BARE).split():
        assert head[0] in ("the", "a", "an", "your", "my", "our"), subject


def test_each_kind_places_a_question_without_a_second_ask() -> None:
    q = "How did you handle your first layoff?"
    rec = compose_outreach(make("recommendation", "email", q, []))
    assert f"likes helping people grow, and could answer this: {q}" in rec.body
    ren = compose_outreach(make("renewal", "email", q, []))
    assert f"if you are open to it, starting with one question: {q}" in ren.body
    fol = compose_outreach(make("follow-up", "email", q, []))
    assert f"The question you helped me with: {q}" in fol.body
