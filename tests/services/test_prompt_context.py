"""What a past session looks like in a prompt: one line per entry, long text cut at a
word boundary (``prepcoach.text.clip``)."""

from __future__ import annotations

import datetime as dt

from prepcoach.models import Question, Session
from prepcoach.services import session_text


def test_long_entries_fold_onto_one_line_and_are_cut_between_words():
    long_note = "We talked\nabout the budget " + "and the hiring plan " * 30
    s = Session(
        mentor="ana",
        date=dt.date(2026, 1, 5),
        notes=long_note,
        questions=[Question(text="How do I " + "scale the team " * 20 + "?")],
    )
    text = session_text(s)
    notes = next(line for line in text.splitlines() if line.startswith("  Notes: "))
    body = notes.removeprefix("  Notes: ")
    assert len(body) <= 300 and body.endswith("…")
    assert body.startswith("We talked about the budget")
    assert body[:-1].split()[-1] in {"and", "the", "hiring", "plan"}  # a whole word last
    q = next(line for line in text.splitlines() if line.startswith("  Q: "))
    assert "\n" not in q and "…" in q
    assert q.split("…")[0].split()[-1] in {"scale", "the", "team"}
