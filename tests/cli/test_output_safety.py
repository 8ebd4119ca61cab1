"""Terminal escape sequences in user or model text never reach the terminal from the CLI."""

from __future__ import annotations

import pytest
from fakeserver import FakeOpenAI

from prepcoach.cli import main
from prepcoach.engines import llm as llm_mod
from prepcoach.textsafe import sanitize

TODAY = ("--today", "2026-11-23")
NASTY = "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x1b[0m \x9b1;31m\x07"
GOOD = """Subject: Question on director to VP

Hi Elena,

Nadia Farouk suggested I write to you. Could we have a 20-minute call about how you chose
between a VP Eng role and a CTO role?

If now isn't a good time, no worries at all.

Thanks,
Dana"""


def test_sanitize_strips_sequences_and_keeps_text():
    assert sanitize(NASTY) == "red "
    assert sanitize("[bold]x[/] {{ 7*7 }}\tend\n") == "[bold]x[/] {{ 7*7 }}    end\n"


def test_user_text_with_escapes_is_printed_inert(capsys, sample_dir):
    assert main(["mentors", "add", f"Eve {NASTY}Ng", "--data", str(sample_dir)]) == 0
    capsys.readouterr()
    assert main(["mentors", "list", "--data", str(sample_dir)]) == 0
    out = capsys.readouterr().out
    assert "Eve" in out and "\x1b" not in out and "\x07" not in out and "\x9b" not in out


@pytest.fixture
def server(monkeypatch):
    with FakeOpenAI() as s:
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-escape")
        monkeypatch.setenv("OPENAI_BASE_URL", s.url)
        monkeypatch.setattr(llm_mod, "BACKOFF_BASE", 0.01)
        yield s


def test_model_text_with_escapes_is_streamed_inert(capsys, sample_dir, server):
    # the escape sequence is split across stream chunks (chunk=3)
    server.push(FakeOpenAI.text(GOOD.replace("Hi Elena,", f"Hi Elena,{NASTY}"), chunk=3))
    code = main(
        [
            "outreach",
            "--data",
            str(sample_dir),
            "--to",
            "Elena Sorensen",
            "--ask",
            "how she chose between VP and CTO",
            *TODAY,
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Hi Elena," in out and "Could we have a 20-minute call" in out
    for ch in ("\x1b", "\x07", "\x9b"):
        assert ch not in out and ch not in err


def test_json_output_escapes_c1_controls_and_round_trips(sample_dir, capsys) -> None:
    import json

    from prepcoach.cli import main

    name = "\x9dOsc \x9bCsi \x7fDel"
    assert main(["mentors", "add", "--data", str(sample_dir), "--", name]) == 0
    capsys.readouterr()
    assert main(["mentors", "list", "--format", "json", "--data", str(sample_dir)]) == 0
    out = capsys.readouterr().out
    assert not any(0x7F <= ord(c) <= 0x9F for c in out)
    assert "\\u009dOsc" in out
    assert name in [m["name"] for m in json.loads(out)]
