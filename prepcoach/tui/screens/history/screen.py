"""History: sessions filtered by mentor and search text, a detail view, action items
toggled done, and the after-meeting capture (notes, action items, objective progress).

Writes go through the services under the store's writer lock, in thread workers (a lock
held by another prepcoach never freezes the screen): the capture is merged into the
session as it is on disk then, and a toggled action item is saved on its own."""

from __future__ import annotations

import contextlib
from functools import partial
from typing import Any

from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist

from prepcoach.meeting_prep import earlier_open_questions
from prepcoach.models import Session
from prepcoach.store import SessionSummary
from prepcoach.text import plural
from prepcoach.tui.screens.history.view import HistoryView
from prepcoach.tui.screens.loading import WaitForData


class HistoryScreen(WaitForData, HistoryView):
    LABEL = "History"
    AUTO_FOCUS = "#sessions"  # opens on the session list (Down moves through it)
    MODE = "history"

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
        self._recount(s)
        actions.move_cursor(row=i)
        actions.focus()
        if start:
            self.run_worker(self._save_toggles, thread=True, group="toggle")

    def _recount(self, session: Session) -> None:
        """The session list's "Open" count for ``session``, as shown now."""
        if self.data is None:
            return
        summary = SessionSummary.of(session)
        self.data.summaries[:] = [summary if x.id == session.id else x for x in self.data.summaries]
        table = self.query_one("#sessions", DataTable)
        open_items = summary.open_questions + summary.open_action_items
        with contextlib.suppress(CellDoesNotExist):
            table.update_cell(
                session.id, "open", self.cell(str(open_items) if open_items else "", "$warning")
            )

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
        """The questions still open from the mentor's earlier sessions (the ones Prep
        carries over), except those ``session`` asks again. Reads every session with the
        mentor: call it from a worker thread."""
        return earlier_open_questions(self.papp.store.sessions_for(session.mentor), session)

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
