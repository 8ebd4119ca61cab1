"""Agenda rules, shared by the offline composer and the LLM engine.

Public API:

- ``CarryOver`` and ``carried_over(history, objectives=None) -> list[CarryOver]``:
  unresolved questions and open action items from earlier sessions, most recent first,
  deduplicated, each with where it came from (``carry``).
- ``AgendaInput``: everything an agenda is built from (``inputs``).
- ``normalise_agenda(agenda, inp) -> Agenda``: never trust a model's arithmetic. Returns
  a new agenda whose time boxes are integers >= 1 summing exactly to ``inp.minutes``,
  that holds every open question (each its own item), win and carried-over item
  verbatim, ties items to objectives where the words match, keeps wins to one brief item
  and gives the questions the time. Too many items for the minutes are merged (never
  dropped) and the summary says so (``normalise``; the time boxes: ``timebox``).
- ``check_agenda(agenda, inp) -> list[str]``: the rules an agenda breaks, in words
  (empty when it is fine). ``normalise_agenda``'s output always passes (``check``).
- ``agenda_markdown(agenda, mentor=None, objectives=None) -> str``: Markdown export
  (``markdown``).
- ``match_objective``, ``next_meeting_date``, ``proposed_next_meeting``, ``win_cap``:
  helpers the composers share (``matching``, ``meeting``, ``timebox``). No meeting is
  proposed after the mentor's term ends, nor on a weekend, New Year's Day or Christmas Day.
- The meeting length bounds (``MIN_MEETING_MINUTES``, ``MAX_MEETING_MINUTES``,
  ``DEFAULT_MEETING_MINUTES``, from ``prepcoach.vocab``) and ``check_meeting_minutes``.

- ``meeting_moment(mentor, history, today) -> Moment``: which moment in the term the next
  meeting is (first, midpoint, drifting, last, ordinary; ``moment``), and the item each
  moment adds (``moment_item``, ``shapes``), which both engines' agendas hold.
- ``repair_agenda(agenda, inp) -> Repaired``: ``normalise_agenda`` plus what was repaired,
  one sentence each (the LLM path's ``problems``).

Time follows value (``timebox``): new questions get the most, then carried-over
questions, then short action check-ins, objective check-ins and brief wins; wins get at
most ``win_cap(minutes)`` = max(1, min(5, minutes // 10)) minutes.
"""

from __future__ import annotations

from prepcoach.agenda.carry import CarryOver, carried_over, carry_item
from prepcoach.agenda.check import check_agenda
from prepcoach.agenda.inputs import AgendaInput
from prepcoach.agenda.markdown import agenda_markdown
from prepcoach.agenda.matching import (
    clean_line,
    end_sentence,
    item_text,
    keywords,
    match_objective,
    norm,
    objective_tie,
    present_loosely,
    present_verbatim,
    same_text,
)
from prepcoach.agenda.meeting import (
    DEFAULT_MEETING_MINUTES,
    MAX_MEETING_MINUTES,
    MIN_MEETING_MINUTES,
    NO_MEETING_DAYS,
    TermClose,
    beyond_term,
    check_meeting_minutes,
    close_item,
    next_meeting_date,
    proposed_next_meeting,
    term_close,
    working_day,
)
from prepcoach.agenda.moment import (
    MOMENT_LABELS,
    Drift,
    Moment,
    meeting_date,
    meeting_drift,
    meeting_moment,
)
from prepcoach.agenda.normalise import Repaired, normalise_agenda, repair_agenda, wins_item
from prepcoach.agenda.shapes import MOMENT_TITLES, item_tiers, moment_item
from prepcoach.agenda.timebox import NON_ASK, TIERS, allocate, base_box, fit_to_minutes, win_cap

__all__ = [
    "DEFAULT_MEETING_MINUTES",
    "MAX_MEETING_MINUTES",
    "MIN_MEETING_MINUTES",
    "MOMENT_LABELS",
    "MOMENT_TITLES",
    "NON_ASK",
    "NO_MEETING_DAYS",
    "TIERS",
    "AgendaInput",
    "CarryOver",
    "Drift",
    "Moment",
    "Repaired",
    "TermClose",
    "agenda_markdown",
    "allocate",
    "base_box",
    "beyond_term",
    "carried_over",
    "carry_item",
    "check_agenda",
    "check_meeting_minutes",
    "clean_line",
    "close_item",
    "end_sentence",
    "fit_to_minutes",
    "item_text",
    "item_tiers",
    "keywords",
    "match_objective",
    "meeting_date",
    "meeting_drift",
    "meeting_moment",
    "moment_item",
    "next_meeting_date",
    "norm",
    "normalise_agenda",
    "objective_tie",
    "present_loosely",
    "present_verbatim",
    "proposed_next_meeting",
    "repair_agenda",
    "same_text",
    "term_close",
    "win_cap",
    "wins_item",
    "working_day",
]
