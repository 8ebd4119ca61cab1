"""Checking an agenda against the rules, in words."""

from __future__ import annotations

from agenda.helpers import inp, model_agenda
from prepcoach.agenda import check_agenda
from prepcoach.models import AgendaItem


def test_check_flags_wins_taking_the_time() -> None:
    q = "How do I hand the migration program to Tomás?"
    agenda = model_agenda(
        [
            AgendaItem(title="Wins", minutes=20, kind="win"),
            AgendaItem(title=q, minutes=5, kind="question"),
            AgendaItem(title="Close", minutes=20, kind="close"),
        ]
    )
    problems = check_agenda(agenda, inp([q], history=[]))
    assert any("Wins take 20 minutes" in p for p in problems)
    assert any("give the asks the time" in p for p in problems)
