"""`prepcoach sessions list|show|export`."""

from __future__ import annotations

import json

from cli.helpers import sample_session_ids
from prepcoach.store import Store

SESSION_KEYS = {
    "id", "mentor", "mentor_name", "date", "minutes", "accomplishments", "questions",
    "open_questions", "action_items", "open_action_items", "has_agenda", "engine", "first_line",
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
