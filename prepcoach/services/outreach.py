"""The outreach job: draft a message, and the drafts' life after it (saved, sent,
answered, reminders)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, cast

from prepcoach.engines.base import OutreachTask
from prepcoach.errors import NotFoundError, UsageError, check_cancel
from prepcoach.services.outreach_checks import TO_A_MENTOR, check_words, offline_instead
from prepcoach.services.prompt_context import (
    history_rows,
    mentor_context,
    objective_context,
    profile_context,
)
from prepcoach.services.types import OutreachRequest, OutreachResult, Preview, TextSink
from prepcoach.vocab import OUTREACH_KINDS

if TYPE_CHECKING:
    from prepcoach.engines.base import Prompt
    from prepcoach.engines.offline import OutreachInput
    from prepcoach.models import Mentor, OutreachDraft, Plan
    from prepcoach.outreach import Reminder
    from prepcoach.services.env import ServiceEnv
    from prepcoach.vocab import Channel


@dataclass(frozen=True)
class OutreachSetup:
    plan: Plan
    inp: OutreachInput
    mentor: Mentor | None  # the mentor the message concerns, if any
    channel: Channel
    prompt: Prompt | None = None
    preview: Preview | None = None


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


class OutreachJob:
    def __init__(self, env: ServiceEnv) -> None:
        self.env = env
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
            history_rows(inp.history, inp.objectives, budget)
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
            "profile": profile_context(setup.plan),
            "mentor": mentor_context(mentor) if mentor else None,
            # a message to someone new carries nothing from the plan beyond the ask
            "objectives": (
                [objective_context(o) for o in inp.objectives] if req.kind in TO_A_MENTOR else []
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

    def preview(self, req: OutreachRequest) -> Preview:
        preview = self.setup(req).preview
        assert preview is not None  # setup renders the prompt unless told not to
        return preview

    def generate(
        self,
        req: OutreachRequest,
        *,
        on_text: TextSink | None = None,
        cancel: threading.Event | None = None,
        on_restart: Callable[[str], None] | None = None,
    ) -> OutreachResult:
        """Draft a message. With a model, a draft that breaks lint rules is sent back with
        the violations (``prepcoach.engines.llm.repair``); before each new attempt
        ``on_restart(reason)`` is called (or, without it, a separator line goes to
        ``on_text``). What still breaks a rule is in ``violations`` and ``draft.violations``."""
        engine = self.env.engine()  # once: the engine can be switched meanwhile (TUI)
        setup = self.setup(req, prompt=engine.needs_prompt)
        check_cancel(cancel)
        task = OutreachTask(
            inp=setup.inp,
            kind=req.kind,
            channel=setup.channel,
            prompt=setup.prompt,
            on_restart=on_restart,
        )
        out = engine.outreach(task, on_text=on_text, cancel=cancel)
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

    # ------------------------------------------------------------------ drafts

    def save(self, draft: OutreachDraft | OutreachResult) -> OutreachDraft:
        if isinstance(draft, OutreachResult):
            draft = draft.draft
        return self.store.save_outreach(draft)

    def drafts(self) -> list[OutreachDraft]:
        """Every saved outreach draft, oldest first (by created date, then id)."""
        return sorted(self.store.list_outreach(), key=lambda d: (d.created, d.id))

    def find_draft(self, draft_id: str) -> OutreachDraft:
        """A saved draft by id or a unique id prefix; unknown ids suggest close matches."""
        from prepcoach.lookup import suggest

        q = draft_id.strip()
        if not q:
            raise NotFoundError(
                "no draft id given.", hint="Run `prepcoach drafts list` to see draft ids."
            )
        drafts = self.drafts()
        for d in drafts:
            if d.id == q:
                return d
        close = [d for d in drafts if d.id.startswith(q)]
        if len(close) == 1:
            return close[0]
        if len(close) > 1:
            shown = ", ".join(d.id for d in close[:5]) + (" ..." if len(close) > 5 else "")
            raise NotFoundError(f'"{q}" matches several drafts: {shown}.', hint="Use a full id.")
        if not drafts:
            raise NotFoundError(
                f'no outreach draft "{q}": none saved yet.',
                hint="Save one with `prepcoach outreach ... --save`.",
            )
        hint = suggest(q, [d.id for d in drafts])
        if not hint:
            ids = ", ".join(d.id for d in drafts[-5:])
            hint = f"Recent drafts: {ids}. Run `prepcoach drafts list` for all."
        raise NotFoundError(f'no outreach draft "{q}".', hint=hint)

    def mark_sent(
        self, draft_id: str, on: dt.date | None = None, today: dt.date | None = None
    ) -> OutreachDraft:
        """Mark a draft sent (``on``: the day, default today); starts the reminder clock.
        Marking it sent again moves the date; an answered draft stays answered. A first
        request sent moves its recipient prospect -> asked (in the same plan update)."""
        d = self.find_draft(draft_id)
        now = self.env.today(today)
        day = on or now
        if day > now:
            raise UsageError(
                f"{day.isoformat()} is in the future; mark a draft sent once it is sent.",
                hint="Leave out --on for today, or pass the day you sent it.",
            )
        if day < d.created:
            raise UsageError(
                f"{d.id} was created on {d.created.isoformat()}; it cannot have been sent "
                f"on {day.isoformat()}.",
                hint="Pass --on with the day you sent it.",
            )
        if d.answered_on is not None and day > d.answered_on:
            raise UsageError(
                f"{d.id} was answered on {d.answered_on.isoformat()}, before {day.isoformat()}.",
                hint="Pass --on with the day you sent it.",
            )
        if d.status != "answered":
            d.status = "sent"
        d.sent_on = day
        saved = self.store.save_outreach(d)
        if d.outreach_kind == "first-request":
            from prepcoach.planning import on_first_request_sent

            recipient = d.mentor or d.to
            self.store.update_plan(lambda plan: on_first_request_sent(plan, recipient, today=now))
        return saved

    def mark_answered(
        self, draft_id: str, on: dt.date | None = None, today: dt.date | None = None
    ) -> tuple[OutreachDraft, str | None]:
        """Mark a draft answered (``on``: the day, default today); a draft never marked
        sent counts as sent that day. Returns the saved draft and, for a first request
        whose recipient is still a prospect or asked, the command that activates them
        (the CLI prints it, the TUI offers it); else None."""
        d = self.find_draft(draft_id)
        now = self.env.today(today)
        day = on or now
        if day > now:
            raise UsageError(
                f"{day.isoformat()} is in the future; mark a draft answered once it is.",
                hint="Leave out --on for today, or pass the day the answer came.",
            )
        floor = d.sent_on or d.created
        if day < floor:
            what = "sent" if d.sent_on else "created"
            raise UsageError(
                f"{d.id} was {what} on {floor.isoformat()}; it cannot have been answered "
                f"on {day.isoformat()}.",
                hint="Pass --on with the day the answer came.",
            )
        d.status = "answered"
        d.answered_on = day
        if d.sent_on is None:
            d.sent_on = day
        saved = self.store.save_outreach(d)
        activate = None
        if d.outreach_kind == "first-request":
            from prepcoach.planning import on_first_request_answered

            activate = on_first_request_answered(self.env.plan(), d.mentor or d.to)
        return saved, activate

    def reminders(
        self, today: dt.date | None = None, after_days: int | None = None
    ) -> list[Reminder]:
        """Sent drafts with no answer after ``after_days`` (default: the plan's
        ``reminder_days``), each with a one-line nudge."""
        from prepcoach.outreach import reminders

        days = after_days if after_days is not None else self.env.plan().reminder_days
        return list(reminders(self.store.list_outreach(), self.env.today(today), days))
