"""The plan from the CLI alone: an empty data directory to a saved agenda for a booked
meeting, and a CLI edit while another process edits the plan."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time

from prepcoach.planning import is_held
from prepcoach.store import Store


def test_empty_data_dir_to_a_saved_agenda_for_the_booked_meeting(cmd, tmp_path):
    data = tmp_path / "fresh"
    day = ("--today", "2026-02-01")
    steps = [
        ("profile", "set", "--name", "Dana Reyes", "--title", "Director of Platform"),
        ("mentors", "add", "Ana Lima", "--status", "active", "--areas", "scope", *day),
        ("objectives", "add", "Own the budget", "--area", "scope", "--mentor", "Ana", *day),
        ("mentors", "book", "Ana", "2026-02-12", "--time", "10:00", "--minutes", "30", *day),
    ]
    for argv in steps:
        code, _, err = cmd(*argv, data=data)
        assert code == 0, (argv, err)
    out_file = tmp_path / "agenda.md"
    code, out, err = cmd(
        "agenda", "--mentor", "Ana", "--question", "How do I hand over the budget?",
        "--minutes", "30", "--save", "--offline", "-o", str(out_file), *day, data=data,
    )  # fmt: skip
    assert code == 0, err
    assert out == "" and "wrote the agenda" in err and "saved session 2026-02-12-ana-lima" in err
    assert "How do I hand over the budget?" in out_file.read_text()
    store = Store(data)
    assert store.session_ids() == ["2026-02-12-ana-lima"]
    session = store.load_session("2026-02-12-ana-lima")
    assert session.date == dt.date(2026, 2, 12) and session.agenda is not None
    assert not is_held(session, dt.date(2026, 2, 1))  # planned, counts nowhere yet
    code, out, _ = cmd("mentors", "show", "Ana", "--format", "json", *day, data=data)
    info = json.loads(out)
    assert info["meetings_held"] == 0 and info["next_meeting"] == "2026-02-12"
    assert store.load_plan().profile.name == "Dana Reyes"
    # -o refuses to replace the file, before generating or saving anything
    code, out, err = cmd(
        "agenda", "--mentor", "Ana", "--save", "--offline", "-o", str(out_file), *day, data=data
    )
    assert code == 2 and "already exists" in err and "--force" in err
    code, _, _ = cmd(
        "agenda", "--mentor", "Ana", "--offline", "-o", str(out_file), "--force", "--format",
        "json", *day, data=data,
    )  # fmt: skip
    # no --minutes: the booked meeting's 30 minutes
    assert code == 0 and json.loads(out_file.read_text())["agenda"]["minutes"] == 30


EDITOR = """
import sys
from prepcoach.services import Services
from prepcoach.settings import load_settings
from prepcoach.store import Store
root = sys.argv[1]
svc = Services(load_settings(data=root, offline=True), Store(root))
open(root + "/started", "w").close()
for n in range(25):
    svc.add_objective(f"Editor objective {n}", support_area="scope")
"""


def test_a_cli_edit_while_another_process_edits_loses_nothing(cmd, tmp_path):
    data = tmp_path / "shared"
    cmd("mentors", "add", "Ana Lima", data=data)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    editor = subprocess.Popen([sys.executable, "-c", EDITOR, str(data)], env=env)
    try:
        for _ in range(200):
            if (data / "started").exists() or editor.poll() is not None:
                break
            time.sleep(0.05)
        cli = [
            [sys.executable, "-m", "prepcoach", "objectives", "add", f"CLI objective {n}",
             "--area", "toolkit", "--data", str(data)]
            for n in range(3)
        ]  # fmt: skip
        cli.append(
            [sys.executable, "-m", "prepcoach", "mentors", "edit", "Ana", "--title", "VP",
             "--data", str(data)]
        )  # fmt: skip
        procs = [subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL) for argv in cli]
        assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
    finally:
        assert editor.wait(timeout=120) == 0
    plan = Store(data).load_plan()
    titles = {o.title for o in plan.objectives}
    assert {f"Editor objective {n}" for n in range(25)} <= titles
    assert {f"CLI objective {n}" for n in range(3)} <= titles
    assert len(plan.objectives) == 28 and plan.mentors[0].title == "VP"
