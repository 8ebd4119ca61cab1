"""Offline engine: a deterministic composer for agendas and outreach drafts.

No network, no randomness and no clock other than the ``today`` passed in. Everything it
returns is labelled ``engine="offline"``.

Public API:

- ``compose_agenda(inp: AgendaInput) -> Agenda`` and ``agenda_summary(inp, items)``, its
  summary of an agenda's items (``agenda``)
- ``OutreachInput`` and ``compose_outreach(inp: OutreachInput) -> OutreachDraft``
  (``outreach``; one composer per kind in ``composers.COMPOSERS``)
- ``classify(raw) -> Ask``: the shape of what the user typed (question, clause, gerund,
  infinitive, topic, person, imperative, statement, unknown) (``ask_shape``)
- ``first_request_lines``, ``subject_line``, ``recommendation_focus``: the frames that
  take an ask as typed (``frames``)
- ``check_ask(ask, kind, objectives)`` and ``example_asks``: asks refused with a reason
  and two examples from the user's objectives (``refusals``)
- ``first_name(name)``: the name to greet (``phrases``)

Outreach: the user's words are quoted or placed by the frame for their shape, never
rewritten, cut or swapped. Each kind is built from short frames and checked with
``prepcoach.lint.lint_outreach`` for its kind and channel; the composer tries richer
variants first (context, what helped) and returns the first that passes. An ask that no
variant can carry past the rules is refused with a ``UsageError`` (tested on a corpus of
asks of every shape, for every kind and channel, in tests/engines/offline).
"""

from __future__ import annotations

from prepcoach.engines.offline.agenda import agenda_summary, compose_agenda
from prepcoach.engines.offline.ask_shape import Ask, classify
from prepcoach.engines.offline.frames import first_request_lines, recommendation_focus, subject_line
from prepcoach.engines.offline.letter import OutreachInput
from prepcoach.engines.offline.outreach import ENGINE, compose_outreach, words_in
from prepcoach.engines.offline.phrases import first_name
from prepcoach.engines.offline.refusals import check_ask, example_asks

__all__ = [
    "ENGINE",
    "Ask",
    "OutreachInput",
    "agenda_summary",
    "check_ask",
    "classify",
    "compose_agenda",
    "compose_outreach",
    "example_asks",
    "first_name",
    "first_request_lines",
    "recommendation_focus",
    "subject_line",
    "words_in",
]
