"""Checkpoint review per mentor (PRODUCT §1 moment 3, §4 "Review").

Public API:

- ``analyse(plan, mentor, history, today) -> ReviewRecord``: term clock, meetings held vs
  expected, objectives met vs open for this mentor, drift, and ONE recommendation with
  every reason as a full sentence (``engine="offline"``; ``message`` left empty: see
  ``review_message``).
- ``review_message_kind(rec) -> str``: the outreach kind that goes with a recommendation.
- ``review_message_goal(rec) -> str``: what that message must do, in words (for the model's
  prompt; the offline composer follows the same split).
- ``review_message(plan, mentor, rec, history, today, channel="email") -> OutreachDraft``:
  that message, drafted by the offline composer.
- ``term_month(mentor, today) -> (n, N) | None``, ``term_ended(mentor, today)``,
  ``meetings_expected(mentor, today)``, ``meetings_held(mentor, history, today)``,
  ``drift_sessions(history, today)``, ``readiness(...)``: dashboard helpers.

Definitions:

- Term: ``term_start`` + ``term_months`` calendar months. Month n of N counts calendar
  months since the start (the start day is month 1), capped at N; None before the start
  or without a start.
- Meetings expected so far: one at the start and one per cadence interval since
  (monthly/quarterly by calendar months), counted up to today or the term end, at most
  the number the term holds.
- Meetings held: sessions dated from the term start to today (all sessions up to today
  when there is no term).
- Drift: the number of most recent consecutive sessions with no objective progress
  (no ``objective_progress`` entry with ``progressed``) and no new action items.

Recommendation rules, first match wins (``met``/``open`` = this mentor's objectives;
"areas" = open objectives anywhere in the plan in this mentor's support areas, not
already tied to another mentor)::

    #  when                                                     recommendation
    1  status prospect or asked                                 continue
    2  status ended                                             move_on
    3  status loosened                                          continue
    4  drift >= 3 and open == 0 and met >= 1                    loosen
    5  drift >= 3                                               move_on
    6  term over or in its last month, open == 0, met >= 1:
         areas not empty                                        renew
         otherwise                                              loosen
    7  term over or in its last month, open >= 1:
         drift <= 1 (still moving)                              renew
         otherwise                                              move_on
    8  term over or in its last month, no objectives            loosen
    9  mid-term, open == 0 and met >= 1, no areas               loosen
    10 otherwise (mid-term)                                     continue

Every review also lists the term clock, meetings held vs expected, objectives met and
open, drift, and notes (more than three open objectives with this mentor, behind the
cadence, no next meeting booked) as reasons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from prepcoach.models import (
    CADENCE_DAYS,
    SUPPORT_AREA_LABELS,
    Mentor,
    Objective,
    OutreachDraft,
    Plan,
    ReviewRecord,
    Session,
    add_months,
)

DRIFT_LIMIT = 3  # consecutive sessions without progress that mean "coffee talk"
MAX_ACTIVE_OBJECTIVES = 3

_KIND_FOR = {
    "renew": "renewal",
    "loosen": "wind-down",
    "move_on": "wind-down",
    "continue": "follow-up",
}


# ------------------------------------------------------------------ term clock


def _months_elapsed(start: dt.date, today: dt.date) -> int:
    """Whole calendar months from ``start`` to ``today`` (0 in the first month)."""
    k = (today.year - start.year) * 12 + today.month - start.month
    while k > 0 and add_months(start, k) > today:
        k -= 1
    return max(0, k)


def term_month(mentor: Mentor, today: dt.date) -> tuple[int, int] | None:
    """``(n, N)``: today falls in month n of an N-month term (n capped at N).

    None when the mentor has no term start or the term has not started yet."""
    if mentor.term_start is None or today < mentor.term_start:
        return None
    n = _months_elapsed(mentor.term_start, today) + 1
    return min(n, mentor.term_months), mentor.term_months


def term_ended(mentor: Mentor, today: dt.date) -> bool:
    end = mentor.term_end()
    return end is not None and today >= end


def _slots(mentor: Mentor, start: dt.date, until: dt.date) -> int:
    """Meetings the cadence puts in [start, until] (one at the start)."""
    if until < start:
        return 0
    if mentor.cadence == "monthly":
        return _months_elapsed(start, until) + 1
    if mentor.cadence == "quarterly":
        return _months_elapsed(start, until) // 3 + 1
    return (until - start).days // CADENCE_DAYS[mentor.cadence] + 1


def meetings_expected(mentor: Mentor, today: dt.date) -> int:
    """Meetings the cadence expects from the term start up to today (or the term end).

    0 without a term start or before it. Capped at what the whole term holds."""
    start = mentor.term_start
    end = mentor.term_end()
    if start is None or end is None or today < start:
        return 0
    last_day = end - dt.timedelta(days=1)
    return min(_slots(mentor, start, min(today, last_day)), _slots(mentor, start, last_day))


def meetings_held(mentor: Mentor, history: Iterable[Session], today: dt.date) -> int:
    """Sessions with this mentor from the term start (if any) up to today."""
    ids = {mentor.id, mentor.name}
    start = mentor.term_start
    return sum(
        1
        for s in history
        if s.mentor in ids and s.date <= today and (start is None or s.date >= start)
    )


def _no_progress(s: Session) -> bool:
    return not any(p.progressed for p in s.objective_progress) and not s.action_items


def drift_sessions(history: Iterable[Session], today: dt.date) -> int:
    """How many of the most recent sessions (up to today), in a row, had no objective
    progress and no new action items."""
    ordered = sorted((s for s in history if s.date <= today), key=lambda s: (s.date, s.id))
    n = 0
    for s in reversed(ordered):
        if not _no_progress(s):
            break
        n += 1
    return n


# ------------------------------------------------------------------ analysis


def _titles(objs: Sequence[Objective]) -> str:
    quoted = [f"'{o.title}'" for o in objs]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def analyse(plan: Plan, mentor: Mentor, history: list[Session], today: dt.date) -> ReviewRecord:
    """Review one mentor on ``today``: the numbers and ONE recommendation with every
    reason as a sentence (rules in the module docstring).

    ``history``: sessions (other mentors' and future ones are ignored). Returns a
    ``ReviewRecord`` with ``mentor`` = mentor id, ``objectives_met``/``objectives_open``
    = objective ids, ``engine="offline"`` and an empty ``message``.
    """
    ids = {mentor.id, mentor.name}
    mine = sorted(
        (s for s in history if s.mentor in ids and s.date <= today), key=lambda s: (s.date, s.id)
    )
    objs = plan.objectives_for(mentor.id)
    met = [o for o in objs if o.status == "met"]
    open_ = [o for o in objs if o.status == "open"]
    tied_elsewhere = {o.id for o in plan.objectives if o.mentors and mentor.id not in o.mentors}
    areas = [
        o
        for o in plan.objectives
        if o.status == "open"
        and o.support_area in mentor.support_areas
        and mentor.id not in o.mentors
        and o.id not in tied_elsewhere
    ]
    tm = term_month(mentor, today)
    ended = term_ended(mentor, today)
    end = mentor.term_end()
    last_month = tm is not None and tm[0] >= tm[1]
    at_checkpoint = ended or last_month
    expected = meetings_expected(mentor, today)
    held = meetings_held(mentor, mine, today)
    drift = drift_sessions(mine, today)
    first = mentor.name.split()[0] if mentor.name.split() else mentor.name

    facts: list[str] = []
    if mentor.term_start is not None and end is not None:
        if tm is None:
            facts.append(
                f"The term starts on {mentor.term_start.isoformat()} and runs "
                f"{_plural(mentor.term_months, 'month')}."
            )
        elif ended:
            facts.append(
                f"The {mentor.term_months}-month term that started on "
                f"{mentor.term_start.isoformat()} ended on {end.isoformat()}."
            )
        else:
            facts.append(
                f"Month {tm[0]} of a {mentor.term_months}-month term that started on "
                f"{mentor.term_start.isoformat()} and ends on {end.isoformat()}."
            )
    if mentor.term_start is not None and tm is not None:
        facts.append(
            f"{held} of {expected} expected meetings held so far ({mentor.cadence} cadence)."
        )
    if objs:
        if met:
            facts.append(f"Objectives met with {first}: {_titles(met)}.")
        if open_:
            facts.append(f"Still open with {first}: {_titles(open_)}.")
    elif mentor.status not in ("prospect", "asked"):
        facts.append(f"No objectives are tied to {first}, so progress cannot be judged.")
    if mine:
        if drift >= 1:
            facts.append(
                f"The last {_plural(drift, 'session')} had no objective progress and no new "
                "action items."
                if drift > 1
                else "The most recent session had no objective progress and no new action items."
            )
        else:
            facts.append("The most recent session moved an objective forward or set actions.")

    notes: list[str] = []
    if len(open_) > MAX_ACTIVE_OBJECTIVES:
        notes.append(
            f"{len(open_)} objectives are open with {first}; at most "
            f"{MAX_ACTIVE_OBJECTIVES} per term keeps the meetings focused."
        )
    if mentor.term_start is not None and not ended and expected - held >= 2:
        notes.append(
            f"You are {expected - held} meetings behind the {mentor.cadence} cadence; book the "
            "next one."
        )
    if (
        mentor.status in ("active", "renewed")
        and not at_checkpoint
        and (mentor.next_meeting is None or mentor.next_meeting < today)
    ):
        notes.append("No next meeting is booked.")

    rec: str
    why: list[str]
    if mentor.status == "prospect":
        rec, why = "continue", ["Not asked yet: send the first request."]
        if areas:
            why.append(f"{first}'s support areas ({_area_words(mentor)}) fit {_titles(areas)}.")
    elif mentor.status == "asked":
        rec, why = "continue", ["Asked, waiting for an answer: send a short nudge if none comes."]
    elif mentor.status == "ended":
        rec, why = "move_on", ["This relationship has ended; thank them and keep in touch."]
    elif mentor.term_start is not None and mentor.term_start > today:
        rec, why = (
            "continue",
            [
                f"The term with {first} starts on {mentor.term_start.isoformat()}: nothing to "
                "review yet; prepare the first meeting."
            ],
        )
    elif mentor.status == "loosened":
        rec, why = (
            "continue",
            ["Already a looser relationship: reach out when a specific question comes up."],
        )
    elif drift >= DRIFT_LIMIT and met and not open_:
        rec, why = (
            "loosen",
            [
                f"{_plural(drift, 'session')} in a row without progress, and your objectives "
                f"with {first} are met: shift to a looser relationship."
            ],
        )
    elif drift >= DRIFT_LIMIT:
        rec, why = (
            "move_on",
            [
                f"{_plural(drift, 'session')} in a row without progress: the meetings have "
                "drifted into pleasant coffee talk, so end the regular meetings with thanks "
                "and take the open objectives elsewhere."
            ],
        )
    elif at_checkpoint and met and not open_:
        if areas:
            rec, why = (
                "renew",
                [
                    f"The objectives with {first} are met and {_titles(areas)} is still open in "
                    f"{first}'s support areas ({_area_words(mentor)}): propose another term "
                    "focused on it."
                ],
            )
        else:
            rec, why = (
                "loosen",
                [
                    f"The objectives with {first} are met and none of your open objectives is in "
                    f"{first}'s support areas ({_area_words(mentor)}): thank {first} and shift "
                    "to a looser relationship."
                ],
            )
    elif at_checkpoint and open_:
        if drift <= 1:
            rec, why = (
                "renew",
                [
                    f"The term is ending with {_titles(open_)} still open and still moving: "
                    "propose another term focused on it."
                ],
            )
        else:
            rec, why = (
                "move_on",
                [
                    f"The term is ending with {_titles(open_)} still open and recent sessions "
                    "not moving it: thank them and look for help elsewhere."
                ],
            )
    elif at_checkpoint:
        rec, why = (
            "loosen",
            [
                "The term is ending and no objectives were set with them: shift to a looser "
                "relationship, or set an objective before renewing."
            ],
        )
    elif met and not open_ and not areas:
        rec, why = (
            "loosen",
            [
                f"The objectives with {first} are already met and nothing open is in "
                f"{first}'s support areas ({_area_words(mentor)}): shift to a looser "
                "relationship early."
            ],
        )
    else:
        rec, why = "continue", ["Mid-term and on track: keep the cadence."]
        if drift == DRIFT_LIMIT - 1:
            why = [
                "Mid-term, but two sessions in a row without progress: bring one sharp "
                "question to the next meeting and leave with an action."
            ]
        elif met and not open_ and areas:
            why = [
                f"The objectives with {first} are met; tie {_titles(areas)} to {first} to "
                "use the rest of the term."
            ]

    return ReviewRecord(
        mentor=mentor.id,
        date=today,
        recommendation=rec,  # type: ignore[arg-type]
        reasons=[*facts, *notes, *why],
        term_month=tm[0] if tm else None,
        term_months=mentor.term_months,
        meetings_held=held,
        meetings_expected=expected,
        objectives_met=[o.id for o in met],
        objectives_open=[o.id for o in open_],
        drift_sessions=drift,
        message="",
        engine="offline",
        model="",
    )


def _area_words(mentor: Mentor) -> str:
    if not mentor.support_areas:
        return "none named"
    return ", ".join(f"{a}: {SUPPORT_AREA_LABELS[a]}" for a in mentor.support_areas)


def review_message_kind(rec: ReviewRecord) -> str:
    """Outreach kind for a recommendation: renew -> renewal, loosen -> wind-down,
    move_on -> wind-down, continue -> follow-up; except that a ``continue`` for a
    mentor with no term and no meetings (a prospect) -> first-request."""
    if rec.recommendation == "continue" and rec.term_month is None and rec.meetings_held == 0:
        return "first-request"
    return _KIND_FOR[rec.recommendation]


_GOALS = {
    "renew": (
        "ask to renew for another term with a new focus: thank them for specific progress, "
        "propose one focus for the next term, and make it easy to say no."
    ),
    "loosen": (
        "keep in touch, less often: thank them for what specifically helped and propose "
        "moving from set meetings to getting in touch when a specific question comes up. "
        "Do not end the relationship and do not propose another term."
    ),
    "move_on": (
        "close the regular meetings warmly: thank them for what specifically helped, say "
        "plainly that the regular meetings end here, with no blame, and leave the door open "
        "to stay in touch. Do not propose meeting less often or another term."
    ),
    "continue": (
        "be a short note: thanks for the last meeting, what I did with their advice, and what "
        "I will bring next time. No new request."
    ),
    "first-request": (
        "be a first request: one specific, tactical question and a small, bounded time request "
        "such as 20 minutes, with an easy way to say no."
    ),
}


def review_message_goal(rec: ReviewRecord) -> str:
    """What the message for ``rec`` must do, as a phrase that follows "The message must"
    (move_on closes the regular meetings, loosen
    keeps in touch less often, renew proposes another term with a new focus, continue is
    a short note; a prospect gets a first request)."""
    if review_message_kind(rec) == "first-request":
        return _GOALS["first-request"]
    return _GOALS[rec.recommendation]


def review_message(
    plan: Plan,
    mentor: Mentor,
    rec: ReviewRecord,
    history: list[Session],
    today: dt.date,
    channel: str = "email",
    ask: str = "",
) -> OutreachDraft:
    """The message that goes with ``rec``, drafted offline (passes the lint for its kind)."""
    from prepcoach.engines.offline import OutreachInput, compose_outreach

    kind = review_message_kind(rec)
    return compose_outreach(
        OutreachInput(
            kind=kind,
            to=mentor.name,
            title=mentor.title,
            organisation=mentor.organisation,
            channel=channel,
            ask=ask,
            profile=plan.profile,
            mentor=mentor,
            objectives=plan.objectives,
            context="",
            history=[s for s in history if s.mentor in (mentor.id, mentor.name)],
            today=today,
            recommendation=rec.recommendation,
        )
    )


# ------------------------------------------------------------------ dashboard


@dataclass(frozen=True)
class Readiness:
    """How ready the user is for the next meeting with a mentor (dashboard column)."""

    next_meeting: dt.date | None
    days_until: int | None
    carried_over: int  # open questions / actions from earlier sessions
    open_objectives: int
    prepared: bool  # a session with an agenda exists for the next meeting date
    label: str  # "ready", "prep due", "prep soon", "no meeting", "not started"
    text: str  # one line for the dashboard


def readiness(
    mentor: Mentor, history: list[Session], objectives: Sequence[Objective], today: dt.date
) -> Readiness:
    """Readiness for the next meeting: prep is "due" within 3 days of the meeting with no
    saved agenda, "soon" within 7, "ready" when a session with an agenda is saved for
    that date (or later than the last meeting)."""
    from prepcoach.agenda import carried_over

    mine = [s for s in history if s.mentor in (mentor.id, mentor.name) and s.date <= today]
    carry = len(carried_over(mine))
    open_n = sum(1 for o in objectives if mentor.id in o.mentors and o.status == "open")
    nm = mentor.next_meeting
    if mentor.status in ("prospect", "asked"):
        return Readiness(None, None, carry, open_n, False, "not started", "Not asked yet.")
    if nm is None or nm < today:
        return Readiness(None, None, carry, open_n, False, "no meeting", "No next meeting booked.")
    days = (nm - today).days
    prepared = any(
        s.mentor in (mentor.id, mentor.name) and s.date == nm and s.agenda is not None
        for s in history
    )
    if prepared:
        label = "ready"
    elif days <= 3:
        label = "prep due"
    elif days <= 7:
        label = "prep soon"
    else:
        label = "later"
    when = "today" if days == 0 else f"in {_plural(days, 'day')}"
    text = f"Next meeting {when} ({nm.isoformat()}); {_plural(carry, 'item')} to carry over."
    return Readiness(nm, days, carry, open_n, prepared, label, text)
