"""The drafts' life after a message is drafted: saved, found again, marked sent and
answered, and the reminders for the ones with no answer yet."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from prepcoach.errors import NotFoundError, UsageError
from prepcoach.services.types import OutreachResult

if TYPE_CHECKING:
    from prepcoach.models import OutreachDraft
    from prepcoach.outreach import Reminder
    from prepcoach.services.env import ServiceEnv
    from prepcoach.store import Store


class Drafts:
    """Mixed into the ``Services`` facade (which sets ``env`` and ``store``)."""

    env: ServiceEnv
    store: Store

    def save_outreach(self, draft: OutreachDraft | OutreachResult) -> OutreachDraft:
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

    def _marking(
        self, draft_id: str, on: dt.date | None, today: dt.date | None, when: str, day_words: str
    ) -> tuple[OutreachDraft, dt.date, dt.date]:
        """The draft, the day it is marked for (``on``, default today) and today; a day in
        the future is refused ("mark a draft {when}")."""
        d = self.find_draft(draft_id)
        now = self.env.today(today)
        day = on or now
        if day > now:
            raise UsageError(
                f"{day.isoformat()} is in the future; mark a draft {when}.",
                hint=f"Leave out --on for today, or pass {day_words}.",
            )
        return d, day, now

    def mark_sent(
        self, draft_id: str, on: dt.date | None = None, today: dt.date | None = None
    ) -> OutreachDraft:
        """Mark a draft sent (``on``: the day, default today); starts the reminder clock.
        Marking it sent again moves the date; an answered draft stays answered. A first
        request sent moves its recipient prospect -> asked (in the same plan update)."""
        day_words = "the day you sent it"
        d, day, now = self._marking(draft_id, on, today, "sent once it is sent", day_words)
        if day < d.created:
            raise UsageError(
                f"{d.id} was created on {d.created.isoformat()}; it cannot have been sent "
                f"on {day.isoformat()}.",
                hint=f"Pass --on with {day_words}.",
            )
        if d.answered_on is not None and day > d.answered_on:
            raise UsageError(
                f"{d.id} was answered on {d.answered_on.isoformat()}, before {day.isoformat()}.",
                hint=f"Pass --on with {day_words}.",
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
        day_words = "the day the answer came"
        d, day, _ = self._marking(draft_id, on, today, "answered once it is", day_words)
        floor = d.sent_on or d.created
        if day < floor:
            what = "sent" if d.sent_on else "created"
            raise UsageError(
                f"{d.id} was {what} on {floor.isoformat()}; it cannot have been answered "
                f"on {day.isoformat()}.",
                hint=f"Pass --on with {day_words}.",
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
