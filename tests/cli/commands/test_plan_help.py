"""Every plan command answers --help with its options (exit 0, nothing else run)."""

from __future__ import annotations

import pytest

from prepcoach.cli import main

HELP = [
    (["profile", "show"], "--format"),
    (["profile", "set"], "--organisation"),
    (["mentors", "edit"], "--areas"),
    (["mentors", "remove"], "--yes"),
    (["mentors", "status"], "--force"),
    (["mentors", "book"], "--time"),
    (["mentors", "team"], "--format"),
    (["mentors", "ics"], "--all"),
    (["mentors", "list"], "--today"),
    (["objectives", "edit"], "--done-when"),
    (["objectives", "drop"], "--format"),
    (["objectives", "reopen"], "--format"),
    (["sessions", "capture"], "--resolve"),
    (["reviews", "list"], "--today"),
    (["reviews", "show"], "--format"),
    (["reviews", "export"], "--force"),
    (["agenda"], "--output"),
]


@pytest.mark.parametrize(("argv", "option"), HELP)
def test_help(argv, option, capsys):
    assert main([*argv, "--help"]) == 0
    out, err = capsys.readouterr()
    assert option in out and err == ""
