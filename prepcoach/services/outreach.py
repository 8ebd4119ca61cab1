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
    from prepcoach.models import Mentor, Plan
    from prepcoach.services.env import ServiceEnv
    from prepcoach.vocab import Channel


@dataclass(frozen=True, kw_only=True)
class OutreachSetup(JobSetup):
    inp: OutreachInput
    mentor: Mentor | None  # the mentor the message concerns, if any
    channel: Channel


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
    if req.kind in ("first-request", "recommendation") and not req.ask.strip():
        raise UsageError(
            f"a {req.kind} needs the one thing you are asking about.",
            hint='Pass --ask "..." (one specific, tactical topic).',
        )
    return cast("Channel", req.channel)


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
            ask=req.ask.strip(),
            profile=plan.profile,
            mentor=mentor,
            objectives=objectives,
            context=req.context.strip(),
            history=history,
            today=today,
            recommendation=req.recommendation,
        )
        check_words(inp)
        setup = OutreachSetup(plan=plan, inp=inp, mentor=mentor, channel=channel)
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
        (``offline_instead``); what still breaks a rule is in ``violations``."""
        task = OutreachTask(
            inp=setup.inp, kind=req.kind, channel=setup.channel, prompt=setup.prompt
        )
        out = engine.outreach(task, live)
        result = OutreachResult(
            draft=out.draft,
            violations=out.violations,
            attempts=out.attempts,
            preview=setup.preview,
            usage=out.usage,
        )
        if out.violations and out.draft.engine != "offline":
            return offline_instead(result, setup.inp)
        return result
