"""`prepcoach mentors edit|remove|status|book|team`."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from prepcoach.store import Store


@pytest.fixture
def ana(cmd, tmp_path):
    data = tmp_path / "plan"
    code, _, _ = cmd(
        "mentors", "add", "Ana Lima", "--status", "active", "--term-start", "2026-01-05",
        "--areas", "scope", data=data,
    )  # fmt: skip
    assert code == 0

    def go(*argv):
        return cmd(*argv, data=data)

    go.data = data
    return go


def test_edit(ana):
    code, out, _ = ana("mentors", "edit", "ana", "--title", "VP Eng", "--areas", "politics,career")
    assert code == 0 and "Updated Ana Lima" in out
    code, out, _ = ana("mentors", "edit", "ana", "--name", "Ana Lima-Souza", "--format", "json")
    row = json.loads(out)
    assert row["id"] == "ana-lima" and row["name"] == "Ana Lima-Souza"
    assert row["title"] == "VP Eng" and row["support_areas"] == ["politics", "career"]
    code, out, err = ana("mentors", "edit", "ana")
    assert code == 2 and out == "" and "nothing to change" in err and "--areas" in err
    code, _, err = ana("mentors", "edit", "ana", "--areas", "charm")
    assert code == 2 and 'unknown support area "charm"' in err
    code, _, err = ana("mentors", "edit", "zed", "--title", "x")
    assert code == 2 and 'no mentor "zed"' in err


def test_remove_asks_or_needs_yes_and_keeps_files(ana, monkeypatch):
    from prepcoach.models import Session

    Store(ana.data).save_session(
        Session(mentor="ana-lima", date=__import__("datetime").date(2026, 2, 5))
    )
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    code, out, err = ana("mentors", "remove", "ana")
    assert code == 2 and out == "" and "has 1 session" in err and "--yes" in err
    assert Store(ana.data).load_plan().mentors  # nothing removed
    code, out, _ = ana("mentors", "remove", "ana", "--yes", "--format", "json")
    got = json.loads(out)
    assert code == 0 and got["removed"] == "ana-lima"
    assert got["kept"]["sessions"] == ["2026-02-05-ana-lima"]
    assert Store(ana.data).session_ids() == ["2026-02-05-ana-lima"]
    assert Store(ana.data).load_plan().mentors == []


def test_remove_asks_on_a_terminal(ana, monkeypatch):
    import io

    from prepcoach.models import Session

    Store(ana.data).save_session(Session(mentor="ana-lima", date=dt.date(2026, 2, 5)))
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    code, out, err = ana("mentors", "remove", "ana")
    assert code == 0 and "Nothing changed" in out and "Remove Ana Lima" in err
    assert Store(ana.data).load_plan().mentors
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    code, out, _ = ana("mentors", "remove", "ana")
    assert code == 0 and "Removed Ana Lima" in out and "Kept on disk: 1 session" in out


def test_remove_without_sessions_needs_no_confirmation(cmd, tmp_path):
    data = tmp_path / "d"
    cmd("mentors", "add", "Ben Ode", data=data)
    code, out, _ = cmd("mentors", "remove", "ben", data=data)
    assert code == 0 and "Removed Ben Ode" in out


def test_status_lifecycle(ana):
    code, out, err = ana("mentors", "status", "ana", "asked", "--today", "2026-02-01")
    assert code == 2 and out == "" and "active cannot become asked" in err
    assert "renewed, loosened, ended" in err and "--force" in err
    code, out, _ = ana("mentors", "status", "ana", "ended", "--today", "2026-03-01")
    assert code == 0 and "is now ended" in out and "stopped 2026-03-01" in out
    code, out, _ = ana("mentors", "list", "--format", "json", "--today", "2026-03-10")
    assert json.loads(out)[0]["term_label"] == "ended 2026-03-01"
    code, _, err = ana(
        "mentors", "status", "ana", "active", "--on", "2026-02-01", "--today", "2026-03-10"
    )
    assert code == 2 and "cannot start before" in err
    code, out, _ = ana(
        "mentors", "status", "ana", "active", "--today", "2026-03-10", "--format", "json"
    )
    assert code == 0 and json.loads(out)["term_start"] == "2026-03-10"
    code, out, _ = ana("mentors", "status", "ana", "prospect", "--force", "--today", "2026-03-11")
    assert code == 0 and "forced; recorded" in out
    history = Store(ana.data).load_plan().mentors[0].status_history
    assert history[-1].forced and history[-1].status == "prospect"


def test_book(ana):
    code, out, _ = ana("mentors", "book", "ana", "2026-02-10", "--time", "09:30", "--minutes", "30",
                       "--today", "2026-02-01")  # fmt: skip
    assert code == 0 and "on 2026-02-10 at 09:30, 30 minutes" in out
    code, out, _ = ana("mentors", "show", "ana", "--format", "json", "--today", "2026-02-01")
    assert json.loads(out)["next_meeting"] == "2026-02-10"
    code, out, err = ana("mentors", "book", "ana", "2026-01-10", "--today", "2026-02-01")
    assert code == 2 and "has passed" in err and "sessions capture" in err
    code, _, err = ana("mentors", "book", "ana", "2026-02-31")
    assert code == 2 and "Traceback" not in err
    code, _, err = ana("mentors", "book", "ana", "2026-03-01", "--minutes", "2")
    assert code == 2 and "--minutes" in err
    # a passed booking shows as a capture hint; Next is never a past date
    code, out, _ = ana("mentors", "list", "--today", "2026-02-12")
    assert "Capture your meeting with Ana Lima on 2026-02-10" in out
    code, out, _ = ana("mentors", "list", "--today", "2026-02-12", "--format", "json")
    assert json.loads(out)[0]["next_meeting_date"] >= "2026-02-12"


def test_finished_term_flagged_in_list(ana):
    _, out, err = ana("mentors", "list", "--today", "2026-08-01")
    assert "active ⚑ term over" in out and "over (ended 2026-07-05)" in out
    assert "term ended on 2026-07-05 but the status is still active" in out
    _, out, err = ana("mentors", "list", "--today", "2026-08-01", "--format", "json")
    assert json.loads(out)[0]["term_finished"] is True
    assert "prepcoach: hint: Ana Lima's term ended" in err


def test_a_terms_last_day_is_flagged_as_ending_today(ana):
    _, out, _ = ana("mentors", "list", "--today", "2026-07-05")
    assert "active ⚑ term ends today" in out and "ends today (2026-07-05)" in out
    assert "term ends today (2026-07-05) but the status is still active" in out
    assert "ended" not in out.split("Ana Lima", 1)[1].split("\n", 1)[0]


def test_team(ana):
    ana("mentors", "add", "Ben Ode", "--areas", "politics")
    code, out, _ = ana("mentors", "team", "--format", "json")
    got = json.loads(out)
    assert [a["area"] for a in got["areas"]][:2] == ["scope", "politics"]
    assert got["areas"][0]["covered_by"] == ["Ana Lima"]
    assert "nobody covers politics (could: Ben Ode)" in got["gaps"]
    code, out, _ = ana("mentors", "team")
    assert code == 0 and out.startswith("# Team coverage") and "- nobody covers career" in out
