"""Files a listing skips instead of stopping: a newer schema_version, or no permission to read.

Such a file is named in ``Store.problems`` (once per version of the file for one store),
never moved, rewritten or deleted; everything else loads. Asked for on its own it is
refused with a one-line error (exit 2). plan.json is never skipped: without it nothing
can be shown right.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from faults.helpers import child_env, unprivileged

from prepcoach.errors import EXIT_USAGE, FutureSchemaError
from prepcoach.models import SCHEMA_VERSION, OutreachDraft, ReviewRecord, Session
from prepcoach.store import INDEX_NAME, Store

UPGRADE = "pip install -U . in your clone, or pip install -U prepcoach"


def _future(path: Path, version: int = SCHEMA_VERSION + 1) -> tuple[bytes, int, int, int]:
    doc = json.loads(path.read_bytes())
    doc["schema_version"] = version
    doc["added_later"] = [1, 2]
    path.write_text(json.dumps(doc))
    return _fingerprint(path)


def _fingerprint(path: Path) -> tuple[bytes, int, int, int]:
    st = path.stat()
    return path.read_bytes(), st.st_mtime_ns, st.st_ino, st.st_mode


def _seed(root: Path) -> Store:
    store = Store(root)
    for i in range(4):
        store.save_session(Session(mentor="ana", date=dt.date(2026, 1, 1 + i), notes=f"n{i}"))
        store.save_outreach(OutreachDraft(to=f"Person {i}", created=dt.date(2026, 2, 1 + i)))
        store.save_review(
            ReviewRecord(mentor="ana", date=dt.date(2026, 3, 1 + i), recommendation="continue")
        )
    return Store(root)


def test_future_files_of_each_kind_are_skipped_named_and_untouched(tmp_path: Path) -> None:
    store = _seed(tmp_path / "d")
    paths = {
        "sessions": sorted(store.sessions_dir.glob("[!.]*.json"))[1],
        "outreach": sorted(store.outreach_dir.glob("[!.]*.json"))[2],
        "reviews": sorted(store.reviews_dir.glob("[!.]*.json"))[0],
    }
    before = {k: _future(p, 42) for k, p in paths.items()}

    sessions = store.list_sessions()
    drafts = store.list_outreach()
    reviews = store.list_reviews()
    assert len(sessions) == len(drafts) == len(reviews) == 3
    assert paths["sessions"].stem not in {s.id for s in sessions}
    assert paths["outreach"].stem not in {d.id for d in drafts}
    assert paths["reviews"].stem not in {r.id for r in reviews}
    assert len(store.problems) == 3
    for problem, (folder, path) in zip(store.problems, paths.items(), strict=True):
        assert problem.startswith(f"{folder}/{path.name} was written by a newer prepcoach")
        assert f"schema_version 42; this version reads up to {SCHEMA_VERSION}" in problem
        assert "skipped and left as it is" in problem and UPGRADE in problem
        assert "\n" not in problem
    for k, p in paths.items():
        assert _fingerprint(p) == before[k], k
    assert not (store.root / "corrupt").exists() and not (store.root / "backups").exists()


def test_a_skipped_file_is_reported_once_per_store_and_again_when_it_changes(
    tmp_path: Path,
) -> None:
    """The TUI keeps one store and lists on every refresh: one warning, not one a refresh."""
    store = _seed(tmp_path / "d")
    path = sorted(store.outreach_dir.glob("[!.]*.json"))[0]
    _future(path, 5)
    for _ in range(3):
        assert len(store.list_outreach()) == 3
    assert len(store.problems) == 1
    store.problems.clear()
    store.list_outreach()
    assert store.problems == []
    _future(path, 6)  # a different file now: said again
    store.list_outreach()
    assert len(store.problems) == 1 and "schema_version 6" in store.problems[0]
    fresh = Store(store.root)  # a new command: said again
    fresh.list_outreach()
    assert len(fresh.problems) == 1


def test_sessions_for_and_all_sessions_skip_it_too(tmp_path: Path) -> None:
    store = _seed(tmp_path / "d")
    path = sorted(store.sessions_dir.glob("[!.]*.json"))[0]
    before = _future(path)
    assert [s.notes for s in store.sessions_for("ana")] == ["n1", "n2", "n3"]
    assert [s.notes for s in Store(store.root).all_sessions()] == ["n1", "n2", "n3"]
    assert len(store.problems) == 1 and path.name in store.problems[0]
    assert _fingerprint(path) == before


def test_one_file_asked_for_is_refused(tmp_path: Path) -> None:
    store = _seed(tmp_path / "d")
    path = sorted(store.sessions_dir.glob("[!.]*.json"))[0]
    before = _future(path)
    with pytest.raises(FutureSchemaError) as info:
        store.load_session(path.stem)
    exc = info.value
    assert exc.exit_code == EXIT_USAGE
    assert str(path) in exc.message and f"schema_version {SCHEMA_VERSION + 1}" in exc.message
    assert exc.hint == f"Upgrade prepcoach ({UPGRADE}); the file was not touched."
    assert "\n" not in str(exc)
    assert store.problems == [] and _fingerprint(path) == before


def test_plan_json_from_the_future_is_still_refused(tmp_path: Path) -> None:
    store = _seed(tmp_path / "d")
    store.save_plan(store.load_plan())
    before = _future(store.plan_path)
    with pytest.raises(FutureSchemaError):
        store.load_plan()
    with pytest.raises(FutureSchemaError):
        store.update_plan(lambda plan: None)
    assert _fingerprint(store.plan_path) == before and store.problems == []


def test_listing_cache_drops_a_file_replaced_by_a_future_one(tmp_path: Path) -> None:
    store = _seed(tmp_path / "d")
    store.index_min_sessions = 2
    assert len(store.list_sessions()) == 4
    index = store.sessions_dir / INDEX_NAME
    assert len(json.loads(index.read_text())["entries"]) == 4
    path = sorted(store.sessions_dir.glob("[!.]*.json"))[3]
    before = _future(path)
    again = Store(store.root)
    assert [s.first_line for s in again.list_sessions()] == ["n0", "n1", "n2"]
    assert len(again.problems) == 1 and path.name in again.problems[0]
    assert path.name not in json.loads(index.read_text())["entries"]
    assert _fingerprint(path) == before


# ------------------------------------------------------------------ unreadable

# Runs in a child that obeys file modes (tests run as root, and root ignores them).
CHILD = r"""
import json, sys
from pathlib import Path
from prepcoach.errors import UnreadableFileError
from prepcoach.store import Store

store = Store(Path(sys.argv[1]))
store.index_min_sessions = 2
out = {
    "sessions": [s.first_line for s in store.list_sessions()],
    "outreach": [d.to for d in store.list_outreach()],
    "all": [s.notes for s in store.all_sessions()],
}
out["problems"] = list(store.problems)
try:
    store.load_session(sys.argv[2])
    out["load"] = "loaded"
except UnreadableFileError as exc:
    out["load"] = str(exc)
print(json.dumps(out))
"""


def _run_child(code: str, preexec: object, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=child_env(),
        preexec_fn=preexec,  # type: ignore[arg-type]
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_unreadable_files_are_skipped_even_when_the_listing_cache_knows_them(
    tmp_path: Path,
) -> None:
    store = _seed(tmp_path / "d")
    store.index_min_sessions = 2
    store.list_sessions()  # the cache now has a summary of every session
    assert (store.sessions_dir / INDEX_NAME).exists()
    session = sorted(store.sessions_dir.glob("[!.]*.json"))[1]
    draft = sorted(store.outreach_dir.glob("[!.]*.json"))[0]
    preexec = unprivileged([tmp_path])  # (first: it may have to open modes up)
    before = {p: p.read_bytes() for p in (session, draft)}
    for p in (session, draft):
        os.chmod(p, 0o000)
    try:
        proc = _run_child(CHILD, preexec, str(store.root), session.stem)
        assert proc.returncode == 0, proc.stderr
        out = json.loads(proc.stdout)
        assert out["sessions"] == ["n0", "n2", "n3"]
        assert out["all"] == ["n0", "n2", "n3"]
        assert out["outreach"] == ["Person 1", "Person 2", "Person 3"]
        problems = out["problems"]
        assert len(problems) == 2, problems
        for problem, (folder, p) in zip(
            problems, [("sessions", session), ("outreach", draft)], strict=True
        ):
            assert problem.startswith(f"{folder}/{p.name} cannot be read (Permission denied)")
            assert "skipped and left as it is" in problem
            assert problem.endswith(f"Make it readable for you: chmod 600 {p}")
        assert out["load"] == (
            f"cannot read {session}: Permission denied. "
            f"Make it readable for you: chmod 600 {session}"
        )
        for p, data in before.items():
            assert os.stat(p).st_mode & 0o777 == 0
            assert p.read_bytes() == data  # (as root)
        assert not (store.root / "corrupt").exists()
    finally:
        for p in (session, draft):
            os.chmod(p, 0o600)


DIR_CHILD = r"""
import json, sys
from pathlib import Path
from prepcoach.store import Store

store = Store(Path(sys.argv[1]))
out = {"reviews": len(store.list_reviews()), "outreach": len(store.list_outreach())}
out["problems"] = list(store.problems)
print(json.dumps(out))
"""


def test_an_unreadable_outreach_or_reviews_folder_is_named_not_silently_empty(
    tmp_path: Path,
) -> None:
    store = _seed(tmp_path / "d")
    preexec = unprivileged([tmp_path])
    os.chmod(store.reviews_dir, 0o000)
    try:
        proc = _run_child(DIR_CHILD, preexec, str(store.root))
        assert proc.returncode == 0, proc.stderr
        out = json.loads(proc.stdout)
        assert out["reviews"] == 0 and out["outreach"] == 4
        assert len(out["problems"]) == 1
        assert out["problems"][0].startswith("reviews/ cannot be read (Permission denied)")
        assert out["problems"][0].endswith(f"chmod 700 {store.reviews_dir}")
    finally:
        os.chmod(store.reviews_dir, 0o700)
    assert len(Store(store.root).list_reviews()) == 4
