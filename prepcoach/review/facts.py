"""``ReviewFacts``: everything a review decides on, computed once per mentor and day.

"met"/"open" are this mentor's objectives; "areas" are open objectives anywhere in the
plan in this mentor's support areas, not already tied to another mentor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from prepcoach.models import Mentor, Objective, OutreachDraft, Plan
from prepcoach.planning import stopped_on
from prepcoach.planning.drift import Drift, drift, mentor_sessions, moved
from prepcoach.planning.facts import SessionFacts
from prepcoach.review.clock import meetings_expected, meetings_held, term_ended, term_month
from prepcoach.vocab import SUPPORT_AREA_LABELS, Cadence, MentorStatus, SupportArea


@dataclass(frozen=True)
class ReviewFacts:
    """One mentor's review numbers on ``today``.

    ``clock``: ``(n, N)`` from ``term_month`` (None before the start or without one);
    ``ended``: the term is over (or stopped: ``stopped`` is the day a loosened or ended
    term stopped); ``sessions``: held sessions with this mentor (planned preps count
    nowhere); ``last_moved``: the most recent held session moved an objective or set
    actions (None without one); ``drift``: ``clock.drift`` (None when not drifting);
    ``objectives``: this mentor's objectives, any status; ``request``: the newest saved
    first request addressed to this mentor (None when none is known).
    """

    today: dt.date
    first: str  # the mentor's first name, for sentences
    status: MentorStatus
    cadence: Cadence
    support_areas: tuple[SupportArea, ...]
    next_meeting: dt.date | None
    term_start: dt.date | None
    term_end: dt.date | None
    term_months: int
    clock: tuple[int, int] | None
    ended: bool
    held: int
    expected: int
    drift: Drift | None
    sessions: int
    last_moved: bool | None
    objectives: tuple[Objective, ...]
    met: tuple[Objective, ...]
    open: tuple[Objective, ...]
    areas: tuple[Objective, ...]
    stopped: dt.date | None = None
    request: OutreachDraft | None = None  # the newest first request to this mentor
    name: str = ""  # the mentor's full name, for commands

    @property
    def stalled(self) -> bool:
        """The last held sessions, ``DRIFT_LIMIT`` or more in a row, moved nothing."""
        return self.drift is not None and self.drift.stalled

    @property
    def behind(self) -> int:
        """Meetings the cadence expected that were not held (0 when on pace)."""
        return max(0, self.expected - self.held)

    @property
    def last_month(self) -> bool:
        """Today falls in the term's last month."""
        return self.clock is not None and self.clock[0] >= self.clock[1]

    @property
    def at_checkpoint(self) -> bool:
        """The term is over or in its last month: time to decide what comes next."""
        return self.ended or self.last_month

    @property
    def starts_later(self) -> bool:
        """The term starts after today."""
        return self.term_start is not None and self.term_start > self.today

    @property
    def all_met(self) -> bool:
        """At least one objective met with this mentor and none open."""
        return bool(self.met) and not self.open

    @property
    def area_words(self) -> str:
        """The support areas with their labels ("scope: navigate new levels of scope")."""
        if not self.support_areas:
            return "none named"
        return ", ".join(f"{a}: {SUPPORT_AREA_LABELS[a]}" for a in self.support_areas)


def titles(objs: Sequence[Objective]) -> str:
    """Objective titles quoted and joined: "'A'", "'A' and 'B'", "'A', 'B' and 'C'"."""
    quoted = [f"'{o.title}'" for o in objs]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def as_of(objectives: Sequence[Objective], today: dt.date) -> list[Objective]:
    """The objectives as they stood on ``today``: one met or dropped after it is still
    open (a review "as of" an earlier date counts nothing met later)."""
    out: list[Objective] = []
    for o in objectives:
        later = o.met_on if o.status == "met" else o.dropped_on if o.status == "dropped" else None
        if later is not None and later > today:
            o = o.model_copy(update={"status": "open", "met_on": None, "dropped_on": None})
        out.append(o)
    return out


def first_request(
    mentor: Mentor, outreach: Sequence[OutreachDraft], today: dt.date | None = None
) -> OutreachDraft | None:
    """The newest first-request draft addressed to ``mentor`` (by id, else exact name),
    made by ``today`` when given."""
    name = mentor.name.strip().lower()
    mine = [
        d
        for d in outreach
        if d.outreach_kind == "first-request"
        and (today is None or d.created <= today)
        and (d.mentor == mentor.id or (d.mentor is None and d.to.strip().lower() == name))
    ]
    return max(mine, key=lambda d: (d.created, d.id), default=None)


def review_facts(
    plan: Plan,
    mentor: Mentor,
    history: Sequence[SessionFacts],
    today: dt.date,
    outreach: Sequence[OutreachDraft] = (),
) -> ReviewFacts:
    """The facts for reviewing ``mentor`` on ``today`` (other mentors' sessions and
    planned preps in ``history`` are ignored; ``outreach``: saved drafts, for the
    first request to a prospect). Everything is as it stood on ``today``: objectives
    (``as_of``), sessions and drafts dated after it count nowhere."""
    mine = mentor_sessions(mentor, history, today)
    then = as_of(plan.objectives, today)
    objs = [o for o in then if mentor.id in o.mentors]
    tied_elsewhere = {o.id for o in then if o.mentors and mentor.id not in o.mentors}
    areas = [
        o
        for o in then
        if o.status == "open"
        and o.support_area in mentor.support_areas
        and mentor.id not in o.mentors
        and o.id not in tied_elsewhere
    ]
    names = mentor.name.split()
    return ReviewFacts(
        today=today,
        first=names[0] if names else mentor.name,
        status=mentor.status,
        cadence=mentor.cadence,
        support_areas=tuple(mentor.support_areas),
        next_meeting=mentor.next_meeting,
        term_start=mentor.term_start,
        term_end=mentor.term_end(),
        term_months=mentor.term_months,
        clock=term_month(mentor, today),
        ended=term_ended(mentor, today),
        held=meetings_held(mentor, mine, today),
        expected=meetings_expected(mentor, today),
        drift=drift(mentor, mine, today),
        sessions=len(mine),
        last_moved=moved(mine[-1]) if mine else None,
        objectives=tuple(objs),
        met=tuple(o for o in objs if o.status == "met"),
        open=tuple(o for o in objs if o.status == "open"),
        areas=tuple(areas),
        stopped=stopped_on(mentor),
        request=first_request(mentor, outreach, today),
        name=mentor.name,
    )
