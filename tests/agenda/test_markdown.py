"""The agenda as Markdown."""

from __future__ import annotations

from test_text import shown

from agenda.helpers import MENTOR, OBJECTIVES, inp, model_agenda
from prepcoach.agenda import agenda_markdown, normalise_agenda
from prepcoach.models import AgendaItem


def test_markdown_export() -> None:
    q = "How do I hand the migration program to Tomás?"
    fixed = normalise_agenda(model_agenda([AgendaItem(title=q, minutes=10)]), inp([q]))
    md = agenda_markdown(fixed, MENTOR, OBJECTIVES)
    assert md.startswith("# Agenda: Priya Raman, 45 minutes")
    assert q in md and "Total: 45 of 45 minutes." in md
    assert "0:00-" in md and "Carried over" in md
    assert "Drafted by m" in md


def test_users_markdown_characters_show_as_typed() -> None:
    """A question or win with Markdown characters keeps them, in the agenda and on screen."""
    q = "Should I push back on the *reorg*? 2 options [Q3]"
    wins = ["- shipped v2", "3. closed the `deal`"]
    model = model_agenda(
        [AgendaItem(title="**Should I push back on the reorg? 2 options Q3**", minutes=10)]
    )
    fixed = normalise_agenda(model, inp([q], accomplishments=wins))
    assert [it.title for it in fixed.items if it.kind == "question"] == [q]
    md = agenda_markdown(fixed, MENTOR, OBJECTIVES)
    text = shown(md)
    assert q in text
    assert all(w in text for w in wins)
    assert "*reorg*" not in md  # escaped, so no renderer makes it emphasis
