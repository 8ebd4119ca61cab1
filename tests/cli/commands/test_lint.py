"""`prepcoach lint`: rules named, stdin, unreadable input."""

from __future__ import annotations

import json
import sys

import pytest

from cli.helpers import CLASSIC_BAD, GOOD, run


def test_lint_rejects_the_classic_bad_ask_naming_each_rule(capsys, tmp_path):
    f = tmp_path / "ask.txt"
    f.write_text(CLASSIC_BAD)
    code, out, _ = run(capsys, "lint", str(f))
    assert code == 1
    for rule in ("no-mentor-word", "bounded-time", "no-long-term", "easy-decline", "subject"):
        assert rule in out
    code, out, _ = run(capsys, "lint", str(f), "--format", "json")
    assert code == 1 and not json.loads(out)["clean"]


def test_lint_accepts_a_good_ask_from_stdin(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode())))
    code, out, _ = run(capsys, "lint", "-")
    assert code == 0 and "clean" in out


@pytest.mark.parametrize("content", [None, b"\xff\xfe\x00bad", "dir", b"", b"  \n\n"])
def test_lint_unreadable_input_is_exit_2(capsys, tmp_path, content):
    f = tmp_path / "x.txt"
    if content == "dir":
        f.mkdir()
    elif content is not None:
        f.write_bytes(content)
    code, _, err = run(capsys, "lint", str(f))
    assert code == 2 and err.startswith("prepcoach: ")
