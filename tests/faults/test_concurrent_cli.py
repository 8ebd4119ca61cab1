"""Two prepcoach processes at once: one saving sessions (`agenda --save`) while editing the
plan (`mentors add`), the other editing the plan (`objectives add`) and saving sessions with
the same mentor on the same day (so their new ids race too). Neither may lose the other's
writes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from faults.helpers import TODAY, child_env, copy_sample, rounds
from prepcoach.store import Store

# One worker: a loop of real `prepcoach` CLI invocations (in-process main(), a fresh parser,
# settings and store each time, exactly as a shell loop would run them), racing the other.
WORKER = r"""
import contextlib, io, sys
from prepcoach.cli import main
root, tag, n, today = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
for i in range(n):
    if tag == "A":
        plan_cmd = ["mentors", "add", f"Mentor A{i}", "--areas", "scope"]
    else:
        plan_cmd = ["objectives", "add", f"Objective B{i}", "--area", "toolkit",
                    "--mentor", "priya"]
    session_cmd = ["agenda", "--mentor", "priya", "--offline",
                   "--save", "--today", today, "--question", f"question {tag}{i}"]
    for cmd in (plan_cmd, session_cmd):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([*cmd, "--data", root])
        if code != 0:
            print(f"FAIL {cmd}: {code} {err.getvalue()}", flush=True)
            sys.exit(1)
print("done", flush=True)
"""


def test_two_cli_processes_editing_plan_and_saving_sessions_lose_nothing(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "data")
    before = Store(root)
    n_mentors = len(before.load_plan().mentors)
    n_objectives = len(before.load_plan().objectives)
    n_sessions = len(before.list_sessions())
    n = rounds(12, 60)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(root), tag, str(n), TODAY],
            env=child_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("A", "B")
    ]
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, out + err
        assert out.strip() == "done" and "Traceback" not in err

    store = Store(root)
    plan = store.load_plan()
    names = {m.name for m in plan.mentors}
    assert {f"Mentor A{i}" for i in range(n)} <= names
    assert len(plan.mentors) == n_mentors + n
    titles = {o.title for o in plan.objectives}
    assert {f"Objective B{i}" for i in range(n)} <= titles
    assert len(plan.objectives) == n_objectives + n
    sessions = store.all_sessions()
    assert store.problems == []
    assert len(sessions) == n_sessions + 2 * n
    asked = {q.text for s in sessions for q in s.questions}
    assert {f"question {t}{i}" for t in "AB" for i in range(n)} <= asked
    # every file is whole JSON and nothing was set aside
    for path in root.rglob("*.json"):
        json.loads(path.read_bytes())
    assert not (root / "corrupt").exists()
