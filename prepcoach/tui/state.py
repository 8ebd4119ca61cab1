"""What the screens show, computed from the store in one pass (run in a worker).

Nothing here touches widgets: ``load_snapshot`` reads plan, sessions, outreach and prep
drafts and derives each mentor's term clock, readiness, review and the next best action.
``light_snapshot`` is the dashboard's first data paint: the mentors and objectives of
plan.json read without pydantic (``prepcoach.light``), shown until the full
snapshot (every file validated) replaces it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from prepcoach.text import plural
from prepcoach.tui import drafts
from prepcoach.vocab import SUPPORT_AREAS

if TYPE_CHECKING:
    # (the dashboard's first data paint imports this module: no models or store here)
    from prepcoach.models import Mentor, Objective, OutreachDraft, Plan, ReviewRecord
    from prepcoach.planning import TermClock
    from prepcoach.store import SessionSummary, Store

MAX_ACTIVE = 3
WITH_TERM = ("active", "renewed", "loosened", "ended")
COVERING = ("active", "renewed")


@dataclass
class MentorView:
    mentor: Mentor
    term_label: str  # "month 3 of 6", "term over", "not started"
    term_month: int | None
    held: int
    expected: int
    last_meeting: dt.date | None
    ready: bool | None  # None: no meeting to prepare for
    readiness: str
    ready_short: str
    objectives: list[Objective]
    active_objectives: int
    review: ReviewRecord | None = None
    moment: str = ""  # the next meeting's moment in the term, as a tag ("last", "mid")


@dataclass
class Gap:
    area: str
    text: str


@dataclass
class Snapshot:
    today: dt.date
    plan: Plan
    mentors: list[MentorView] = field(default_factory=list)
    summaries: list[SessionSummary] = field(default_factory=list)
    outreach: list[OutreachDraft] = field(default_factory=list)
    reminders: list[Any] = field(default_factory=list)  # prepcoach.outreach.Reminder
    gaps: list[Gap] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    overdue: list[str] = field(default_factory=list)  # booked meetings passed, not captured
    warnings: list[str] = field(default_factory=list)
    # where an unreadable plan.json was set aside ("corrupt/plan.json.<time>"), while no
    # new plan.json has been written: the plan shown is empty because of it
    plan_set_aside: str = ""
    drafts_seen: tuple[tuple[str, int, int], ...] = ()  # drafts_signature before reading

    def view(self, mentor_id: str) -> MentorView | None:
        return next((v for v in self.mentors if v.mentor.id == mentor_id), None)


def term_label(clock: TermClock, today: dt.date) -> str:
    if clock.month is None:
        return "no term yet"
    if clock.month == 0:
        return f"starts {clock.start.isoformat()}" if clock.start else "not started"
    if clock.over:
        # the term's last day is still in it (as the review says)
        return "ends today" if clock.end == today else "term over"
    return f"month {clock.month} of {clock.months}"


def readiness(
    store: Store, mentor: Mentor, sessions: list[SessionSummary], today: dt.date
) -> tuple[bool | None, str, str]:
    """Ready = wins and questions drafted for the next meeting (a saved, upcoming session,
    or the Prep draft: items entered and the line still being typed, not yet saved)."""
    if mentor.status in ("prospect", "asked", "ended"):
        return None, "-", "-"
    wins = questions = 0
    draft = drafts.load_prep(store, mentor.id)
    if draft is not None:
        wins = _typed(draft, "accomplishments", "pending_win")
        questions = _typed(draft, "questions", "pending_question")
    for s in sessions:
        if s.date >= today and s.mentor == mentor.id:
            wins = max(wins, s.accomplishments)
            questions = max(questions, s.questions)
    if wins and questions:
        long = f"ready: {plural(wins, 'win')}, {plural(questions, 'question')}"
        return True, long, f"{plural(wins, 'win')}, {plural(questions, 'q', 'qs')}"
    missing = []
    if not wins:
        missing.append("wins")
    if not questions:
        missing.append("questions")
    short = "add wins+qs" if len(missing) == 2 else f"add {missing[0]}"
    return False, "not ready: no " + " or ".join(missing) + " yet", short


def _typed(draft: dict[str, Any], items: str, pending: str) -> int:
    """How many non-blank entries the draft holds in ``items`` plus its ``pending`` line."""
    entered = draft.get(items, [])
    lines = [*(entered if isinstance(entered, list) else []), draft.get(pending, "")]
    return sum(1 for x in lines if isinstance(x, str) and x.strip())


def drafts_signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, mtime and size of each Prep draft: it changes whenever one is written, so the
    dashboard knows to count them again (drafts are not store writes)."""
    try:
        found = list((root / "drafts").glob("prep-*.json"))
        return tuple(sorted((p.name, (st := p.stat()).st_mtime_ns, st.st_size) for p in found))
    except OSError:
        return ()


def team_gaps(plan: Plan) -> list[Gap]:
    out: list[Gap] = []
    for area in SUPPORT_AREAS:
        active = [m for m in plan.mentors if area in m.support_areas and m.status in COVERING]
        if active:
            continue
        could = [m.name for m in plan.mentors if area in m.support_areas]
        needed = [o.title for o in plan.objectives if o.status == "open" and o.support_area == area]
        text = f"nobody covers {area}"
        if could:
            text += f" (could: {', '.join(could)})"
        if needed:
            text += f"; needed for: {needed[0]}" + (
                f" +{len(needed) - 1}" if len(needed) > 1 else ""
            )
        out.append(Gap(area, text))
    return out


def plan_set_aside(root: Path) -> str:
    """The newest set-aside plan file (relative to ``root``) when there is no plan.json;
    "" otherwise."""
    if (root / "plan.json").exists():
        return ""
    try:
        kept = sorted(p.name for p in (root / "corrupt").glob("plan.json.*") if p.is_file())
    except OSError:
        return ""
    return f"corrupt/{kept[-1]}" if kept else ""


def _review(
    plan: Plan, mentor: Mentor, history: list[SessionSummary], today: dt.date
) -> ReviewRecord:
    from prepcoach.review import analyse

    return analyse(plan, mentor, history, today)


def load_snapshot(store: Store, today: dt.date, *, with_reviews: bool = True) -> Snapshot:
    """Read everything the dashboard, review and team screens need."""
    from prepcoach import planning
    from prepcoach.agenda import meeting_moment

    drafts_seen = drafts_signature(store.root)  # before the drafts are read
    plan = store.load_plan()
    summaries = store.list_sessions()
    outreach = store.list_outreach()
    snap = Snapshot(today=today, plan=plan, summaries=summaries, outreach=outreach)
    snap.plan_set_aside = plan_set_aside(store.root)
    snap.drafts_seen = drafts_seen
    snap.warnings = planning.objective_load_warnings(plan)
    by_mentor: dict[str, list[SessionSummary]] = {}
    for s in summaries:
        by_mentor.setdefault(s.mentor, []).append(s)
    # Term clocks, moments and reviews read only the facts the listing holds
    # (``SessionFacts``): no session file is parsed here, whatever the history's size.
    held_sessions: list[SessionSummary] = []
    for m in plan.mentors:
        mine = by_mentor.get(m.id, [])
        clock = planning.term_clock(m, [s.date for s in mine], today)
        ready, why, short = readiness(store, m, mine, today)
        history = mine if m.status in WITH_TERM else []
        held_sessions.extend(history)
        moment = meeting_moment(m, history, today)  # which moment in the term it is
        if moment.kind != "ordinary":  # the cell is narrow: the moment, then ready or not
            why, short = f"{moment.label}; {why}", "ready" if ready else "prep"
        objectives = plan.objectives_for(m.id)
        view = MentorView(
            mentor=m,
            term_label=term_label(clock, today),
            term_month=clock.month,
            held=clock.held,
            expected=clock.expected,
            last_meeting=clock.last_session,
            ready=ready,
            readiness=why,
            ready_short=short,
            moment=moment.short,
            objectives=objectives,
            active_objectives=sum(1 for o in objectives if o.status == "open"),
        )
        if with_reviews and m.status in WITH_TERM and m.term_start is not None:
            view.review = _review(plan, m, history, today)
        snap.mentors.append(view)
    from prepcoach.outreach import reminders

    snap.reminders = list(reminders(outreach, today, plan.reminder_days))
    snap.gaps = team_gaps(plan)
    snap.overdue = [o.message for o in planning.overdue_captures(plan, held_sessions, today)]
    snap.hints = next_actions(snap)
    return snap


def next_actions(snap: Snapshot) -> list[str]:
    """Best next actions, most urgent first (the dashboard shows the first)."""
    out: list[str] = [f"{m[:1].upper()}{m[1:]} (5 History)." for m in snap.overdue]
    today = snap.today
    for r in snap.reminders:
        out.append(
            f"Nudge {r.draft.to}: your {r.draft.outreach_kind} was sent {r.days} days ago "
            "with no answer (3 Outreach)."
        )
    soon = sorted(
        (v for v in snap.mentors if v.mentor.next_meeting and v.mentor.next_meeting >= today),
        key=lambda v: v.mentor.next_meeting or today,
    )
    for v in soon:
        assert v.mentor.next_meeting is not None
        days = (v.mentor.next_meeting - today).days
        if v.ready is False and days <= 14:
            when = "today" if days == 0 else f"in {days} day{'s' * (days != 1)}"
            out.append(f"Prepare for {v.mentor.name} {when}: add wins and questions (2 Prep).")
    for v in snap.mentors:
        rec = v.review.recommendation if v.review is not None else None
        if rec and rec != "continue":
            verb = {"renew": "renew the term", "loosen": "loosen", "move_on": "move on"}[rec]
            out.append(f"{v.mentor.name}: time to {verb} (4 Review).")
    for v in snap.mentors:
        if v.mentor.status == "prospect":
            sent = any(
                d.to == v.mentor.name and d.status in ("sent", "answered") for d in snap.outreach
            )
            if not sent:
                out.append(
                    f"Ask {v.mentor.name} for one small, specific conversation (3 Outreach)."
                )
    if snap.plan.mentors:  # with nobody in the team yet, adding a mentor is the step
        for gap in snap.gaps:
            out.append(f"{gap.text[0].upper()}{gap.text[1:]} (6 Team).")
    if not snap.plan.mentors:
        out.append("Add your first mentor: prepcoach mentors add NAME (or see 6 Team).")
    if not out:
        out.append("All set: nothing urgent.")
    return out


PENDING = "…"  # a value the full read fills in a moment later


def light_snapshot(root: Path, today: dt.date) -> Snapshot | None:
    """The dashboard's first data paint: names, statuses, booked meetings and objectives
    from plan.json read lightly; term clocks, readiness, reviews and reminders show
    ``PENDING`` until ``load_snapshot`` (the full, validated read) replaces it. None when
    plan.json is missing or not recognised: the screen then waits for the full read."""
    from prepcoach.light import read_plan

    light = read_plan(root)
    if light is None or not light.mentors:
        return None
    # The light records have the attributes the dashboard reads from the models.
    plan = cast("Plan", light)
    snap = Snapshot(today=today, plan=plan, hints=[PENDING])
    for m in plan.mentors:
        objectives = plan.objectives_for(m.id)
        snap.mentors.append(
            MentorView(
                mentor=m,
                term_label=PENDING,
                term_month=None,
                held=0,
                expected=0,
                last_meeting=None,
                ready=None,
                readiness=PENDING,
                ready_short=PENDING,
                objectives=objectives,
                active_objectives=sum(1 for o in objectives if o.status == "open"),
            )
        )
    snap.gaps = team_gaps(plan)
    return snap
