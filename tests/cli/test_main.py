"""The entry point: options before the command, the TUI's fast path, conflicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from prepcoach.cli import _fast_tui, main


def test_data_before_the_command_is_honoured(sample_dir: Path, capsys) -> None:
    assert main(["--data", str(sample_dir), "mentors", "list", "--format", "json"]) == 0
    names = [m["name"] for m in json.loads(capsys.readouterr().out)]
    assert "Priya Raman" in names and len(names) == 3


def test_data_before_and_after_must_agree(sample_dir: Path, tmp_path: Path, capsys) -> None:
    argv = ["--data", str(sample_dir), "mentors", "list", "--data", str(tmp_path / "x")]
    assert main(argv) == 2
    assert "--data given twice" in capsys.readouterr().err
    same = ["--data", str(sample_dir), "mentors", "list", "--data", str(sample_dir)]
    assert main(same) == 0


def test_options_before_any_command_are_accepted_where_unused(
    sample_dir: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    # the shell alias `alias pc='prepcoach --data ~/mentoring'` works for every command
    draft = tmp_path / "draft.txt"
    draft.write_text("Subject: A question\n\nHi Sam,\n\nCould we talk for 20 minutes?\n")
    argv = ["--data", str(sample_dir), "--offline", "--model", "m", "--redact"]
    assert main([*argv, "lint", str(draft)]) == 1
    captured = capsys.readouterr()
    assert captured.err == "" and "✗ easy-decline" in captured.out
    # lint reads no data directory: one that does not exist is not looked at
    assert main(["--data", str(tmp_path / "nowhere"), "lint", str(draft)]) == 1
    assert not (tmp_path / "nowhere").exists()
    capsys.readouterr()
    assert main([*argv, "prompts", "list"]) == 0
    assert "Your prompt folder" in capsys.readouterr().out


def test_data_before_demo_is_not_used(sample_dir: Path, monkeypatch, capsys) -> None:
    import prepcoach.tui.app as appmod

    seen = {}

    def fake_run(self, *a, **k):  # the real app, not run: its settings are what matter
        seen["data"] = self.settings.data_dir

    monkeypatch.setattr(appmod.PrepcoachApp, "run", fake_run)
    assert main(["--data", str(sample_dir), "demo"]) == 0
    assert seen["data"] != sample_dir and seen["data"].name == "data"
    assert "does not apply" not in capsys.readouterr().err


def test_format_before_the_command(sample_dir: Path, tmp_path: Path, capsys) -> None:
    assert main(["--format", "json", "--data", str(sample_dir), "sessions", "list"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all("mentor_name" in r for r in rows)
    same = ["--format", "json", "mentors", "show", "priya", "--format", "json"]
    assert main([*same, "--data", str(sample_dir)]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "Priya Raman"
    # a command without --format accepts it and prints what it always prints
    argv = ["--format", "json", "--data", str(sample_dir), "sessions", "export"]
    assert main([*argv, "2026-06-09", "-o", str(tmp_path / "s.md")]) == 0
    assert (tmp_path / "s.md").read_text().startswith("# Session with Priya Raman")
    capsys.readouterr()
    assert main(["--format", "md", "--data", str(sample_dir), "mentors", "list"]) == 0
    assert capsys.readouterr().out.startswith("# Mentors (3)")


def test_format_before_and_after_must_agree(sample_dir: Path, capsys) -> None:
    argv = ["--format", "json", "mentors", "list", "--format", "md", "--data", str(sample_dir)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "--format given twice with different values" in err and err.count("\n") == 1
    argv = ["--model", "a", "agenda", "--model", "b", "--mentor", "priya"]
    assert main([*argv, "--data", str(sample_dir)]) == 2
    assert "--model given twice" in capsys.readouterr().err


def test_bad_format_before_the_command_is_exit_2(capsys) -> None:
    assert main(["--format", "yaml", "mentors", "list"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_offline_is_accepted_by_every_command(sample_dir: Path, capsys) -> None:
    assert main(["--offline", "--model", "m", "mentors", "list", "--data", str(sample_dir)]) == 0
    assert "Priya Raman" in capsys.readouterr().out


def test_offline_and_model_before_a_generating_command(sample_dir: Path, capsys) -> None:
    argv = ["--offline", "--model", "m1", "agenda", "--data", str(sample_dir)]
    argv += ["--mentor", "priya", "--question", "How do I hand over?", "--format", "json"]
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["agenda"]["engine"] == "offline"


@pytest.mark.parametrize(
    ("argv", "want"),
    [
        ([], {"data": None, "offline": False, "model": None}),
        (["--data", "D"], {"data": "D", "offline": False, "model": None}),
        (["--data=D", "--offline"], {"data": "D", "offline": True, "model": None}),
        (
            ["--offline", "--model", "m", "--data", "D"],
            {"data": "D", "offline": True, "model": "m"},
        ),
        (["--model=m"], {"data": None, "offline": False, "model": "m"}),
    ],
)
def test_fast_tui_path(argv: list[str], want: dict[str, object]) -> None:
    ns = _fast_tui(argv)
    assert ns is not None and ns.command is None
    assert {k: getattr(ns, k) for k in want} == want


@pytest.mark.parametrize(
    "argv",
    [
        ["--data"],
        ["--data", "--offline"],
        ["--offline", "--offline"],
        ["--help"],
        ["mentors"],
        ["--data", "D", "--data", "E"],
        ["--data="],
        ["-x"],
    ],
)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert _fast_tui(argv) is None


def test_tui_flags_reach_the_settings(monkeypatch, sample_dir: Path) -> None:
    import prepcoach.tui.app as appmod

    seen = {}

    def fake_run(self, *a, **k):  # the real app, not run: its settings are what matter
        seen["label"] = self.settings.engine_label
        seen["model"] = self.settings.model
        seen["data"] = self.settings.data_dir

    monkeypatch.setattr(appmod.PrepcoachApp, "run", fake_run)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    assert main(["--data", str(sample_dir), "--offline", "--model", "m2"]) == 0
    assert seen == {"label": "offline engine (--offline)", "model": "m2", "data": sample_dir}
    assert main(["--data", str(sample_dir)]) == 0
    assert seen["label"] == "model gpt-4o-mini"


def test_undecodable_argument_is_refused(tmp_path: Path, capsys) -> None:
    # what Python makes of the byte 0x9d on a UTF-8 command line
    bad = b"\x9d".decode("utf-8", "surrogateescape")
    assert main(["mentors", "add", "--data", str(tmp_path / "d"), "--", bad]) == 2
    err = capsys.readouterr().err
    assert "not valid UTF-8" in err and err.count("\n") == 1
    assert not (tmp_path / "d" / "plan.json").exists()


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["agenda", "--mentor", "p", "--minutes", "0"], "10 to 240"),
        (["agenda", "--mentor", "p", "--today", "yesterday"], "not a date"),
        (["agenda"], "required: --mentor"),
        (["mentros", "list"], "did you mean 'mentors'?"),
        (["mentors", "lst"], "did you mean 'list'?"),
        (["--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_bad_usage_is_one_line(argv: list[str], words: str, capsys) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and words in captured.err
    assert captured.err.startswith("prepcoach") and "--help`." in captured.err


def test_help_builds_every_parser_without_the_store_or_pydantic() -> None:
    import subprocess
    import sys

    code = (
        "import json, sys\n"
        "from prepcoach.cli import build_parser\n"
        "build_parser()\n"
        "print(json.dumps(sorted(m for m in ('pydantic', 'prepcoach.store', 'prepcoach.models',"
        " 'prepcoach.services', 'textual', 'jinja2') if m in sys.modules)))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []
