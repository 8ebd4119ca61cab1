"""Help: what each screen is for and every key, built from the screens' own bindings."""

from __future__ import annotations

import importlib
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from prepcoach.tui.commands import bindings
from prepcoach.tui.text import Hanging
from prepcoach.tui.widgets.dialog import Dialog

ABOUT = {
    "dashboard": "Mentors with term clock, meetings held vs expected (Held 4/5: four "
    "held, five expected by today at the mentor's cadence), next meeting and readiness; "
    "objectives; reminders for unanswered asks; the next best action.",
    "prep": "Before a meeting: wins and questions in, a time-boxed agenda out. Earlier "
    "open questions and actions carry over. Typed input is kept as a draft.",
    "outreach": "Before asking: one small, specific ask. The rules panel checks the "
    "message as you type. Mark it sent to get a reminder if nobody answers.",
    "review": "At a checkpoint: continue, renew, loosen or move on, with the reasons.",
    "history": "Past sessions: search, details, tick off action items, and capture notes, "
    "actions and objective progress after a meeting.",
    "team": "Which mentor covers which kind of support, and the gaps.",
    "plan": "Your profile, mentors and objectives: add, edit, remove, change a status, "
    "book the next meeting, link objectives to mentors. Asks before anything destructive; "
    "ctrl+z undoes (for the rest of the run).",
}

GENERAL = [
    ("1-7", "switch screen (in a field, press escape first)"),
    ("tab / shift+tab", "move between fields"),
    ("ctrl+p", "command palette: every action, searchable"),
    ("F2 / ctrl+e", "switch between the model and the offline engine (this run only)"),
    ("? / F1", "this help"),
    ("ctrl+q", "quit (drafts are kept)"),
]


class HelpScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close"),
    ]

    def compose_dialog(self) -> ComposeResult:
        from prepcoach.tui.app import SCREENS

        # (prefix, text) rows: a key's words wrap under themselves, not under the key
        rows: list[tuple[Content, Content]] = [
            (Content(""), Content.styled("prepcoach · keys", "bold $text-accent")),
            (Content(""), Content("")),
        ]

        def key_row(keys: str, what: str) -> None:
            rows.append((Content.styled(f"  {keys:<16}", "bold"), Content(what)))

        for key, what in GENERAL:
            key_row(key, what)
        for name, (key, label, target) in SCREENS.items():
            module_name, _, cls_name = target.partition(":")
            cls = getattr(importlib.import_module(module_name), cls_name)
            rows += [
                (Content(""), Content("")),
                (Content(""), Content.styled(f"{key} {label}", "bold $text-accent")),
                (Content("  "), Content.styled(ABOUT[name], "italic")),
            ]
            # each key once: a key with two meanings (escape cancels, else leaves the
            # field) lists both on its line
            meanings: dict[str, list[str]] = {}
            for b in bindings(cls):
                keys = b.key.replace("ctrl+", "^").replace(",", " / ").replace("slash", "/")
                said = meanings.setdefault(keys, [])
                if b.description not in said:
                    said.append(b.description)
            for keys, said in meanings.items():
                key_row(keys, " · ".join(said))
            if name == "prep":
                key_row("on a list", "type to add · enter edit · delete remove · shift+↑/↓ move")
        rows += [
            (Content(""), Content("")),
            (Content(""), Content.styled("escape closes this help", "dim")),
        ]
        with Vertical(id="help"), VerticalScroll():
            yield Static(Hanging.of(rows))

    def action_close(self) -> None:
        self.dismiss(None)
