"""Outreach: a short first request (or recommendation, renewal, wind-down, follow-up)
with one ask. The draft streams in; the rules panel checks it live as you edit;
regenerate, copy, save, mark as sent. The form is kept in drafts/outreach.json."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from prepcoach.errors import PrepcoachError
from prepcoach.lint import plural
from prepcoach.models import OUTREACH_KINDS, OutreachDraft, Plan
from prepcoach.tui import drafts
from prepcoach.tui.generation import Job, money
from prepcoach.tui.screens.base import BaseScreen
from prepcoach.tui.screens.loading import WaitForData
from prepcoach.tui.text import one_line, plain, sanitize
from prepcoach.tui.widgets.lint_panel import LintPanel

FORM_DRAFT = "outreach"
NEW = "__new__"
CHANNELS = ("email", "linkedin", "slack")
FIELDS = ("to", "title", "organisation", "ask", "subject")


@dataclass
class OutreachData:
    plan: Plan
    saved: list[OutreachDraft]


class OutreachScreen(WaitForData, BaseScreen):
    LABEL = "Outreach"
    MODE = "outreach"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+g", "generate", "Generate", tooltip="Draft (or redraft) the message"),
        Binding("escape", "cancel", "Cancel", tooltip="Stop the generation; your text is kept"),
        Binding("escape", "leave", "Leave field", show=False, tooltip="Then 1-6 switch screens"),
        Binding("ctrl+s", "save", "Save", tooltip="Save this draft"),
        Binding("ctrl+t", "copy", "Copy", tooltip="Copy subject and message to the clipboard"),
        Binding("ctrl+b", "mark_sent", "Mark sent", tooltip="Mark as sent (starts the reminder)"),
        Binding("ctrl+n", "new", "New", show=False, tooltip="Start a new message"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: OutreachData | None = None
        self.current: OutreachDraft | None = None  # the saved draft being edited, if any
        self.mentor: str | None = None
        self.context = ""
        self.recommendation = ""  # wind-down: the review's recommendation it goes with
        self.job: Job | None = None
        self._body_before = ""
        self._subject_before = ""
        self._flush_timer: Timer | None = None
        self._lint_timer: Timer | None = None
        self._form_timer: Timer | None = None
        self._filling = False
        self._restored = False
        self._base: OutreachDraft | None = None  # last generated draft (engine, model)
        self._pending_form: dict[str, Any] | None = None
        # the form as it was when the status line last said something about it; once the
        # text differs, the status line describes the text as it is now
        self._said_for: tuple[Any, ...] | None = None
        self._said: str | Content = ""

    def compose_body(self) -> Iterable[Widget]:
        with Vertical(id="o-form"):
            with Horizontal(classes="filters"):
                yield Label("Draft ", classes="field-label")
                yield Select[str]([], prompt="new message", id="o-saved", compact=True)
                yield Label(" Kind ", classes="field-label")
                yield Select[str](
                    [(Content(k), k) for k in OUTREACH_KINDS],
                    value="first-request",
                    allow_blank=False,
                    id="o-kind",
                    compact=True,
                )
                yield Label(" via ", classes="field-label")
                yield Select[str](
                    [(Content(c), c) for c in CHANNELS],
                    value="email",
                    allow_blank=False,
                    id="o-channel",
                    compact=True,
                )
            with Horizontal(classes="filters"):
                yield Label("To ", classes="field-label")
                yield Input(placeholder="name", id="o-to", compact=True)
                yield Label(" Title ", classes="field-label")
                yield Input(placeholder="their title", id="o-title", compact=True)
                yield Label(" Org ", classes="field-label")
                yield Input(placeholder="organisation", id="o-organisation", compact=True)
            with Horizontal(classes="filters"):
                yield Label("The one ask ", classes="field-label")
                yield Input(
                    placeholder="one specific, tactical question "
                    "(e.g. how you ran your first budget cycle)",
                    id="o-ask",
                    compact=True,
                )
            with Horizontal(classes="filters"):
                yield Label("Subject ", classes="field-label")
                yield Input(placeholder="3-6 words (email)", id="o-subject", compact=True)
        with Horizontal(id="o-main"):
            body = TextArea("", id="o-body", soft_wrap=True, show_line_numbers=False)
            body.border_title = "Message"
            yield body
            yield LintPanel(id="o-lint")
        yield Static("", id="o-status")

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
                self._say("Restored your unsaved message.")
        self._lint_now()

    # ----------------------------------------------------------------- form

    def _fill(self, values: dict[str, Any]) -> None:
        """Set form fields from ``values`` (keys: to, title, organisation, ask, subject,
        body, kind, channel, mentor, context, id)."""
        self._filling = True
        try:
            for name in FIELDS:
                if name in values:
                    widget = self.query_one(f"#o-{name}", Input)
                    widget.value = sanitize(values.get(name) or "")
            if "body" in values:
                self.query_one("#o-body", TextArea).text = sanitize(values.get("body") or "")
            if values.get("kind") in OUTREACH_KINDS:
                self.query_one("#o-kind", Select).value = values["kind"]
            if values.get("channel") in CHANNELS:
                self.query_one("#o-channel", Select).value = values["channel"]
            self.mentor = values.get("mentor") or None
            self.context = str(values.get("context") or "")
            self.recommendation = str(values.get("recommendation") or "")
            saved_id = values.get("id")
            self.current = None
            if saved_id and self.data:
                self.current = next((d for d in self.data.saved if d.id == saved_id), None)
        finally:
            self._filling = False
        self._lint_now()

    def form(self) -> dict[str, Any]:
        values: dict[str, Any] = {n: self.query_one(f"#o-{n}", Input).value for n in FIELDS}
        values["body"] = self.query_one("#o-body", TextArea).text
        values["kind"] = self.query_one("#o-kind", Select).value
        values["channel"] = self.query_one("#o-channel", Select).value
        values["mentor"] = self.mentor
        values["context"] = self.context
        values["id"] = self.current.id if self.current else None
        return values

    def prefill(self, **values: Any) -> None:
        """Open with fields set (from Review, Dashboard or Team)."""
        note = values.pop("note", "")
        blank: dict[str, Any] = dict.fromkeys(FIELDS, "")
        blank.update(body="", id=None)
        self._fill({**blank, **values})
        select = self.query_one("#o-saved", Select)
        with select.prevent(Select.Changed):
            select.clear()
        self._keep_form()
        if note:
            drafted = bool(str(values.get("body") or "").strip())
            self._say(
                note
                + (
                    ". ctrl+s saves it; ctrl+g writes it again."
                    if drafted
                    else ". ctrl+g drafts it."
                )
            )
        target = "#o-to" if not values.get("to") else "#o-ask"
        self.query_one(target, Input).focus()

    def _keep_form(self) -> None:
        if self._filling:
            return
        values = self.form()
        if self._form_timer is not None:
            self._form_timer.stop()
        self._pending_form = values
        self._form_timer = self.set_timer(0.3, self._write_form)

    def _write_form(self) -> None:
        values = self._pending_form
        self._pending_form = None
        if values is None:
            return
        if not any(str(values.get(k) or "").strip() for k in (*FIELDS, "body")):
            self.papp.guard(lambda: drafts.discard(self.papp.store, FORM_DRAFT))
            return
        self.papp.guard(lambda: drafts.save(self.papp.store, FORM_DRAFT, values), "Draft")

    def on_unmount(self) -> None:
        self._write_form()

    @on(Input.Changed)
    def _field_changed(self, event: Input.Changed) -> None:
        if event.input.id == "o-to" and not self._filling:
            self._recipient_changed(event.value)
        if event.input.id in ("o-subject",):
            self._lint_soon()
        else:
            self._refresh_status()
        self._keep_form()

    def _recipient_changed(self, to: str) -> None:
        """Another recipient is another message: the saved draft (and whatever was tied
        to its recipient: mentor, referrer context, review recommendation) is let go, so
        saving makes a new draft and never rewrites the old one's recipient."""
        old = self.current
        if old is not None and " ".join(to.lower().split()) != " ".join(old.to.lower().split()):
            self.current = None
            self._base = None
            self.mentor = None
            self.context = ""
            self.recommendation = ""
            select = self.query_one("#o-saved", Select)
            with select.prevent(Select.Changed):
                select.clear()
            self._say(f"New message; the saved draft to {old.to} stays as it was.")
        elif old is None and self.mentor is not None and self.data is not None:
            m = self.data.plan.mentor(self.mentor)
            if m is not None and m.name.lower() != to.strip().lower():
                self.mentor = None
                self.context = ""
                self.recommendation = ""

    @on(TextArea.Changed, "#o-body")
    def _body_changed(self) -> None:
        if self.job is None:
            self._lint_soon()
            self._keep_form()

    @on(Select.Changed, "#o-kind, #o-channel")
    def _kind_changed(self) -> None:
        self._lint_now()
        self._keep_form()

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

    def _lint_soon(self) -> None:
        if self._lint_timer is not None:
            self._lint_timer.stop()
        self._lint_timer = self.set_timer(0.12, self._lint_now)

    def _lint_now(self) -> None:
        if self._lint_timer is not None:
            self._lint_timer.stop()
            self._lint_timer = None
        kind = self.query_one("#o-kind", Select).value
        channel = self.query_one("#o-channel", Select).value
        self.query_one("#o-lint", LintPanel).check(
            self.query_one("#o-body", TextArea).text,
            subject=self.query_one("#o-subject", Input).value,
            channel=str(channel),
            kind=str(kind),
        )
        self._refresh_status()

    def _status(self, text: str | Content) -> None:
        self.query_one("#o-status", Static).update(
            text if isinstance(text, Content) else plain(text, "dim")
        )

    def _form_state(self) -> tuple[Any, ...]:
        values = self.form()
        return tuple(str(values.get(k) or "") for k in (*FIELDS, "body", "kind", "channel"))

    def _say(self, text: str | Content) -> None:
        """Show ``text`` on the status line; it stands until the form is edited."""
        self._status(text)
        self._said = text
        self._said_for = self._form_state()

    def _refresh_status(self) -> None:
        """After an edit: the status line describes the message as it is now."""
        if self.job is not None:
            return
        if self._form_state() == self._said_for:
            self._status(self._said)  # back as it was (e.g. an edit undone)
        else:
            self._status(self.text_status())

    def text_status(self) -> Content:
        """What the status line says about the message as it is now."""
        panel = self.query_one("#o-lint", LintPanel)
        body = self.query_one("#o-body", TextArea).text
        if self.current is not None:
            head = f"Edited since {self.current.id} was saved ({self.current.status}), not saved. "
        else:
            head = "Not saved yet. "
        if not body.strip():
            return Content.assemble(plain(head, "dim"), plain("ctrl+g drafts the message.", "dim"))
        failed = panel.failed
        if failed:
            rules = f"✗ {plural(len(failed), 'rule')} to fix: {', '.join(failed)}"
            return Content.assemble(plain(head, "dim"), plain(rules, "$warning"))
        return Content.assemble(plain(head, "dim"), plain("✓ All rules pass.", "$success"))

    # ------------------------------------------------------------- generate

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.job is not None
        if action == "generate":
            return None if self.job is not None else True
        return True

    def _request(self) -> Any:
        from prepcoach.services import OutreachRequest

        values = self.form()
        to = values["to"].strip()
        if not to:
            raise PrepcoachError("who is it to? Fill in To.")
        kind = str(values["kind"])
        ask = values["ask"].strip()
        if kind in ("first-request", "recommendation") and not ask:
            raise PrepcoachError("write the one ask first: one specific, tactical question.")
        mentor = self.mentor
        if mentor is None and self.data is not None:
            match = next((m for m in self.data.plan.mentors if m.name.lower() == to.lower()), None)
            mentor = match.id if match else None
        return OutreachRequest(
            to=to,
            ask=ask,
            title=values["title"].strip(),
            organisation=values["organisation"].strip(),
            channel=str(values["channel"]),
            kind=kind,  # type: ignore[arg-type]  # checked by the outreach service
            mentor=mentor,
            context=self.context,
            today=self.papp.today,
            recommendation=self.recommendation,
        )

    def action_generate(self) -> None:
        if self.job is not None:
            return
        try:
            req = self._request()
        except PrepcoachError as exc:
            self.papp.fail(exc, "Cannot draft")
            return
        body = self.query_one("#o-body", TextArea)
        self._body_before = body.text
        self._subject_before = self.query_one("#o-subject", Input).value
        self._write_form()
        job = Job()
        self.job = job
        self.refresh_bindings()
        body.text = ""
        body.read_only = True
        self._status(Content.assemble(("Drafting… ", "$accent bold"), ("esc cancels", "dim")))
        self._flush_timer = self.set_interval(1 / 15, self._flush)
        self.run_worker(lambda: self._generate(job, req), thread=True, group="gen")

    def _generate(self, job: Job, req: Any) -> None:
        from prepcoach.services import Cancelled

        app = self.papp
        try:
            services = app.services
            if app.settings.use_llm:
                preview = services.preview_outreach(req)
                app.call_from_thread(self._show_preview, job, preview)
            result = services.outreach(req, on_text=job.on_text, cancel=job.cancel)
        except Cancelled:
            app.call_from_thread(self._finished, job, None, None)
            return
        except Exception as exc:
            app.call_from_thread(self._finished, job, None, exc)
            return
        app.call_from_thread(self._finished, job, result, None)

    def _show_preview(self, job: Job, preview: Any) -> None:
        if job is self.job:
            self._status(
                Content.assemble(
                    ("Drafting… ", "$accent bold"),
                    plain(
                        f"{preview.model}: {preview.prompt_tokens:,} prompt tokens, "
                        f"{money(preview.estimated_cost_usd)} · "
                    ),
                    ("esc cancels", "dim"),
                )
            )

    def _flush(self) -> None:
        if self.job is None:
            return
        text = self.job.drain()
        if text:
            body = self.query_one("#o-body", TextArea)
            body.insert(sanitize(text), body.document.end)

    def _stop_job(self) -> None:
        if self._flush_timer is not None:
            self._flush_timer.stop()
            self._flush_timer = None
        self.job = None
        self.query_one("#o-body", TextArea).read_only = False
        self.refresh_bindings()

    def _restore_text(self) -> None:
        self.query_one("#o-body", TextArea).text = self._body_before
        self.query_one("#o-subject", Input).value = self._subject_before

    def action_leave(self) -> None:
        self.set_focus(None)  # 1-6 switch screens again

    def action_cancel(self) -> None:
        if self.job is None:
            return
        self.job.cancel.set()
        self._stop_job()
        self._restore_text()
        self._say(Content.styled("Cancelled. Your text is as it was.", "$warning"))

    def _finished(self, job: Job, result: Any, error: BaseException | None) -> None:
        if job is not self.job:
            return
        self._stop_job()
        if result is None:
            self._restore_text()
            if error is not None:
                self.papp.fail(error, "Message not drafted")
                self._say(Content.styled("Failed; your text is as it was.", "$error"))
            else:
                self._say(Content.styled("Cancelled.", "$warning"))
            return
        draft: OutreachDraft = result.draft
        self.query_one("#o-body", TextArea).text = sanitize(draft.body)
        self.query_one("#o-subject", Input).value = sanitize(draft.subject)
        self._base = draft
        self._lint_now()
        engine = "offline engine" if draft.engine in ("", "offline") else draft.model or "model"
        failing = self.query_one("#o-lint", LintPanel).failed
        tail = (
            f"{plural(len(failing), 'rule')} to fix, see Rules." if failing else "All rules pass."
        )
        self._say(plain(f"Drafted by {engine} ({plural(result.attempts, 'attempt')}). {tail}"))
        self._keep_form()
        self.query_one("#o-body", TextArea).focus()

    # --------------------------------------------------------------- saving

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
        self._pending_form = None
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
        if self.job is not None:
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
        if self.job is not None:
            return
        self.prefill(kind="first-request", channel="email")
        self._say("New message.")
