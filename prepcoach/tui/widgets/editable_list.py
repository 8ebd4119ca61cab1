"""A list of short texts edited from the keyboard: type + enter adds; on the list, enter
edits, delete removes, shift+up / shift+down (or ctrl+up / ctrl+down) reorder, and typing
any character, digits included, starts a new item (so no keystroke is lost on the list:
the screen keys 1-7 work once escape leaves the field)."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList

from prepcoach.tui.keymap import keys
from prepcoach.tui.text import Hanging, one_line, sanitize


class ItemList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = keys("editable_list")

    def on_key(self, event: events.Key) -> None:
        """A printable key on the list starts a new item with that character, digits
        included ("5 min · ...", "2 more hires"): typed text never switches screens."""
        parent = self.parent
        if not (event.is_printable and event.character and isinstance(parent, EditableList)):
            return
        event.stop()
        event.prevent_default()
        parent.start_add(event.character)

    def action_edit(self) -> None:
        parent = self.parent
        if isinstance(parent, EditableList):
            parent.edit(self.highlighted)

    def action_remove(self) -> None:
        parent = self.parent
        if isinstance(parent, EditableList):
            parent.remove_at(self.highlighted)

    def action_move(self, delta: int) -> None:
        parent = self.parent
        if isinstance(parent, EditableList):
            parent.move(self.highlighted, delta)


class ItemInput(Input):
    """The list's input line: Enter adds (or keeps the edit of) the item typed, at the
    point it was typed: in a burst of keys ("win⏎next win⏎") the text after an Enter
    starts the next item (a binding would run only once the whole burst was typed in).
    A paste of several lines adds one item per line (the first joins what is typed
    already); a one-line paste is ordinary."""

    async def _on_key(self, event: events.Key) -> None:
        parent = self.parent
        if event.key == "enter" and isinstance(parent, EditableList):
            event.stop()
            event.prevent_default()
            parent.submit(self.value)
            return
        await super()._on_key(event)

    def _on_paste(self, event: events.Paste) -> None:
        parent = self.parent
        lines = [line for line in event.text.splitlines() if line.strip()]
        if len(lines) < 2 or not isinstance(parent, EditableList):
            return  # Input's own handler pastes the line
        event.stop()
        event.prevent_default()
        parent.add_lines(lines)

    def action_paste(self) -> None:
        parent = self.parent
        lines = [line for line in (self.app.clipboard or "").splitlines() if line.strip()]
        if len(lines) < 2 or not isinstance(parent, EditableList):
            super().action_paste()
            return
        parent.add_lines(lines)


class EditableList(Vertical):
    """Items plus an input line. Posts ``EditableList.Changed`` on every change (including
    typing in the input, so drafts can keep unfinished text too)."""

    class Changed(Message):
        def __init__(self, editable: EditableList) -> None:
            super().__init__()
            self.editable = editable

        @property
        def control(self) -> EditableList:
            return self.editable

    def __init__(
        self,
        title: str,
        placeholder: str,
        *,
        id: str | None = None,
        items: list[str] | None = None,
        prefix: str = "• ",
    ) -> None:
        super().__init__(id=id, classes="editable")
        self.border_title = title
        self.placeholder = placeholder
        self.items: list[str] = list(items or [])
        self.prefix = prefix
        self.editing: int | None = None

    def compose(self) -> ComposeResult:
        yield ItemList(id=f"{self.id}-items" if self.id else None, compact=True)
        yield ItemInput(
            placeholder=self.placeholder,
            # focus never selects the text: the key that started an item is kept
            select_on_focus=False,
            id=f"{self.id}-input" if self.id else None,
            compact=True,
        )

    def on_mount(self) -> None:
        self._refresh_items()

    @property
    def option_list(self) -> ItemList:
        return self.query_one(ItemList)

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def pending(self) -> str:
        """Text typed into the input but not added yet."""
        return self.input.value

    def set_items(self, items: list[str], pending: str = "") -> None:
        self.items = [sanitize(i) for i in items if str(i).strip()]
        self.editing = None
        with self.input.prevent(Input.Changed):
            self.input.value = pending
        self._refresh_items()

    def _refresh_items(self, highlight: int | None = None) -> None:
        options = self.option_list
        current = options.highlighted if highlight is None else highlight
        options.clear_options()
        options.add_options([Hanging([Content(self.prefix + one_line(t))]) for t in self.items])
        options.display = bool(self.items)
        if self.items:
            options.highlighted = max(0, min(current or 0, len(self.items) - 1))
        n = len(self.items)
        self.border_subtitle = f"{n}" if n else ""

    def _changed(self) -> None:
        self.post_message(self.Changed(self))

    # ------------------------------------------------------------ operations

    def start_add(self, text: str = "") -> None:
        self.editing = None
        self.input.placeholder = self.placeholder
        if text:
            self.input.insert_text_at_cursor(text)
        self.input.focus()

    def add_lines(self, lines: list[str]) -> None:
        """Add each of ``lines`` as an item (a paste of several lines): the first joins
        the text typed so far; when editing an item it replaces that item and the rest
        follow it."""
        before, after = (
            self.input.value[: self.input.cursor_position],
            self.input.value[self.input.cursor_position :],
        )
        lines = [" ".join(sanitize(line).split()) for line in lines]
        lines[0] = before + lines[0]
        lines[-1] = lines[-1] + after
        lines = [line for line in lines if line]
        if self.editing is not None and 0 <= self.editing < len(self.items):
            at = self.editing
            self.items[at : at + 1] = lines
        else:
            at = len(self.items)
            self.items.extend(lines)
        self.editing = None
        self.input.placeholder = self.placeholder
        with self.input.prevent(Input.Changed):
            self.input.value = ""
        self._refresh_items(at + len(lines) - 1)
        self._changed()

    def on_paste(self, event: events.Paste) -> None:
        """A paste while the list itself has focus goes to the input line."""
        event.stop()
        self.start_add()
        self.input.post_message(events.Paste(event.text))

    def edit(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.items):
            return
        self.editing = index
        self.input.value = self.items[index]
        self.input.placeholder = "edit, enter to keep, escape to cancel"
        self.input.focus()

    def remove_at(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.items):
            return
        del self.items[index]
        self.editing = None
        self._refresh_items(index)
        self._changed()

    def move(self, index: int | None, delta: int) -> None:
        if index is None:
            return
        target = index + delta
        if not (0 <= index < len(self.items) and 0 <= target < len(self.items)):
            return
        self.items[index], self.items[target] = self.items[target], self.items[index]
        self._refresh_items(target)
        self._changed()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit(event.value)

    def submit(self, value: str) -> None:
        """The input line's text becomes an item (or the edited item), at once."""
        text = " ".join(sanitize(value).split())
        if not text:
            return
        if self.editing is not None and 0 <= self.editing < len(self.items):
            self.items[self.editing] = text
            index = self.editing
            self.editing = None
            self.input.placeholder = self.placeholder
            self.input.value = ""
            self._refresh_items(index)
            self.option_list.focus()
        else:
            self.items.append(text)
            self.input.value = ""
            self._refresh_items(len(self.items) - 1)
        self._changed()

    @on(Input.Changed)
    def _typing(self, event: Input.Changed) -> None:
        event.stop()
        self._changed()

    def cancel_edit(self) -> bool:
        """Escape while editing: drop the edit. Returns True if there was one."""
        if self.editing is None:
            return False
        self.editing = None
        self.input.value = ""
        self.input.placeholder = self.placeholder
        self.option_list.focus()
        return True
