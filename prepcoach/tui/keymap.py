"""Every key of every screen and dialog, in one table.

Screens take their ``BINDINGS`` from here (``BINDINGS = keys("prep")``), so a key is
declared once, Help and the command palette read the same entries, and two screens
cannot give one action different keys or words by accident.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.binding import Binding, BindingType


class Key(NamedTuple):
    keys: str
    action: str
    description: str
    tooltip: str = ""
    show: bool = True
    priority: bool = False


def _reload(what: str = "the data", show: bool = False) -> Key:
    return Key("ctrl+r", "refresh", "Reload", f"Read {what} again", show=show)


LEAVE = Key("escape", "leave", "Leave field", "Then 1-7 switch screens", show=False)


def _generating(what: str, kept: str) -> tuple[Key, ...]:
    """A screen that generates: ctrl+g starts it, escape stops it (else leaves the field)."""
    return (
        Key("ctrl+g", "generate", "Generate", what),
        Key("escape", "cancel", "Cancel", f"Stop the generation; your {kept} is kept"),
        LEAVE,
    )


UNDO_REDRAFT = "undo_redraft"
NEXT_FIELD = Key("enter", "next_field", "Next field", show=False, priority=True)

KEYMAP: dict[str, tuple[Key, ...]] = {
    "dashboard": (
        Key("p", "prep", "Prep mentor", "Prepare the next meeting with this mentor"),
        Key("n", "nudge", "Nudge", "Draft the nudge for the oldest unanswered ask"),
        _reload("the data directory", show=True),
        Key("m", "all_hints", "All steps", "Show every next step, or fewer"),
        Key("x", "dismiss_notice", "Dismiss", "Hide the notice on top"),
    ),
    "prep": (
        *_generating("Draft the agenda (streams in)", "input"),
        Key(
            "ctrl+l",
            "toggle_edit",
            "Edit items",
            "Edit, re-time and reorder the agenda items; again for the preview",
        ),
        Key(
            "ctrl+z",
            UNDO_REDRAFT,
            "Undo redraft",
            "Put back the agenda the last generation replaced",
        ),
        Key("ctrl+s", "save", "Save", "Save the prep and agenda as a session"),
        Key("ctrl+t", "copy", "Copy", "Copy the agenda (Markdown) to the clipboard"),
        Key("ctrl+o", "export", "Export", "Write the agenda to a Markdown file"),
        Key("ctrl+n", "clear", "Clear", "Start this mentor's prep over", show=False),
    ),
    "outreach": (
        *_generating("Draft (or redraft) the message", "text"),
        Key(
            "ctrl+z",
            UNDO_REDRAFT,
            "Undo redraft",
            "Put back the message the last draft replaced",
            priority=True,
        ),
        Key("ctrl+s", "save", "Save", "Save this draft"),
        Key("ctrl+t", "copy", "Copy", "Copy subject and message to the clipboard"),
        Key("ctrl+b", "mark_sent", "Mark sent", "Mark as sent (starts the reminder)"),
        Key("ctrl+n", "new", "New", "Start a new message", show=False),
        Key(
            "f3",
            "show_rejected",
            "Model's draft",
            "The model's draft the rules rejected (read only)",
            show=False,
        ),
    ),
    "review": (
        Key("d", "draft", "Draft message", "Draft the matching message in Outreach"),
        Key("ctrl+g", "write", "Write review", "Write the review with its message"),
        Key("escape", "cancel", "Cancel", "Stop writing the review"),
        Key("ctrl+s", "save", "Save review", "Keep this review in reviews/"),
        _reload(),
    ),
    "history": (
        Key("slash", "search", "Search", "Search the text of every session"),
        Key("x", "toggle_done", "Done/undone", "Toggle the selected action item"),
        Key("c", "capture", "Capture", "After the meeting: notes, actions, progress"),
        _reload(),
        LEAVE,
    ),
    "team": (
        Key(
            "o",
            "ask_network",
            "Ask for a recommendation",
            "Draft a note asking your network who could cover the first gap",
        ),
        _reload("the data directory", show=True),
    ),
    "plan": (
        Key("a", "add", "Add", "Add a mentor or an objective (the table in focus)"),
        Key("e", "edit", "Edit", "Edit the mentor or objective under the cursor"),
        Key("delete,x", "remove", "Remove", "Remove the mentor / drop the objective"),
        Key("s", "status", "Status", "Move the mentor to its next status"),
        Key("b", "book", "Book", "Book the mentor's next meeting (date, time, length)"),
        Key("l", "link", "Link", "Link the objective to mentors", show=False),
        Key("m", "met", "Met", "Mark the objective met", show=False),
        Key("d", "drop", "Drop", "Drop the objective (kept as dropped)", show=False),
        Key("r", "reopen", "Reopen", "Open a met or dropped objective again", show=False),
        Key("p", "profile", "Profile", "Edit your name, title, organisation"),
        Key("ctrl+z", "undo", "Undo", "Undo the last change made here (this run)"),
        _reload("the plan"),
    ),
    # Dialogs
    "capture": (
        Key("ctrl+s", "save", "Save", "Save notes, actions, progress", priority=True),
        Key("escape", "cancel", "Close", "Close; what you typed stays as a draft"),
    ),
    "first_run": (
        NEXT_FIELD,
        Key("ctrl+s", "save", "Save step", priority=True),
        Key("ctrl+n", "skip", "Skip step", priority=True),
        Key("escape", "close", "Close setup"),
    ),
    "form": (
        NEXT_FIELD,
        Key("ctrl+s", "save", "Save", priority=True),
        Key("escape", "close", "Close"),
    ),
    "confirm": (
        Key("y", "answer(True)", "Yes"),
        Key("n,escape", "answer(False)", "No"),
    ),
    "close": (Key("escape", "close", "Close"),),
    "prompt": (Key("escape", "cancel", "Cancel"),),
    # Widgets: listed in Help under the screens that hold them, never in the footer
    "action_list": (
        Key("delete,backspace", "remove", "Remove action", show=False),
        Key("insert", "insert_here", "Insert action here", show=False),
    ),
    "editable_list": (
        Key("enter", "edit", "Edit", show=False),
        Key("delete,backspace", "remove", "Delete", show=False),
        Key("shift+up,ctrl+up", "move(-1)", "Move up", show=False),
        Key("shift+down,ctrl+down", "move(1)", "Move down", show=False),
    ),
    "scrolling": (
        Key("up", "scroll_up", "Scroll up", show=False),
        Key("down", "scroll_down", "Scroll down", show=False),
        Key("pageup", "page_up", "Page up", show=False),
        Key("pagedown", "page_down", "Page down", show=False),
        Key("home", "scroll_home", "Top", show=False),
        Key("end", "scroll_end", "Bottom", show=False),
    ),
}


def keys(name: str) -> list[BindingType]:
    """The Textual bindings for one screen or dialog of the table."""
    return [
        Binding(
            k.keys, k.action, k.description, show=k.show, priority=k.priority, tooltip=k.tooltip
        )
        for k in KEYMAP[name]
    ]
