"""``analyse``: facts -> notes -> decision, as one ``ReviewRecord``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from prepcoach.models import Mentor, OutreachDraft, Plan, ReviewRecord
from prepcoach.planning.facts import SessionFacts
from prepcoach.review.decision import decide
from prepcoach.review.facts import review_facts
from prepcoach.review.notes import fact_sentences, review_notes


def analyse(
    plan: Plan,
    mentor: Mentor,
    history: Sequence[SessionFacts],
    today: dt.date,
    outreach: Sequence[OutreachDraft] = (),
) -> ReviewRecord:
    """Review one mentor on ``today``: the numbers and ONE recommendation with every
    reason as a sentence (rules in the ``prepcoach.review`` docstring).

    ``history``: sessions (other mentors' and planned ones are ignored). Returns a
    ``ReviewRecord`` with ``mentor`` = mentor id, ``objectives_met``/``objectives_open``
    = objective ids, ``engine="offline"`` and an empty ``message``. ``outreach``: saved
    drafts, so a prospect's review names a first request already drafted or sent.
    """
    f = review_facts(plan, mentor, history, today, outreach)
    rec, why = decide(f)
    return ReviewRecord(
        mentor=mentor.id,
        date=today,
        recommendation=rec,
        reasons=[*fact_sentences(f), *review_notes(f, rec), *why],
        term_month=f.clock[0] if f.clock else None,
        term_months=f.term_months,
        meetings_held=f.held,
        meetings_expected=f.expected,
        objectives_met=[o.id for o in f.met],
        objectives_open=[o.id for o in f.open],
        drift_sessions=f.drift.count if f.drift is not None else 0,
        message="",
        engine="offline",
        model="",
    )
