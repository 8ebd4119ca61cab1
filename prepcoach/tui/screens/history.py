"""History: sessions filtered by mentor and search text, a detail view, action items
toggled done, and the after-meeting capture (notes, action items, objective progress).

Writes go through the services under the store's writer lock, in thread workers (a lock
held by another prepcoach never freezes the screen): the capture is merged into the
session as it is on disk then, and a toggled action item is saved on its own."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import DataTable, Input, Select, Static

from prepcoach.lint import plural
from prepcoach.models import Plan, Session
from prepcoach.store import SessionSummary
from prepcoach.tui.screens.base import BaseScreen
from prepcoach.tui.screens.loading import WaitForData
from prepcoach.tui.text import one_line, plain, sanitize
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


class HistoryScreen(WaitForData, BaseScreen):
    LABEL = "History"
    MODE = "history"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", tooltip="Search the text of every session"),
        Binding("x", "toggle_done", "Done/undone", tooltip="Toggle the selected action item"),
        Binding("c", "capture", "Capture", tooltip="After the meeting: notes, actions, progress"),
        Binding("ctrl+r", "refresh", "Reload", show=False, tooltip="Read the data again"),
        Binding("escape", "leave", "Leave field", show=False, tooltip="Then 1-6 switch screens"),
    ]

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
            yield Select[str]([], prompt="All mentors", id="h-mentor", compact=True)
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
            text.update(Content("No session selected." if self.data else "Loading…"))
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "capture" and self.capture_loading:
            return None  # shown dimmed until the capture screen opens
        return True

    def action_toggle_done(self) -> None:
        """Flip the selected action item on screen now; a worker saves it (the latest
        state of each item wins, in order, however fast the key is pressed)."""
        s = self.session
        actions = self.query_one("#h-actions", DataTable)
        if s is None or not s.action_items:
            self.notify("This session has no action items.", markup=False)
            return
        i = min(actions.cursor_row, len(s.action_items) - 1)
        item = s.action_items[i]
        item.done = not item.done
        item.done_on = self.papp.today if item.done else None
        with self._toggle_lock:
            self._toggles[(s.id, i)] = item.done
            start = not self._toggling
            self._toggling = True
        self._show_detail()
        actions.move_cursor(row=i)
        actions.focus()
        if start:
            self.run_worker(self._save_toggles, thread=True, group="toggle")

    def _save_toggles(self) -> None:
        """Runs in a worker thread: save toggled items one by one until none is left."""
        app = self.papp
        today = app.today
        while True:
            with self._toggle_lock:
                if not self._toggles:
                    self._toggling = False
                    return
                key = next(iter(self._toggles))
                done = self._toggles.pop(key)
            session_id, index = key
            try:
                saved = app.services.set_action_done(session_id, index, done, today)
            except Exception as exc:
                try:
                    on_disk: Session | None = app.store.load_session(session_id)
                except Exception:
                    on_disk = None
                app.call_from_thread(self._toggle_failed, session_id, index, done, exc, on_disk)
            else:
                app.call_from_thread(self._toggle_saved, saved)

    def _pending_toggles(self, session_id: str) -> bool:
        with self._toggle_lock:
            return any(sid == session_id for sid, _ in self._toggles)

    def _show_session(self, session: Session) -> None:
        """Show ``session`` (a newer copy of the one shown), keeping the cursor."""
        actions = self.query_one("#h-actions", DataTable)
        row, had_focus = actions.cursor_row, actions.has_focus
        self.session = session
        self._show_detail()
        if session.action_items:
            actions.move_cursor(row=min(row, len(session.action_items) - 1))
        if had_focus:
            actions.focus()

    def _toggle_saved(self, saved: Session) -> None:
        self.papp.changed()
        self._seen_version = self.papp.data_version
        s = self.session
        # with more toggles of this session on their way, the newer state stays shown
        if s is not None and s.id == saved.id and s != saved and not self._pending_toggles(s.id):
            self._show_session(saved)

    def _toggle_failed(
        self,
        session_id: str,
        index: int,
        done: bool,
        error: BaseException,
        on_disk: Session | None,
    ) -> None:
        self.papp.fail(error, "Could not save")
        s = self.session
        if s is None or s.id != session_id or self._pending_toggles(session_id):
            return
        if on_disk is not None:
            self._show_session(on_disk)  # what is on disk, as it is on disk
        elif index < len(s.action_items):
            item = s.action_items[index]
            item.done = not done
            item.done_on = None
            self._show_session(s)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "h-actions":
            self.action_toggle_done()
        elif event.data_table.id == "sessions":
            self.query_one("#h-actions", DataTable).focus()

    def _earlier_open_questions(self, session: Session) -> list[Any]:
        """Questions still open from this mentor's sessions before ``session`` (the ones
        Prep carries over), except those this session asks again. Reads every session
        with the mentor: call it from a worker thread."""
        from prepcoach.agenda import carried_over, norm

        history = self.papp.store.sessions_for(session.mentor)
        earlier = [
            s for s in history if s.id != session.id and (s.date, s.id) < (session.date, session.id)
        ]
        asked = {norm(q.text) for q in session.questions}
        return [
            c for c in carried_over(earlier) if c.kind == "question" and norm(c.text) not in asked
        ]

    def action_capture(self) -> None:
        if self.session is None or self.data is None:
            self.notify("Pick a session first.", markup=False)
            return
        if self.capture_loading:
            return
        session = self.session
        objectives = self.data.plan.objectives_for(session.mentor) or [
            o for o in self.data.plan.objectives if o.status == "open"
        ]
        name = self._names().get(session.mentor, session.mentor)
        self.capture_loading = True
        self.refresh_bindings()
        self.query_one("#h-detail").border_subtitle = "Loading…"
        work = partial(self._load_capture, session.id, name, objectives)
        self.run_worker(work, thread=True, group="capture")

    def _load_capture(self, session_id: str, name: str, objectives: list[Any]) -> None:
        """Runs in a worker thread: the session as it is now, and the earlier questions
        still open."""
        app = self.papp
        try:
            session = app.store.load_session(session_id)
            earlier = self._earlier_open_questions(session)
        except Exception as exc:
            app.call_from_thread(self._capture_loaded, None, name, objectives, [], exc)
            return
        app.call_from_thread(self._capture_loaded, session, name, objectives, earlier, None)

    def _capture_loaded(
        self,
        session: Session | None,
        name: str,
        objectives: list[Any],
        earlier: list[Any],
        error: BaseException | None,
    ) -> None:
        self.capture_loading = False
        self.refresh_bindings()
        self.query_one("#h-detail").border_subtitle = ""
        self.papp.report_problems()
        if error is not None or session is None:
            self.papp.fail(error or RuntimeError("no session"), "Cannot capture")
            return
        if not self.is_active:
            return  # the user moved on meanwhile
        from prepcoach.tui.screens.capture import Captured, CaptureScreen

        base = session.model_copy(deep=True)  # as it was when the capture opened

        def done(result: Captured | None) -> None:
            if result is not None:
                self.run_worker(
                    partial(self._save_capture, base, result), thread=True, group="capture-save"
                )

        self.app.push_screen(
            CaptureScreen(session, name, objectives, self.papp.today, earlier), done
        )

    def _save_capture(self, base: Session, result: Any) -> None:
        """Runs in a worker thread: merge the capture into the session as it is on disk
        now and mark the earlier questions resolved, under the writer lock."""
        app = self.papp
        try:
            saved, resolved = app.services.capture(base, result.session, result.resolved_earlier)
        except Exception as exc:
            app.call_from_thread(self._capture_saved, base.id, None, 0, exc)
            return
        app.call_from_thread(self._capture_saved, base.id, saved, resolved, None)

    def _capture_saved(
        self,
        session_id: str,
        saved: Session | None,
        resolved: int,
        error: BaseException | None,
    ) -> None:
        from prepcoach.tui import drafts

        if error is not None or saved is None:
            self.papp.fail(error or RuntimeError("not saved"), "Not saved")
            self.notify(
                "What you typed is kept as a draft: c on the session opens it again.",
                markup=False,
            )
            return
        self.papp.guard(lambda: drafts.discard(self.papp.store, f"capture-{saved.id}"))
        also = f" Marked {plural(resolved, 'earlier question')} answered." if resolved else ""
        self.notify(f"Saved session {saved.id}.{also}", markup=False)
        self.papp.changed()
        if self.session is not None and self.session.id == session_id:
            self.session = saved
        self.reload()

    def action_leave(self) -> None:
        self.query_one("#sessions", DataTable).focus()

    def action_refresh(self) -> None:
        self.reload()
