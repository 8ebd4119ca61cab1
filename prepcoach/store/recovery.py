"""Reading one file safely: parse, migrate, and deal with files that cannot be used.

- a corrupt or invalid file is named in ``problems`` and moved to ``corrupt/`` (never
  deleted, never overwritten); everything else still loads;
- a file with a newer ``schema_version``, or one the system will not let us read, is left
  untouched: asked for on its own it raises ``FutureSchemaError`` / ``UnreadableFileError``;
  a listing skips it and names it in ``problems`` (once per version of the file);
- a file with an older ``schema_version`` is migrated in place after a copy is kept under
  ``backups/``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shlex
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from prepcoach.errors import FutureSchemaError, StoreError, UnreadableFileError
from prepcoach.models import SCHEMA_VERSION
from prepcoach.store.files import dump_model, ensure_dir, fsync_dir, stat_key
from prepcoach.store.lock import DataDir
from prepcoach.store.migrations import MIGRATIONS

M = TypeVar("M", bound=BaseModel)

UPGRADE_HINT = "pip install -U . in your clone, or pip install -U prepcoach"


class CorruptFile(Exception):
    def __init__(self, reason: str, raw: bytes = b"") -> None:
        super().__init__(reason)
        self.reason = reason
        self.raw = raw


def short_validation(exc: ValidationError) -> str:
    """The first validation error in one line, and how many more there are."""
    errs = exc.errors()
    first = errs[0]
    loc = ".".join(str(p) for p in first.get("loc", ())) or "(top level)"
    more = f" (and {len(errs) - 1} more)" if len(errs) > 1 else ""
    return f"field {loc}: {first.get('msg', 'invalid')}{more}"


def read_bytes(path: Path) -> tuple[bytes, list[int]]:
    """Content and the cache key of exactly that content (fstat of the same descriptor).

    Raises FileNotFoundError, CorruptFile (a directory) or UnreadableFileError."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
            key = stat_key(os.fstat(fh.fileno()))
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


def parse(path: Path, raw_bytes: bytes, model: type[M], kind: str) -> tuple[M, bool]:
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
        raise CorruptFile(f"not valid JSON: {exc.msg} at line {exc.lineno}", raw_bytes) from None
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
        raise CorruptFile(short_validation(exc), raw_bytes) from None
    return obj, migrated


class RecoveringReader(DataDir):
    """A data directory whose files are read with the recovery rules above; what was set
    aside, skipped or upgraded is named in ``problems``."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.problems: list[str] = []
        # files a listing skipped (newer schema, unreadable) -> what was reported, so a
        # long-running TUI warns once per file version, not on every refresh
        self._skipped: dict[str, tuple[str, list[int] | None]] = {}

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
            fsync_dir(path.parent)
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
            key: list[int] | None = stat_key(path.stat())
        except OSError:
            key = None
        rel = self._rel(path)
        if self._skipped.get(rel) == (message, key):
            return
        self._skipped[rel] = (message, key)
        self.problems.append(message)

    def _read_keyed(self, path: Path, model: type[M], kind: str) -> tuple[M, list[int]]:
        """Read, migrate and validate one file -> (object, cache key of the file now on disk).

        Raises CorruptFile / FutureSchemaError / UnreadableFileError / FileNotFoundError.
        """
        raw_bytes, key = read_bytes(path)
        obj, migrated = parse(path, raw_bytes, model, kind)
        if migrated:
            with self.locked():
                # Re-check under the lock: another instance may have saved or migrated
                # the file since we read it; never write a migration over newer data.
                now, _ = read_bytes(path)
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
            key = stat_key(path.stat())
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

    def _read_or_set_aside(
        self, path: Path, model: type[M], kind: str, *, skip: bool = False
    ) -> M | None:
        got = self._read_keyed_or_set_aside(path, model, kind, skip=skip)
        return None if got is None else got[0]

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
                        now, _ = read_bytes(path)
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
