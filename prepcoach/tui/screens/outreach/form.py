"""The Outreach form: its fields, kept in ``drafts/outreach.json`` as you type, the
status line and the live rules check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.content import Content
from textual.widgets import Input, Select, Static, TextArea

from prepcoach.models import OutreachDraft, Plan
from prepcoach.recipients import is_named, same_recipient
from prepcoach.text import plural
from prepcoach.tui import drafts
from prepcoach.tui.generation import GenerationController
from prepcoach.tui.screens.base import BaseScreen
from prepcoach.tui.styles import sheet
from prepcoach.tui.text import plain, sanitize
from prepcoach.tui.widgets.later import Later
from prepcoach.tui.widgets.lint_panel import LintPanel
from prepcoach.vocab import CHANNELS, OUTREACH_KINDS

FORM_DRAFT = "outreach"
FIELDS = ("to", "title", "organisation", "ask", "subject")


@dataclass
class OutreachData:
    plan: Plan
    saved: list[OutreachDraft]


class OutreachForm(BaseScreen):
    CSS_PATH = sheet(__file__, "outreach.tcss")

    def __init__(self) -> None:
        super().__init__()
        self.data: OutreachData | None = None
        self.current: OutreachDraft | None = None  # the saved draft being edited, if any
        self.mentor: str | None = None
        self.context = ""
        self.recommendation = ""  # wind-down: the review's recommendation it goes with
        self.generator = GenerationController(id="o-gen")  # the message being drafted
        self._body_before = ""
        self._subject_before = ""
        # (body, subject) as the app last wrote them (drafted, opened or restored): text
        # that differs was edited by the user, so regenerating asks first and keeps a
        # typed subject
        self._written: tuple[str, str] = ("", "")
        self._replaced: tuple[str, str] | None = None  # (body, subject) a draft replaced
        # the rules checked, and the form kept, once a burst of typing settles
        self._lint: Later[bool] = Later(self, 0.12, lambda _: self._lint_now())
        self._form_kept: Later[dict[str, Any]] = Later(self, 0.3, self._keep_values)
        self._filling = False
        self._restored = False
        self._base: OutreachDraft | None = None  # last generated draft (engine, model)
        # the form as it was when the status line last said something about it; once the
        # text differs, the status line describes the text as it is now
        self._said_for: tuple[Any, ...] | None = None
        self._said: str | Content = ""
        # the model's last draft when it still broke rules and the offline draft replaced
        # it, with what it broke: shown read-only on F3
        self.rejected: tuple[OutreachDraft, list[Any]] | None = None

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
        self._written = (
            self.query_one("#o-body", TextArea).text,
            self.query_one("#o-subject", Input).value,
        )
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
        self._form_kept.put(self.form())

    def _write_form(self) -> None:
        """Write the form kept for writing (if any) now."""
        self._form_kept.flush()

    def _keep_values(self, values: dict[str, Any]) -> None:
        if not any(str(values.get(k) or "").strip() for k in (*FIELDS, "body")):
            self.papp.guard(lambda: drafts.discard(self.papp.store, FORM_DRAFT))
            return
        self.papp.guard(lambda: drafts.save(self.papp.store, FORM_DRAFT, values), "Draft")

    def on_unmount(self) -> None:
        self._write_form()

    def _recipient_changed(self, to: str) -> None:
        """Another recipient is another message: the saved draft (and whatever was tied
        to its recipient: mentor, referrer context, review recommendation) is let go, so
        saving makes a new draft and never rewrites the old one's recipient."""
        old = self.current
        if old is not None and not same_recipient(to, old.to):
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
            if m is not None and not is_named(m, to):
                self.mentor = None
                self.context = ""
                self.recommendation = ""

    def _lint_soon(self) -> None:
        self._lint.put(True)

    def _lint_now(self) -> None:
        self._lint.drop()
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
        if self.generator.running:
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

    # ------------------------------------------------------- rejected draft

    def rejected_line(self, result: Any) -> str:
        """Keep ``result``'s rejected model draft; what to say about it ('' if none)."""
        model = result.model_draft
        self.rejected = (model, list(result.model_violations)) if model is not None else None
        if model is None:
            return ""
        broke = ", ".join(dict.fromkeys(v.rule for v in result.model_violations))
        return (
            f"The model's draft still broke {plural(len(result.model_violations), 'rule')} "
            f"({broke}) after {plural(result.attempts, 'attempt')}, so this is the offline "
            "draft, which passes every rule. F3 shows the model's draft."
        )

    def action_show_rejected(self) -> None:
        """F3: the model's draft the rules rejected, read-only (or why there is none)."""
        from prepcoach.tui.widgets.prompt import TextViewScreen

        if self.rejected is None:
            self.notify(
                "No model draft was rejected: F3 shows one when the model's draft still "
                "breaks the rules after its repairs and the offline draft replaces it.",
                markup=False,
            )
            return
        draft, violations = self.rejected
        broke = "\n".join(f"✗ {v.rule}: {v.reason}" for v in violations)
        note = f"Not used: it broke these rules, so the offline draft replaced it.\n{broke}"
        subject = f"Subject: {sanitize(draft.subject)}\n\n" if draft.subject else ""
        text = subject + sanitize(draft.body)
        self.app.push_screen(TextViewScreen("The model's draft (rejected)", note, text))
