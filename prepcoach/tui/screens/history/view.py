"""The History screen's view: sessions filtered by mentor and search text, and the
selected session's detail."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from textual import on, work
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import DataTable, Input, Select, Static

from prepcoach.models import Plan, Session
from prepcoach.store import SessionSummary
from prepcoach.tui.screens.base import BaseScreen
from prepcoach.tui.styles import sheet
from prepcoach.tui.text import one_line, plain, sanitize
from prepcoach.tui.widgets.select import TypeAheadSelect
from prepcoach.tui.widgets.tables import fit_columns, flex_width


@dataclass
class HistoryData:
    plan: Plan
    summaries: list[SessionSummary]


def fold(text: str) -> str:
    """``text`` for searching: case and accents aside ("tomas" finds "Tomás")."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def session_text(s: Session) -> str:
    """Everything searchable in a session, folded (case and accents aside)."""
    parts = [s.notes, *s.accomplishments]
    parts += [q.text + " " + q.answer for q in s.questions]
    parts += [a.text + " " + a.owner for a in s.action_items]
    parts += [p.note for p in s.objective_progress]
    if s.agenda:
        parts += [i.title + " " + i.detail for i in s.agenda.items]
    return fold("\n".join(parts))


class HistoryView(BaseScreen):
    CSS_PATH = sheet(__file__, "history.tcss")

    def __init__(self) -> None:
        super().__init__()
        self.data: HistoryData | None = None
        self.session: Session | None = None
        self.matches: set[str] | None = None  # ids matching the search text (None: no search)
        self.capture_loading = False  # reading the session for the capture screen
        # action items toggled on screen, not saved yet: (session id, index) -> done
        self._toggles: dict[tuple[str, int], bool] = {}
        self._toggle_lock = threading.Lock()
        self._toggling = False  # a worker is saving toggles (under _toggle_lock)

    def compose_body(self) -> Iterable[Widget]:
        with Horizontal(id="history-filters", classes="filters"):
            yield TypeAheadSelect(
                [], prompt="All mentors", id="h-mentor", compact=True, what="mentor"
            )
            yield Input(
                placeholder="/ search notes, questions, actions…", id="h-search", compact=True
            )
        sessions: DataTable[Any] = DataTable(id="sessions", cursor_type="row")
        sessions.border_title = "Sessions"
        yield sessions
        with VerticalScroll(id="h-detail"):
            yield Static("", id="h-text")
            actions: DataTable[Any] = DataTable(id="h-actions", cursor_type="row")
            actions.border_title = "Action items · x: done/undone"
            yield actions

    def load(self) -> Any:
        store = self.papp.store
        return HistoryData(store.load_plan(), store.list_sessions())

    def show(self, data: Any) -> None:
        self.data = data
        select = self.query_one("#h-mentor", Select)
        current = select.value
        options = [(Content(m.name), m.id) for m in data.plan.mentors]
        with select.prevent(Select.Changed):
            select.set_options(options)
            if isinstance(current, str) and any(v == current for _, v in options):
                select.value = current
        self._fill_sessions()

    def _names(self) -> dict[str, str]:
        return {m.id: m.name for m in self.data.plan.mentors} if self.data else {}

    def _visible(self) -> list[SessionSummary]:
        if self.data is None:
            return []
        mentor = self.query_one("#h-mentor", Select).value
        rows = [
            s
            for s in self.data.summaries
            if (not isinstance(mentor, str) or s.mentor == mentor)
            and (self.matches is None or s.id in self.matches)
        ]
        return list(reversed(rows))  # newest first

    def _fill_sessions(self, keep: str | None = None) -> None:
        table = self.query_one("#sessions", DataTable)
        keep = keep or (self.session.id if self.session else None)
        fit_columns(
            table,
            [
                ("Date", "date", 10),
                ("Mentor", "mentor", 14),
                ("Summary", "first", None),
                ("Open", "open", 4),
            ],
        )
        width = flex_width(table, "first")
        names = self._names()
        rows = self._visible()
        for s in rows:
            open_items = s.open_questions + s.open_action_items
            table.add_row(
                self.cell(s.date.isoformat()),
                self.cell(names.get(s.mentor, s.mentor), "", 14),
                self.cell(s.first_line, "", width),
                self.cell(str(open_items) if open_items else "", "$warning"),
                key=s.id,
            )
        table.border_subtitle = f"{len(rows)} shown"
        if not rows:
            self.session = None
            self._show_detail()
            return
        ids = [s.id for s in rows]
        index = ids.index(keep) if keep in ids else 0
        table.move_cursor(row=index)
        self._open(ids[index])

    # ------------------------------------------------------------- selection

    @on(Select.Changed, "#h-mentor")
    def _mentor_changed(self) -> None:
        self.session = None
        self._fill_sessions()

    @on(DataTable.RowHighlighted, "#sessions")
    def _row(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value
        if key and (self.session is None or self.session.id != key):
            self._open(str(key))

    def _open(self, session_id: str) -> None:
        self.session = self.papp.guard(lambda: self.papp.store.load_session(session_id))
        self._show_detail()

    def _show_detail(self) -> None:
        text = self.query_one("#h-text", Static)
        actions = self.query_one("#h-actions", DataTable)
        fit_columns(
            actions,
            [("", "done", 1), ("Action", "text", None), ("Owner", "owner", 8), ("Due", "due", 10)],
        )
        s = self.session
        if s is None:
            if self.data is None:
                said = "Loading…"
            elif not self.data.summaries:
                said = "No sessions yet: prep a meeting (2 Prep) and save it with ctrl+s."
            else:
                said = "No session selected."
            text.update(Content(said))
            return
        width = flex_width(actions, "text")
        for i, a in enumerate(s.action_items):
            actions.add_row(
                self.cell("✓" if a.done else "·", "$success" if a.done else ""),
                self.cell(a.text, "dim" if a.done else "", width),
                self.cell(a.owner),
                self.cell(a.due.isoformat() if a.due else ""),
                key=str(i),
            )
        text.update(self._detail(s))

    def _detail(self, s: Session) -> Content:
        names = self._names()
        objectives = {o.id: o.title for o in self.data.plan.objectives} if self.data else {}
        out: list[Content] = [
            Content.assemble(
                (f"{s.date.isoformat()} · ", "bold"),
                plain(names.get(s.mentor, s.mentor), "bold"),
                (f" · {s.minutes} min", ""),
                (f" · {s.engine}" if s.engine else "", "dim"),
            )
        ]

        def section(title: str) -> None:
            out.append(Content.styled(title, "bold $text-accent"))

        if s.accomplishments:
            section("Wins")
            out += [plain(f"  • {sanitize(w)}") for w in s.accomplishments]
        if s.questions:
            section("Questions")
            for q in s.questions:
                mark = ("✓ ", "$success") if q.resolved else ("? ", "$warning")
                out.append(Content.assemble("  ", mark, plain(q.text)))
                if q.answer:
                    out.append(plain(f"      → {sanitize(q.answer)}", "italic"))
        if s.agenda and s.agenda.items:
            section(f"Agenda ({s.agenda.total()} of {s.agenda.minutes} min)")
            for item in s.agenda.items:
                out.append(plain(f"  {item.minutes:>3} min  {one_line(item.title)}"))
        if s.notes:
            section("Notes")
            out.append(plain(s.notes))
        if s.objective_progress:
            section("Objective progress")
            for p in s.objective_progress:
                mark = ("↑ ", "$success") if p.progressed else ("– ", "dim")
                title = objectives.get(p.objective_id, p.objective_id)
                note = f": {p.note}" if p.note else ""
                out.append(Content.assemble("  ", mark, plain(f"{title}{note}")))
        if not s.action_items:
            out.append(Content.styled("No action items yet · c: capture after the meeting", "dim"))
        return Content("\n").join(out)

    # -------------------------------------------------------------- search

    @on(Input.Changed, "#h-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        q = fold(query.strip())
        if not q or self.data is None:
            matches: set[str] | None = None
        else:
            matches = set()
            names = self._names()
            store = self.papp.store
            for s in self.data.summaries:
                if q in fold(s.first_line) or q in fold(names.get(s.mentor, "")):
                    matches.add(s.id)
                    continue
                try:
                    if q in session_text(store.load_session(s.id)):
                        matches.add(s.id)
                except Exception:  # unreadable files are reported by the store
                    continue
        self.app.call_from_thread(self._apply_search, matches)

    def _apply_search(self, matches: set[str] | None) -> None:
        self.matches = matches
        self._fill_sessions()
        self.papp.report_problems()

    def action_search(self) -> None:
        self.query_one("#h-search", Input).focus()

    # ------------------------------------------------------------- editing
