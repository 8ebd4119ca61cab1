"""Checkpoint review per mentor: is this relationship still worth its time?

Public API:

- ``analyse(plan, mentor, history, today) -> ReviewRecord``: term clock, meetings held vs
  expected, objectives met vs open for this mentor, drift, and ONE recommendation with
  every reason as a full sentence (``engine="offline"``; ``message`` left empty: see
  ``review_message``). Built as facts (``review_facts`` -> ``ReviewFacts``), then the
  sentences every review lists (``fact_sentences``, ``review_notes``), then the decision
  (``decide``, the rules below as ``RULES``; ``reasons_for`` fills a rule's reasons).
- ``review_message_kind(rec) -> str``: the outreach kind that goes with a recommendation.
- ``review_message_goal(rec) -> str``: what that message must do, in words (for the model's
  prompt; the offline composer follows the same split).
- ``review_message(plan, mentor, rec, history, today, channel="email") -> OutreachDraft``:
  that message, drafted by the offline composer from held sessions only.
- ``follow_up_context(mentor, sessions, today) -> str``: what a follow-up says the user
  did with the advice, from the last held session ("" when nothing was recorded: ask
  for ``--context``, see ``FOLLOW_UP_HINT``).
- ``drift(mentor, sessions, today) -> Drift | None``: whether the recent held meetings
  with a mentor moved nothing (2 of the last 3, or 3 in a row); ``Drift.sentence`` names
  it ("2 of your last 3 meetings with Marcus had no objective progress and no new action
  items."), for the reasons and for that mentor's next agenda.
- ``term_month(mentor, today) -> (n, N) | None``, ``term_ended(mentor, today)``,
  ``meetings_expected(mentor, today)``, ``meetings_held(mentor, history, today)``,
  ``drift_sessions(history, today)``, ``readiness(...)``: dashboard helpers.

Term and meetings expected and held are defined in ``prepcoach.review.clock``, drift in
``prepcoach.planning.drift``.
Only held sessions count (``prepcoach.planning.is_held``: the date has passed or the
meeting was captured); a planned prep counts nowhere.

Recommendation rules, first match wins (``met``/``open`` = this mentor's objectives;
"areas" = open objectives anywhere in the plan in this mentor's support areas, not
already tied to another mentor; "at the checkpoint" = the term is over or in its last
month; "drifting" = ``drift`` is not None; "stalled" = drifting 3 or more in a row;
"behind" = 2 or more expected meetings not held)::

    #  when                                               recommendation
    1  status prospect, areas                             continue
    2  status prospect                                    continue
    3  status asked                                       continue
    4  status ended                                       move_on
    5  the term starts after today                        continue
    6  status loosened                                    continue
    7  stalled, open == 0, met >= 1                       loosen
    8  stalled                                            move_on
    9  at the checkpoint, open == 0, met >= 1, areas      renew
    10 at the checkpoint, open == 0, met >= 1             loosen
    11 at the checkpoint, open >= 1, not drifting         renew
    12 at the checkpoint, open >= 1                       move_on
    13 at the checkpoint (no objectives met or open)      loosen
    14 mid-term, open == 0, met >= 1, no areas            loosen
    15 mid-term, drifting                                 continue
    16 mid-term, open == 0, met >= 1, areas               continue
    17 mid-term, no objectives                            continue
    18 mid-term, no meeting held yet                      continue
    19 mid-term, behind the cadence                       continue
    20 mid-term, the last meeting moved nothing           continue
    21 otherwise (mid-term, on track)                     continue

Every review lists the term clock, meetings held vs expected, objectives met and open and
drift as sentences, then the notes that fit the recommendation (more than three open
objectives, no next meeting booked: only when the meetings go on), then the rule's own
reasons. The reasons never contradict each other (a property test checks the pairs).
"""

from __future__ import annotations

from prepcoach.planning.drift import (
    DRIFT_LIMIT,
    DRIFT_MIN,
    DRIFT_WINDOW,
    Drift,
    drift,
    drift_sessions,
)
from prepcoach.review.analysis import analyse
from prepcoach.review.clock import meetings_expected, meetings_held, term_ended, term_month
from prepcoach.review.decision import RULES, Rule, decide, first_rule, reasons_for
from prepcoach.review.facts import ReviewFacts, review_facts
from prepcoach.review.messages import (
    FOLLOW_UP_HINT,
    follow_up_context,
    review_message,
    review_message_goal,
    review_message_kind,
)
from prepcoach.review.notes import MAX_ACTIVE_OBJECTIVES, fact_sentences, review_notes
from prepcoach.review.readiness import Readiness, readiness

__all__ = [
    "DRIFT_LIMIT",
    "DRIFT_MIN",
    "DRIFT_WINDOW",
    "FOLLOW_UP_HINT",
    "MAX_ACTIVE_OBJECTIVES",
    "RULES",
    "Drift",
    "Readiness",
    "ReviewFacts",
    "Rule",
    "analyse",
    "decide",
    "drift",
    "drift_sessions",
    "fact_sentences",
    "first_rule",
    "follow_up_context",
    "meetings_expected",
    "meetings_held",
    "readiness",
    "reasons_for",
    "review_facts",
    "review_message",
    "review_message_goal",
    "review_message_kind",
    "review_notes",
    "term_ended",
    "term_month",
]
