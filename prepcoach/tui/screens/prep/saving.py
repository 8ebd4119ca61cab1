"""Saving the prep as a session (in a worker), copying and exporting the agenda."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Any

from textual.content import Content

from prepcoach.errors import PrepcoachError
from prepcoach.models import Session, slugify
from prepcoach.tui import drafts
from prepcoach.tui.screens.prep.mentor import PrepMentor
from prepcoach.tui.text import plain


class PrepSaving(PrepMentor):
    def _fingerprint(self, req: Any) -> tuple[Any, ...]:
        """What a saved session is made of: same fingerprint (and the same meeting date,
        added when saving), nothing new to save."""
        agenda = self.agenda.model_dump_json() if self.agenda is not None else ""
        return (
            req.mentor,
            tuple(req.accomplishments),
            tuple(req.questions),
            req.minutes,
            agenda,
        )

    def _current_fingerprint(self) -> tuple[Any, ...] | None:
        """The form's fingerprint now (None when it cannot make a request)."""
        try:
            return self._fingerprint(self._request())
        except PrepcoachError:
            return None

    def action_save(self) -> None:
        if self.blocked("save it") or self.agenda is None:
            return
        if self.saving:
            return
        from prepcoach.services import AgendaRequest, AgendaResult

        current = self.papp.guard(self._request, "Not saved")
        if current is None:
            return
        req: AgendaRequest = current
        result = AgendaResult(
            agenda=self.agenda,
            preview=getattr(self.result, "preview", None),
            usage=getattr(self.result, "usage", None),
            mentor=self._mentor(),
        )
        self.saving = True
        self.refresh_bindings()
        self._status(Content.styled("Saving…", "$accent"))
        work = partial(
            self._save_in_thread, req, result, self._fingerprint(req), self.saved.get(req.mentor)
        )
        self.run_worker(work, thread=True, group="save")

    def _save_in_thread(
        self,
        req: Any,
        result: Any,
        fingerprint: tuple[Any, ...],
        remembered: tuple[str, tuple[Any, ...]] | None,
    ) -> None:
        """Runs in a worker thread: the save may wait for another writer's lock."""
        app = self.papp
        try:
            services = app.services
            date = services.meeting_date(result.mentor, req.today)
            if remembered is not None and remembered[1] == (*fingerprint, date):
                app.call_from_thread(self._save_finished, req, fingerprint, None, False, None)
                return
            session, updated = services.upsert_session(req, result)
        except Exception as exc:
            app.call_from_thread(self._save_finished, req, fingerprint, None, False, exc)
            return
        app.call_from_thread(self._save_finished, req, fingerprint, session, updated, None)

    def _save_finished(
        self,
        req: Any,
        fingerprint: tuple[Any, ...],
        session: Session | None,
        updated: bool,
        error: BaseException | None,
    ) -> None:
        self.saving = False
        self.refresh_bindings()
        mentor_id = req.mentor
        here = mentor_id == self.mentor_id
        if error is not None:
            self.papp.fail(error, "Not saved")
            if here:
                self._status(Content.styled("Not saved; your input is kept.", "$error"))
            return
        if session is None:  # nothing changed since the last save of this meeting
            remembered = self.saved[mentor_id]
            self.notify(
                f"Already saved as session {remembered[0]}; nothing changed since.",
                markup=False,
            )
            if here:
                self._status(plain(f"Already saved as {remembered[0]}.", "$success"))
            return
        self.meeting_dates[mentor_id] = session.date
        unchanged = here and self._current_fingerprint() == fingerprint
        if unchanged and not req.complete:
            # saved as an addition to the meeting's saved prep: show all of it
            self._fill_saved_prep(mentor_id, session)
            fingerprint = self._current_fingerprint() or fingerprint
        self.saved[mentor_id] = (session.id, (*fingerprint, session.date))
        if unchanged:
            # the form is what was saved: no draft needed (typing since keeps it)
            self._drafts.drop()
            name = drafts.prep_name(mentor_id)
            self.papp.guard(lambda: drafts.discard(self.papp.store, name))
        self.papp.changed()
        self._seen_version = self.papp.data_version
        verb = "Updated" if updated else "Saved"
        self.notify(
            f"{verb} session {session.id}. After the meeting, capture notes in History (5).",
            title=verb,
            markup=False,
        )
        if here:
            self._status(
                plain(f"{verb} session {session.id} ({session.date:%a %b %d}).", "$success")
            )
            if unchanged:
                self.set_focus(None)

    def action_copy(self) -> None:
        if self.blocked("copy it"):
            return
        text = self.markdown()
        self.app.copy_to_clipboard(text)
        self.notify("Agenda copied to the clipboard (Markdown).", markup=False)

    def meeting_date(self) -> dt.date:
        """The date of the meeting being prepared (the date its session is saved under),
        as read with the mentor's data (``services.meeting_date``)."""
        known = self.meeting_dates.get(self.mentor_id or "")
        if known is not None:
            return known
        date: dt.date = self.papp.services.meeting_date(self._mentor(), self.papp.today)
        return date

    def export_dir(self) -> Path:
        """Where exports go by default: ``exports/`` in the data directory; for the demo
        (a temporary copy, removed on quit) the home directory."""
        if self.papp.demo:
            return Path.home()
        return self.papp.settings.data_dir / "exports"

    def action_export(self) -> None:
        if self.blocked("export it"):
            return
        text = self.markdown()
        from prepcoach.tui.widgets.prompt import PromptScreen

        mentor = slugify(self.mentor_id or "mentor")
        default = str(self.export_dir() / f"agenda-{mentor}-{self.meeting_date().isoformat()}.md")

        def write(path: str | None) -> None:
            if path:
                self._export_to(Path(path).expanduser(), text)

        self.app.push_screen(
            PromptScreen(
                "Export the agenda as Markdown to (edit the path; folders are created):",
                default,
            ),
            write,
        )

    def _export_to(self, path: Path, text: str) -> None:
        from prepcoach.store import atomic_write_bytes

        target, n = path, 2
        while target.exists():  # never overwrite a file the user already has
            target = path.with_name(f"{path.stem}-{n}{path.suffix}")
            n += 1
        done = self.papp.guard(lambda: atomic_write_bytes(target, text.encode("utf-8")), "Export")
        if done is None and target.exists():
            self.notify(f"Wrote {target}", title="Exported", markup=False)
