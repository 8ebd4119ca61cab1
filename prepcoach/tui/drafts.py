"""Typed input that survives a crash or a quit: ``<data dir>/drafts/<name>.json``.

Drafts are written atomically (0600) through the store's ``atomic_write_bytes``; an
unreadable draft is renamed aside (never deleted) and reported.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # (imported by the dashboard's first data paint: the store and models load later)
    from prepcoach.store import Store

DRAFT_VERSION = 1


def draft_path(store: Store, name: str) -> Path:
    return store.root / "drafts" / f"{name}.json"


def prep_name(mentor_id: str) -> str:
    from prepcoach.models import slugify

    return f"prep-{slugify(mentor_id, 'mentor')}"


def load(store: Store, name: str) -> dict[str, Any] | None:
    path = draft_path(store, name)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        store.problems.append(f"cannot read draft {path}: {exc.strerror or exc}.")
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except (UnicodeDecodeError, ValueError) as exc:
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        with contextlib.suppress(OSError):
            os.rename(path, aside)
        store.problems.append(f"draft {path.name} is unreadable ({exc}); kept as {aside.name}.")
        return None
    return data


def save(store: Store, name: str, data: dict[str, Any]) -> None:
    from prepcoach.store import atomic_write_bytes

    payload = {"kind": "draft", "schema_version": DRAFT_VERSION, **data}
    text = json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n"
    atomic_write_bytes(draft_path(store, name), text.encode("utf-8"))


def discard(store: Store, name: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        draft_path(store, name).unlink()


def load_prep(store: Store, mentor_id: str) -> dict[str, Any] | None:
    return load(store, prep_name(mentor_id))
