"""The data directory's writer lock, and removal of temp files a killed writer left.

Writers take a thread lock, then the inter-process file lock ``<root>/.lock``, so two
running instances (or two threads of the TUI) never lose each other's writes. Temp files
left by a writer killed mid-save are removed by a later write to the same directory, once
they are ``STALE_TEMP_AGE`` old and their writer is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from prepcoach.errors import StoreError
from prepcoach.store.files import atomic_write_bytes, ensure_dir

LOCK_TIMEOUT = 15.0
# A temp file of ``atomic_write_bytes`` this old (seconds) whose writer is gone was left by
# a writer killed mid-save; a later write to its directory removes it. A live save takes
# well under a second.
STALE_TEMP_AGE = 600.0
# What ``atomic_write_bytes`` names its temp file: ".<target>.<pid>.<8 random>.tmp" (the pid
# is optional: older versions left it out). Only ``.json`` targets: what the store writes.
TEMP_NAME = re.compile(r"\.(?P<target>.+\.json)\.(?:(?P<pid>[0-9]+)\.)?[a-z0-9_]{8}\.tmp")


def pid_alive(pid: int) -> bool:
    """Whether another process with this pid is running (never true for our own pid)."""
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
        if m["pid"] is not None and pid_alive(int(m["pid"])):
            continue
        try:
            os.unlink(path)
        except OSError:
            continue
        removed.append(name)
    return removed


class DataDir:
    """One data directory: where its files live, and its writer lock.

    Safe to share between threads of one process (the TUI's workers) and between
    processes: writers serialise on a thread lock plus an inter-process file lock.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        # where each kind of file lives (the root does not change)
        self.plan_path = self.root / "plan.json"
        self.sessions_dir = self.root / "sessions"
        self.outreach_dir = self.root / "outreach"
        self.reviews_dir = self.root / "reviews"
        self._lock_depth = 0
        self._thread_lock = threading.RLock()
        # directory -> when (monotonic) its stale temp files were last looked for
        self._swept: dict[Path, float] = {}

    def check_root(self) -> None:
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(
                f"data directory {self.root} is a file, not a directory.",
                hint="Pass a directory with --data or PREPCOACH_HOME.",
            )

    def _rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

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
