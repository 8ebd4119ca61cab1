"""The agenda job: prepare one meeting with one mentor.

Setup reads the plan, the meeting being prepared (its saved prep), the mentor's history
(lazily: only what the carry-over and the prompt's budget need) and, for a model, renders
the prompt. The engine writes the agenda; the agenda rules check it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from prepcoach.engines.base import AgendaTask, NothingUsable
from prepcoach.services import prompt_context as pc
from prepcoach.services.env import Job, JobSetup
from prepcoach.services.meetings import Meetings, union
from prepcoach.services.types import AgendaRequest, AgendaResult

if TYPE_CHECKING:
    from prepcoach.agenda import AgendaInput
    from prepcoach.engines.base import Engine, Live
    from prepcoach.models import Mentor, Objective, Plan, Session
    from prepcoach.services.env import ServiceEnv
    from prepcoach.store import SessionSummary, Store


@dataclass(frozen=True, kw_only=True)
class AgendaSetup(JobSetup):
    """Everything one agenda is built from. ``mentor`` is as prepared: when the meeting on
    the mentor's date was held already, its next meeting is the one after."""

    mentor: Mentor
    inp: AgendaInput
    objectives: list[Objective]  # in agenda order
    prep: Session | None  # the meeting's session saved earlier and still in prep


def agenda_history(
    store: Store,
    mentor: Mentor,
    today: dt.date,
    exclude: str | None = None,
    listing: Sequence[SessionSummary] | None = None,
) -> pc.LazyHistory:
    """The mentor's sessions up to ``today`` from the store's index, with only those
    an agenda needs parsed: the newest one, and every session from the oldest one
    with an open question or action item onward (carry-over needs them all: a newer
    session that mentions an item again, resolved, keeps it from being carried).
    Older sessions are all settled and cannot change the carry-over; the prompt's
    history parses more of them, newest first, only as the token budget allows."""
    if listing is None:
        listing = store.list_sessions(mentor.id)
    summaries = [x for x in listing if x.date <= today and x.id != exclude]
    lazy = pc.LazyHistory(store, summaries)
    first_open = next(
        (i for i, x in enumerate(summaries) if x.open_questions or x.open_action_items),
        len(summaries),
    )
    for i in range(first_open, len(summaries)):
        lazy.get(i)
    for i in range(min(first_open, len(summaries)) - 1, -1, -1):  # the newest, if none
        if lazy.newest_loaded() is not None or lazy.get(i) is not None:
            break
    return lazy


def term_decision(
    plan: Plan, mentor: Mentor, history: pc.LazyHistory, today: dt.date
) -> str | None:
    """The checkpoint review's recommendation (``prepcoach.review.analyse``) when the
    mentor's term ends before the meeting after this one, so the agenda's close
    proposes what fits; None otherwise. Beyond what the agenda loads, only the newest
    sessions the drift rule looks at are parsed (it stops at the first that moved)."""
    from prepcoach.agenda import next_meeting_date
    from prepcoach.review import DRIFT_LIMIT, analyse, drift_sessions

    end = mentor.term_end()
    if end is None or end > next_meeting_date(mentor, today):
        return None
    for n, s in enumerate(history.newest_first(), 1):
        if n >= DRIFT_LIMIT or drift_sessions([s], today) == 0:
            break
    return analyse(plan, mentor, history.loaded(), today).recommendation


def moment_context(inp: AgendaInput) -> dict[str, object]:
    """The meeting's moment in the term for the prompt: its kind, its name, the item it
    needs (title and the lines it must hold, as prepcoach would write them)."""
    from prepcoach.agenda import MOMENT_TITLES, moment_item

    moment = inp.moment()
    item = moment_item(inp, moment)
    return {
        "kind": moment.kind,
        "name": moment.name,
        "label": moment.label,
        "title": MOMENT_TITLES.get(moment.kind, ""),
        "lines": item.detail.splitlines() if item is not None else [],
        "drift": moment.drift.sentence() if moment.drift is not None else "",
    }


class AgendaJob(Job[AgendaRequest, AgendaSetup, AgendaResult]):
    def __init__(self, env: ServiceEnv, meetings: Meetings) -> None:
        super().__init__(env)
        self.meetings = meetings

    def setup(self, req: AgendaRequest, *, prompt: bool = True) -> AgendaSetup:
        """The agenda's inputs; with ``prompt``, the rendered prompt and its preview too
        (the offline composer needs none: nothing is rendered or counted)."""
        from prepcoach.agenda import AgendaInput, check_meeting_minutes
        from prepcoach.lookup import find_mentor

        check_meeting_minutes(req.minutes)
        plan = self.env.plan()
        mentor = find_mentor(plan, req.mentor)
        today = self.env.today(req.today)
        # the meeting's own session (saved earlier, still in prep) is not its history:
        # its wins and questions are this meeting's, not carried over from another
        date, prep, listing = self.meetings.meeting(mentor, mentor.id, today)
        if date > today and mentor.next_meeting != date:
            # the meeting on the mentor's date was held already: prepare the one after it
            mentor = mentor.model_copy(update={"next_meeting": date})
        history = agenda_history(
            self.env.store, mentor, today, exclude=prep.id if prep else None, listing=listing
        )
        decision = term_decision(plan, mentor, history, today)
        wins = [a for a in req.accomplishments if a.strip()]
        questions = [q for q in req.questions if q.strip()]
        if prep is not None and not req.complete:
            wins = union(prep.accomplishments, wins)
            questions = union([q.text for q in prep.questions], questions)
        inp = AgendaInput(
            mentor=mentor,
            objectives=list(plan.objectives),
            history=history.loaded(),
            accomplishments=wins,
            questions=questions,
            minutes=req.minutes,
            today=today,
            profile=plan.profile,
            term_decision=decision,
        )
        setup = AgendaSetup(
            plan=plan, mentor=mentor, inp=inp, objectives=inp.ordered_objectives(), prep=prep
        )
        if not prompt:
            return setup
        return self._with_prompt(setup, req, history)

    def _with_prompt(
        self, setup: AgendaSetup, req: AgendaRequest, history: pc.LazyHistory
    ) -> AgendaSetup:
        mentor, inp, objectives = setup.mentor, setup.inp, setup.objectives
        mine = [o for o in objectives if mentor.id in o.mentors]
        budget = max(0, self.env.settings.history_token_budget)
        carry = inp.carry_overs()
        carry_rows, carry_used = pc.fit_carry(carry, budget // pc.CARRY_SHARE)
        sessions, omitted = pc.history_rows(history, objectives, budget - carry_used)
        context = {
            "profile": pc.profile_context(setup.plan),
            "mentor": pc.mentor_context(mentor),
            "objectives": [pc.objective_context(o) for o in (mine or objectives)],
            "minutes": req.minutes,
            "today": inp.today.isoformat(),
            "accomplishments": inp.accomplishments,
            "questions": inp.open_questions(),
            "carried_over": carry_rows,
            "carried_omitted": len(carry) - len(carry_rows),
            "history": sessions,
            "history_omitted": omitted,
            "term_close": pc.term_close_line(mentor, inp),
            "moment": moment_context(inp),
        }
        prompt, preview = self.env.prompt(
            "agenda",
            context,
            self.env.redactor(setup.plan),
            history=(len(sessions), omitted),
            mentor=mentor.id,
        )
        return replace(setup, prompt=prompt, preview=preview)

    def run(
        self, engine: Engine, setup: AgendaSetup, req: AgendaRequest, live: Live
    ) -> AgendaResult:
        from prepcoach.agenda import check_agenda

        task = AgendaTask(
            inp=setup.inp, mentor=setup.mentor, objectives=setup.objectives, prompt=setup.prompt
        )
        try:
            out = engine.agenda(task, live)
        except NothingUsable as exc:
            out = self.env.stand_in("agenda", exc).agenda(task, live)
        return AgendaResult(
            agenda=out.agenda,
            preview=setup.preview,
            usage=out.usage,
            mentor=setup.mentor,
            objectives=setup.objectives,
            problems=[*out.repairs, *check_agenda(out.agenda, setup.inp)],
            structured_mode=out.structured_mode,
            prep=setup.prep,
        )
