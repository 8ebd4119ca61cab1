"""A writer killed with SIGKILL at random points while saving plan and sessions.

Each round starts a real prepcoach process that keeps editing the plan through the CLI
(`mentors add`) and saving and re-saving large sessions through the store, acknowledging
each save on stdout once it returned. The round kills it at a random moment. Afterwards
every file must parse in full (nothing half-written), every acknowledged save must be on
disk, and nothing saved in an earlier round (or the sample data) may be lost or changed.
Temp files a kill leaves behind are aged past ``STALE_TEMP_AGE`` and must be removed by
later saves.

Rounds: 10 in CI, 60 with PREPCOACH_FULL=1.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import time
from pathlib import Path

from faults.helpers import copy_sample, rounds, spawn, tree_bytes
from prepcoach.models import Plan, Session
from prepcoach.store import STALE_TEMP_AGE, Store

WRITER = r"""
import datetime as dt, hashlib, io, contextlib, random, sys
from pathlib import Path
from prepcoach.cli import main
from prepcoach.models import Session, Question
from prepcoach.store import Store

root, tag = Path(sys.argv[1]), sys.argv[2]
store = Store(root)
rng = random.Random(tag)
BIG = 3_000_000  # bytes of notes in each of the big sessions: the time goes into writing

def text(n):
    words = ["budget", "headcount", "roadmap", "staff", "priority", "offsite", "review"]
    out, size = [], 0
    while size < n:
        w = rng.choice(words)
        out.append(w)
        size += len(w) + 1
    return " ".join(out)

big_ids = [s for s in store.session_ids() if s.startswith("big-")]
small, big = text(60_000), text(BIG)  # made once: the loop's time goes into saving
print("ready", flush=True)
i = 0
while True:
    i += 1
    op = i % 3
    if op == 0:
        name = f"Mentor {tag} {i}"
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["mentors", "add", name, "--notes", f"{tag}:{i}", "--data", str(root)])
        assert code == 0, code
        print("plan", name, flush=True)
    elif op == 1:
        s = Session(mentor="priya-raman", date=dt.date(2026, 12, 1),
                    questions=[Question(text=f"{tag}-{i}")], notes=small)
        s = store.save_session(s)
        data = (root / "sessions" / f"{s.id}.json").read_bytes()
        print("new", s.id, hashlib.sha256(data).hexdigest(), flush=True)
    else:
        sid = big_ids[i % len(big_ids)]
        s = store.load_session(sid)
        s.minutes = 1 + (i % 500)
        s.notes = f"{tag}:{i} " + big
        print("saving", sid, "-", flush=True)
        store.save_session(s)
        print("edit", sid, f"{tag}:{i}", flush=True)
"""


def _seed(root: Path) -> None:
    """Sample data plus three big sessions the writer keeps rewriting."""
    copy_sample(root)
    store = Store(root)
    for n in range(3):
        s = store.load_session(store.session_ids()[n])
        s.id = f"big-{n}"
        s.notes = "seed " * 140_000
        store.save_session(s)
    # a large plan: every `mentors add` rewrites about 1 MB
    store.update_plan(
        lambda p: p.profile.private_names.extend(f"Person {k} " + "x" * 2000 for k in range(450))
    )


def _edit_no(tag: str) -> tuple[int, int]:
    """ "r3:17" -> (3, 17): which round and which step wrote an edit."""
    rnd, step = tag.split(":")
    return int(rnd[1:]), int(step)


def test_sigkill_at_random_points_never_half_writes_or_loses(tmp_path: Path) -> None:
    root = tmp_path / "data"
    _seed(root)
    seeded_names = Store(root).load_plan().profile.private_names
    sample_before = {k: v for k, v in tree_bytes(root).items() if k.startswith("sessions/2026-")}
    mentors: set[str] = set()  # acknowledged mentor names
    created: dict[str, str] = {}  # acknowledged new session id -> sha256 of its file
    edits: dict[str, tuple[int, int]] = {}  # big session id -> last acknowledged (round, i)
    interrupted = 0
    aged: set[Path] = set()  # temp files left by kills, made older than STALE_TEMP_AGE
    old = time.time() - STALE_TEMP_AGE - 60
    rng = random.Random()
    n_rounds = rounds(10, 60)
    rnd = -1
    # after the planned rounds, a few more targeted ones if no kill has landed mid-write yet
    while (rnd := rnd + 1) < n_rounds or (interrupted == 0 and rnd < n_rounds + 20):
        tag = f"r{rnd}"
        proc = spawn(WRITER, str(root), tag)
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline().strip()
        assert first == "ready", proc.stderr.read()
        head = ""
        if rnd % 2 and rnd < n_rounds:
            # odd rounds: anywhere at all
            time.sleep(rng.uniform(0.05, 0.9))
        else:
            # even rounds: within a few ms of a big save starting (inside the write window)
            while not (line := proc.stdout.readline()).startswith("saving"):
                assert line, proc.stderr.read()
                head += line
            head += line
            time.sleep(rng.uniform(0, 0.03))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
        out = head + out
        assert proc.returncode == -signal.SIGKILL, err
        assert "Traceback" not in err, err
        lines = [ln.split(" ", 2) for ln in out.splitlines() if ln.strip()]
        if out and not out.endswith("\n"):
            lines = lines[:-1]  # the kill can cut an acknowledgement line itself
        for kind, a, b in lines:
            if kind == "plan":
                mentors.add(f"{a} {b}")  # "Mentor rN i"
            elif kind == "new":
                created[a] = b
            elif kind == "saving":
                pass
            elif kind == "edit":
                edits[a] = max(edits.get(a, (-1, -1)), _edit_no(b))
        # temp files left by a kill mid-write: evidence; then made old enough that the
        # next rounds' saves must remove them (their writer is dead)
        temps = [p for p in root.rglob(".*.tmp") if p not in aged]
        interrupted += len(temps)
        for p in temps:
            os.utime(p, (old, old))
            aged.add(p)

        # 1. nothing half-written: every file parses in full
        plan = Plan.model_validate_json((root / "plan.json").read_bytes())
        for path in (root / "sessions").glob("*.json"):
            if path.name == ".index.json":
                json.loads(path.read_bytes())  # the listing cache is written atomically too
            else:
                Session.model_validate_json(path.read_bytes())
        store = Store(root)
        listed = {s.id for s in store.list_sessions()}
        assert store.problems == [], f"round {rnd}: {store.problems}"
        assert not (root / "corrupt").exists()

        # 2. nothing lost that was acknowledged, in this round or any before
        names = {m.name for m in plan.mentors}
        missing = mentors - names
        assert not missing, f"round {rnd}: lost mentors {sorted(missing)[:5]}"
        assert plan.profile.private_names == seeded_names
        for sid, digest in created.items():
            data = (root / "sessions" / f"{sid}.json").read_bytes()
            assert hashlib.sha256(data).hexdigest() == digest, f"round {rnd}: {sid} changed"
            assert sid in listed
        for sid, n in edits.items():
            head = store.load_session(sid).notes.split(" ", 1)[0]
            on_disk = _edit_no(head) if ":" in head else (-1, -1)
            assert on_disk >= n, f"round {rnd}: {sid} went back from edit {n} to {on_disk}"
        now = tree_bytes(root)
        for rel, data in sample_before.items():
            assert now[rel] == data, f"round {rnd}: sample session {rel} changed"
    assert mentors and created and edits, "the writer never got to save anything"
    # the kills landed mid-write at least once (a temp file was left behind)
    assert interrupted > 0, interrupted
    # the listing agrees with the files (saves killed before their acknowledgement may
    # or may not have landed; each one that did is whole)
    listed = {s.id for s in Store(root).list_sessions()}
    assert listed >= set(created) | {"big-0", "big-1", "big-2"}
    assert len(listed) == len([p for p in (root / "sessions").glob("[!.]*.json")])
    # the leftovers were tidied by later saves (one more of each kind, for those the last
    # kill left): no temp file of a dead writer stays behind
    store = Store(root)
    store.save_plan(store.load_plan())
    store.save_session(store.load_session("big-0"))
    assert [p for p in root.rglob(".*.tmp")] == []
