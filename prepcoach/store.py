"""Durable JSON store: plan.json, sessions/, outreach/, reviews/ under one data directory.

Guarantees (PRODUCT §2):
- every write is atomic: temp file in the same directory, flush, fsync, ``os.replace``,
  then fsync of the directory; a writer killed at any point leaves the old file intact;
- files are created 0600 and directories 0700;
- writers take an inter-process lock, and read-modify-write of the plan happens under it,
  so two running instances never lose each other's writes;
- a corrupt or invalid file is named in ``Store.problems`` and moved to ``corrupt/``
  (never deleted, never overwritten); everything else still loads;
- a file with a newer ``schema_version`` raises ``FutureSchemaError`` and is left untouched;
  an older one is migrated in place after a copy is kept under ``backups/``.

Listing sessions uses ``sessions/.index.json``, a cache of one summary per file keyed by
file name, size and mtime, so listing 10,000 sessions parses only files that changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from prepcoach.errors import FutureSchemaError, NotFoundError, StoreError
from prepcoach.models import (
    SCHEMA_VERSION,
    OutreachDraft,
    Plan,
    ReviewRecord,
    Session,
    slugify,
)

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

INDEX_NAME = ".index.json"
INDEX_VERSION = 1
LOCK_TIMEOUT = 15.0


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
    """Create ``path`` (and parents) with mode 0700."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except FileExistsError:
        raise StoreError(f"{path} exists but is not a directory.") from None
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
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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


MIGRATIONS: dict[int, Callable[[str, dict[str, Any]], dict[str, Any]]] = {0: _migrate_v0}


class CorruptFile(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _short_validation(exc: ValidationError) -> str:
    errs = exc.errors()
    first = errs[0]
    loc = ".".join(str(p) for p in first.get("loc", ())) or "(top level)"
    more = f" (and {len(errs) - 1} more)" if len(errs) > 1 else ""
    return f"field {loc}: {first.get('msg', 'invalid')}{more}"


# ----------------------------------------------------------------------- store


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
            first_line=first[0][:120] if first else "",
        )

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["date"] = self.date.isoformat()
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> SessionSummary:
        d = dict(d)
        d["date"] = dt.date.fromisoformat(d["date"])
        return cls(**d)


class Store:
    """One data directory. Cheap to construct: nothing is read until asked."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.problems: list[str] = []
        self._lock_depth = 0
        self._lock: Any = None

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
        """Inter-process writer lock (re-entrant within this Store)."""
        if self._lock_depth:
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
            raise StoreError(f"cannot lock {self.root}: {exc.strerror or exc}.") from None
        self._lock_depth = 1
        try:
            yield
        finally:
            self._lock_depth = 0
            lock.release()

    # ---------------------------------------------------------- generic reading

    def _rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def _set_aside(self, path: Path, reason: str) -> None:
        """Move a bad file to corrupt/ under a fresh name; never delete or overwrite."""
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
            where = f"moved to {self._rel(target)}"
        except (OSError, StoreError) as exc:
            where = f"left in place (could not move it: {exc})"
        self.problems.append(f"{rel} is unreadable ({reason}); {where}. The rest loaded.")

    def _read(self, path: Path, model: type[M], kind: str) -> M:
        """Read, migrate and validate one file. Raises CorruptFile / FutureSchemaError."""
        try:
            raw_bytes = path.read_bytes()
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror or exc}.") from None
        try:
            raw = json.loads(raw_bytes.decode("utf-8"))
        except UnicodeDecodeError:
            raise CorruptFile("not UTF-8 text") from None
        except json.JSONDecodeError as exc:
            raise CorruptFile(f"not valid JSON: {exc.msg} at line {exc.lineno}") from None
        if not isinstance(raw, dict):
            raise CorruptFile(f"expected a JSON object, found {type(raw).__name__}")
        version = raw.get("schema_version", 0)
        if not isinstance(version, int) or isinstance(version, bool) or version < 0:
            raise CorruptFile(f"schema_version {version!r} is not a whole number")
        if version > SCHEMA_VERSION:
            raise FutureSchemaError(
                f"{path} was written by a newer prepcoach (schema_version {version}; "
                f"this version reads up to {SCHEMA_VERSION}).",
                hint="Upgrade prepcoach (pip install -U prepcoach); the file was not touched.",
            )
        migrated = version < SCHEMA_VERSION
        while version < SCHEMA_VERSION:
            raw = MIGRATIONS[version](kind, raw)
            version = raw["schema_version"]
        try:
            obj = model.model_validate(raw)
        except ValidationError as exc:
            raise CorruptFile(_short_validation(exc)) from None
        if migrated:
            self._backup_and_rewrite(path, raw_bytes, obj)
        return obj

    def _backup_and_rewrite(self, path: Path, old: bytes, obj: BaseModel) -> None:
        old_version = json.loads(old).get("schema_version", 0)
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
        backup = self.root / "backups" / f"{self._rel(path)}.v{old_version}.{stamp}"
        with self.locked():
            atomic_write_bytes(backup, old)
            atomic_write_bytes(path, dump_model(obj))
        self.problems.append(
            f"{self._rel(path)} was upgraded from schema_version {old_version} to "
            f"{SCHEMA_VERSION}; the original is kept as {self._rel(backup)}."
        )

    def _read_or_set_aside(self, path: Path, model: type[M], kind: str) -> M | None:
        try:
            return self._read(path, model, kind)
        except CorruptFile as exc:
            self._set_aside(path, exc.reason)
            return None

    # --------------------------------------------------------------------- plan

    def load_plan(self) -> Plan:
        self.check_root()
        if not self.plan_path.exists():
            return Plan()
        plan = self._read_or_set_aside(self.plan_path, Plan, "plan")
        return plan if plan is not None else Plan()

    def save_plan(self, plan: Plan) -> None:
        with self.locked():
            atomic_write_bytes(self.plan_path, dump_model(plan))

    def update_plan(self, change: Callable[[Plan], T]) -> T:
        """Read-modify-write of plan.json under the writer lock; returns change()'s result."""
        with self.locked():
            plan = self.load_plan()
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
            data = json.loads((self.sessions_dir / INDEX_NAME).read_text("utf-8"))
            if isinstance(data, dict) and data.get("version") == INDEX_VERSION:
                entries = data.get("entries")
                if isinstance(entries, dict):
                    return entries
        except (OSError, ValueError):
            pass
        return {}

    def _save_index(self, entries: dict[str, Any]) -> None:
        payload = json.dumps({"version": INDEX_VERSION, "entries": entries}, separators=(",", ":"))
        # The index is a cache: failing to write it must never fail the command.
        with contextlib.suppress(StoreError):
            atomic_write_bytes(self.sessions_dir / INDEX_NAME, payload.encode("utf-8"))

    @staticmethod
    def _index_entry(path: Path, session: Session) -> dict[str, Any]:
        st = path.stat()  # after any migration rewrite
        return {"k": [st.st_size, st.st_mtime_ns], "s": SessionSummary.of(session).to_json()}

    def list_sessions(self, mentor: str | None = None) -> list[SessionSummary]:
        """Summaries of all sessions (optionally one mentor's), oldest first."""
        self.check_root()
        entries = self._load_index()
        fresh: dict[str, Any] = {}
        changed = False
        for entry in self._session_files():
            st = entry.stat()
            key = [st.st_size, st.st_mtime_ns]
            cached = entries.get(entry.name)
            if cached and cached.get("k") == key:
                fresh[entry.name] = cached
                continue
            changed = True
            session = self._read_or_set_aside(Path(entry.path), Session, "session")
            if session is None:
                continue
            session.id = entry.name[:-5]
            fresh[entry.name] = self._index_entry(Path(entry.path), session)
        if changed or len(fresh) != len(entries):
            self._save_index(fresh)
        out = []
        for v in fresh.values():
            try:
                summary = SessionSummary.from_json(v["s"])
            except (KeyError, TypeError, ValueError):
                continue
            if mentor is None or summary.mentor == mentor:
                out.append(summary)
        out.sort(key=lambda s: (s.date, s.id))
        return out

    def session_path(self, session_id: str) -> Path:
        if not session_id or "/" in session_id or "\\" in session_id or session_id.startswith("."):
            raise NotFoundError(f"no session called {session_id!r}.")
        return self.sessions_dir / f"{session_id}.json"

    def load_session(self, session_id: str) -> Session:
        path = self.session_path(session_id)
        if not path.exists():
            raise NotFoundError(
                f"no session called {session_id!r}.",
                hint="Run `prepcoach sessions list` to see session ids.",
            )
        session = self._read_or_set_aside(path, Session, "session")
        if session is None:
            raise StoreError(self.problems[-1])
        session.id = session_id
        return session

    def sessions_for(self, mentor: str) -> list[Session]:
        """Full sessions with one mentor, oldest first (parses only that mentor's files)."""
        out = []
        for summary in self.list_sessions(mentor):
            path = self.session_path(summary.id)
            s = self._read_or_set_aside(path, Session, "session")
            if s is not None:
                s.id = summary.id
                out.append(s)
        return out

    def all_sessions(self) -> list[Session]:
        out = []
        for summary in self.list_sessions():
            s = self._read_or_set_aside(self.session_path(summary.id), Session, "session")
            if s is not None:
                s.id = summary.id
                out.append(s)
        return out

    def save_session(self, session: Session) -> Session:
        """Save a session; a new one (empty id) gets a unique id ``<date>-<mentor>``."""
        with self.locked():
            ensure_dir(self.sessions_dir)
            if not session.id:
                session.id = self._unique_name(
                    self.sessions_dir, f"{session.date.isoformat()}-{slugify(session.mentor)}"
                )
            path = self.session_path(session.id)
            atomic_write_bytes(path, dump_model(session))
            # keep the listing cache exact even when size and mtime tick alike
            entries = self._load_index()
            entries[path.name] = self._index_entry(path, session)
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
        self.check_root()
        if not directory.is_dir():
            return []
        out: list[M] = []
        for path in sorted(directory.glob("*.json")):
            if path.name.startswith("."):
                continue
            obj = self._read_or_set_aside(path, model, kind)
            if obj is not None:
                obj.id = path.stem  # type: ignore[attr-defined]
                out.append(obj)
        return out

    def _save_kind(self, directory: Path, obj: M, base: str) -> M:
        with self.locked():
            ensure_dir(directory)
            if not obj.id:  # type: ignore[attr-defined]
                obj.id = self._unique_name(directory, base)  # type: ignore[attr-defined]
            atomic_write_bytes(directory / f"{obj.id}.json", dump_model(obj))  # type: ignore[attr-defined]
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
