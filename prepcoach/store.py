"""Durable JSON store: plan.json, sessions/, outreach/, reviews/ under one data directory.

Guarantees (PRODUCT §2):
- every write is atomic: temp file in the same directory, flush, fsync, ``os.replace``,
  then fsync of the directory; a writer killed at any point leaves the old file intact;
- files are created 0600 and directories 0700;
- writers take an inter-process lock, and read-modify-write of the plan happens under it,
  so two running instances never lose each other's writes;
- a corrupt or invalid file is named in ``Store.problems`` and moved to ``corrupt/``
  (never deleted, never overwritten); everything else still loads;
- a file with a newer ``schema_version``, or one the system will not let us read, is left
  untouched: asked for on its own (plan.json, one session) it raises ``FutureSchemaError`` /
  ``UnreadableFileError``; a listing skips it and names it in ``Store.problems``;
  a file with an older ``schema_version`` is migrated in place after a copy is kept under
  ``backups/``;
- temp files left by a writer killed mid-save are removed by a later write to the same
  directory, once they are ``STALE_TEMP_AGE`` old and their writer is gone.

Listing sessions uses ``sessions/.index.json`` (once there are ``INDEX_MIN_SESSIONS``),
a cache of one summary per file keyed by file name, size, mtime, inode and mode, so listing
10,000 sessions parses only files that changed. The cache is never trusted for a file
whose key differs, so a stale, damaged or missing index only costs time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shlex
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from prepcoach.errors import FutureSchemaError, NotFoundError, StoreError, UnreadableFileError
from prepcoach.models import (
    SCHEMA_VERSION,
    OutreachDraft,
    Plan,
    ReviewRecord,
    Session,
    migrate_v1,
    slugify,
)

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

INDEX_NAME = ".index.json"
INDEX_VERSION = 3  # 2: the key has the file mode too; 3: first_line clipped at a word
# Below this many sessions parsing is quicker than any cache, and small data directories
# (sample_sessions/ in the repository) stay free of generated files.
INDEX_MIN_SESSIONS = 100
LOCK_TIMEOUT = 15.0
# sessions_for() reuses one full listing for this long (seconds) while the sessions
# directory is unchanged, so asking for each of 20 mentors in turn (dashboard, review)
# scans 10,000 entries once, not 20 times. The files themselves are always read fresh.
LISTING_REUSE = 2.0
# A temp file of ``atomic_write_bytes`` this old (seconds) whose writer is gone was left by
# a writer killed mid-save; a later write to its directory removes it. A live save takes
# well under a second.
STALE_TEMP_AGE = 600.0
# What ``atomic_write_bytes`` names its temp file: ".<target>.<pid>.<8 random>.tmp" (the pid
# was added later, so it is optional). Only ``.json`` targets: what the store writes.
TEMP_NAME = re.compile(r"\.(?P<target>.+\.json)\.(?:(?P<pid>[0-9]+)\.)?[a-z0-9_]{8}\.tmp")
UPGRADE_HINT = "pip install -U . in your clone, or pip install -U prepcoach"


# ------------------------------------------------------------------ low-level I/O


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def ensure_dir(path: Path) -> None:
    """Create ``path`` and any missing parents, each with mode 0700.

    (``Path.mkdir(parents=True)`` would give the parents the umask's default mode.)
    """
    if path.is_dir():
        return
    missing: list[Path] = []
    p = path
    while not p.exists() and p != p.parent:
        missing.append(p)
        p = p.parent
    try:
        for d in reversed(missing):
            with contextlib.suppress(FileExistsError):
                d.mkdir(mode=0o700)
        if not path.is_dir():
            raise FileExistsError
    except FileExistsError:
        raise StoreError(f"{path} exists but is not a directory.") from None
    except NotADirectoryError:
        raise StoreError(f"{path} cannot be created: a parent is a file.") from None
    except OSError as exc:
        raise StoreError(
            f"cannot create data directory {path}: {exc.strerror}.",
            hint="Choose another place with --data or PREPCOACH_HOME.",
        ) from None


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically with mode 0600.

    On any failure the previous content of ``path`` is left as it was.
    """
    ensure_dir(path.parent)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
        )
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
        tmp = None
        _fsync_dir(path.parent)
    except OSError as exc:
        raise StoreError(
            f"could not save {path}: {exc.strerror or exc}.",
            hint="Nothing was changed; free some space or fix the permissions, then retry.",
        ) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # (os.kill would end a process on Windows)
        return False  # our own old file is from an earlier process with the same pid
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return False
    return True


def remove_stale_temps(directory: Path, *, age: float = STALE_TEMP_AGE) -> list[str]:
    """Remove temp files of ``atomic_write_bytes`` in ``directory`` that a killed writer
    left: named as it names them, regular files of ours, unchanged for ``age`` seconds,
    and (when the name has one) their writer's pid no longer running. Returns the names
    removed. Call with the writer lock held."""
    removed: list[str] = []
    now = time.time()
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    try:
        with os.scandir(directory) as it:
            names = [e.name for e in it if e.name.startswith(".") and e.name.endswith(".tmp")]
    except OSError:
        return removed
    for name in names:
        m = TEMP_NAME.fullmatch(name)
        if m is None:
            continue
        path = directory / name
        try:
            st = path.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or (uid is not None and st.st_uid != uid):
            continue
        if now - st.st_mtime < age:
            continue
        if m["pid"] is not None and _pid_alive(int(m["pid"])):
            continue
        try:
            os.unlink(path)
        except OSError:
            continue
        removed.append(name)
    return removed


def dump_model(model: BaseModel) -> bytes:
    return (model.model_dump_json(indent=2) + "\n").encode("utf-8")


# ------------------------------------------------------------------- migrations


def _migrate_v0(kind: str, raw: dict[str, Any]) -> dict[str, Any]:
    """v0 (before ``schema_version`` existed): ids were optional, questions were plain
    strings and sessions named their mentor by display name."""
    out = dict(raw)
    if kind == "plan":
        mentors = []
        for m in out.get("mentors", []):
            m = dict(m)
            m.setdefault("id", slugify(str(m.get("name", "")), "mentor"))
            mentors.append(m)
        out["mentors"] = mentors
        objectives = []
        for o in out.get("objectives", []):
            o = dict(o)
            o.setdefault("id", slugify(str(o.get("title", "")), "objective"))
            objectives.append(o)
        out["objectives"] = objectives
    elif kind == "session":
        out["questions"] = [
            {"text": q} if isinstance(q, str) else q for q in out.get("questions", [])
        ]
        out["mentor"] = slugify(str(out.get("mentor", "")), "mentor")
    out["schema_version"] = 1
    return out


MIGRATIONS: dict[int, Callable[[str, dict[str, Any]], dict[str, Any]]] = {
    0: _migrate_v0,
    1: migrate_v1,
}


class CorruptFile(Exception):
    def __init__(self, reason: str, raw: bytes = b"") -> None:
        super().__init__(reason)
        self.reason = reason
        self.raw = raw


def _short_validation(exc: ValidationError) -> str:
    errs = exc.errors()
    first = errs[0]
    loc = ".".join(str(p) for p in first.get("loc", ())) or "(top level)"
    more = f" (and {len(errs) - 1} more)" if len(errs) > 1 else ""
    return f"field {loc}: {first.get('msg', 'invalid')}{more}"


def _stat_key(st: os.stat_result) -> list[int]:
    """Cache key of one file version. ``os.replace`` gives every save a new inode, so the
    key changes on each prepcoach write even where mtime is coarse and the size is equal.
    The mode is in it so a file made unreadable (chmod 000) is read again, and skipped."""
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_mode]


def _read_bytes(path: Path) -> tuple[bytes, list[int]]:
    """Content and the cache key of exactly that content (fstat of the same descriptor).

    Raises FileNotFoundError, CorruptFile (a directory) or UnreadableFileError."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
            key = _stat_key(os.fstat(fh.fileno()))
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise CorruptFile("a directory where a file was expected") from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        hint = ""
        if isinstance(exc, PermissionError):
            hint = f"Make it readable for you: chmod 600 {shlex.quote(str(path))}"
        raise UnreadableFileError(
            f"cannot read {path}: {reason}.", hint=hint, path=str(path), reason=reason
        ) from None
    return data, key


# ----------------------------------------------------------------------- store


def _clip(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, cut at a word with "…" when shortened."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "…"


@dataclass(frozen=True)
class SessionSummary:
    """What a listing needs, without parsing the whole session."""

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
            first_line=_clip(first[0], 120) if first else "",
        )

    def to_json(self) -> dict[str, Any]:
        # (dataclasses.asdict deep-copies every value: 4x slower over 10,000 sessions)
        d = {name: getattr(self, name) for name in _SUMMARY_FIELDS}
        d["date"] = self.date.isoformat()
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> SessionSummary:
        d = dict(d)
        d["date"] = dt.date.fromisoformat(d["date"])
        return cls(**d)


_SUMMARY_FIELDS = tuple(f.name for f in fields(SessionSummary))


class Store:
    """One data directory. Cheap to construct: nothing is read until asked.

    Safe to share between threads of one process (the TUI's workers) and between
    processes: writers serialise on a thread lock plus an inter-process file lock.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.problems: list[str] = []
        self.index_min_sessions = INDEX_MIN_SESSIONS
        self._lock_depth = 0
        self._thread_lock = threading.RLock()
        self._listing: tuple[tuple[int, int], float, list[SessionSummary]] | None = None
        # files a listing skipped (newer schema, unreadable) -> what was reported, so a
        # long-running TUI warns once per file version, not on every refresh
        self._skipped: dict[str, tuple[str, list[int] | None]] = {}
        # directory -> when (monotonic) its stale temp files were last looked for
        self._swept: dict[Path, float] = {}

    # ------------------------------------------------------------ paths & lock

    @property
    def plan_path(self) -> Path:
        return self.root / "plan.json"

    @property
    def sessions_dir(self) -> Path:
        return self.root / "sessions"

    @property
    def outreach_dir(self) -> Path:
        return self.root / "outreach"

    @property
    def reviews_dir(self) -> Path:
        return self.root / "reviews"

    def check_root(self) -> None:
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(
                f"data directory {self.root} is a file, not a directory.",
                hint="Pass a directory with --data or PREPCOACH_HOME.",
            )

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Writer lock: a thread lock, then the inter-process file lock ``<root>/.lock``.

        Re-entrant within the thread that holds it; other threads of this process and
        other processes wait (up to ``LOCK_TIMEOUT`` seconds for the file lock).
        """
        with self._thread_lock:
            if self._lock_depth:  # this thread already holds both locks
                self._lock_depth += 1
                try:
                    yield
                finally:
                    self._lock_depth -= 1
                return
            import filelock

            self.check_root()
            ensure_dir(self.root)
            lock = filelock.FileLock(str(self.root / ".lock"), timeout=LOCK_TIMEOUT, mode=0o600)
            try:
                lock.acquire()
            except filelock.Timeout:
                raise StoreError(
                    f"another prepcoach is still writing to {self.root}.",
                    hint="Wait for it to finish, then try again.",
                ) from None
            except OSError as exc:
                raise StoreError(
                    f"cannot write to the data directory {self.root} "
                    f"({exc.strerror or exc}: its lock file cannot be created).",
                    hint="Nothing was changed. Make the directory writable for you, or "
                    "choose another with --data or PREPCOACH_HOME.",
                ) from None
            self._lock_depth = 1
            try:
                yield
            finally:
                self._lock_depth = 0
                lock.release()

    def _write(self, path: Path, data: bytes) -> None:
        """``atomic_write_bytes`` under the writer lock, first removing the temp files a
        killed writer left in that directory (looked for at most every STALE_TEMP_AGE)."""
        with self.locked():
            directory = path.parent
            last = self._swept.get(directory)
            if last is None or time.monotonic() - last >= STALE_TEMP_AGE:
                remove_stale_temps(directory)
                self._swept[directory] = time.monotonic()
            atomic_write_bytes(path, data)

    # ---------------------------------------------------------- generic reading

    def _rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def _set_aside(self, path: Path, reason: str) -> None:
        """Move a bad file to corrupt/ under a fresh name; never delete or overwrite.

        Called with the writer lock held, so no prepcoach writer replaces the file between
        the check and the move.
        """
        rel = self._rel(path)
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        target_dir = self.root / "corrupt" / Path(rel).parent
        target = target_dir / f"{path.name}.{stamp}"
        n = 1
        while target.exists():
            n += 1
            target = target_dir / f"{path.name}.{stamp}-{n}"
        try:
            ensure_dir(target_dir)
            os.rename(path, target)
            _fsync_dir(path.parent)
            where = f"moved to {self._rel(target)}"
        except (OSError, StoreError) as exc:
            where = f"left in place (could not move it: {exc})"
        self.problems.append(f"{rel} is unreadable ({reason}); {where}. The rest loaded.")

    def _skip(self, path: Path, exc: FutureSchemaError | UnreadableFileError) -> None:
        """Name a file a listing skipped in ``problems`` (once per version of the file);
        the file itself is left exactly as it is."""
        rel = self._rel(path)
        if isinstance(exc, FutureSchemaError):
            message = (
                f"{rel} was written by a newer prepcoach (schema_version {exc.version}; this "
                f"version reads up to {SCHEMA_VERSION}); skipped and left as it is, the rest "
                f"loaded. Upgrade prepcoach to read it ({UPGRADE_HINT})."
            )
        else:
            message = (
                f"{rel} cannot be read ({exc.reason}); skipped and left as it is, the rest loaded."
            )
            if exc.hint:
                message += f" {exc.hint}"
        self._warn_once(path, message)

    def _warn_once(self, path: Path, message: str) -> None:
        """Add ``message`` about ``path`` to ``problems`` unless it was already reported
        by this store for the same version of the path."""
        try:
            key: list[int] | None = _stat_key(path.stat())
        except OSError:
            key = None
        rel = self._rel(path)
        if self._skipped.get(rel) == (message, key):
            return
        self._skipped[rel] = (message, key)
        self.problems.append(message)

    def _parse(self, path: Path, raw_bytes: bytes, model: type[M], kind: str) -> tuple[M, bool]:
        """Validate (and migrate in memory) one file's bytes -> (object, needs_rewrite)."""
        try:
            # Fast path: a current file validates straight from bytes (no dict round trip).
            obj = model.model_validate_json(raw_bytes)
            version = getattr(obj, "schema_version", None)
            if "schema_version" in obj.model_fields_set and version == SCHEMA_VERSION:
                return obj, False
        except ValidationError:
            pass
        try:
            raw = json.loads(raw_bytes.decode("utf-8"))
        except UnicodeDecodeError:
            raise CorruptFile("not UTF-8 text", raw_bytes) from None
        except json.JSONDecodeError as exc:
            raise CorruptFile(
                f"not valid JSON: {exc.msg} at line {exc.lineno}", raw_bytes
            ) from None
        if not isinstance(raw, dict):
            raise CorruptFile(f"expected a JSON object, found {type(raw).__name__}", raw_bytes)
        version = raw.get("schema_version", 0)
        if not isinstance(version, int) or isinstance(version, bool) or version < 0:
            raise CorruptFile(f"schema_version {version!r} is not a whole number", raw_bytes)
        if version > SCHEMA_VERSION:
            raise FutureSchemaError(
                f"{path} was written by a newer prepcoach (schema_version {version}; "
                f"this version reads up to {SCHEMA_VERSION}).",
                hint=f"Upgrade prepcoach ({UPGRADE_HINT}); the file was not touched.",
                path=str(path),
                version=version,
            )
        migrated = version < SCHEMA_VERSION
        try:
            while version < SCHEMA_VERSION:
                raw = MIGRATIONS[version](kind, raw)
                version = raw["schema_version"]
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise CorruptFile(
                f"cannot upgrade from schema_version {version}: {exc}", raw_bytes
            ) from None
        try:
            obj = model.model_validate(raw)
        except ValidationError as exc:
            raise CorruptFile(_short_validation(exc), raw_bytes) from None
        return obj, migrated

    def _read_keyed(self, path: Path, model: type[M], kind: str) -> tuple[M, list[int]]:
        """Read, migrate and validate one file -> (object, cache key of the file now on disk).

        Raises CorruptFile / FutureSchemaError / UnreadableFileError / FileNotFoundError.
        """
        raw_bytes, key = _read_bytes(path)
        obj, migrated = self._parse(path, raw_bytes, model, kind)
        if migrated:
            with self.locked():
                # Re-check under the lock: another instance may have saved or migrated
                # the file since we read it; never write a migration over newer data.
                now, _ = _read_bytes(path)
                if now != raw_bytes:
                    return self._read_keyed(path, model, kind)
                key = self._backup_and_rewrite(path, raw_bytes, obj)
        return obj, key

    def _read(self, path: Path, model: type[M], kind: str) -> M:
        return self._read_keyed(path, model, kind)[0]

    def _backup_and_rewrite(self, path: Path, old: bytes, obj: BaseModel) -> list[int]:
        old_version = json.loads(old).get("schema_version", 0)
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
        backup = self.root / "backups" / f"{self._rel(path)}.v{old_version}.{stamp}"
        with self.locked():
            self._write(backup, old)
            self._write(path, dump_model(obj))
            key = _stat_key(path.stat())
        self.problems.append(
            f"{self._rel(path)} was upgraded from schema_version {old_version} to "
            f"{SCHEMA_VERSION}; the original is kept as {self._rel(backup)}."
        )
        return key

    def _read_keyed_or_set_aside(
        self, path: Path, model: type[M], kind: str, *, skip: bool = False
    ) -> tuple[M, list[int]] | None:
        """Like ``_read_keyed``; a corrupt file is set aside and None returned.

        A file that vanished meanwhile (deleted by another instance) also gives None.
        With ``skip`` (listings), a file from a newer prepcoach or one that cannot be read
        is named in ``problems`` and None returned, instead of raising; it is not touched.
        """
        try:
            return self._read_keyed_or_set_aside_strict(path, model, kind)
        except (FutureSchemaError, UnreadableFileError) as exc:
            if not skip:
                raise
            self._skip(path, exc)
            return None

    def _read_keyed_or_set_aside_strict(
        self, path: Path, model: type[M], kind: str
    ) -> tuple[M, list[int]] | None:
        try:
            return self._read_keyed(path, model, kind)
        except FileNotFoundError:
            return None
        except CorruptFile as exc:
            try:
                with self.locked():
                    try:
                        now, _ = _read_bytes(path)
                    except FileNotFoundError:
                        return None
                    if now != exc.raw:  # replaced meanwhile: judge the new content
                        try:
                            return self._read_keyed(path, model, kind)
                        except CorruptFile as again:
                            exc = again
                    self._set_aside(path, exc.reason)
            except (FutureSchemaError, UnreadableFileError):
                raise  # the file changed meanwhile into one of these: the caller decides
            except StoreError as lock_exc:  # e.g. a read-only data directory
                self.problems.append(
                    f"{self._rel(path)} is unreadable ({exc.reason}); left in place "
                    f"({lock_exc.message}). The rest loaded."
                )
            return None

    def _read_or_set_aside(
        self, path: Path, model: type[M], kind: str, *, skip: bool = False
    ) -> M | None:
        got = self._read_keyed_or_set_aside(path, model, kind, skip=skip)
        return None if got is None else got[0]

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

    def _load_index(self) -> dict[str, Any]:
        try:
            data = json.loads((self.sessions_dir / INDEX_NAME).read_bytes())
            if isinstance(data, dict) and data.get("version") == INDEX_VERSION:
                entries = data.get("entries")
                if isinstance(entries, dict):
                    return entries
        except (OSError, ValueError):
            pass
        return {}

    def _save_index(self, entries: dict[str, Any]) -> None:
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
        fresh: dict[str, Any] = {}
        out: list[SessionSummary] = []
        changed = False
        for entry in self._session_files():
            summary: SessionSummary | None = None
            cached = entries.get(entry.name)
            if isinstance(cached, dict):
                try:
                    key = _stat_key(entry.stat())
                except FileNotFoundError:
                    changed = True
                    continue
                if cached.get("k") == key:
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
        out = []
        for summary in (s for s in recent if s.mentor == mentor):
            path = self.session_path(summary.id)
            s = self._read_or_set_aside(path, Session, "session", skip=True)
            if s is not None:
                s.id = summary.id
                out.append(s)
        return out

    def all_sessions(self) -> list[Session]:
        out = []
        for summary in self.list_sessions():
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
                    "k": _stat_key(path.stat()),
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

    def _list_kind(self, directory: Path, model: type[M], kind: str) -> list[M]:
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
        out: list[M] = []
        for name in names:
            path = directory / name
            obj = self._read_or_set_aside(path, model, kind, skip=True)
            if obj is not None:
                obj.id = path.stem  # type: ignore[attr-defined]
                out.append(obj)
        return out

    def _save_kind(self, directory: Path, obj: M, base: str) -> M:
        with self.locked():
            ensure_dir(directory)
            if not obj.id:  # type: ignore[attr-defined]
                obj.id = self._unique_name(directory, base)  # type: ignore[attr-defined]
            self._write(directory / f"{obj.id}.json", dump_model(obj))  # type: ignore[attr-defined]
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


def copy_tree_private(src: Path, dst: Path) -> None:
    """Copy a data directory (e.g. sample_sessions for `demo`) with 0700/0600 modes."""
    ensure_dir(dst)
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if any(part.startswith(".") for part in rel.parts):
            continue
        target = dst / rel
        if path.is_dir():
            ensure_dir(target)
        else:
            ensure_dir(target.parent)
            shutil.copyfile(path, target)
            os.chmod(target, 0o600)
