"""Agenda details are grammatical for any objective, action and question text: the user's
text is placed whole, after a label or on its own line, never cut or rewritten."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from prepcoach.agenda.normalise import question_item
from prepcoach.engines.offline import compose_agenda
from prepcoach.models import ActionItem, Objective, Question, Session

from .test_shapes import CASES, make

SHAPES = [
    "Get the 2027 plan funded",  # an imperative
    "ready for the VP interview loop?",  # a fragment ending in "?"
    "How did you handle your first layoff?",  # a full question
    "Budget ownership (FY27) and the headcount plan.",  # a noun phrase with a stop
    "what made first-time managers work",  # a clause, lower case
    "Should I pitch Project Falcon to Rob before the Q1 review?",  # a yes/no question
    "Stop doing 1:1s with 12 people; delegate!",  # punctuation inside and at the end
    "Owning the platform budget…",  # an ellipsis
]
text = st.sampled_from(SHAPES)
DOUBLED = re.compile(r"[?!.…][.?!]|\.\.|\b(a|an|the) (a|an|the)\b|\s[,;:]")


@settings(max_examples=80, deadline=None)
@given(
    moment=st.sampled_from(sorted(CASES)),
    title=text,
    done=text,
    question=text,
    action=text,
    win=text,
)
def test_every_detail_line_places_the_users_text_whole(
    moment: str, title: str, done: str, question: str, action: str, win: str
) -> None:
    inp = make(moment, questions=[question])
    inp.objectives = [
        Objective(id="o", title=title, done_when=done, support_area="scope", mentors=["m"])
    ]
    inp.accomplishments = [win]
    last = Session(
        id="x",
        mentor="m",
        date=inp.today,
        questions=[Question(text=f"Earlier: {question}")],
        action_items=[ActionItem(text=action)],
    )
    inp.history = [*inp.history, last]
    a = compose_agenda(inp)
    out = "\n".join(f"{it.title}\n{it.detail}" for it in a.items)
    for typed in (question, win, *(c.text for c in inp.carry_overs())):
        assert typed in out  # whole, as typed
    if moment != "drifting":  # the moment's objective lines hold title and done-when whole
        assert title.rstrip(".") in out and done.rstrip(".") in out
    for line in out.splitlines():
        masked = line
        for typed in sorted(SHAPES, key=len, reverse=True):  # keep each text's last mark
            masked = masked.replace(typed, "X" + (typed[-1] if typed[-1] in ".?!…" else ""))
        assert not DOUBLED.search(masked), line
        assert "…" not in masked.replace("X…", "")  # nothing cut


TITLES = [*SHAPES, "Decide: stay or go for the CTO role", "Be ready: the VP loop"]


@settings(max_examples=60, deadline=None)
@given(moment=st.sampled_from(sorted(CASES)), title=st.sampled_from(TITLES))
def test_the_objective_tie_quotes_a_title_of_any_shape(moment: str, title: str) -> None:
    """ "Ties to ..." never puts a label colon before a title that holds its own colon or
    stop: the title is quoted whole, with one mark at the end at most."""
    inp = make(moment, questions=[f"Earlier: {title}"])
    inp.objectives = [Objective(id="o", title=title, support_area="scope", mentors=["m"])]
    inp.history = [
        *inp.history,
        Session(id="x", mentor="m", date=inp.today, action_items=[ActionItem(text=title)]),
    ]
    details = [it.detail for it in compose_agenda(inp).items]
    details.append(question_item(title, inp).detail)
    ties = [ln for d in details for ln in d.splitlines() if "Ties to" in ln]
    assert ties
    for line in ties:
        assert "Ties to:" not in line
        assert f"“{title}”" in line, line
        masked = line.replace(f"“{title}”", "“X”")
        assert not DOUBLED.search(masked) and not re.search(r"”[.?!…]*[.?!…]{2}", line), line
