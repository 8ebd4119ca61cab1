"""Offline outreach composer: every kind x channel passes its lint, or the ask is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepcoach.engines.offline import OutreachInput, classify, compose_outreach
from prepcoach.errors import UsageError
from prepcoach.lint import KINDS, MENTOR_WORD_RE, lint_outreach, word_count
from prepcoach.models import (
    ActionItem,
    Mentor,
    Objective,
    ObjectiveProgress,
    OutreachDraft,
    Profile,
    Session,
)
from prepcoach.outreach import lint_nudge, reminders

TODAY = dt.date(2026, 11, 24)
PROFILE = Profile(
    name="Dana Whitfield", title="Director of Engineering, Platform", organisation="Lumen Freight"
)
MENTOR = Mentor(
    id="priya",
    name="Priya Raman",
    support_areas=["scope", "politics"],
    status="active",
    recommended_by="Rob Castellano",
    term_start=dt.date(2026, 6, 2),
)
OBJECTIVES = [
    Objective(
        id="budget",
        title="Run the FY27 budget cycle myself",
        support_area="scope",
        status="met",
        mentors=["priya"],
        evidence="Finance accepted the plan on Oct 14 with one line changed.",
    ),
    Objective(
        id="roadmap",
        title="Get the carrier migration onto the Q1 roadmap",
        support_area="politics",
        mentors=["priya"],
    ),
]
HISTORY = [
    Session(
        id="s1",
        mentor="priya",
        date=dt.date(2026, 11, 10),
        action_items=[ActionItem(text="Send Rob the vendor cost comparison", done=True)],
        objective_progress=[ObjectiveProgress(objective_id="roadmap", note="Sponsor agreed")],
    )
]
AWKWARD_ASKS = [
    "",
    "   ",
    "?",
    "pick her brain about leadership",
    "Would you be my mentor? I'd love to meet every month for six months.",
    "[bold]how she ran the platform reorg[/bold] \x1b[31mat Contoso\x1b[0m",
    "how she leveraged synergies and circled back on bandwidth for the deep dive",
    "what she stopped doing first when she moved from director to VP",
    " ".join(["the extremely complicated multi-year organisational transformation programme"] * 12),
    "Should I take the VP Eng interview loop at Fieldline?",
    "mentorship mentoring mentee mentors",
    "an hour every week, ongoing, regular check-ins, if not no worries",
    "日本語のテキスト",
]
CHANNELS = ["email", "linkedin", "slack"]


def make(kind: str, channel: str, ask: str, **kw) -> OutreachInput:  # type: ignore[no-untyped-def]
    return OutreachInput(
        kind=kind,
        to=kw.get("to", "Priya Raman"),
        title="VP, Customer Platform",
        organisation="Lumen Freight",
        channel=channel,
        ask=ask,
        profile=kw.get("profile", PROFILE),
        mentor=kw.get("mentor", MENTOR),
        objectives=kw.get("objectives", OBJECTIVES),
        context=kw.get("context", ""),
        history=kw.get("history", HISTORY),
        today=TODAY,
    )


def compose_or_refuse(inp: OutreachInput) -> OutreachDraft | None:
    """The draft, or None when the ask is refused with a message and a hint."""
    try:
        return compose_outreach(inp)
    except UsageError as exc:
        assert exc.message and exc.hint
        return None


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("ask", AWKWARD_ASKS)
def test_every_kind_and_channel_passes_lint_or_refuses(kind: str, channel: str, ask: str) -> None:
    d = compose_or_refuse(make(kind, channel, ask, context=ask))
    if d is None:
        return
    subject = d.subject if channel == "email" else None
    assert lint_outreach(d.body, channel=channel, kind=kind, subject=subject) == []
    assert d.violations == []
    assert d.engine == "offline" and d.outreach_kind == kind and d.channel == channel
    assert (d.subject != "") is (channel == "email")
    assert "\x1b" not in d.body
    assert not MENTOR_WORD_RE.search(d.body + d.subject) or kind in ("renewal", "wind-down")


@pytest.mark.parametrize(
    "ask",
    [
        "pick her brain about leadership",
        "Would you be my mentor? I'd love to meet every month.",
        "mentorship mentoring mentee mentors",
        "an hour every week, ongoing, regular check-ins",
        "how she leveraged synergies and circled back on bandwidth",
        "?",
    ],
)
def test_asks_that_cannot_be_sent_as_typed_are_refused(ask: str) -> None:
    with pytest.raises(UsageError):
        compose_outreach(make("first-request", "email", ask))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("channel", CHANNELS)
def test_bare_inputs(kind: str, channel: str) -> None:
    d = compose_outreach(
        make(kind, channel, "", to="", profile=Profile(), mentor=None, objectives=[], history=[])
    )
    assert d.violations == []
    assert d.body.startswith("Hi there")


def test_first_request_shape() -> None:
    d = compose_outreach(
        make(
            "first-request",
            "email",
            "what you stopped doing first when you moved from director to VP",
        )
    )
    assert (
        "20-minute call on what you stopped doing first when you moved from director to VP?"
        in d.body
    )
    assert "Rob Castellano" not in d.body  # nothing from the plan beyond the user's own words
    assert "no worries" in d.body
    assert 3 <= word_count(d.subject) <= 6
    assert word_count(d.body) <= 120


def test_recommendation_asks_the_network() -> None:
    d = compose_outreach(make("recommendation", "email", "moving from director to VP", mentor=None))
    assert "two or three levels above me" in d.body
    assert "likes helping people grow" in d.body and "self-promoter" in d.body
    assert d.body.count("?") == 1


def test_renewal_names_objectives_met() -> None:
    d = compose_outreach(make("renewal", "email", ""))
    assert "Run the FY27 budget cycle myself" in d.body  # the title as typed
    assert "another 6 months" in d.body
    assert "carrier migration onto the Q1 roadmap" in d.body  # the next focus


def test_wind_down_is_no_fault_and_specific() -> None:
    d = compose_outreach(make("wind-down", "email", ""))
    assert "Thank you for the last 6 months." in d.body
    assert "budget cycle" in d.body  # what helped
    assert "looser" in d.body


def test_follow_up_uses_context_or_last_session() -> None:
    d = compose_outreach(
        make(
            "follow-up",
            "email",
            "the budget deltas",
            context="I argued three deltas and finance agreed.",
        )
    )
    assert "I argued three deltas and finance agreed." in d.body
    assert "Nov 10" in d.body
    d2 = compose_outreach(make("follow-up", "slack", ""))
    assert "Send Rob the vendor cost comparison" in d2.body


def test_bad_kind_or_channel() -> None:
    with pytest.raises(UsageError):
        compose_outreach(make("pester", "email", "x"))
    with pytest.raises(UsageError):
        compose_outreach(make("first-request", "fax", "x"))


@pytest.mark.parametrize(
    ("raw", "shape"),
    [
        ("How did you handle your first layoff?", "question"),
        ("how did you handle your first layoff", "question"),
        ("Should I take the VP Eng loop at Fieldline", "question"),
        ("how you ran the platform reorg", "clause"),
        ("what to cut first when the budget drops", "clause"),
        ("hiring senior managers", "gerund"),
        ("to split the platform team in two", "infinitive"),
        ("the budget deltas", "topic"),
        ("Q3 headcount plan", "topic"),
        ("someone who has run a reorg at scale", "person"),
        ("a VP who has shut down a product line", "person"),
        ("review my plan for the Q1 reorg", "imperative"),
        ("I need to cut 20% of my budget", "statement"),
        ("Reorg went badly. Team is upset.", "unknown"),
        ("", "empty"),
        (" ?! ", "empty"),
    ],
)
def test_classify(raw: str, shape: str) -> None:
    assert classify(raw).shape == shape


def test_classify_keeps_the_text_as_typed() -> None:
    a = classify("Should I pitch [Project Falcon] to Rob\n before the [Q1] review?\x1b[31m")
    assert "[Project Falcon]" in a.text and "[Q1]" in a.text and "\x1b" not in a.text


def test_vague_ask_is_refused_with_examples_from_the_objectives() -> None:
    with pytest.raises(UsageError) as exc:
        compose_outreach(make("first-request", "email", "pick her brain about leadership"))
    assert "too vague" in exc.value.message
    assert "carrier migration onto the Q1 roadmap" in exc.value.hint  # shown to the user only


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(KINDS),
    channel=st.sampled_from(CHANNELS),
    ask=st.text(max_size=200),
    to=st.text(max_size=40),
    context=st.text(max_size=200),
)
def test_property_every_draft_passes(
    kind: str, channel: str, ask: str, to: str, context: str
) -> None:
    d = compose_or_refuse(make(kind, channel, ask, to=to, context=context))
    if d is None:
        return
    subject = d.subject if channel == "email" else None
    assert lint_outreach(d.body, channel=channel, kind=kind, subject=subject) == []


def test_reminders_and_nudges() -> None:
    drafts = []
    for i, kind in enumerate(KINDS):
        d = compose_outreach(make(kind, "email", "how you ran the platform reorg"))
        d.id = f"d{i}"
        d.status = "sent"
        d.sent_on = TODAY - dt.timedelta(days=8 + 2 * i)
        drafts.append(d)
    answered = drafts[0].model_copy(
        update={"id": "ans", "answered_on": TODAY, "status": "answered"}
    )
    unsent = drafts[0].model_copy(update={"id": "unsent", "status": "draft"})
    out = reminders([*drafts, answered, unsent], TODAY, after_days=10)
    assert [r.draft.id for r in out] == ["d4", "d3", "d2", "d1"]  # oldest first, >= 10 days
    assert [r.days for r in out] == [16, 14, 12, 10]
    for r in out:
        assert "\n" not in r.nudge
        assert lint_nudge(r.nudge, r.draft) == []
    first = reminders([drafts[0]], TODAY, after_days=5)[0]
    assert "how you ran the platform reorg" in first.nudge and "20-minute" in first.nudge
    assert reminders(drafts, TODAY, after_days=30) == []
