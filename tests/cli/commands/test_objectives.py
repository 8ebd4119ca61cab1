"""`prepcoach objectives list|add|met`."""

from __future__ import annotations

import datetime as dt
import json

from prepcoach.store import Store


def test_objectives_list_add_met(cmd, sample_dir):
    code, out, _ = cmd("objectives", "list", "--format", "json")
    before = json.loads(out)
    assert code == 0 and before and {"id", "title", "status", "mentor_names"} <= set(before[0])

    code, out, _ = cmd(
        "objectives", "add", "Run a calm reorg", "--area", "toolkit", "--done-when",
        "Reorg announced with no regretted attrition", "--why", "Q1 reorg", "--mentor", "Priya",
    )  # fmt: skip
    assert code == 0 and "run-a-calm-reorg" in out
    code, out, _ = cmd("objectives", "list", "--status", "open", "--format", "json")
    assert "run-a-calm-reorg" in {o["id"] for o in json.loads(out)}

    code, out, _ = cmd("objectives", "met", "run-a-calm", "--evidence", "Announced Jan 5")
    assert code == 0 and "Marked run-a-calm-reorg met" in out
    obj = Store(sample_dir).load_plan().objective("run-a-calm-reorg")
    assert obj is not None and obj.status == "met" and obj.met_on == dt.date.today()
    assert obj.evidence == "Announced Jan 5"
    code, out, _ = cmd("objectives", "met", "run-a-calm-reorg")
    assert code == 0 and "already met" in out

    code, _, err = cmd("objectives", "met", "no-such-thing")
    assert code == 2 and "no objective" in err
    code, _, err = cmd("objectives", "add", "X", "--area", "golf")
    assert code == 2 and "invalid choice" in err
    code, _, err = cmd("objectives", "add", "X", "--area", "scope", "--mentor", "Nobody Here")
    assert code == 2 and 'no mentor "Nobody Here"' in err


def test_more_than_three_open_objectives_is_flagged_not_refused(cmd, sample_dir):
    cmd("mentors", "add", "Ana Lima", "--status", "active")
    for i in range(3):
        code, _, err = cmd("objectives", "add", f"Goal {i}", "--area", "scope", "--mentor", "ana")
        assert code == 0 and "warning" not in err
    code, _, err = cmd("objectives", "add", "Goal 4", "--area", "scope", "--mentor", "ana")
    assert code == 0
    assert "warning: Ana Lima has 4 open objectives" in err
    assert Store(sample_dir).load_plan().objective("goal-4") is not None
    code, _, err = cmd("objectives", "list")
    assert code == 0 and "Ana Lima has 4 open objectives" in err


def test_objectives_edit_drop_reopen(cmd, tmp_path):
    data = tmp_path / "d"
    cmd("mentors", "add", "Ana Lima", data=data)
    cmd("mentors", "add", "Ben Ode", data=data)
    code, out, _ = cmd(
        "objectives", "add", "Own the budget", "--area", "scope", "--format", "json", data=data
    )
    assert code == 0 and json.loads(out)["id"] == "own-the-budget"
    code, out, _ = cmd(
        "objectives", "edit", "own-the", "--title", "Own the Q3 budget", "--done-when",
        "Forecast signed off", "--area", "politics", "--mentor", "ana", "--mentor", "Ben",
        "--format", "json", data=data,
    )  # fmt: skip
    row = json.loads(out)
    assert code == 0 and row["id"] == "own-the-budget" and row["title"] == "Own the Q3 budget"
    assert row["support_area"] == "politics" and row["mentor_names"] == ["Ana Lima", "Ben Ode"]
    code, out, _ = cmd("objectives", "edit", "1", "--no-mentors", data=data)
    assert code == 0 and Store(data).load_plan().objectives[0].mentors == []
    code, out, _ = cmd("objectives", "drop", "own-the-budget", "--on", "2026-03-01", data=data)
    assert code == 0 and "Dropped own-the-budget on 2026-03-01" in out and "reopen" in out
    code, out, _ = cmd("objectives", "drop", "own-the-budget", data=data)
    assert code == 0 and "already dropped" in out
    code, out, _ = cmd("objectives", "reopen", "own-the-budget", "--format", "json", data=data)
    row = json.loads(out)
    assert row["status"] == "open" and row["dropped_on"] is None
    code, out, _ = cmd("objectives", "reopen", "own-the-budget", data=data)
    assert code == 0 and "open already" in out


def test_objectives_edit_bad_input(cmd, tmp_path):
    data = tmp_path / "d"
    cmd("objectives", "add", "Own the budget", "--area", "scope", data=data)
    code, out, err = cmd("objectives", "edit", "own-the-budget", data=data)
    assert code == 2 and out == "" and "nothing to change" in err
    code, _, err = cmd("objectives", "edit", "own-the-budget", "--title", "  ", data=data)
    assert code == 2 and "needs a title" in err
    code, _, err = cmd("objectives", "edit", "own-the-budget", "--mentor", "zed", data=data)
    assert code == 2 and 'no mentor "zed"' in err
    code, _, err = cmd("objectives", "drop", "nope", data=data)
    assert code == 2 and 'no objective "nope"' in err
    code, _, err = cmd("objectives", "reopen", "nope", data=data)
    assert code == 2 and 'no objective "nope"' in err
