"""Two prepcoach processes at once: one saving sessions (`agenda --save`) while editing the
plan (`mentors add`), the other editing the plan (`objectives add`) and saving the same
meetings (same mentor, same day, so they race to create the same session). Neither may lose
the other's plan writes, and a meeting saved by both is one session, never two."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from faults.helpers import child_env, copy_sample, rounds
from prepcoach.store import Store

# After Priya's booked meeting (2026-12-01) and her term: every round prepares the same
# planned meeting, one cadence step on (2027-01-04), so both workers race on one session.
FIRST_DAY = "2026-12-02"
MEETING = dt.date(2027, 1, 4)

# One worker: a loop of real `prepcoach` CLI invocations (in-process main(), a fresh parser,
# settings and store each time, exactly as a shell loop would run them), racing the other.
WORKER = r"""
import contextlib, datetime as dt, io, sys
from prepcoach.cli import main
root, tag, n, first = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
for i in range(n):
    # every round prepares the same planned meeting (both workers: the same session)
    today = (dt.date.fromisoformat(first) + dt.timedelta(days=i)).isoformat()
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
            [sys.executable, "-c", WORKER, str(root), tag, str(n), FIRST_DAY],
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
    assert len(sessions) == n_sessions + 1  # one meeting, though both saved it each round
    days = [s.date for s in sessions if s.mentor == "priya-raman"]
    assert len(days) == len(set(days))
    (s,) = [x for x in sessions if x.date == MEETING]
    # both processes' questions, each once: neither save lost the other's
    expected = sorted(f"question {tag}{i}" for tag in "AB" for i in range(n))
    assert sorted(q.text for q in s.questions) == expected
    assert s.agenda is not None and s.agenda.total() == s.minutes
    # every file is whole JSON and nothing was set aside
    for path in root.rglob("*.json"):
        json.loads(path.read_bytes())
    assert not (root / "corrupt").exists()
