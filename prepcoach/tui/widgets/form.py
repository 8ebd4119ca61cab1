"""A keyboard form: one labelled row per field (a line of text, a number, a date, one
choice or several), ``enter`` moving to the next field. The values come back as typed
(never stripped or rewritten here); the caller parses and checks them.

``FormFields`` is the widget (the first-run setup shows one per step); ``FormScreen``
is the modal the Plan screen opens for each edit: ``ctrl+s`` saves, ``escape`` closes
(asking first when something was typed), and an error from saving is shown in the form
with everything typed kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, SelectionList, Static

from prepcoach.errors import PrepcoachError
from prepcoach.tui.keymap import keys
from prepcoach.tui.text import plain
from prepcoach.tui.widgets.dialog import Dialog

INPUT_KINDS = ("text", "int", "date", "time")


@dataclass(frozen=True)
class Field:
    """One form field. ``kind``: text, int, date, time (a line of text each), choice (one
    of ``options``) or multi (any of ``options``); ``options`` are (label, value)."""

    key: str
    label: str
    kind: str = "text"
    value: Any = ""
    options: tuple[tuple[str, str], ...] = ()
    placeholder: str = ""


class FormFields(Vertical):
    """The rows of a form. ``values()`` is what is in them now; enter in a line of text
    moves to the next field, and in the last field posts ``Submitted``. With ``focus``
    the first field takes the focus once the rows are mounted (not before: a form shown
    in place of another one has no rows yet when it is mounted)."""

    class Submitted(Message):
        pass

    def __init__(self, fields: list[Field], *, id: str | None = None, focus: bool = False) -> None:
        super().__init__(id=id, classes="form")
        self.fields = fields
        self.focus_on_mount = focus

    def on_mount(self) -> None:
        # Mount comes after compose's rows are mounted, so the first field exists here
        if self.focus_on_mount:
            self.focus_first()

    def compose(self) -> ComposeResult:
        for f in self.fields:
            with Horizontal(classes=f"form-row form-{f.kind}"):
                yield Label(plain(f.label), classes="form-label")
                yield self._control(f)

    def _control(self, f: Field) -> Widget:
        wid = f"f-{f.key}"
        if f.kind == "choice":
            options = [(plain(label), value) for label, value in f.options]
            return Select(options, value=f.value, allow_blank=False, id=wid, compact=True)
        if f.kind == "multi":
            chosen = set(f.value or ())
            return SelectionList[str](
                *((plain(label), value, value in chosen) for label, value in f.options),
                id=wid,
                compact=True,
            )
        return Input(
            str(f.value or ""),
            placeholder=f.placeholder,
            type="integer" if f.kind == "int" else "text",
            id=wid,
            compact=True,
        )

    def control(self, key: str) -> Widget:
        return self.query_one(f"#f-{key}")

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            widget = self.control(f.key)
            if isinstance(widget, Select):
                out[f.key] = widget.value
            elif isinstance(widget, SelectionList):
                out[f.key] = list(widget.selected)
            elif isinstance(widget, Input):
                out[f.key] = widget.value
        return out

    def initial(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            if f.kind == "multi":
                out[f.key] = list(f.value or ())
            elif f.kind in INPUT_KINDS:
                out[f.key] = str(f.value or "")
            else:
                out[f.key] = f.value
        return out

    def changed(self) -> bool:
        now, then = self.values(), self.initial()
        return any(
            sorted(now[k]) != sorted(then[k]) if isinstance(now[k], list) else now[k] != then[k]
            for k in now
        )

    def focus_first(self) -> None:
        if self.fields:
            self.control(self.fields[0].key).focus()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        self.enter_from(event.input)

    def enter_from(self, field: Input) -> None:
        """Enter in ``field``: on to the next field, or ``Submitted`` from the last."""
        if field.id == f"f-{self.fields[-1].key}":
            self.post_message(self.Submitted())
        else:
            self.screen.focus_next()


class EnterMovesOn:
    """For a screen holding ``FormFields``: enter in a line of text moves on as the key
    arrives (a priority key, run before the next key is routed), so text typed straight
    after it, as fast as a paste or a script types, lands in the next field, not this one."""

    focused: Any

    def _form_input(self) -> tuple[FormFields, Input] | None:
        field = self.focused
        if not isinstance(field, Input):
            return None
        form = next((a for a in field.ancestors if isinstance(a, FormFields)), None)
        return (form, field) if form is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":
            return self._form_input() is not None  # elsewhere enter does its own work
        return True

    def action_next_field(self) -> None:
        found = self._form_input()
        if found is not None:
            found[0].enter_from(found[1])


class FormScreen(EnterMovesOn, Dialog[Any]):
    """A form in a modal. ``submit(values)`` saves (raising PrepcoachError to refuse,
    shown in the form); the screen is dismissed with what ``submit`` returned, or None
    when closed without saving."""

    BINDINGS: ClassVar[list[BindingType]] = keys("form")

    def __init__(
        self,
        title: str,
        fields: list[Field],
        submit: Callable[[dict[str, Any]], Any],
        *,
        note: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.submit = submit
        self.note = note

    def compose_dialog(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(plain(self.title_text, "bold"), id="form-title")
            if self.note:
                yield Static(plain(self.note, "italic"), classes="form-note")
            with VerticalScroll(id="form-scroll"):
                yield FormFields(self.fields, focus=True)
            yield Static("", id="form-error")
            yield Static(
                Content.styled("enter next field · ctrl+s save · escape close", "dim"),
                classes="form-keys",
            )

    @property
    def form(self) -> FormFields:
        return self.query_one(FormFields)

    @on(FormFields.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        self.after_typing(self._save_form)

    def _save_form(self) -> None:
        try:
            result = self.submit(self.form.values())
        except (PrepcoachError, OSError, ValueError) as exc:
            self.query_one("#form-error", Static).update(plain(f"✗ {exc}", "$error"))
            return
        self.dismiss(result)

    def action_close(self) -> None:
        if not self.form.changed():
            self.dismiss(None)
            return
        from prepcoach.tui.widgets.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Close without saving?",
                [],
                "What you typed in this form is not saved. Close it anyway?",
                yes="Close",
            ),
            answered,
        )
