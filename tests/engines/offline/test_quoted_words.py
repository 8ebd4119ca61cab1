"""The user's words inside our sentences are in quote marks, so a sentence never reads as
if we wrote them: met goals, the progress noted after a session, the actions done, the goal
brought next. Each is quoted whole and as typed, with no second mark after its own."""

from __future__ import annotations

import datetime as dt

import pytest
from corpus import TODAY, make

from prepcoach.lint import lint_draft
from prepcoach.models import ActionItem, Objective, ObjectiveProgress, Session

# (what the user typed) of every shape: a clause, a name, an imperative, a question mark.
WORDS = [
    "Get the 2027 plan funded",
    "Decide: stay or go",
    "Rob's 'quiet' reorg",
    "ship the Falcon launch!",
]
LEADS = [
    "Two goals we worked on are done:",
    "A goal we worked on is done:",
    "Progress I noted after one of our talks:",
    "Since we talked, I have done what we agreed:",
    "Since we talked, I have done two things we agreed:",
    "The goal I would bring next:",
]


def _inp(kind: str, channel: str, texts: list[str]):  # type: ignore[no-untyped-def]
    inp = make(kind, channel, "", [])
    inp.objectives = [
        Objective(id=f"m{i}", title=t, support_area="scope", status="met", mentors=["priya"])
        for i, t in enumerate(texts[:2])
    ] + [Objective(id="next", title=texts[-1], support_area="scope", mentors=["priya"])]
    inp.history = [
        Session(
            id="s1",
            mentor="priya",
            date=dt.date(2026, 11, 10),
            action_items=[ActionItem(text=t, done=True) for t in texts[:2]],
            objective_progress=[ObjectiveProgress(objective_id="m0", note=texts[0])],
        )
    ]
    inp.today = TODAY
    return inp


def _leads_in(body: str) -> list[str]:
    return [lead for lead in LEADS if lead in body]


@pytest.mark.parametrize("kind", ["renewal", "wind-down", "follow-up"])
@pytest.mark.parametrize("channel", ["email", "linkedin", "slack"])
@pytest.mark.parametrize("shift", range(len(WORDS)))
def test_the_users_words_after_our_leads_are_quoted(kind: str, channel: str, shift: int) -> None:
    from prepcoach.engines.offline import compose_outreach

    texts = WORDS[shift:] + WORDS[:shift]
    d = compose_outreach(_inp(kind, channel, texts))
    assert lint_draft(d) == [], d.body
    for lead in _leads_in(d.body):
        after = d.body.split(lead, 1)[1].lstrip()
        assert after.startswith("“"), (lead, d.body)
        quoted = after[1:].split("”", 1)[0]
        assert quoted in WORDS, (quoted, d.body)
        assert not after.startswith(f"“{quoted}”.") or quoted[-1] not in ".!?", d.body
    assert any(_leads_in(d.body)) or channel == "slack", d.body
