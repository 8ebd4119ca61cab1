"""The grammar gate's corpus: asks of every shape, objective titles of every form, the
input they go into, and ``assert_sendable``, the check every composed draft must pass
(grammatical frames, the user's words whole and as typed, subjects of 3-6 whole words
around a whole phrase of the ask, the product's own lint clean)."""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

from hypothesis import HealthCheck, settings
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
    "ongoing platform migration",
    "on-call rotation",
    "Kim's staff meeting",
    "skip-level meeting gone wrong",
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
        assert_subject(subject, typed)


# Frames a subject puts one phrase of the ask into; every other subject is fixed words.
ABOUT, LABEL = "A question about ", "One question: "
_FIXED_SUBJECT_WORDS = set(
    words(
        "a question from a fellow leader looking for one name proposing another months "
        "thank you and what's next your time thanks what i tried 6 12 3 planning our "
        "first meeting"
    )
)
_DETERMINERS = {"a", "an", "the", "my", "our", "your", "his", "her", "their", "its", "this"}
# Singular count nouns in this corpus that can never stand bare after "about".
BARE_SINGULARS = [
    "platform migration",
    "ongoing platform migration",
    "on-call rotation",
    "budget review",
    "hiring freeze",
    "reorg",
    "skip-level meeting",
    "headcount plan",
]


def reads_after_about(phrase: str) -> bool:
    """Whether a noun phrase stands bare after "about": its own determiner or number, a
    possessive, a plural or gerund head, or a name; never a bare singular noun."""
    ws = phrase.split()
    first, head = ws[0], ws[-1].strip("[]")
    if any(phrase.endswith(n) and not phrase[: -len(n)].strip() for n in BARE_SINGULARS):
        return False
    if first.lower() in _DETERMINERS or first[0].isdigit() or re.search(r"'s\b", phrase):
        return True
    if re.search(r"(?:[^su]s|ing)$", head):
        return True
    return all(w.strip("[]")[:1].isupper() for w in ws)


def assert_subject(subject: str, typed: str) -> None:
    """3-6 whole words: a frame and one phrase of the ask, verbatim and whole (never cut
    inside a word, never a word added inside it), or the kinds' fixed words."""
    assert 3 <= word_count(subject) <= 6, subject
    for lead in (ABOUT, LABEL):
        if subject.startswith(lead):
            phrase = subject[len(lead) :]
            assert re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", typed), (subject, typed)
            if lead == ABOUT:
                assert reads_after_about(phrase), (subject, typed)
                if typed.startswith(phrase) and phrase[:1].isupper():  # a name, not a capital
                    assert "'s" in phrase or all(w[:1].isupper() for w in phrase.split()), subject
            return
    assert set(words(subject.lower())) <= _FIXED_SUBJECT_WORDS | set(words(typed.lower())), subject


def compose_or_refusal(inp: OutreachInput) -> OutreachDraft | None:
    try:
        return compose_outreach(inp)
    except UsageError as exc:
        assert exc.message.strip() and exc.hint.strip()
        return None


GATE = settings(max_examples=320, deadline=None, suppress_health_check=[HealthCheck.too_slow])
