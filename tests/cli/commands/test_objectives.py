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
