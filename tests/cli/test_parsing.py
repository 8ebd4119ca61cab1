"""Every command's parser: help and descriptions, plurals in outputs, literal "--"."""

from __future__ import annotations

import json
import re

import pytest

from cli.helpers import GOOD, TODAY, run
from prepcoach.cli import main


def test_every_subcommand_has_help_and_a_description():
    import argparse

    from prepcoach.cli import build_parser

    missing = []

    def walk(parser: argparse.ArgumentParser, path: list[str]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                helps = {a.dest: a.help for a in action._choices_actions}
                for name, sub in action.choices.items():
                    if not helps.get(name) or not sub.description:
                        missing.append(" ".join([*path, name]))
                    walk(sub, [*path, name])

    walk(build_parser(), [])
    assert missing == []


@pytest.mark.parametrize("argv", [["drafts", "list"], ["prompts", "list"], ["prompts", "show"]])
def test_sub_subcommand_help_has_a_description(capsys, argv):
    assert main([*argv, "--help"]) == 0
    out = capsys.readouterr().out
    head = out.split("\n\n")
    assert head[0].startswith("usage: prepcoach " + " ".join(argv))
    assert not head[1].startswith(("options:", "positional arguments:"))


@pytest.mark.parametrize(
    "argv",
    [
        ["mentors"], ["mentors", "list"], ["mentors", "show"], ["mentors", "add"],
        ["mentors", "ics"], ["mentors", "status"], ["objectives"], ["objectives", "add"],
        ["objectives", "met"], ["sessions"], ["sessions", "show"], ["sessions", "export"],
    ],
)  # fmt: skip
def test_help_and_bad_usage(argv, capsys):
    assert main([*argv, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: prepcoach " + " ".join(argv))
    assert ("--data" in out) if len(argv) == 2 else ("list" in out)
    if len(argv) == 1 or argv[1] in ("show", "add", "ics", "status", "met", "export"):
        assert main(argv) == 2
        assert "Try `" in capsys.readouterr().err


def test_a_literal_double_dash_value_is_kept(capsys, tmp_path):
    data = str(tmp_path / "d")
    code, _, _ = run(
        capsys, "objectives", "add", "--area", "scope", "--data", data, "--done-when=--",
        "--", "Own the budget",
    )  # fmt: skip
    assert code == 0
    code, out, _ = run(capsys, "objectives", "list", "--format", "json", "--data", data)
    assert json.loads(out)[0]["done_when"] == "--"


def test_no_hedged_plurals_in_outputs(capsys, sample_dir, tmp_path):
    one = tmp_path / "one.txt"
    one.write_text(GOOD.replace("20-minute call", "call"))  # breaks exactly one rule
    outputs = []
    code, out, err = run(capsys, "lint", str(one))
    assert code == 1 and out.startswith("1 rule broken")
    outputs.append(out + err)
    for argv in (
        ["review", "--data", str(sample_dir), *TODAY],
        ["drafts", "list", "--data", str(sample_dir), *TODAY],
        ["doctor", "--data", str(sample_dir)],
        ["agenda", "--data", str(sample_dir), "--mentor", "Marcus", *TODAY],
    ):
        outputs.append("".join(run(capsys, *argv)[1:]))
    for text in outputs:
        assert "(s)" not in text, text
        assert not re.search(r"\b1 (?:rules|days|minutes|words|files|sessions|mentors)\b", text)
