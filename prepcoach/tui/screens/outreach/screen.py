"""Outreach: a short first request (or recommendation, renewal, wind-down, follow-up)
with one ask. The draft streams in; the rules panel checks it live as you edit;
regenerate, copy, save, mark as sent. The form is kept in drafts/outreach.json."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual import on
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from prepcoach.errors import PrepcoachError
from prepcoach.models import OutreachDraft
from prepcoach.recipients import mentor_for, needs_ask
from prepcoach.text import plural
from prepcoach.tui import drafts
from prepcoach.tui import generation as gen
from prepcoach.tui.screens.loading import WaitForData
from prepcoach.tui.screens.outreach.form import FORM_DRAFT, OutreachData
from prepcoach.tui.screens.outreach.saving import OutreachSaving
from prepcoach.tui.text import one_line, plain, sanitize
from prepcoach.tui.widgets.confirm import replace_edited
from prepcoach.tui.widgets.lint_panel import LintPanel
from prepcoach.tui.widgets.select import TypeAheadSelect
from prepcoach.vocab import CHANNELS, OUTREACH_KINDS, outreach_kind


class OutreachScreen(WaitForData, OutreachSaving):
    LABEL = "Outreach"
    MODE = "outreach"

    def compose_body(self) -> Iterable[Widget]:
        with Vertical(id="o-form"):
            with Horizontal(classes="filters"):
                yield Label("Saved drafts ", classes="field-label")
                yield TypeAheadSelect(
                    [], prompt="new message", id="o-saved", compact=True, what="saved draft"
                )
                yield Label(" Kind ", classes="field-label")
                yield TypeAheadSelect.of(
                    OUTREACH_KINDS, what="kind", value="first-request", id="o-kind"
                )
                yield Label(" via ", classes="field-label")
                yield TypeAheadSelect.of(CHANNELS, what="channel", value="email", id="o-channel")
            with Horizontal(classes="filters"):
                yield Label("To ", classes="field-label")
                yield Input(placeholder="name", id="o-to", compact=True)
                yield Label(" Title ", classes="field-label")
                yield Input(placeholder="their title", id="o-title", compact=True)
                yield Label(" Org ", classes="field-label")
                yield Input(placeholder="organisation", id="o-organisation", compact=True)
            with Horizontal(classes="filters"):
                yield Label("The one ask ", classes="field-label", id="o-ask-label")
                yield Input(
                    placeholder="one specific question, e.g. how you ran a budget cycle",
                    id="o-ask",
                    compact=True,
                )
            with Horizontal(classes="filters", id="o-subject-row"):
                yield Label("Subject ", classes="field-label")
                yield Input(placeholder="3-6 words (email)", id="o-subject", compact=True)
        with Horizontal(id="o-main"):
            body = TextArea("", id="o-body", soft_wrap=True, show_line_numbers=False)
            body.border_title = "Message"
            yield body
            yield LintPanel(id="o-lint")
        yield Static("", id="o-status")
        yield self.generator

    # ----------------------------------------------------------------- data

    def load(self) -> Any:
        store = self.papp.store
        return OutreachData(store.load_plan(), store.list_outreach())

    def show(self, data: Any) -> None:
        self.data = data
        select = self.query_one("#o-saved", Select)
        options = []
        for d in sorted(data.saved, key=lambda d: (d.created, d.id), reverse=True):
            state = d.status + (f" {d.sent_on:%b %d}" if d.sent_on else "")
            options.append(
                (Content(one_line(f"{d.to or '?'} · {d.outreach_kind} · {state}", 60)), d.id)
            )
        with select.prevent(Select.Changed):
            value = select.value
            select.set_options(options)
            if isinstance(value, str) and any(v == value for _, v in options):
                select.value = value
        if not self._restored:
            self._restored = True
            form = self.papp.guard(lambda: drafts.load(self.papp.store, FORM_DRAFT))
            if form:
                self._fill(form)
                self._written = ("", "")  # unsaved text: the user's until shown otherwise
                self._say("Restored your unsaved message.")
        self._lint_now()

    @on(Input.Changed)
    def _field_changed(self, event: Input.Changed) -> None:
        if event.input.id == "o-to" and not self._filling:
            self._recipient_changed(event.value)
        if event.input.id in ("o-subject",):
            self._lint_soon()
        else:
            self._refresh_status()
        self._keep_form()

    @on(TextArea.Changed, "#o-body")
    def _body_changed(self) -> None:
        if not self.generator.running:
            self._lint_soon()
            self._keep_form()
            if self._replaced is not None:
                self.refresh_bindings()  # "Undo redraft" only while the redraft stands

    @on(Select.Changed, "#o-kind, #o-channel")
    def _kind_changed(self) -> None:
        self._fit_form()
        self._lint_now()
        self._keep_form()

    def _fit_form(self) -> None:
        """The fields the kind and channel use: a subject only for email; "the one ask"
        only for kinds built around one (otherwise it is optional)."""
        channel = self.query_one("#o-channel", Select).value
        self.query_one("#o-subject-row").display = channel == "email"
        kind = outreach_kind(str(self.query_one("#o-kind", Select).value))
        label = "The one ask " if needs_ask(kind) else "Ask (optional) "
        self.query_one("#o-ask-label", Label).update(label)

    @on(Select.Changed, "#o-saved")
    def _open_saved(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str):
            if not self._filling:  # "new message" chosen: a blank form, a new draft
                self.action_new()
            return
        if self.data is None:
            return
        d = next((x for x in self.data.saved if x.id == event.value), None)
        if d is None:
            return
        self._fill(
            {
                "to": d.to,
                "title": d.title,
                "organisation": d.organisation,
                "ask": d.ask,
                "subject": d.subject,
                "body": d.body,
                "kind": d.outreach_kind,
                "channel": d.channel,
                "mentor": d.mentor,
                "id": d.id,
            }
        )
        sent = f", sent {d.sent_on}" if d.sent_on else ""
        self._say(f"Opened {d.id} ({d.status}{sent}).")

    # ------------------------------------------------------------- generate

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.generator.running
        if action == "generate":
            return None if self.generator.running else True
        if action == "undo_redraft":
            # only while the redraft stands as written; otherwise ctrl+z is the text's undo
            body = self.query_one("#o-body", TextArea).text
            return self._replaced is not None and body == self._written[0]
        return True

    def action_undo_redraft(self) -> None:
        """Put back the message (and subject) the last draft replaced."""
        if self._replaced is None:
            return
        body, subject = self._replaced
        self._replaced = None
        self.query_one("#o-body", TextArea).text = body
        self.query_one("#o-subject", Input).value = subject
        self._written = ("", "")  # the user's text again
        self.refresh_bindings()
        self._say("Put back the message the draft replaced; ctrl+g drafts again.")

    def _request(self) -> Any:
        from prepcoach.services import OutreachRequest

        values = self.form()
        to = values["to"].strip()
        if not to:
            raise PrepcoachError("who is it to? Fill in To.")
        kind = outreach_kind(str(values["kind"]))
        ask = values["ask"].strip()
        if needs_ask(kind) and not ask:
            raise PrepcoachError("write the one ask first: one specific, tactical question.")
        mentor = self.mentor
        if mentor is None and self.data is not None:
            match = mentor_for(self.data.plan.mentors, to)
            mentor = match.id if match else None
        return OutreachRequest(
            to=to,
            ask=ask,
            title=values["title"].strip(),
            organisation=values["organisation"].strip(),
            channel=str(values["channel"]),
            kind=kind,
            mentor=mentor,
            context=self.context,
            today=self.papp.today,
            recommendation=self.recommendation,
        )

    def action_generate(self) -> None:
        if self.generator.running:
            return
        req = self.papp.guard(self._request, "Cannot draft")
        if req is None:
            return
        body = self.query_one("#o-body", TextArea).text
        edited = bool(body.strip()) and body != self._written[0]
        replace_edited(self, edited, "message", lambda: self._start(req))

    def _start(self, req: Any) -> None:
        body = self.query_one("#o-body", TextArea)
        self._body_before = body.text
        self._subject_before = self.query_one("#o-subject", Input).value
        self._write_form()
        self.generator.start(
            gen.streamed(lambda s: s.outreach, req, preview=lambda s: s.preview_outreach)
        )
        self.refresh_bindings()
        body.text = ""
        body.read_only = True
        self._status(gen.working("Drafting"))

    @on(gen.GenerationPreview)
    def _show_preview(self, event: gen.GenerationPreview) -> None:
        self._status(gen.working("Drafting", event.preview))

    @on(gen.GenerationText)
    def _streamed(self, event: gen.GenerationText) -> None:
        if self.generator.running:  # once it ends, the body is the result or the old text
            body = self.query_one("#o-body", TextArea)
            body.insert(sanitize(event.text), body.document.end)

    def _stopped(self) -> None:
        self.query_one("#o-body", TextArea).read_only = False
        self.refresh_bindings()

    def _restore_text(self) -> None:
        self.query_one("#o-body", TextArea).text = self._body_before
        self.query_one("#o-subject", Input).value = self._subject_before

    def action_leave(self) -> None:
        self.set_focus(None)  # 1-7 switch screens again

    def action_cancel(self) -> None:
        if self.generator.cancel() is not None:
            self._stopped()

    @on(gen.GenerationCancelled)
    def _cancelled(self, event: gen.GenerationCancelled) -> None:
        self._stopped()
        self._restore_text()
        said = "Cancelled. Your text is as it was." if event.by_user else "Cancelled."
        self._say(Content.styled(said, "$warning"))

    @on(gen.GenerationFailed)
    def _failed(self, event: gen.GenerationFailed) -> None:
        self._stopped()
        self._restore_text()
        self.papp.fail(event.error, "Message not drafted")
        self._say(Content.styled("Failed; your text is as it was.", "$error"))

    @on(gen.GenerationFinished)
    def _finished(self, event: gen.GenerationFinished) -> None:
        self._stopped()
        result = event.result
        draft: OutreachDraft = result.draft
        body = self.query_one("#o-body", TextArea)
        body.text = sanitize(draft.body)
        typed = self._subject_before
        keep_subject = bool(typed.strip()) and typed != self._written[1]
        subject = typed if keep_subject else sanitize(draft.subject)
        self.query_one("#o-subject", Input).value = subject
        self._written = (body.text, subject)
        # one step back: ctrl+z puts back the text this draft replaced
        before = (self._body_before, self._subject_before)
        self._replaced = before if before[0].strip() and before[0] != body.text else None
        self.refresh_bindings()
        self._base = draft
        self._lint_now()
        engine = "offline engine" if draft.engine in ("", "offline") else draft.model or "model"
        failing = self.query_one("#o-lint", LintPanel).failed
        tail = (
            f"{plural(len(failing), 'rule')} to fix, see Rules." if failing else "All rules pass."
        )
        kept = " Kept your subject (clear it for a new one)." if keep_subject else ""
        undo = " ctrl+z brings back the text it replaced." if self._replaced else ""
        rejected = self.rejected_line(result)
        if rejected:
            self._say(Content.styled(f"{rejected} {tail}{kept}{undo}", "$warning"))
            self.notify(rejected, title="Offline draft used", severity="warning", markup=False)
        else:
            drafted = f"Drafted by {engine} ({plural(result.attempts, 'attempt')})."
            self._say(plain(f"{drafted} {tail}{kept}{undo}"))
        self._keep_form()
        self.query_one("#o-body", TextArea).focus()
