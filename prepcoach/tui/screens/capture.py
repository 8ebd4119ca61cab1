"""After the meeting: notes, answered questions (this session's, and questions still open
from earlier sessions with this mentor), action items (owner, due) and objective progress
for one session. Returns a ``Captured`` (History saves it).

What is typed and ticked is kept in ``<data dir>/drafts/capture-<session>.json`` (written
0.3 s after the last change, and when the screen closes) and restored when the capture
is opened again; History discards it once the session is saved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Button, Checkbox, Input, OptionList, Static, TextArea

from prepcoach.models import ActionItem, Objective, ObjectiveProgress, Session
from prepcoach.tui import drafts
from prepcoach.tui.keymap import keys
from prepcoach.tui.text import Hanging, one_line, plain, sanitize
from prepcoach.tui.widgets.dialog import Dialog
from prepcoach.tui.widgets.later import Later

if TYPE_CHECKING:
    from prepcoach.agenda import CarryOver


@dataclass
class Captured:
    """What the capture screen returns: the session with its notes, and the earlier
    questions (from other sessions) the user marked as answered now."""

    session: Session
    resolved_earlier: list[CarryOver] = field(default_factory=list)


class WrappingCheckbox(Checkbox):
    """A checkbox whose label wraps onto as many lines as it needs (a question's words
    are never cut)."""

    def render(self) -> Hanging:  # type: ignore[override]
        content = super().render()
        assert isinstance(content, Content)
        cut = max(content.plain.find(self._label.plain), 0)  # the box before the label
        return Hanging.of([(content[:cut], content[cut:])])

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, self.render().get_height(self.styles, width))  # type: ignore[arg-type]


class ActionList(OptionList):
    """The session's action items: delete removes the highlighted one; insert (or
    typing) starts a new one at the cursor, before the highlighted action."""

    BINDINGS: ClassVar[list[BindingType]] = keys("action_list")

    def action_remove(self) -> None:
        screen = self.screen
        if isinstance(screen, CaptureScreen) and self.highlighted is not None:
            screen.remove_action(self.highlighted)

    def action_insert_here(self, text: str = "") -> None:
        screen = self.screen
        if isinstance(screen, CaptureScreen):
            screen.start_action(self.highlighted, text)

    def on_key(self, event: events.Key) -> None:
        """A printable key starts the new action with it (no keystroke is lost)."""
        if event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            self.action_insert_here(event.character)


class CaptureScreen(Dialog[Captured | None]):
    LABEL = "Capture"
    BINDINGS: ClassVar[list[BindingType]] = keys("capture")

    def __init__(
        self,
        session: Session,
        mentor_name: str,
        objectives: list[Objective],
        today: dt.date,
        earlier: list[CarryOver] | None = None,
    ) -> None:
        super().__init__()
        self.session = session.model_copy(deep=True)
        # questions still open from earlier sessions with this mentor (carried over)
        self.earlier = [c for c in earlier or [] if c.kind == "question"]
        self.mentor_name = mentor_name
        self.objectives = objectives
        self.today = today
        # the session's action items, then the ones added here (which can be removed, or
        # inserted at the cursor among themselves; the saved ones are changed in History)
        self.actions: list[ActionItem] = list(self.session.action_items)
        self.saved_actions = len(self.actions)
        self._insert_at: int | None = None  # where the next action goes (None: the end)
        self._draft_name = f"capture-{session.id}"
        # the form as typed, written once a burst of typing settles
        self._drafts: Later[dict[str, Any]] = Later(self, 0.3, self._write_draft)
        self._blank: dict[str, Any] | None = None  # the form as opened, nothing typed

    def compose_dialog(self) -> ComposeResult:
        s = self.session
        with Vertical(id="capture"):
            yield Static(
                Content.assemble(
                    ("After the meeting · ", "bold"),
                    plain(f"{self.mentor_name}, {s.date.isoformat()}", "bold"),
                    ("   ctrl+s save · esc close", "dim"),
                ),
                id="capture-title",
            )
            with VerticalScroll():
                yield Static("Notes", classes="label")
                yield TextArea(s.notes, id="c-notes", soft_wrap=True)
                open_q = [(i, q) for i, q in enumerate(s.questions)]
                if open_q:
                    yield Static("Questions answered", classes="label")
                    for i, q in open_q:
                        yield WrappingCheckbox(
                            plain(one_line(q.text)), q.resolved, id=f"c-q{i}", compact=True
                        )
                if self.earlier:
                    yield Static("Earlier questions answered now", classes="label")
                    for i, c in enumerate(self.earlier):
                        yield WrappingCheckbox(
                            Content.assemble(
                                plain(one_line(c.text)), (f"  ← {c.source}", "dim italic")
                            ),
                            False,
                            id=f"c-e{i}",
                            compact=True,
                        )
                yield Static(
                    "Action items (enter adds; on the list: delete removes, insert adds here)",
                    classes="label",
                )
                yield ActionList(id="c-actions", compact=True)
                with Horizontal(classes="row"):
                    # focus never selects the text: the key that started an action stays
                    yield Input(
                        placeholder="action", id="c-act", compact=True, select_on_focus=False
                    )
                    yield Input("me", placeholder="owner", id="c-owner", compact=True)
                    yield Input(placeholder="due YYYY-MM-DD", id="c-due", compact=True)
                if self.objectives:
                    yield Static("Objective progress", classes="label")
                    done = {p.objective_id: p for p in s.objective_progress}
                    for o in self.objectives:
                        with Horizontal(classes="row"):
                            yield Checkbox(
                                Content(one_line(o.title, 36)),
                                o.id in done and done[o.id].progressed,
                                id=f"c-o-{o.id}",
                                compact=True,
                            )
                            yield Input(
                                done[o.id].note if o.id in done else "",
                                placeholder="what moved",
                                id=f"c-on-{o.id}",
                                compact=True,
                            )
            with Horizontal(classes="buttons"):
                yield Button("Save", id="c-save", variant="primary", compact=True)
                yield Button("Close", id="c-cancel", compact=True)

    def on_mount(self) -> None:
        self._blank = self._draft_payload()
        draft = drafts.load(self.app.store, self._draft_name)  # type: ignore[attr-defined]
        if draft:
            self._restore(draft)
            self.notify("Restored what you typed last time.", markup=False)
        self._show_actions()
        self.query_one("#c-notes", TextArea).focus()

    def _restore(self, draft: dict[str, Any]) -> None:
        self.query_one("#c-notes", TextArea).text = str(draft.get("notes", ""))
        for raw in draft.get("new_actions", []):
            try:
                self.actions.append(ActionItem.model_validate(raw))
            except ValueError:
                continue
        ticked = {str(t) for t in draft.get("resolved_earlier", [])}
        for i, c in enumerate(self.earlier):
            if c.text in ticked:
                self.query_one(f"#c-e{i}", Checkbox).value = True
        answered = draft.get("answered")
        if isinstance(answered, dict):
            for i, q in enumerate(self.session.questions):
                if q.text in answered:
                    self.query_one(f"#c-q{i}", Checkbox).value = bool(answered[q.text])
        progress = draft.get("progress")
        if isinstance(progress, dict):
            for o in self.objectives:
                entry = progress.get(o.id)
                if isinstance(entry, dict):
                    self.query_one(f"#c-o-{o.id}", Checkbox).value = bool(entry.get("moved"))
                    self.query_one(f"#c-on-{o.id}", Input).value = str(entry.get("note", ""))
        pending = draft.get("pending_action")
        if isinstance(pending, dict):
            for key in ("act", "owner", "due"):
                if key in pending:
                    self.query_one(f"#c-{key}", Input).value = str(pending[key])

    def _show_actions(self, highlight: int | None = None) -> None:
        options = self.query_one("#c-actions", ActionList)
        options.clear_options()
        for a in self.actions:
            due = f" (due {a.due.isoformat()})" if a.due else ""
            mark = "✓" if a.done else "·"
            line = plain(f"{mark} {sanitize(a.text)} — {sanitize(a.owner)}{due}")
            options.add_option(Hanging([line]))
        options.display = bool(self.actions)
        if self.actions and highlight is not None:
            options.highlighted = max(0, min(highlight, len(self.actions) - 1))

    @property
    def new_actions(self) -> list[ActionItem]:
        """The actions added in this capture, in their order."""
        return self.actions[self.saved_actions :]

    def remove_action(self, index: int) -> None:
        if not 0 <= index < len(self.actions):
            return
        if index < self.saved_actions:
            self.notify(
                "That action was saved before this capture: tick it done (x) in History; "
                "only the actions added here can be removed here.",
                markup=False,
            )
            return
        removed = self.actions.pop(index)
        self._insert_at = None
        self._show_actions(index)
        self.notify(f"Removed the action {removed.text!r}.", markup=False)
        self._keep_draft()

    def start_action(self, index: int | None, text: str = "") -> None:
        """Type a new action that goes in at ``index`` (before that action)."""
        # never among the saved actions: a new one goes after them
        self._insert_at = None if index is None else max(index, self.saved_actions)
        act = self.query_one("#c-act", Input)
        act.placeholder = "action (goes in at the cursor)" if index is not None else "action"
        if text:
            act.insert_text_at_cursor(text)
        act.focus()

    @on(Input.Submitted, "#c-act, #c-owner, #c-due")
    def _add_action(self) -> None:
        text = self.query_one("#c-act", Input).value.strip()
        if not text:
            self.query_one("#c-act", Input).focus()
            return
        due_raw = self.query_one("#c-due", Input).value.strip()
        due = None
        if due_raw:
            try:
                due = dt.date.fromisoformat(due_raw)
            except ValueError:
                self.notify(
                    f"Due date {due_raw!r} is not YYYY-MM-DD.", severity="error", markup=False
                )
                self.query_one("#c-due", Input).focus()
                return
        owner = self.query_one("#c-owner", Input).value.strip() or "me"
        action = ActionItem(text=sanitize(text), owner=sanitize(owner), due=due)
        at = len(self.actions) if self._insert_at is None else self._insert_at
        self.actions.insert(at, action)
        self._insert_at = None
        self.query_one("#c-act", Input).placeholder = "action"
        self.query_one("#c-act", Input).value = ""
        self.query_one("#c-due", Input).value = ""
        self.query_one("#c-act", Input).focus()
        self._show_actions(at)
        self._keep_draft()

    @on(TextArea.Changed, "#c-notes")
    def _notes_changed(self) -> None:
        self._keep_draft()

    @on(Checkbox.Changed)
    def _ticked(self) -> None:
        self._keep_draft()

    @on(Input.Changed)
    def _typed(self) -> None:
        self._keep_draft()

    def _draft_payload(self) -> dict[str, Any]:
        return {
            "notes": self.query_one("#c-notes", TextArea).text,
            "new_actions": [a.model_dump(mode="json") for a in self.new_actions],
            "resolved_earlier": [c.text for c in self.resolved_earlier()],
            "answered": {
                q.text: self.query_one(f"#c-q{i}", Checkbox).value
                for i, q in enumerate(self.session.questions)
            },
            "progress": {
                o.id: {
                    "moved": self.query_one(f"#c-o-{o.id}", Checkbox).value,
                    "note": self.query_one(f"#c-on-{o.id}", Input).value,
                }
                for o in self.objectives
            },
            "pending_action": {
                key: self.query_one(f"#c-{key}", Input).value for key in ("act", "owner", "due")
            },
        }

    def _keep_draft(self) -> None:
        """Take what is on the form now; write it shortly (a burst of typing is one
        write, not one fsync per key)."""
        if not self.is_attached:
            return
        self._drafts.put(self._draft_payload())

    def _flush_draft(self) -> None:
        """Write the pending draft now (if any)."""
        self._drafts.flush()

    def _write_draft(self, payload: dict[str, Any]) -> None:
        app: Any = self.app
        if payload == self._blank:  # nothing typed (or all of it undone): no draft
            app.guard(lambda: drafts.discard(app.store, self._draft_name), "Draft")
        else:
            app.guard(lambda: drafts.save(app.store, self._draft_name, payload), "Draft not kept")

    def on_unmount(self) -> None:
        self._flush_draft()

    def resolved_earlier(self) -> list[CarryOver]:
        """The earlier questions ticked as answered."""
        return [c for i, c in enumerate(self.earlier) if self.query_one(f"#c-e{i}", Checkbox).value]

    def result(self) -> Session:
        s = self.session
        s.notes = self.query_one("#c-notes", TextArea).text.strip()
        for i, q in enumerate(s.questions):
            box = self.query(f"#c-q{i}")
            if box:
                q.resolved = bool(box.first(Checkbox).value)
        s.action_items = [*s.action_items, *self.new_actions]
        progress = {p.objective_id: p for p in s.objective_progress}
        for o in self.objectives:
            moved = self.query_one(f"#c-o-{o.id}", Checkbox).value
            note = self.query_one(f"#c-on-{o.id}", Input).value.strip()
            if moved or note:
                progress[o.id] = ObjectiveProgress(
                    objective_id=o.id, note=sanitize(note), progressed=moved
                )
            else:
                progress.pop(o.id, None)
        s.objective_progress = list(progress.values())
        return s

    def action_save(self) -> None:
        self.after_typing(self._save_capture)

    def _save_capture(self) -> None:
        pending = self.query_one("#c-act", Input).value.strip()
        if pending:
            self._add_action()
        # on disk before the save starts; the caller discards it once the session is
        # safely saved, so a failed save loses nothing
        self._flush_draft()
        self.dismiss(Captured(self.result(), self.resolved_earlier()))

    def action_cancel(self) -> None:
        self._flush_draft()
        self.dismiss(None)

    @on(Button.Pressed, "#c-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#c-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
