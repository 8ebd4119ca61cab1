"""Corrupt files set aside, future schema skipped or refused untouched, old schema migrated,
modes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from prepcoach.cli import main
from prepcoach.errors import FutureSchemaError, StoreError
from prepcoach.models import SCHEMA_VERSION
from prepcoach.store import Store

REPO = Path(__file__).resolve().parents[2]


def session_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "sessions").glob("*.json") if not p.name.startswith("."))


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


# --------------------------------------------------------------------- corrupt


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"schema_version": 1, "kind": "session", "mentor": ', "not valid JSON"),
        (b"\xff\xfe garbage", "not UTF-8"),
        (b"[1, 2, 3]", "expected a JSON object"),
        (b'{"schema_version": 1, "kind": "session", "mentor": "x", "date": "soon"}', "date"),
    ],
)
def test_corrupt_session_is_named_set_aside_and_the_rest_lists(sample_dir, content, reason):
    files = session_files(sample_dir)
    bad = files[3]
    bad.write_bytes(content)
    store = Store(sample_dir)
    listed = store.list_sessions()
    assert len(listed) == len(files) - 1
    assert bad.stem not in {s.id for s in listed}
    assert len(store.problems) == 1
    assert bad.name in store.problems[0] and reason in store.problems[0]
    assert not bad.exists()
    kept = list((sample_dir / "corrupt" / "sessions").glob(bad.name + ".*"))
    assert len(kept) == 1
    assert kept[0].read_bytes() == content  # byte for byte, never rewritten
    assert _mode(sample_dir / "corrupt") == 0o700
    # a second listing is clean and the set-aside file is not touched again
    again = Store(sample_dir)
    assert len(again.list_sessions()) == len(files) - 1 and again.problems == []


def test_corrupt_file_with_same_name_twice_never_overwrites(sample_dir):
    bad = session_files(sample_dir)[0]
    for content in (b"{one", b"{two"):
        bad.write_bytes(content)
        Store(sample_dir).list_sessions()
    kept = sorted(p.read_bytes() for p in (sample_dir / "corrupt" / "sessions").iterdir())
    assert kept == [b"{one", b"{two"]


def test_cli_warns_about_corrupt_file_and_still_lists(sample_dir, capsys):
    bad = session_files(sample_dir)[0]
    bad.write_text("{oops")
    assert main(["sessions", "list", "--data", str(sample_dir), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == len(session_files(sample_dir))
    assert err.startswith("prepcoach: warning: sessions/" + bad.name)
    assert "corrupt/" in err


def test_corrupt_plan_is_set_aside_and_an_empty_plan_loads(sample_dir, capsys):
    original = (sample_dir / "plan.json").read_bytes()
    (sample_dir / "plan.json").write_bytes(original[: len(original) // 2])
    assert main(["mentors", "list", "--data", str(sample_dir), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert "plan.json is unreadable" in err
    kept = list((sample_dir / "corrupt").glob("plan.json.*"))
    assert [p.read_bytes() for p in kept] == [original[: len(original) // 2]]


def test_edit_on_a_corrupt_plan_is_refused_once(sample_dir, capsys):
    (sample_dir / "plan.json").write_text("{broken")
    assert main(["mentors", "add", "Kim Park", "--data", str(sample_dir)]) == 2
    _, err = capsys.readouterr()
    assert "plan.json is unreadable" in err and "Nothing was changed" in err
    assert not (sample_dir / "plan.json").exists()
    assert [p.read_text() for p in (sample_dir / "corrupt").glob("plan.json.*")] == ["{broken"]
    assert main(["mentors", "add", "Kim Park", "--data", str(sample_dir)]) == 0
    assert [m.name for m in Store(sample_dir).load_plan().mentors] == ["Kim Park"]


def test_show_of_a_corrupt_session_exits_2_and_keeps_it(sample_dir, capsys):
    bad = session_files(sample_dir)[0]
    bad.write_text("{oops")
    assert main(["sessions", "show", bad.stem, "--data", str(sample_dir)]) == 2
    _, err = capsys.readouterr()
    assert bad.name in err and err.count("\n") == 1
    assert list((sample_dir / "corrupt" / "sessions").iterdir())


# ----------------------------------------------------------------- future schema


def test_future_session_is_skipped_by_listings_and_refused_alone(sample_dir, capsys):
    """A listing skips a session from a newer prepcoach with a warning (the rest still
    lists); asked for on its own it is refused (exit 2). Either way it is not touched."""
    path = session_files(sample_dir)[2]
    n = len(session_files(sample_dir))
    doc = json.loads(path.read_text())
    doc["schema_version"] = SCHEMA_VERSION + 1
    doc["new_field"] = "from the future"
    path.write_text(json.dumps(doc))
    before = (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_ino)

    assert main(["sessions", "list", "--data", str(sample_dir), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert path.stem not in {s["id"] for s in json.loads(out)}
    assert len(json.loads(out)) == n - 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"prepcoach: warning: sessions/{path.name} was written by a newer")
    assert "skipped and left as it is" in err
    assert "pip install -U . in your clone, or pip install -U prepcoach" in err

    assert main(["sessions", "show", path.stem, "--data", str(sample_dir)]) == 2
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and str(path) in err and "newer prepcoach" in err
    assert "pip install -U . in your clone" in err and "not touched" in err

    assert (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_ino) == before
    assert not (sample_dir / "corrupt").exists() and not (sample_dir / "backups").exists()
    with pytest.raises(FutureSchemaError):
        Store(sample_dir).load_session(path.stem)


def test_future_plan_refused_untouched_by_reads_and_writes(sample_dir, capsys):
    path = sample_dir / "plan.json"
    doc = json.loads(path.read_text())
    doc["schema_version"] = 99
    path.write_text(json.dumps(doc, indent=2))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    for argv in (
        ["mentors", "list"],
        ["mentors", "add", "Zed Zimmer"],
        ["objectives", "add", "Learn", "--area", "toolkit"],
    ):
        assert main([*argv, "--data", str(sample_dir)]) == 2
        _, err = capsys.readouterr()
        assert "schema_version 99" in err
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def _prepcoach(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "prepcoach", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_future_schema_in_a_subprocess_exits_2_without_traceback(sample_dir):
    path = session_files(sample_dir)[0]
    path.write_text(json.dumps({**json.loads(path.read_text()), "schema_version": 7}))
    # the one file asked for: refused
    proc = _prepcoach("sessions", "show", path.stem, "--data", str(sample_dir))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    # a listing: skipped with one warning line, the rest listed
    proc = _prepcoach("sessions", "list", "--data", str(sample_dir))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "schema_version 7" in proc.stderr and path.stem not in proc.stdout
    # a future plan.json: every command that needs the plan is refused
    plan = sample_dir / "plan.json"
    plan.write_text(json.dumps({**json.loads(plan.read_text()), "schema_version": 7}))
    proc = _prepcoach("sessions", "list", "--data", str(sample_dir))
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert str(plan) in proc.stderr and "schema_version 7" in proc.stderr


# -------------------------------------------------------------------- migration

V0_PLAN = {
    "profile": {"name": "Dana"},
    "objectives": [{"title": "Own the budget", "support_area": "scope"}],
    "mentors": [{"name": "Ana Lima", "status": "active", "term_start": "2026-01-05"}],
}
V0_SESSION = {
    "mentor": "Ana Lima",
    "date": "2026-02-01",
    "questions": ["How do I say no to the COO?"],
    "notes": "First real session.",
}


def test_v0_files_are_migrated_with_a_backup(tmp_path, capsys):
    root = tmp_path / "data"
    (root / "sessions").mkdir(parents=True)
    plan_bytes = json.dumps(V0_PLAN).encode()
    session_bytes = json.dumps(V0_SESSION).encode()
    (root / "plan.json").write_bytes(plan_bytes)
    (root / "sessions" / "first.json").write_bytes(session_bytes)

    assert main(["mentors", "list", "--data", str(root), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    mentors = json.loads(out)
    assert mentors[0]["id"] == "ana-lima" and mentors[0]["meetings_held"] == 1
    assert "plan.json was upgraded from schema_version 0" in err
    assert "sessions/first.json was upgraded" in err

    plan = json.loads((root / "plan.json").read_text())
    assert plan["schema_version"] == SCHEMA_VERSION
    assert plan["objectives"][0]["id"] == "own-the-budget"
    session = json.loads((root / "sessions" / "first.json").read_text())
    assert session["mentor"] == "ana-lima"
    assert session["questions"][0] == {
        "text": "How do I say no to the COO?",
        "resolved": False,
        "answer": "",
    }
    backups = sorted(p for p in (root / "backups").rglob("*") if p.is_file())
    assert sorted(p.read_bytes() for p in backups) == sorted([plan_bytes, session_bytes])
    assert all(_mode(p) == 0o600 for p in backups)
    # migrated once: a second run is silent
    assert main(["sessions", "list", "--data", str(root)]) == 0
    assert capsys.readouterr().err == ""


def test_v0_file_that_cannot_be_migrated_is_set_aside(tmp_path):
    root = tmp_path / "data"
    (root / "sessions").mkdir(parents=True)
    (root / "sessions" / "x.json").write_text(json.dumps({"questions": 5, "mentor": "a"}))
    store = Store(root)
    assert store.list_sessions() == []
    assert "x.json is unreadable" in store.problems[0]
    assert not (root / "sessions" / "x.json").exists()


# ------------------------------------------------------------------ modes, paths


def test_files_0600_and_dirs_0700(tmp_path, capsys):
    root = tmp_path / "a" / "b" / "data"  # missing parents are created private too
    argv = ["--data", str(root)]
    assert main(["mentors", "add", "Ana Lima", "--status", "active", *argv]) == 0
    assert main(["objectives", "add", "Budget", "--area", "scope", "--mentor", "ana", *argv]) == 0
    import datetime as dt

    from prepcoach.models import Session

    Store(root).save_session(Session(mentor="ana-lima", date=dt.date(2026, 1, 2)))
    assert main(["sessions", "list", *argv]) == 0
    capsys.readouterr()
    for d in (tmp_path / "a", tmp_path / "a" / "b", root, root / "sessions"):
        assert _mode(d) == 0o700, d
    files = [p for p in root.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"plan.json", ".lock", "2026-01-02-ana-lima.json"}
    for p in files:
        assert _mode(p) == 0o600, p


def test_data_dir_that_is_a_file_exits_2(tmp_path, capsys):
    f = tmp_path / "notadir"
    f.write_text("hello")
    for argv in (["mentors", "list"], ["sessions", "list"], ["mentors", "add", "X Y"]):
        assert main([*argv, "--data", str(f)]) == 2
        _, err = capsys.readouterr()
        assert err == (
            f"prepcoach: data directory {f} is a file, not a directory. "
            "Pass a directory with --data or PREPCOACH_HOME.\n"
        )
    assert f.read_text() == "hello"


def test_prepcoach_home_is_used_when_no_flag(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PREPCOACH_HOME", str(tmp_path / "home"))
    assert main(["mentors", "add", "Ana Lima"]) == 0
    assert (tmp_path / "home" / "plan.json").exists()


def test_sessions_dir_that_is_a_file(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "sessions").write_text("x")
    with pytest.raises(StoreError, match="not a directory"):
        Store(tmp_path / "d").list_sessions()
