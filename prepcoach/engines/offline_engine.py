"""The offline engine: the deterministic composer behind the ``Engine`` protocol.

No network and no prompt. It does not stream: ``on_text`` gets the finished text once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from prepcoach.engines import base

if TYPE_CHECKING:
    from prepcoach.engines.base import (
        AgendaOutput,
        AgendaTask,
        Live,
        OutreachOutput,
        OutreachTask,
        ReviewMessageOutput,
        ReviewMessageTask,
    )
    from prepcoach.models import OutreachDraft


class OfflineEngine:
    name = "offline"
    needs_prompt = False

    def agenda(self, task: AgendaTask, live: Live = base.QUIET) -> AgendaOutput:
        from prepcoach.engines.offline import compose_agenda

        agenda = compose_agenda(task.inp).model_copy(update={"engine": self.name, "model": ""})
        if live.on_text is not None:
            from prepcoach.agenda import agenda_markdown

            live.on_text(agenda_markdown(agenda, task.mentor, task.objectives))
        return base.AgendaOutput(agenda=agenda)

    def outreach(self, task: OutreachTask, live: Live = base.QUIET) -> OutreachOutput:
        from prepcoach.engines.offline import compose_outreach
        from prepcoach.lint import lint_outreach

        mentor = task.inp.mentor
        draft: OutreachDraft = compose_outreach(task.inp)
        draft = draft.model_copy(
            update={
                "engine": self.name,
                "model": "",
                "mentor": draft.mentor or (mentor.id if mentor else None),
            }
        )
        found = lint_outreach(
            draft.body, channel=draft.channel, kind=draft.outreach_kind, subject=draft.subject
        )
        draft.violations = [str(v) for v in found]
        if live.on_text is not None:
            live.on_text(base.draft_text(draft.subject, draft.body))
        return base.OutreachOutput(draft=draft, violations=found, attempts=1)

    def review_message(
        self, task: ReviewMessageTask, live: Live = base.QUIET
    ) -> ReviewMessageOutput:
        from prepcoach.review import review_message

        draft = review_message(task.plan, task.mentor, task.record, task.history, task.today)
        text = base.draft_text(draft.subject, draft.body)
        if live.on_text is not None:
            live.on_text(f"{task.heading}{text}\n")
        return base.ReviewMessageOutput(
            text=text, engine=self.name, model="", violations=list(draft.violations)
        )
