"""The agenda as Markdown."""

from __future__ import annotations

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
