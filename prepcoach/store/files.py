"""Low-level file writing for the store: atomic writes, private modes, private copies.

Every write goes to a temp file in the same directory, is flushed and fsynced, then
``os.replace``d over the target, and the directory is fsynced; a writer killed at any
point leaves the old file intact. Files are created 0600 and directories 0700.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from pydantic import BaseModel

from prepcoach.errors import StoreError


def fsync_dir(path: Path) -> None:
    """fsync a directory (so a rename into it is durable); errors are ignored."""
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
        fsync_dir(path.parent)
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


def stat_key(st: os.stat_result) -> list[int]:
    """Cache key of one file version. ``os.replace`` gives every save a new inode, so the
    key changes on each prepcoach write even where mtime is coarse and the size is equal.
    The mode is in it so a file made unreadable (chmod 000) is read again, and skipped."""
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_mode]


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
