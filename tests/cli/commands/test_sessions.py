"""`prepcoach sessions list|show|export`."""

from __future__ import annotations

import datetime as dt
import json

from cli.helpers import sample_session_ids
from prepcoach.store import Store

SESSION_KEYS = {
    "id", "mentor", "mentor_name", "date", "minutes", "accomplishments", "questions",
    "open_questions", "action_items", "open_action_items", "has_agenda", "engine", "first_line",
    "captured", "moved",
}  # fmt: skip


def test_sessions_list_all_and_by_mentor(cmd, sample_dir):
    ids = sample_session_ids(sample_dir)
    assert len(ids) >= 8
    code, out, _ = cmd("sessions", "list", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and sorted(r["id"] for r in rows) == ids
    assert all(set(r) == SESSION_KEYS for r in rows)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    mentor = rows[0]["mentor_name"]
    code, out, _ = cmd("sessions", "list", "--mentor", mentor.split()[0], "--format", "json")
    mine = json.loads(out)
    assert mine and {r["mentor_name"] for r in mine} == {mentor}
    code, out, _ = cmd("sessions", "list", "--last", "2", "--format", "json")
    assert [r["id"] for r in json.loads(out)] == [r["id"] for r in rows[-2:]]
    code, out, _ = cmd("sessions", "list")
    assert out.startswith(f"# Sessions ({len(ids)})") and out.count("\n| 20") == len(ids)
    code, _, err = cmd("sessions", "list", "--mentor", "nobody")
    assert code == 2 and 'no mentor "nobody"' in err


def test_sessions_show_and_export(cmd, sample_dir, tmp_path):
    store = Store(sample_dir)
    with_agenda = next(
        s for s in (store.load_session(i) for i in sample_session_ids(sample_dir)) if s.agenda
    )
    code, out, _ = cmd("sessions", "show", with_agenda.id)
    assert code == 0
    assert "## Agenda" in out and "| Time |" in out
    assert f"Total {with_agenda.agenda.total()} of {with_agenda.agenda.minutes} minutes" in out  # type: ignore[union-attr]
    for item in with_agenda.agenda.items:  # type: ignore[union-attr]
        assert item.title.replace("|", "\\|") in out
    for a in with_agenda.action_items:
        assert a.text in out
    code, out, _ = cmd("sessions", "show", with_agenda.id, "--format", "json")
    assert json.loads(out)["id"] == with_agenda.id

    target = tmp_path / "s.md"
    code, _, _ = cmd("sessions", "export", with_agenda.id, "-o", str(target))
    text = target.read_text()
    assert code == 0 and text.startswith("# Session with") and "## Agenda" in text
    assert "session `" not in text  # no internal metadata in the export
    code, _, err = cmd("sessions", "export", with_agenda.id, "-o", str(target))
    assert code == 2 and "already exists" in err and target.read_text() == text


def test_session_id_prefix_and_suggestions(cmd, sample_dir):
    ids = sample_session_ids(sample_dir)
    code, out, _ = cmd(
        "sessions",
        "show",
        ids[0][:10] if sum(i.startswith(ids[0][:10]) for i in ids) == 1 else ids[0],
    )
    assert code == 0 and out.startswith("# Session with")
    code, _, err = cmd("sessions", "show", ids[0] + "x")
    assert code == 2 and f'"{ids[0]}"' in err
    code, _, err = cmd("sessions", "show", "../plan")
    assert code == 2 and "no session" in err


def _meeting(cmd, tmp_path):
    """A data dir with Ana, an objective and a prepared meeting on 2026-02-10."""
    from prepcoach.models import ActionItem, Question, Session

    data = tmp_path / "d"
    cmd("mentors", "add", "Ana Lima", "--status", "active", "--term-start", "2026-01-05", data=data)
    cmd("objectives", "add", "Own the budget", "--area", "scope", "--mentor", "ana", data=data)
    Store(data).save_session(
        Session(
            mentor="ana-lima",
            date=dt.date(2026, 2, 10),
            questions=[
                Question(text="How do I hand over the budget?"),
                Question(text="Who owns hiring?"),
            ],
            action_items=[ActionItem(text="Draft the forecast")],
        )
    )
    return data


def test_sessions_capture(cmd, tmp_path):
    data = _meeting(cmd, tmp_path)
    code, out, _ = cmd(
        "sessions", "capture", "2026-02-10", "--note", "Split by <quarter>",
        "--action", "Send the memo", "--owner", "me", "--due", "2026-02-20",
        "--action", "Intro to the CFO", "--owner", "mentor",
        "--resolve", "hand over", "--answer", "Step by step", "--resolve", "2",
        "--done", "forecast", "--progress", "own-the=Handed Q1 over",
        "--today", "2026-02-11", "--format", "json", data=data,
    )  # fmt: skip
    got = json.loads(out)
    assert code == 0 and got["added_action_items"] == 2 and got["done"] == ["Draft the forecast"]
    assert got["resolved"] == ["How do I hand over the budget?", "Who owns hiring?"]
    s = Store(data).load_session("2026-02-10-ana-lima")
    assert s.notes == "Split by <quarter>"
    assert [(a.text, a.owner, a.due) for a in s.action_items[1:]] == [
        ("Send the memo", "me", dt.date(2026, 2, 20)),
        ("Intro to the CFO", "mentor", None),
    ]
    assert s.questions[0].answer == "Step by step" and s.questions[1].resolved
    assert s.objective_progress[0].note == "Handed Q1 over"
    code, out, _ = cmd(
        "sessions", "capture", "2026-02-10", "--note", "Follow-up call", "--today", "2026-02-12",
        data=data,
    )  # fmt: skip
    assert code == 0 and out.startswith("Captured session 2026-02-10-ana-lima")
    assert Store(data).load_session("2026-02-10-ana-lima").notes == (
        "Split by <quarter>\n\nFollow-up call"
    )


def test_sessions_capture_bad_input(cmd, tmp_path):
    data = _meeting(cmd, tmp_path)
    before = Store(data).load_session("2026-02-10-ana-lima")
    day = ("--today", "2026-02-11")
    cases = [
        (("--resolve", "o"), "matches several questions"),
        (("--resolve", "salary"), 'no question matches "salary"'),
        (("--resolve", "9"), "no question 9"),
        (("--done", "memo"), 'no action item matches "memo"'),
        (("--progress", "nope=x"), 'no objective "nope"'),
        (("--progress", "nope"), "OBJECTIVE=TEXT"),
        (("--owner", "me"), "--owner comes after the --action"),
        (("--answer", "x"), "--answer comes after the --resolve"),
        (("--action", "x", "--owner", "boss"), "invalid choice"),
        ((), "nothing to capture"),
    ]
    for extra, message in cases:
        code, out, err = cmd("sessions", "capture", "2026-02-10", *extra, *day, data=data)
        assert code == 2 and out == "" and message in err, (extra, err)
        assert "Traceback" not in err
    code, _, err = cmd("sessions", "capture", "2026-02-10", "--resolve", "9", *day, data=data)
    assert "1. How do I hand over the budget?; 2. Who owns hiring?" in err  # the candidates
    code, _, err = cmd("sessions", "capture", "nope", "--note", "x", *day, data=data)
    assert code == 2 and 'no session "nope"' in err
    # a meeting still to come needs --yes
    code, _, err = cmd(
        "sessions", "capture", "2026-02-10", "--note", "x", "--today", "2026-02-01", data=data
    )
    assert code == 2 and "still to come" in err and "--yes" in err
    assert Store(data).load_session("2026-02-10-ana-lima") == before
    code, _, _ = cmd(
        "sessions",
        "capture",
        "2026-02-10",
        "--note",
        "x",
        "--today",
        "2026-02-01",
        "--yes",
        data=data,
    )
    assert code == 0
