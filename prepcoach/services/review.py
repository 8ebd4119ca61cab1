"""The review job: a checkpoint review per mentor. The recommendation and its reasons
always come from the rules (``prepcoach.review``); the engine writes only the message."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from prepcoach.engines.base import Live, NothingUsable, ReviewMessageOutput, ReviewMessageTask
from prepcoach.errors import NotFoundError, UsageError, check_cancel
from prepcoach.services import prompt_context as pc
from prepcoach.services.env import JobSetup
from prepcoach.services.types import Preview, TextSink
from prepcoach.text import plural

if TYPE_CHECKING:
    from prepcoach.engines.base import Engine
    from prepcoach.models import Mentor, Plan, ReviewRecord, Session
    from prepcoach.services.env import ServiceEnv


@dataclass(frozen=True, kw_only=True)
class ReviewSetup(JobSetup):
    """One mentor's review: the rules' record and that mentor's history."""

    mentor: Mentor
    record: ReviewRecord
    history: list[Session]
    today: dt.date


class ReviewJob:
    def __init__(self, env: ServiceEnv) -> None:
        self.env = env

    def mentors(self, mentor: str | None) -> tuple[Plan, list[Mentor]]:
        """The plan and the mentors to review (all when ``mentor`` is None); raises before
        anything is generated when the mentor is unknown or the plan has none."""
        plan = self.env.plan()
        if mentor is not None:
            from prepcoach.lookup import find_mentor

            return plan, [find_mentor(plan, mentor)]
        if not plan.mentors:
            raise NotFoundError(
                "the plan has no mentors to review.",
                hint='Add one with `prepcoach mentors add "NAME"`.',
            )
        return plan, list(plan.mentors)

    def setup(self, plan: Plan, m: Mentor, today: dt.date, *, prompt: bool = True) -> ReviewSetup:
        """One mentor's review and (``prompt``) its prompt. Built one mentor at a time so
        memory stays bounded by the largest history; the offline composer needs no
        prompt, so none is rendered or counted."""
        from prepcoach.planning import held_sessions
        from prepcoach.review import analyse

        # Held sessions only: a planned prep is no meeting held, no drift, no context.
        history = held_sessions(self.env.store.sessions_for(m.id), today)
        outreach = self.env.store.list_outreach() if m.status == "prospect" else []
        rec = analyse(plan, m, history, today, outreach)
        setup = ReviewSetup(plan=plan, mentor=m, record=rec, history=history, today=today)
        if not prompt:
            return setup
        return self._with_prompt(setup)

    def _with_prompt(self, setup: ReviewSetup) -> ReviewSetup:
        from prepcoach.review import review_message_goal, review_message_kind

        plan, m, rec = setup.plan, setup.mentor, setup.record
        budget = max(0, self.env.settings.history_token_budget)
        objectives = plan.objectives_for(m.id)
        sessions, omitted = pc.history_rows(setup.history, objectives, budget)
        context = {
            "profile": pc.profile_context(plan),
            "mentor": pc.mentor_context(m),
            "objectives": [pc.objective_context(o) for o in objectives],
            "review": rec.model_dump(mode="json"),
            "message_kind": review_message_kind(rec, len(setup.history)),
            "message_goal": review_message_goal(rec, len(setup.history), status=m.status),
            "history": sessions,
            "history_omitted": omitted,
            "today": setup.today.isoformat(),
        }
        prompt, preview = self.env.prompt(
            "review",
            context,
            self.env.redactor(plan),
            history=(len(sessions), omitted),
            mentor=m.id,
        )
        return replace(setup, prompt=prompt, preview=preview)

    def _message(self, engine: Engine, task: ReviewMessageTask, live: Live) -> ReviewMessageOutput:
        """The engine's message; the offline composer's instead when the model gave nothing
        usable, or a message that still breaks a rule after its repairs."""
        try:
            msg = engine.review_message(task, live)
            if msg.rules and msg.engine != "offline" and self.env.settings.fallback:
                rules = list(dict.fromkeys(msg.rules))
                raise NothingUsable(
                    f"the model {msg.model}'s review message still broke "
                    f"{plural(len(rules), 'rule')} after its repairs ({', '.join(rules)})"
                )
        except NothingUsable as exc:
            offline = self.env.stand_in("review message", exc)
            if live.on_text is not None:
                live.on_text("\n\n--- the offline composer's message ---\n\n")
            return offline.review_message(task, Live(cancel=live.cancel))
        return msg

    def preview(self, mentor: str | None = None, *, today: dt.date | None = None) -> list[Preview]:
        day = self.env.today(today)
        plan, mentors = self.mentors(mentor)
        previews = [self.setup(plan, m, day).preview for m in mentors]
        return [p for p in previews if p is not None]

    def generate(
        self,
        mentor: str | None = None,
        *,
        today: dt.date | None = None,
        on_text: TextSink | None = None,
        cancel: threading.Event | None = None,
        save: bool = False,
    ) -> list[ReviewRecord]:
        """One record per mentor (all when ``mentor`` is None); ``save`` stores each record
        under reviews/. Mentors are reviewed one at a time: only one mentor's history is
        in memory at once."""
        day = self.env.today(today)
        plan, mentors = self.mentors(mentor)
        live = Live(on_text, cancel)
        out: list[ReviewRecord] = []
        engine = self.env.engine()  # once: one engine for every mentor of this review
        for m in mentors:
            check_cancel(cancel)
            s = self.setup(plan, m, day, prompt=engine.needs_prompt)
            rec = s.record
            task = ReviewMessageTask(
                plan=s.plan,
                mentor=s.mentor,
                record=rec,
                history=s.history,
                today=day,
                heading=f"\n## {s.mentor.name}: {rec.recommendation}\n\n",
                prompt=s.prompt,
            )
            try:
                msg = self._message(engine, task, live)
            except UsageError as exc:
                # the review stands on its facts; a message that cannot be drafted from
                # them is said, never a reason to fail the whole review
                rec = rec.model_copy(update={"violations": [f"no message drafted: {exc.message}"]})
            else:
                rec = rec.model_copy(
                    update={
                        "message": msg.text,
                        "engine": msg.engine,
                        "model": msg.model,
                        "violations": msg.violations,
                    }
                )
            if save:
                rec = self.env.store.save_review(rec)
            out.append(rec)
            del s, task  # this mentor's history goes before the next one is read
        return out
