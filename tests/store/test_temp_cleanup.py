"""Temp files left by a writer killed mid-save are removed by a later write, and nothing else.

The atomic writer names its temp file ``.<target>.<pid>.<8 random>.tmp`` next to the target.
A later write to the same directory (under the writer lock) removes such files once they
are ``STALE_TEMP_AGE`` old and their writer's pid is gone. Reads never remove anything.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from prepcoach.models import Mentor, OutreachDraft, Plan, ReviewRecord, Session
from prepcoach.store import STALE_TEMP_AGE, TEMP_NAME, Store, atomic_write_bytes

OLD = time.time() - STALE_TEMP_AGE - 60
DEAD_PID = 2**22 + 12345  # above Linux's largest pid (4194304): never a running process

WRITER = r"""
import sys
from pathlib import Path
from prepcoach.models import Mentor, Plan
from prepcoach.store import Store, atomic_write_bytes, dump_model

store = Store(Path(sys.argv[1]))
plan = Plan(mentors=[Mentor(id=f"m{i}", name=f"Mentor {i}", notes="x" * 2000) for i in range(1500)])
payload = dump_model(plan)  # ~3 MB: the loop spends its time writing
store.save_plan(plan)
print("ready", flush=True)
with store.locked():
    while True:
        atomic_write_bytes(store.plan_path, payload)
"""


def _make(path: Path, *, old: bool = True) -> Path:
    path.write_bytes(b'{"half": ')
    if old:
        os.utime(path, (OLD, OLD))
    return path


def _temps(directory: Path) -> set[str]:
    return {p.name for p in directory.iterdir() if ".tmp" in p.name}


def test_the_writer_names_its_temp_files_as_the_cleanup_expects(tmp_path, monkeypatch):
    made: list[str] = []
    real = tempfile.mkstemp

    def recording(*args, **kwargs):
        fd, name = real(*args, **kwargs)
        made.append(name)
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", recording)
    atomic_write_bytes(tmp_path / "plan.json", b"{}")
    atomic_write_bytes(tmp_path / "2026-01-01-ana-lima-2.json", b"{}")
    assert len(made) == 2
    for name in made:
        m = TEMP_NAME.fullmatch(Path(name).name)
        assert m is not None, name
        assert m["pid"] == str(os.getpid()) and Path(name).parent == tmp_path
    assert _temps(tmp_path) == set()


def test_a_killed_writers_temp_file_is_removed_by_a_later_save(tmp_path, spawn):
    root = tmp_path / "data"
    left: list[Path] = []
    for _ in range(40):  # kill until one kill lands mid-write (most do)
        proc = spawn(WRITER, str(root))
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        left = sorted(root.glob(".plan.json.*.tmp"))
        if left:
            break
    assert left, "no kill landed mid-write"
    assert all(f".plan.json.{proc.pid}." in p.name for p in left)

    Store(root).save_plan(Plan(mentors=[Mentor(id="a", name="Ana Lima")]))
    assert all(p.exists() for p in left), "a fresh temp file is not ours to judge yet"
    for p in left:
        os.utime(p, (OLD, OLD))
    store = Store(root)
    store.load_plan()
    store.list_sessions()
    assert all(p.exists() for p in left), "reading never removes anything"
    store.save_plan(Plan(mentors=[Mentor(id="b", name="Bo Chen")]))
    assert not any(p.exists() for p in left)
    assert [m.id for m in Store(root).load_plan().mentors] == ["b"]
    assert _temps(root) == set()


def test_only_stale_temp_files_of_ours_are_removed(tmp_path):
    root = tmp_path / "d"
    store = Store(root)
    store.save_plan(Plan())
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        stale = {
            _make(root / f".plan.json.{DEAD_PID}.abc_e9gh.tmp").name,
            _make(root / ".plan.json.k2x8q0aa.tmp").name,  # written before the pid was added
            _make(root / f".2026-01-01-ana.json.{DEAD_PID}.zzzzzzzz.tmp").name,
        }
        kept = {
            _make(root / f".plan.json.{DEAD_PID}.youngone.tmp", old=False).name,
            _make(root / f".plan.json.{sleeper.pid}.alivexyz.tmp").name,  # its writer runs
            # not named as the writer names them
            _make(root / ".plan.json.tmp").name,
            _make(root / f"plan.json.{DEAD_PID}.abcdefgh.tmp").name,
            _make(root / f".notes.txt.{DEAD_PID}.abcdefgh.tmp").name,
            _make(root / f".plan.json.{DEAD_PID}.ABCDEFGH.tmp").name,
            _make(root / f".plan.json.{DEAD_PID}.abcdefg.tmp").name,
            _make(root / f".plan.json.{DEAD_PID}.abcdefgh.tmp.bak").name,
            _make(root / "mine.tmp").name,
        }
        folder = root / f".x.json.{DEAD_PID}.abcdefgh.tmp"
        folder.mkdir()
        os.utime(folder, (OLD, OLD))
        target = _make(tmp_path / "elsewhere.json")
        link = root / f".y.json.{DEAD_PID}.abcdefgh.tmp"
        link.symlink_to(target)
        os.utime(link, (OLD, OLD), follow_symlinks=False)
        kept |= {folder.name, link.name}
        if os.geteuid() == 0:  # another user's file is not ours to remove
            foreign = _make(root / f".plan.json.{DEAD_PID}.nobodys1.tmp")
            os.chown(foreign, 65534, 65534)
            kept.add(foreign.name)
        store.sessions_dir.mkdir(mode=0o700)
        sessions_stale = _make(store.sessions_dir / f".x.json.{DEAD_PID}.abcdefgh.tmp")

        assert _temps(root) == kept | stale
        Store(root).save_plan(Plan())
        assert _temps(root) == kept
        assert target.exists() and folder.is_dir()
        assert sessions_stale.exists(), "only the directory written to is tidied"
        Store(root).save_session(Session(mentor="ana", date=dt.date(2026, 1, 1)))
        assert not sessions_stale.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


@pytest.mark.parametrize("kind", ["outreach", "reviews"])
def test_outreach_and_review_saves_tidy_their_folders(tmp_path, kind):
    root = tmp_path / "d"
    (root / kind).mkdir(parents=True)
    stale = _make(root / kind / f".2026-01-01-x.json.{DEAD_PID}.abcdefgh.tmp")
    young = _make(root / kind / f".2026-01-01-x.json.{DEAD_PID}.youngone.tmp", old=False)
    store = Store(root)
    if kind == "outreach":
        store.save_outreach(OutreachDraft(to="Ana Lima", created=dt.date(2026, 1, 1)))
        assert len(store.list_outreach()) == 1
    else:
        store.save_review(
            ReviewRecord(mentor="ana", date=dt.date(2026, 1, 1), recommendation="renew")
        )
        assert len(store.list_reviews()) == 1
    assert not stale.exists() and young.exists()
