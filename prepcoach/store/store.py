"""The ``Store``: plan.json, sessions/, outreach/ and reviews/ of one data directory.

Writes are atomic and private (``prepcoach.store.files``), serialised by the writer lock
(``prepcoach.store.lock``); reads set aside, skip or upgrade files that cannot be used as
they are (``prepcoach.store.recovery``); session listings go through the listing cache
(``prepcoach.store.index``). Read-modify-write of the plan happens under the writer lock.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from prepcoach.errors import NotFoundError, StoreError
from prepcoach.models import OutreachDraft, Plan, ReviewRecord, Session, slugify
from prepcoach.store.files import dump_model, ensure_dir, stat_key
from prepcoach.store.index import SessionListing, SessionSummary

T = TypeVar("T")
# The files saved under an id of their own in a directory of their kind.
D = TypeVar("D", OutreachDraft, ReviewRecord)


class Store(SessionListing):
    """One data directory. Cheap to construct: nothing is read until asked.

    Safe to share between threads of one process (the TUI's workers) and between
    processes: writers serialise on a thread lock plus an inter-process file lock.
    """

    # --------------------------------------------------------------------- plan

    def load_plan(self) -> Plan:
        self.check_root()
        if not self.plan_path.exists():
            return Plan()
        plan = self._read_or_set_aside(self.plan_path, Plan, "plan")
        return plan if plan is not None else Plan()

    def save_plan(self, plan: Plan) -> None:
        self._write(self.plan_path, dump_model(plan))

    def update_plan(self, change: Callable[[Plan], T]) -> T:
        """Read-modify-write of plan.json under the writer lock; returns change()'s result.

        If ``change`` raises, nothing is written. If plan.json turns out to be corrupt it
        is set aside and the edit is refused (StoreError), rather than starting a new plan
        without telling the user; the next edit starts a fresh plan.
        """
        with self.locked():
            existed = self.plan_path.exists()
            n = len(self.problems)
            plan = self.load_plan()
            if existed and not self.plan_path.exists() and len(self.problems) > n:
                message = self.problems.pop(n)
                raise StoreError(
                    message.replace(" The rest loaded.", ""),
                    hint="Nothing was changed. Fix and restore it, or run the command "
                    "again to start a new plan.",
                )
            result = change(plan)
            self.save_plan(plan)
            return result

    # ----------------------------------------------------------------- sessions

    def session_path(self, session_id: str) -> Path:
        if (
            not session_id
            or "/" in session_id
            or "\\" in session_id
            or "\0" in session_id
            or session_id.startswith(".")
        ):
            raise NotFoundError(f"no session called {session_id!r}.")
        return self.sessions_dir / f"{session_id}.json"

    def load_session(self, session_id: str) -> Session:
        self.check_root()
        path = self.session_path(session_id)
        if not path.is_file():
            raise NotFoundError(
                f"no session called {session_id!r}.",
                hint="Run `prepcoach sessions list` to see session ids.",
            )
        n = len(self.problems)
        session = self._read_or_set_aside(path, Session, "session")
        if session is None:
            message = self.problems[n] if len(self.problems) > n else f"{path} vanished."
            del self.problems[n:]
            raise StoreError(message)
        session.id = session_id
        return session

    def sessions_for(self, mentor: str) -> list[Session]:
        """Full sessions with one mentor, oldest first (parses only that mentor's files)."""
        recent = self._recent_listing()
        if recent is None:
            recent = self.list_sessions()
        return self._full_sessions(s for s in recent if s.mentor == mentor)

    def all_sessions(self) -> list[Session]:
        return self._full_sessions(self.list_sessions())

    def _full_sessions(self, summaries: Iterable[SessionSummary]) -> list[Session]:
        """The sessions ``summaries`` name, each read fresh from its file; one that went
        bad since it was listed is set aside or skipped (and named in ``problems``)."""
        out = []
        for summary in summaries:
            path = self.session_path(summary.id)
            s = self._read_or_set_aside(path, Session, "session", skip=True)
            if s is not None:
                s.id = summary.id
                out.append(s)
        return out

    def save_session(self, session: Session) -> Session:
        """Save a session; a new one (empty id) gets a unique id ``<date>-<mentor>``."""
        with self.locked():
            self._listing = None
            ensure_dir(self.sessions_dir)
            if not session.id:
                session.id = self._unique_name(
                    self.sessions_dir, f"{session.date.isoformat()}-{slugify(session.mentor)}"
                )
            path = self.session_path(session.id)
            self._write(path, dump_model(session))
            # keep the listing cache (if there is one) warm for the file just written
            entries = self._load_index()
            if entries:
                entries[path.name] = {
                    "k": stat_key(path.stat()),
                    "s": SessionSummary.of(session).to_json(),
                }
                self._save_index(entries)
        return session

    @staticmethod
    def _unique_name(directory: Path, base: str) -> str:
        name, n = base, 2
        while (directory / f"{name}.json").exists():
            name = f"{base}-{n}"
            n += 1
        return name

    # ---------------------------------------------------------- outreach/reviews

    def _list_kind(self, directory: Path, model: type[D], kind: str) -> list[D]:
        """Every ``<id>.json`` in ``directory`` (not dotfiles, not temp files), by name.

        Like ``list_sessions``, a bad file is set aside or skipped and named in
        ``problems``; an unreadable directory is named there too and lists nothing."""
        self.check_root()
        if not directory.is_dir():
            return []
        try:
            with os.scandir(directory) as it:
                names = sorted(
                    e.name
                    for e in it
                    if e.name.endswith(".json") and not e.name.startswith(".") and e.is_file()
                )
        except OSError as exc:
            rel = self._rel(directory)
            hint = ""
            if isinstance(exc, PermissionError):
                hint = f" Make it readable for you: chmod 700 {shlex.quote(str(directory))}"
            self._warn_once(
                directory,
                f"{rel}/ cannot be read ({exc.strerror or exc}); its files were skipped, "
                f"the rest loaded.{hint}",
            )
            return []
        out: list[D] = []
        for name in names:
            path = directory / name
            obj = self._read_or_set_aside(path, model, kind, skip=True)
            if obj is not None:
                obj.id = path.stem
                out.append(obj)
        return out

    def _save_kind(self, directory: Path, obj: D, base: str) -> D:
        with self.locked():
            ensure_dir(directory)
            if not obj.id:
                obj.id = self._unique_name(directory, base)
            self._write(directory / f"{obj.id}.json", dump_model(obj))
        return obj

    def list_outreach(self) -> list[OutreachDraft]:
        return self._list_kind(self.outreach_dir, OutreachDraft, "outreach")

    def save_outreach(self, draft: OutreachDraft) -> OutreachDraft:
        base = f"{draft.created.isoformat()}-{slugify(draft.to)}-{draft.outreach_kind}"
        return self._save_kind(self.outreach_dir, draft, base)

    def list_reviews(self) -> list[ReviewRecord]:
        return self._list_kind(self.reviews_dir, ReviewRecord, "review")

    def save_review(self, review: ReviewRecord) -> ReviewRecord:
        base = f"{review.date.isoformat()}-{slugify(review.mentor)}"
        return self._save_kind(self.reviews_dir, review, base)
