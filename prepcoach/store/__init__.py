"""Durable JSON store: plan.json, sessions/, outreach/, reviews/ under one data directory.

What the store guarantees, so no user data is ever lost:
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

Modules: ``files`` (atomic writes, modes, private copies), ``lock`` (the writer lock and
stale temp files), ``migrations`` (older schema versions), ``recovery`` (reading one file,
setting aside, skipping), ``index`` (session summaries and the listing cache), ``store``
(the ``Store``).
"""

from __future__ import annotations

from prepcoach.store.files import (
    atomic_write_bytes,
    copy_tree_private,
    dump_model,
    ensure_dir,
    fsync_dir,
    stat_key,
)
from prepcoach.store.index import (
    INDEX_MIN_SESSIONS,
    INDEX_NAME,
    INDEX_VERSION,
    LISTING_REUSE,
    SessionSummary,
)
from prepcoach.store.lock import LOCK_TIMEOUT, STALE_TEMP_AGE, TEMP_NAME, remove_stale_temps
from prepcoach.store.migrations import MIGRATIONS
from prepcoach.store.recovery import UPGRADE_HINT, CorruptFile
from prepcoach.store.store import Store

__all__ = [
    "INDEX_MIN_SESSIONS",
    "INDEX_NAME",
    "INDEX_VERSION",
    "LISTING_REUSE",
    "LOCK_TIMEOUT",
    "MIGRATIONS",
    "STALE_TEMP_AGE",
    "TEMP_NAME",
    "UPGRADE_HINT",
    "CorruptFile",
    "SessionSummary",
    "Store",
    "atomic_write_bytes",
    "copy_tree_private",
    "dump_model",
    "ensure_dir",
    "fsync_dir",
    "remove_stale_temps",
    "stat_key",
]
