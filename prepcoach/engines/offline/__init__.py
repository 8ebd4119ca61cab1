"""Offline engine: a deterministic composer for agendas and outreach drafts.

No network, no randomness and no clock other than the ``today`` passed in. Everything it
returns is labelled ``engine="offline"``.

Public API:

- ``compose_agenda(inp: AgendaInput) -> Agenda`` (``agenda``)
- ``OutreachInput`` and ``compose_outreach(inp: OutreachInput) -> OutreachDraft``
  (``outreach``; one composer per kind in ``composers.COMPOSERS``)
- ``tactical_topic(raw, objectives=(), mentor=None) -> Topic``: turn a raw ask ("pick her
  brain about the reorg", "[b]hiring[/b]", "be my mentor") into a concrete topic phrase;
  ``topic_candidates`` lists them best first, ``subject_span`` gives subject-line words
  (``topics``)
- ``scrub(text)``: user text made safe to quote in a stealth message (``scrub``)
- ``first_name(name)``: the name to greet (``phrases``)

Outreach: every kind is built from short templates and checked with
``prepcoach.lint.lint_outreach`` for its kind and channel; the composer tries richer
variants first (with context and a reason line) and returns the first that passes. The
last variant of every kind passes by construction (tested for every kind x channel with
awkward inputs); should a draft ever still break a rule, the violations are recorded in
``draft.violations`` rather than hidden.
"""

from __future__ import annotations

from prepcoach.engines.offline.agenda import compose_agenda
from prepcoach.engines.offline.letter import OutreachInput
from prepcoach.engines.offline.outreach import ENGINE, compose_outreach, words_in
from prepcoach.engines.offline.phrases import first_name
from prepcoach.engines.offline.scrub import scrub
from prepcoach.engines.offline.topics import Topic, subject_span, tactical_topic, topic_candidates

__all__ = [
    "ENGINE",
    "OutreachInput",
    "Topic",
    "compose_agenda",
    "compose_outreach",
    "first_name",
    "scrub",
    "subject_span",
    "tactical_topic",
    "topic_candidates",
    "words_in",
]
