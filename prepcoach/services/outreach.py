"""The outreach job: draft a message, and the drafts' life after it (saved, sent,
answered, reminders)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, cast

from prepcoach.engines.base import OutreachTask
from prepcoach.errors import UsageError
from prepcoach.services import prompt_context as pc
from prepcoach.services.env import Job, JobSetup
from prepcoach.services.outreach_checks import TO_A_MENTOR, check_words, offline_instead
from prepcoach.services.types import OutreachRequest, OutreachResult
from prepcoach.vocab import OUTREACH_KINDS

if TYPE_CHECKING:
    from prepcoach.engines.base import Engine, Live
    from prepcoach.engines.offline import OutreachInput
    from prepcoach.models import Mentor, OutreachDraft, Plan
    from prepcoach.services.env import ServiceEnv
    from prepcoach.vocab import Channel


@dataclass(frozen=True, kw_only=True)
class OutreachSetup(JobSetup):
    inp: OutreachInput
    mentor: Mentor | None  # the mentor the message concerns, if any
    channel: Channel
    pending: OutreachDraft | None = None  # the first request sent and not answered, if any


def recipient(plan: Plan, to: str) -> Mentor | None:
    """The mentor a message is addressed to: exact id or name, or a unique exact first
    name. No prefix matching: "Rob" must not become a mentor called "Robert"."""
    q = " ".join(to.split()).lower()
    exact = [m for m in plan.mentors if q in (m.id.lower(), m.name.lower())]
    if exact:
        return exact[0]
    first = [m for m in plan.mentors if m.name.split() and m.name.split()[0].lower() == q]
    return first[0] if len(first) == 1 else None


def _check(req: OutreachRequest) -> Channel:
    """Bad requests fail before anything is read or generated; returns the channel."""
    from prepcoach.lint import WORD_LIMITS

    if req.kind not in OUTREACH_KINDS:
        raise UsageError(
            f'unknown outreach kind "{req.kind}".',
            hint="Use one of " + ", ".join(OUTREACH_KINDS) + ".",
        )
    if req.channel not in WORD_LIMITS:
        raise UsageError(f'unknown channel "{req.channel}".', hint="Use email, linkedin or slack.")
    if not req.to.strip():
        raise UsageError("who is the message to?", hint="Pass --to NAME.")
    return cast("Channel", req.channel)


def _needs_ask(kind: str, ask: str) -> None:
    if kind in ("first-request", "recommendation") and not ask.strip():
        raise UsageError(
            f"a {kind} needs the one thing you are asking about.",
            hint='Pass --ask "..." (one specific, tactical topic).',
        )


def unanswered_request(drafts: list[OutreachDraft], mentor: Mentor) -> OutreachDraft | None:
    """The latest first request to ``mentor`` marked sent and not answered, or None."""
    from prepcoach.recipients import same_recipient

    sent = [
        d
        for d in drafts
        if d.outreach_kind == "first-request"
        and d.status == "sent"
        and d.answered_on is None
        and (d.mentor == mentor.id or same_recipient(d.to, mentor.name))
    ]
    return max(sent, key=lambda d: (d.sent_on or d.created, d.id), default=None)


class OutreachJob(Job[OutreachRequest, OutreachSetup, OutreachResult]):
    def __init__(self, env: ServiceEnv) -> None:
        super().__init__(env)
        self.store = env.store

    def setup(self, req: OutreachRequest, *, prompt: bool = True) -> OutreachSetup:
        from prepcoach.engines.offline import OutreachInput

        channel = _check(req)
        plan = self.env.plan()
        today = self.env.today(req.today)
        to = recipient(plan, req.to)
        if req.mentor:
            from prepcoach.lookup import find_mentor

            mentor: Mentor | None = find_mentor(plan, req.mentor)
        else:
            mentor = to
        if to is not None:
            to_name = to.name
            title = req.title or to.title
            org = req.organisation or to.organisation
        else:
            to_name, title, org = " ".join(req.to.split()), req.title, req.organisation
        # A mentor asked and not answered gets a nudge on the request sent, not a second
        # first request: the same ask once more unless the user gives another.
        pending = (
            unanswered_request(self.store.list_outreach(), to)
            if req.kind == "first-request" and to is not None and to.status == "asked"
            else None
        )
        ask = req.ask.strip() or (pending.ask.strip() if pending is not None else "")
        _needs_ask(req.kind, ask)
        objectives = plan.objectives_for(mentor.id) if mentor else []
        if not objectives:
            objectives = [o for o in plan.objectives if o.status == "open"]
        history = (
            [s for s in self.store.sessions_for(mentor.id) if s.date <= today] if mentor else []
        )
        inp = OutreachInput(
            kind=req.kind,
            to=to_name,
            title=title,
            organisation=org,
            channel=channel,
            ask=ask,
            profile=plan.profile,
            mentor=mentor,
            objectives=objectives,
            context=req.context.strip(),
            history=history,
            today=today,
            recommendation=req.recommendation,
            nudge=pending is not None,
        )
        check_words(inp)
        setup = OutreachSetup(plan=plan, inp=inp, mentor=mentor, channel=channel, pending=pending)
        if not prompt:  # the offline composer needs no prompt
            return setup
        return self._with_prompt(setup, req)

    def _with_prompt(self, setup: OutreachSetup, req: OutreachRequest) -> OutreachSetup:
        from prepcoach.lint import RULES, WORD_LIMITS, applicable_rules

        inp, mentor = setup.inp, setup.mentor
        budget = max(0, self.env.settings.history_token_budget) // 2
        sessions, omitted = (
            pc.history_rows(inp.history, inp.objectives, budget)
            if req.kind in TO_A_MENTOR
            else ([], 0)
        )
        descriptions = dict(RULES)
        context = {
            "kind": req.kind,
            "channel": req.channel,
            "word_limit": WORD_LIMITS[req.channel],
            "rules": [
                {"name": r, "description": descriptions[r]}
                for r in applicable_rules(req.kind, req.channel)
            ],
            "to": {"name": inp.to, "title": inp.title, "organisation": inp.organisation},
            "ask": inp.ask,
            "profile": pc.profile_context(setup.plan),
            "mentor": pc.mentor_context(mentor) if mentor else None,
            # a message to someone new carries nothing from the plan beyond the ask
            "objectives": (
                [pc.objective_context(o) for o in inp.objectives] if req.kind in TO_A_MENTOR else []
            ),
            "context": inp.context,
            "history": sessions,
            "history_omitted": omitted,
            "today": inp.today.isoformat(),
        }
        orgs = [inp.organisation] if inp.organisation else []
        prompt, preview = self.env.prompt(
            "outreach",
            context,
            self.env.redactor(setup.plan, people=[inp.to], orgs=orgs),
            history=(len(sessions), omitted),
            mentor=mentor.id if mentor else "",
        )
        return replace(setup, prompt=prompt, preview=preview)

    def run(
        self, engine: Engine, setup: OutreachSetup, req: OutreachRequest, live: Live
    ) -> OutreachResult:
        """Draft a message. With a model, a draft that breaks lint rules is sent back with
        the violations (``prepcoach.engines.llm.repair``); before each new attempt
        ``on_restart(reason)`` is called (or, without it, a separator line goes to
        ``on_text``). A model draft that still breaks a rule gives way to the offline draft
        (``offline_instead``); what still breaks a rule is in ``violations``. A first
        request to a mentor asked and not answered is the nudge on the one sent
        (``unanswered_request``), composed offline with any engine."""
        if setup.inp.nudge:  # a bump on the note sent: the fixed offline words, any engine
            return self._nudge(setup)
        task = OutreachTask(
            inp=setup.inp, kind=req.kind, channel=setup.channel, prompt=setup.prompt
        )
        out = engine.outreach(task, live)
        result = OutreachResult.of(out, setup.preview)
        if out.violations and out.draft.engine != "offline":
            return offline_instead(result, setup.inp)
        return result

    def _nudge(self, setup: OutreachSetup) -> OutreachResult:
        """The nudge on a first request sent and not answered: composed offline (a short
        bump, the same ask once more, no second introduction), said in its first line."""
        from prepcoach.engines.offline import compose_outreach

        draft = compose_outreach(setup.inp)
        return OutreachResult(
            draft=draft, violations=[], attempts=1, preview=setup.preview, nudge_on=setup.pending
        )
