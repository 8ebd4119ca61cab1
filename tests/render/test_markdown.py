"""Presenters: a session's items show as the user typed them once rendered."""

from __future__ import annotations

import datetime as dt

from test_text import shown

from prepcoach.models import ActionItem, Mentor, Plan, Question, Session
from prepcoach.render import session_markdown


def test_session_items_keep_their_markdown_characters() -> None:
    plan = Plan(mentors=[Mentor(id="priya", name="Priya Raman")])
    session = Session(
        id="s1",
        mentor="priya",
        date=dt.date(2026, 11, 4),
        accomplishments=["- shipped v2", "3. closed the deal"],
        questions=[Question(text="Push back on the *reorg*?", answer="Yes, [gently]")],
        action_items=[ActionItem(text="Send the `plan_v2` doc", owner="me")],
    )
    md = session_markdown(session, plan)
    text = shown(md)
    for typed in ("- shipped v2", "3. closed the deal", "Push back on the *reorg*?"):
        assert typed in text, typed
    assert "Yes, [gently]" in text and "Send the `plan_v2` doc (me)" in text
    assert "*reorg*" not in md
