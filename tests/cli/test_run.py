"""The run wrapper: a missing or mistyped data directory, creating one, empty listings."""

from __future__ import annotations

import json

import pytest

from cli.helpers import run
from prepcoach.cli import main


@pytest.mark.parametrize(
    "argv",
    [
        ["drafts", "list"],
        ["drafts", "show", "x"],
        ["drafts", "sent", "x"],
        ["review"],
        ["agenda", "--mentor", "Priya"],
        ["prompts", "render", "agenda", "--mentor", "Priya"],
    ],
)
def test_reading_commands_name_a_missing_data_dir(tmp_path, capsys, argv):
    missing = tmp_path / "typo"
    code, out, err = run(capsys, *argv, "--data", str(missing))
    assert code == 2 and out == ""
    assert f"data directory {missing} (from --data) does not exist." in err
    assert "offline engine" not in err and not missing.exists()


READING = [
    ("mentors", "list"),
    ("mentors", "show", "ana"),
    ("mentors", "status", "ana", "active"),
    ("mentors", "ics", "ana"),
    ("objectives", "list"),
    ("objectives", "met", "x"),
    ("sessions", "list"),
    ("sessions", "show", "x"),
    ("sessions", "export", "x"),
]


@pytest.mark.parametrize("argv", READING)
def test_a_mistyped_data_dir_is_named_not_shown_as_empty(cmd, tmp_path, argv):
    missing = tmp_path / "no-such-dir"
    code, out, err = cmd(*argv, data=missing)
    assert code == 2 and out == ""
    assert f"data directory {missing} (from --data) does not exist." in err
    assert "Check the path" in err and "prepcoach mentors add" in err
    assert "Traceback" not in err and not missing.exists()  # nothing was created


@pytest.mark.parametrize(
    "argv", [("mentors", "list"), ("objectives", "list"), ("sessions", "list"),
             ("drafts", "list"), ("reviews", "list")]
)  # fmt: skip
def test_a_fresh_install_lists_nothing_with_a_hint(tmp_path, capsys, monkeypatch, argv):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("PREPCOACH_HOME", raising=False)
    code, out, _ = run(capsys, *argv)
    assert code == 0 and out.startswith("No ") and "prepcoach " in out
    code, out, _ = run(capsys, *argv, "--format", "json")
    got = json.loads(out)
    assert code == 0 and (got == [] or got["drafts"] == [])
    assert not (tmp_path / "xdg").exists()  # listing creates nothing


def test_a_fresh_install_still_refuses_reading_one_record(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("PREPCOACH_HOME", raising=False)
    assert main(["mentors", "show", "ana"]) == 2
    err = capsys.readouterr().err
    assert "no data yet" in err and "prepcoach mentors add" in err and "prepcoach demo" in err


def test_adding_creates_a_missing_data_dir(cmd, tmp_path):
    fresh = tmp_path / "fresh"
    code, out, _ = cmd("mentors", "add", "Ana Lima", data=fresh)
    assert code == 0 and "Added Ana Lima" in out and (fresh / "plan.json").is_file()
    other = tmp_path / "other"
    code, out, _ = cmd("objectives", "add", "Own the budget", "--area", "scope", data=other)
    assert code == 0 and (other / "plan.json").is_file()
    code, out, _ = cmd("mentors", "list", data=fresh)
    assert code == 0 and "Ana Lima" in out


def test_empty_data_dir_listings(cmd, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for argv in (("mentors", "list"), ("objectives", "list"), ("sessions", "list")):
        code, out, _ = cmd(*argv, "--format", "json", data=empty)
        assert code == 0 and json.loads(out) == []
        code, out, _ = cmd(*argv, data=empty)
        assert code == 0 and out.startswith("No ")
