"""Atomic writes and the writer lock, tested with real processes and SIGKILL."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import threading
import time
from pathlib import Path

from prepcoach.models import Mentor, Plan, Session
from prepcoach.store import Store

WRITER = r"""
import sys
from pathlib import Path
from prepcoach.models import Mentor, Plan
from prepcoach.store import Store, atomic_write_bytes, dump_model

store = Store(Path(sys.argv[1]))
payloads = []
for tag in ("A", "B"):
    plan = Plan(mentors=[
        Mentor(id=f"{tag}-{i}", name=f"Mentor {tag} {i}", notes=tag * 2000) for i in range(1500)
    ])
    payloads.append(dump_model(plan))  # ~3 MB each: the loop spends its time writing
store.save_plan(Plan.model_validate_json(payloads[0]))
print("ready", flush=True)
n = 0
with store.locked():
    while True:
        n += 1
        atomic_write_bytes(store.plan_path, payloads[n % 2])
"""


def _plan_tag(path: Path) -> str:
    plan = Plan.model_validate_json(path.read_bytes())  # never partial: must parse fully
    tags = {m.id.split("-")[0] for m in plan.mentors}
    assert len(plan.mentors) == 1500 and len(tags) == 1, "a mix of two versions"
    return tags.pop()


def test_writer_killed_mid_save_leaves_old_or_new_content(tmp_path, spawn, rounds):
    root = tmp_path / "data"
    seen = set()
    interrupted = 0
    for i in range(rounds(12, 40)):
        proc = spawn(WRITER, str(root))
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()  # type: ignore[union-attr]
        time.sleep(random.uniform(0.02, 0.25))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        seen.add(_plan_tag(root / "plan.json"))
        store = Store(root)
        assert len(store.load_plan().mentors) == 1500
        assert store.problems == [], f"round {i}: {store.problems}"
        interrupted += len([p for p in root.iterdir() if p.name.endswith(".tmp")])
        for p in root.glob(".plan.json.*.tmp"):
            p.unlink()
    assert seen <= {"A", "B"}
    # evidence that kills landed mid-write (a temp file was left behind), not between saves
    assert interrupted > 0, interrupted


FAILING_WRITER = r"""
import resource, signal, sys
from pathlib import Path
from prepcoach.errors import StoreError
from prepcoach.models import Mentor, Plan
from prepcoach.store import Store

store = Store(Path(sys.argv[1]))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))  # writes past 20 kB fail
big = Plan(mentors=[Mentor(id=f"m{i}", name=f"Mentor {i}", notes="x" * 200) for i in range(500)])
try:
    store.save_plan(big)
except StoreError as exc:
    print("refused:", exc)
"""


def test_failed_write_keeps_old_file_and_leaves_no_temp(tmp_path, spawn):
    """A save that fails half way (file size limit, as on a full disk) changes nothing."""
    root = tmp_path / "data"
    Store(root).save_plan(Plan(mentors=[Mentor(id="a", name="Ana Lima")]))
    before = (root / "plan.json").read_bytes()
    proc = spawn(FAILING_WRITER, str(root))
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out.startswith("refused: could not save"), out
    assert (root / "plan.json").read_bytes() == before
    assert [p.name for p in root.iterdir() if p.name.endswith(".tmp")] == []


CONCURRENT = r"""
import datetime as dt, sys
from pathlib import Path
from prepcoach.models import Mentor, Question, Session
from prepcoach.store import Store

root, tag, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
store = Store(root)
for i in range(n):
    # same date and mentor in both processes: ids must still never collide
    s = store.save_session(Session(mentor="ana", date=dt.date(2026, 3, 1),
                                   questions=[Question(text=f"{tag}-{i}")]))
    store.update_plan(lambda p: p.mentors.append(Mentor(id=f"{tag}-{i}", name=f"{tag} {i}")))
print("done", flush=True)
"""


def test_two_processes_saving_concurrently_lose_nothing(tmp_path, spawn, rounds):
    root = tmp_path / "data"
    n = rounds(50, 200)
    procs = [spawn(CONCURRENT, str(root), tag, str(n)) for tag in ("p1", "p2")]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        assert out.strip() == "done"
    store = Store(root)
    sessions = store.all_sessions()
    assert len(sessions) == 2 * n
    assert len({s.id for s in sessions}) == 2 * n
    questions = {s.questions[0].text for s in sessions}
    assert questions == {f"{t}-{i}" for t in ("p1", "p2") for i in range(n)}
    mentors = {m.id for m in store.load_plan().mentors}
    assert mentors == {f"{t}-{i}" for t in ("p1", "p2") for i in range(n)}
    assert len(store.list_sessions()) == 2 * n
    assert store.problems == []


def test_threads_sharing_one_store_lose_nothing(tmp_path):
    """The TUI's workers share one Store: the lock must hold across threads too."""
    store = Store(tmp_path / "data")
    errors: list[BaseException] = []

    def work(tag: str) -> None:
        try:
            for i in range(40):

                def add(plan: Plan, i: int = i) -> None:
                    ids = [m.id for m in plan.mentors]
                    time.sleep(0.0005)  # widen the read-modify-write window
                    plan.mentors.append(Mentor(id=f"{tag}-{i}", name=f"{tag} {i}"))
                    assert len(ids) + 1 == len(plan.mentors)

                store.update_plan(add)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in ("a", "b", "c")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(Store(tmp_path / "data").load_plan().mentors) == 120


def test_index_is_rebuilt_not_trusted(tmp_path):
    def fresh() -> Store:
        st = Store(tmp_path / "d")
        st.index_min_sessions = 3
        return st

    store = Store(tmp_path / "d")
    for i in range(5):
        store.save_session(Session(mentor="ana", date=dt.date(2026, 1, 1 + i), notes=f"n{i}"))
    index = tmp_path / "d" / "sessions" / ".index.json"
    store.list_sessions()
    assert not index.exists()  # small directories are not worth a cache
    store.index_min_sessions = 3
    assert len(store.list_sessions()) == 5
    assert index.exists()
    store.save_session(Session(mentor="ana", date=dt.date(2026, 1, 6), notes="n5"))
    (tmp_path / "d" / "sessions" / "2026-01-06-ana.json").unlink()

    # 1. a session replaced behind the index's back, same size and mtime: still seen
    path = tmp_path / "d" / "sessions" / "2026-01-03-ana.json"
    st = path.stat()
    data = path.read_bytes().replace(b'"n2"', b'"X2"')
    tmp = path.with_suffix(".new")
    tmp.write_bytes(data)
    os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(tmp, path)
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    assert {s.first_line for s in fresh().list_sessions()} == {
        "n0",
        "n1",
        "X2",
        "n3",
        "n4",
    }

    # 2. a damaged index (garbage, or one bad entry) costs a re-parse, never a session
    index.write_text("{not json")
    assert len(fresh().list_sessions()) == 5
    doc = json.loads(index.read_text())
    first = next(iter(doc["entries"]))
    doc["entries"][first]["s"] = {"id": 1}
    index.write_text(json.dumps(doc))
    assert len(fresh().list_sessions()) == 5

    # 3. a deleted session disappears from the listing and the index
    path.unlink()
    assert len(fresh().list_sessions()) == 4
    assert len(json.loads(index.read_text())["entries"]) == 4
