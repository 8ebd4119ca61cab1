"""The offline engine: the deterministic composer behind the ``Engine`` protocol.

No network and no prompt. It does not stream: ``on_text`` gets the finished text once.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from prepcoach.engines.base import (
    AgendaOutput,
    AgendaTask,
    OutreachOutput,
    OutreachTask,
    ReviewMessageOutput,
    ReviewMessageTask,
    TextSink,
    draft_text,
)

if TYPE_CHECKING:
    from prepcoach.models import OutreachDraft


class OfflineEngine:
    name = "offline"
    needs_prompt = False

    def agenda(
        self,
        task: AgendaTask,
        *,
        on_text: TextSink | None = None,
        cancel: threading.Event | None = None,
    ) -> AgendaOutput:
        from prepcoach.engines.offline import compose_agenda

        agenda = compose_agenda(task.inp).model_copy(update={"engine": self.name, "model": ""})
        if on_text is not None:
            from prepcoach.agenda import agenda_markdown

            on_text(agenda_markdown(agenda, task.mentor, task.objectives))
        return AgendaOutput(agenda=agenda)

    def outreach(
        self,
        task: OutreachTask,
        *,
        on_text: TextSink | None = None,
        cancel: threading.Event | None = None,
    ) -> OutreachOutput:
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
        if on_text is not None:
            on_text(draft_text(draft.subject, draft.body))
        return OutreachOutput(draft=draft, violations=found, attempts=1)

    def review_message(
        self,
        task: ReviewMessageTask,
        *,
        on_text: TextSink | None = None,
        cancel: threading.Event | None = None,
    ) -> ReviewMessageOutput:
        from prepcoach.review import review_message

        draft = review_message(task.plan, task.mentor, task.record, task.history, task.today)
        text = draft_text(draft.subject, draft.body)
        if on_text is not None:
            on_text(f"{task.heading}{text}\n")
        return ReviewMessageOutput(
            text=text, engine=self.name, model="", violations=list(draft.violations)
        )
