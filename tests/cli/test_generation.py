"""What every generating command shares: dry runs, endpoint errors, the banner, the key."""

from __future__ import annotations

import json
import socket

import pytest
from fakeserver import FakeOpenAI

from cli.helpers import GOOD, KEY, Q1, TODAY, agenda_reply, run
from prepcoach.engines import llm as llm_mod


def test_dry_run_makes_no_request(capsys, sample_dir, server):
    for argv in (
        ["agenda", "--mentor", "Priya", "--question", Q1],
        ["outreach", "--to", "Elena Sorensen", "--ask", "VP or CTO"],
        ["review"],
    ):
        code, out, _ = run(capsys, *argv, "--data", str(sample_dir), "--dry-run", *TODAY)
        assert code == 0 and "Nothing was sent" in out
    code, out, _ = run(
        capsys,
        "agenda",
        "--data",
        str(sample_dir),
        "--mentor",
        "Priya",
        "--dry-run",
        "--format",
        "json",
        *TODAY,
    )
    assert json.loads(out)["messages"][0]["role"] == "system"
    assert server.requests == []


ERRORS = [
    (FakeOpenAI.error(401, f"Incorrect API key provided: {KEY}"), "rejected the API key"),
    (
        FakeOpenAI.error(429, "quota", code="insufficient_quota", type="insufficient_quota"),
        "no quota left",
    ),
    (FakeOpenAI.error(500, "boom"), "internal error (500)"),
    (FakeOpenAI.slow(5), "(timeout)"),
    (FakeOpenAI.garbled(), "could not read"),
    (FakeOpenAI.error(404, "model 'gpt-4o-mini' not found"), 'no model "gpt-4o-mini"'),
]


@pytest.mark.parametrize(("reply", "words"), ERRORS)
def test_endpoint_errors_are_one_line_exit_2(capsys, sample_dir, server, monkeypatch, reply, words):
    monkeypatch.setenv("PREPCOACH_TIMEOUT", "0.5")
    server.default = reply
    code, out, err = run(
        capsys,
        "agenda",
        "--data",
        str(sample_dir),
        "--mentor",
        "Priya",
        "--question",
        Q1,
        "--no-fallback",
        *TODAY,
    )
    assert code == 2
    last = err.strip().splitlines()[-1]
    assert last.startswith("prepcoach: ") and words in last
    assert out == ""


def test_a_model_that_times_out_gives_the_offline_agenda_said_plainly(
    capsys, sample_dir, server, monkeypatch
):
    monkeypatch.setenv("PREPCOACH_TIMEOUT", "0.5")
    server.default = FakeOpenAI.slow(5)
    code, out, err = run(
        capsys, "agenda", "--data", str(sample_dir), "--mentor", "Priya", "--question", Q1, *TODAY
    )
    assert code == 0
    assert Q1 in out
    assert "offline" in err.lower()


def test_connection_refused_names_the_url(capsys, sample_dir, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setattr(llm_mod, "BACKOFF_BASE", 0.01)
    code, _, err = run(
        capsys, "outreach", "--data", str(sample_dir), "--to", "Elena", "--ask", "VP or CTO", *TODAY
    )
    assert code == 2
    assert f"127.0.0.1:{port}/v1 (connection refused)" in err


def test_key_in_no_file_after_a_full_run(capsys, sample_dir, server, tmp_path):
    server.default = None
    server.push(FakeOpenAI.json(agenda_reply()), FakeOpenAI.text(GOOD))
    run(capsys, "agenda", "--data", str(sample_dir), "--mentor", "Priya", "--save", *TODAY)
    run(
        capsys,
        "outreach",
        "--data",
        str(sample_dir),
        "--to",
        "Elena",
        "--ask",
        "VP or CTO",
        "--save",
        *TODAY,
    )
    server.default = FakeOpenAI.json({"subject": "Thanks", "message": "Thank you."})
    run(capsys, "review", "--data", str(sample_dir), "--save", *TODAY)
    run(capsys, "doctor", "--data", str(sample_dir))
    for p in tmp_path.rglob("*"):
        if p.is_file():
            assert KEY.encode() not in p.read_bytes(), p


@pytest.mark.parametrize(
    "argv",
    [
        ["outreach", "--to", "Elena"],  # a first request needs --ask
        ["outreach", "--to", "Elena", "--kind", "renewal", "--mentor", "Nobody"],
        ["agenda", "--mentor", "Nobody"],
        ["review", "--mentor", "Nobody"],
    ],
)
def test_bad_input_is_reported_before_any_banner(capsys, sample_dir, argv):
    code, out, err = run(capsys, *argv, "--data", str(sample_dir))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("prepcoach: ")
    assert "engine" not in err and "draft by" not in err
