"""Saving the message as a draft, marking it sent, copying it, starting a new one."""

from __future__ import annotations

from prepcoach.errors import PrepcoachError
from prepcoach.models import OutreachDraft
from prepcoach.text import plural
from prepcoach.tui import drafts
from prepcoach.tui.screens.outreach.form import FORM_DRAFT, OutreachForm
from prepcoach.tui.text import plain
from prepcoach.tui.widgets.lint_panel import LintPanel


class OutreachSaving(OutreachForm):
    def _draft_from_form(self) -> OutreachDraft:
        values = self.form()
        to = values["to"].strip()
        if not to:
            raise PrepcoachError("who is it to? Fill in To.")
        base = self.current or self._base
        data = {
            "outreach_kind": values["kind"],
            "to": to,
            "title": values["title"].strip(),
            "organisation": values["organisation"].strip(),
            "channel": values["channel"],
            "ask": values["ask"].strip(),
            "subject": values["subject"].strip(),
            "body": values["body"],
            "mentor": self.mentor,
            "violations": self.query_one("#o-lint", LintPanel).failed,
        }
        if base is not None:
            return base.model_copy(update=data)
        return OutreachDraft(created=self.papp.today, **data)

    def _save(self, draft: OutreachDraft) -> OutreachDraft | None:
        saved = self.papp.guard(lambda: self.papp.store.save_outreach(draft), "Not saved")
        if saved is None:
            return None
        self.current = saved
        self._base = None
        self.papp.changed()
        self.papp.guard(lambda: drafts.discard(self.papp.store, FORM_DRAFT))
        self._form_kept.drop()
        self.reload()
        return saved

    def action_save(self) -> None:
        self._lint_now()  # the rules as the text is now, not as it was 0.1 s ago
        try:
            draft = self._draft_from_form()
        except (PrepcoachError, ValueError) as exc:
            self.papp.fail(exc, "Not saved")
            return
        saved = self._save(draft)
        if saved is not None:
            failed = saved.violations
            tail = f" {plural(len(failed), 'rule')} still to fix." if failed else ""
            self._say(plain(f"Saved as {saved.id} ({saved.status}).{tail}", "$success"))

    def action_mark_sent(self) -> None:
        if self.generator.running:
            return
        self._lint_now()
        try:
            draft = self._draft_from_form()
        except (PrepcoachError, ValueError) as exc:
            self.papp.fail(exc, "Not marked")
            return
        if not draft.body.strip():
            self.papp.fail(PrepcoachError("the message is empty; draft it first (ctrl+g)."))
            return
        panel = self.query_one("#o-lint", LintPanel)
        failed = dict(panel.reasons)
        if not failed:
            self._mark_sent(draft)
            return
        from prepcoach.tui.widgets.confirm import ConfirmScreen

        n = len(failed)

        def answered(yes: bool | None) -> None:
            if yes:
                self._mark_sent(draft)
            else:
                self._say(
                    plain(f"Not marked sent: {plural(n, 'rule')} to fix, see Rules.", "$warning")
                )

        self.app.push_screen(
            ConfirmScreen(
                f"This message breaks {plural(n, 'rule')}:",
                [f"{name}: {why}" for name, why in failed.items()],
                "Mark it sent anyway?",
                yes="Mark sent",
            ),
            answered,
        )

    def _mark_sent(self, draft: OutreachDraft) -> None:
        draft = draft.model_copy(update={"status": "sent", "sent_on": self.papp.today})
        saved = self._save(draft)
        if saved is not None:
            days = self.data.plan.reminder_days if self.data else 10
            self._say(
                plain(
                    f"Marked sent on {saved.sent_on}. If there is no answer in {days} days "
                    "the dashboard reminds you with a nudge.",
                    "$success",
                )
            )

    def action_copy(self) -> None:
        values = self.form()
        body = values["body"].strip()
        if not body:
            self.notify("Nothing to copy yet.", markup=False)
            return
        subject = values["subject"].strip()
        text = (
            f"Subject: {subject}\n\n" if subject and values["channel"] == "email" else ""
        ) + body
        self.app.copy_to_clipboard(text + "\n")
        self.notify("Message copied to the clipboard.", markup=False)

    def action_new(self) -> None:
        if self.generator.running:
            return
        self.prefill(kind="first-request", channel="email")
        self._say("New message.")
