"""Listing sessions: one summary per file, and the listing cache ``sessions/.index.json``.

Once there are ``INDEX_MIN_SESSIONS`` sessions, a listing keeps a cache of one summary per
file keyed by file name, size, mtime, inode and mode, so listing 10,000 sessions parses
only files that changed. The cache is never trusted for a file whose key differs, so a
stale, damaged or missing index only costs time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import time
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from prepcoach.errors import StoreError
from prepcoach.models import Session
from prepcoach.store.files import atomic_write_bytes, stat_key
from prepcoach.store.recovery import RecoveringReader
from prepcoach.text import clip

INDEX_NAME = ".index.json"
# 2: the key has the file mode too; 3: first_line clipped at a word; 4: captured, moved
INDEX_VERSION = 4
# Below this many sessions parsing is quicker than any cache, and small data directories
# (sample_sessions/ in the repository) stay free of generated files.
INDEX_MIN_SESSIONS = 100
# sessions_for() reuses one full listing for this long (seconds) while the sessions
# directory is unchanged, so asking for each of 20 mentors in turn (dashboard, review)
# scans 10,000 entries once, not 20 times. The files themselves are always read fresh.
LISTING_REUSE = 2.0

# One summary as stored in the index: JSON scalars by field name.
SummaryJSON = dict[str, str | int | bool]
# The index's entries: file name -> {"k": key, "s": summary}. Read back from disk they are
# JSON of unknown shape until checked, entry by entry, in ``list_sessions``.
IndexEntries = dict[str, object]


@dataclass(frozen=True)
class SessionSummary:
    """What a listing needs, without parsing the whole session; with ``captured`` and
    ``moved`` it is also the ``SessionFacts`` that meeting counts, drift and reviews read."""

    id: str
    mentor: str
    date: dt.date
    minutes: int
    accomplishments: int
    questions: int
    open_questions: int
    action_items: int
    open_action_items: int
    has_agenda: bool
    engine: str
    first_line: str
    captured: bool
    moved: bool

    @classmethod
    def of(cls, s: Session) -> SessionSummary:
        first = (s.accomplishments[0] if s.accomplishments else s.notes).strip().splitlines()
        return cls(
            id=s.id,
            mentor=s.mentor,
            date=s.date,
            minutes=s.minutes,
            accomplishments=len(s.accomplishments),
            questions=len(s.questions),
            open_questions=sum(1 for q in s.questions if not q.resolved),
            action_items=len(s.action_items),
            open_action_items=sum(1 for a in s.action_items if not a.done),
            has_agenda=s.agenda is not None,
            engine=s.engine,
            first_line=clip(first[0], 120) if first else "",
            captured=s.captured,
            moved=s.moved,
        )

    def to_json(self) -> SummaryJSON:
        # (dataclasses.asdict deep-copies every value: 4x slower over 10,000 sessions)
        d: SummaryJSON = {name: getattr(self, name) for name in _SUMMARY_FIELDS}
        d["date"] = self.date.isoformat()
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> SessionSummary:
        d = dict(d)
        d["date"] = dt.date.fromisoformat(d["date"])
        return cls(**d)


_SUMMARY_FIELDS = tuple(f.name for f in fields(SessionSummary))


def _other_mentor(cached: dict[str, object], mentor: str) -> bool:
    """A current cache entry names a session with another mentor (no summary is built
    for it: one mentor's listing out of 10,000 sessions builds only that mentor's)."""
    summary = cached.get("s")
    return isinstance(summary, dict) and summary.get("mentor", mentor) != mentor


class SessionListing(RecoveringReader):
    """A data directory whose sessions can be listed as summaries, through the cache."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.index_min_sessions = INDEX_MIN_SESSIONS
        self._listing: tuple[tuple[int, int], float, list[SessionSummary]] | None = None

    def _session_files(self) -> list[os.DirEntry[str]]:
        try:
            with os.scandir(self.sessions_dir) as it:
                return [
                    e
                    for e in it
                    if e.name.endswith(".json") and not e.name.startswith(".") and e.is_file()
                ]
        except FileNotFoundError:
            return []
        except NotADirectoryError:
            raise StoreError(f"{self.sessions_dir} is not a directory.") from None
        except OSError as exc:
            raise StoreError(f"cannot read {self.sessions_dir}: {exc.strerror}.") from None

    def _load_index(self) -> IndexEntries:
        try:
            data = json.loads((self.sessions_dir / INDEX_NAME).read_bytes())
            if isinstance(data, dict) and data.get("version") == INDEX_VERSION:
                entries = data.get("entries")
                if isinstance(entries, dict):
                    return entries
        except (OSError, ValueError):
            pass
        return {}

    def _save_index(self, entries: IndexEntries) -> None:
        """Write the listing cache. Not under the writer lock: the cache is only trusted
        for a file whose current (size, mtime, inode) equals the entry's key, so a stale
        or lost index costs a re-parse, never a wrong listing."""
        payload = json.dumps({"version": INDEX_VERSION, "entries": entries}, separators=(",", ":"))
        # The index is a cache: failing to write it must never fail the command.
        with contextlib.suppress(StoreError):
            atomic_write_bytes(self.sessions_dir / INDEX_NAME, payload.encode("utf-8"))

    def list_sessions(self, mentor: str | None = None) -> list[SessionSummary]:
        """Summaries of all sessions (optionally one mentor's), oldest first.

        A session file that is corrupt is set aside; one from a newer prepcoach or one that
        cannot be read is left alone and skipped. Each is named in ``problems``.
        """
        self.check_root()
        entries = self._load_index()
        fresh: IndexEntries = {}
        out: list[SessionSummary] = []
        changed = False
        for entry in self._session_files():
            summary: SessionSummary | None = None
            cached = entries.get(entry.name)
            if isinstance(cached, dict):
                try:
                    key = stat_key(entry.stat())
                except FileNotFoundError:
                    changed = True
                    continue
                if cached.get("k") == key:
                    if mentor is not None and _other_mentor(cached, mentor):
                        fresh[entry.name] = cached  # current, and not asked for
                        continue
                    try:
                        summary = SessionSummary.from_json(cached["s"])
                    except (KeyError, TypeError, ValueError):
                        summary = None  # damaged cache entry: parse the file instead
                if summary is not None:
                    fresh[entry.name] = cached
            if summary is None:
                got = self._read_keyed_or_set_aside(Path(entry.path), Session, "session", skip=True)
                if got is None:
                    continue  # (dropped from the index too, if it was there)
                changed = True
                session, key = got
                session.id = entry.name[:-5]
                summary = SessionSummary.of(session)
                fresh[entry.name] = {"k": key, "s": summary.to_json()}
            if mentor is None or summary.mentor == mentor:
                out.append(summary)
        if (changed or len(fresh) != len(entries)) and (
            entries or len(fresh) >= self.index_min_sessions
        ):
            self._save_index(fresh)
        out.sort(key=lambda s: (s.date, s.id))
        if mentor is None:
            self._remember_listing(out)
        return out

    def _sessions_dir_key(self) -> tuple[int, int] | None:
        try:
            st = self.sessions_dir.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_ino)

    def _remember_listing(self, summaries: list[SessionSummary]) -> None:
        key = self._sessions_dir_key()
        self._listing = None if key is None else (key, time.monotonic(), list(summaries))

    def _recent_listing(self) -> list[SessionSummary] | None:
        """The last full listing, if it is recent and no file was added, removed or
        replaced in sessions/ since (any save renames a file into the directory)."""
        if self._listing is None:
            return None
        key, when, summaries = self._listing
        if time.monotonic() - when > LISTING_REUSE or self._sessions_dir_key() != key:
            self._listing = None
            return None
        return summaries

    def session_ids(self) -> list[str]:
        """Ids of all session files, without reading them."""
        return sorted(e.name[:-5] for e in self._session_files())
