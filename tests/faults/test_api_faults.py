"""Model endpoint faults through the CLI: real `prepcoach` processes, a real loopback
OpenAI-compatible server (tests/fakeserver.py), no mocks. Each fault ends with one clear
line on stderr and the right exit code, never a traceback, never the key."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fakeserver import FakeOpenAI

from faults.helpers import TODAY, child_env, cli, copy_sample, one_line_error
from prepcoach.cli import main

KEY = "sk-test-FAULTS-7d1e93b0c2"

AGENDA = {
    "summary": "Focus on the headcount ask.",
    "items": [
        {"title": "Check-in", "minutes": 3, "kind": "opening", "detail": "", "objective_id": None},
        {
            "title": "How do I defend the headcount ask?",
            "minutes": 20,
            "kind": "question",
            "detail": "Bring the numbers.",
            "objective_id": None,
        },
        {"title": "Wrap up", "minutes": 7, "kind": "close", "detail": "", "objective_id": None},
    ],
}


def cut_mid_answer(h: Any, body: dict[str, Any]) -> None:
    """Starts streaming the JSON answer, then the connection drops."""
    h.start_sse()
    h.sse(
        {
            "id": "c",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": body.get("model", ""),
            "choices": [
                {"index": 0, "delta": {"content": '{"summary": "Fo'}, "finish_reason": None}
            ],
        }
    )
    h.wfile.flush()
    h.connection.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as s:
        yield s


@pytest.fixture
def data(tmp_path: Path) -> Path:
    # one retry (not three) keeps the retried cases quick; the config file is the user's way
    cfg = tmp_path / "config"
    cfg.mkdir(exist_ok=True)
    (cfg / "config.toml").write_text("max_retries = 1\n")
    return copy_sample(tmp_path / "data")


def _agenda(server: FakeOpenAI, data: Path, url: str | None = None, **env: str):
    e = child_env(OPENAI_API_KEY=KEY, OPENAI_BASE_URL=url or server.url, **env)
    # --no-fallback: an unusable reply is an error here, not the offline composer's agenda
    argv = ["agenda", "--mentor", "priya", "--today", TODAY, "--question", "Headcount?"]
    argv.append("--no-fallback")
    return cli(*argv, "--data", str(data), env=e)


Case = tuple[list[Callable[..., None]], Callable[..., None] | None, int, tuple[str, ...], int]

CASES: dict[str, Case] = {
    # name: (scripted replies, default reply, exit code, words in the message, requests)
    "401": (
        [FakeOpenAI.error(401, f"Incorrect API key provided: {KEY}", code="invalid_api_key")],
        None,
        2,
        ("rejected the API key (401", "env OPENAI_API_KEY"),
        1,
    ),
    "403": ([FakeOpenAI.error(403, "forbidden")], None, 2, ("403 forbidden",), 1),
    "404 model": (
        [FakeOpenAI.error(404, "The model `gpt-4o-mini` does not exist", code="model_not_found")],
        None,
        2,
        ('no model "gpt-4o-mini"', "prepcoach doctor"),
        1,
    ),
    "429 quota": (
        [
            FakeOpenAI.error(
                429, "You exceeded your current quota", code="insufficient_quota",
                type="insufficient_quota",
            )
        ],
        None,
        2,
        ("no quota left", "retrying will not help"),
        1,  # never retried
    ),
    "500": ([], FakeOpenAI.error(500, "boom"), 2, ("internal error (500) after 2 attempts",), 2),
    "garbage chunk": ([FakeOpenAI.garbled('{"summary": ')], None, 2, ("could not read",), 1),
    "not the schema": (
        [FakeOpenAI.json({"nope": 1}), FakeOpenAI.json({"items": "many"})],
        None,
        2,
        ("did not return a usable agenda", "--offline"),
        2,  # asked again once, telling the model what was wrong
    ),
    "not json": (
        [FakeOpenAI.text("Sure! Here is your agenda: talk."), FakeOpenAI.text("no JSON, sorry")],
        None,
        2,
        ("did not return a usable agenda",),
        2,
    ),
    "stream cut": ([], cut_mid_answer, 2, ("agenda",), 2),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES))
def test_endpoint_fault_is_one_clear_line(
    server: FakeOpenAI,
    data: Path,
    name: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """In-process `prepcoach agenda` (the CLI's main) for speed; the cases below and
    test_review_and_outreach_... run the same through separate processes."""
    replies, default, code, needles, n_requests = CASES[name]
    server.push(*replies)
    server.default = default
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", server.url)
    before = sorted(p.name for p in (data / "sessions").iterdir())
    argv = ["agenda", "--mentor", "priya", "--today", TODAY, "--question", "Headcount?"]
    argv.append("--no-fallback")  # an unusable reply is an error, not the offline agenda
    returncode = main([*argv, "--save", "--data", str(data)])
    out, err = capsys.readouterr()
    proc = subprocess.CompletedProcess(argv, returncode, out, err)
    line = one_line_error(proc, code, *needles)
    assert KEY not in proc.stderr + proc.stdout
    assert proc.stdout == ""  # no half agenda printed as if it were the answer
    assert len(server.chat_requests) == n_requests, [r.path for r in server.requests]
    assert sorted(p.name for p in (data / "sessions").iterdir()) == before
    assert line.count("prepcoach:") == 1


def test_stream_cut_in_a_separate_process(server: FakeOpenAI, data: Path) -> None:
    server.default = cut_mid_answer
    proc = _agenda(server, data)
    one_line_error(proc, 2, "did not return a usable agenda")
    assert KEY not in proc.stderr + proc.stdout


def test_429_with_retry_after_then_success(server: FakeOpenAI, data: Path) -> None:
    server.push(
        FakeOpenAI.error(429, "Rate limit reached", code="rate_limit_exceeded",
                         headers={"Retry-After": "0.3"}),
        FakeOpenAI.json(AGENDA),
    )  # fmt: skip
    proc = _agenda(server, data)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and KEY not in proc.stderr + proc.stdout
    assert "How do I defend the headcount ask?" in proc.stdout
    assert len(server.chat_requests) == 2


def test_timeout(server: FakeOpenAI, data: Path) -> None:
    server.push(FakeOpenAI.slow(10, FakeOpenAI.json(AGENDA)))
    proc = _agenda(server, data, PREPCOACH_TIMEOUT="0.5")
    one_line_error(proc, 2, "within 0.5 s (timeout)", "PREPCOACH_TIMEOUT")
    assert len(server.chat_requests) == 1  # a slow server stays slow: not retried


def test_connection_refused(server: FakeOpenAI, data: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    proc = _agenda(server, data, url=url)
    one_line_error(proc, 2, url, "connection refused", "--offline")


def test_review_and_outreach_report_endpoint_faults_too(server: FakeOpenAI, data: Path) -> None:
    server.default = FakeOpenAI.error(401, "bad key", code="invalid_api_key")
    e = child_env(OPENAI_API_KEY=KEY, OPENAI_BASE_URL=server.url)
    for argv in (
        ["review", "--mentor", "priya", "--save"],
        ["outreach", "--to", "Elena Sorensen", "--ask", "how you ran the reorg", "--save"],
    ):
        proc = cli(*argv, "--today", TODAY, "--data", str(data), env=e)
        one_line_error(proc, 2, "rejected the API key (401")
        assert KEY not in proc.stderr + proc.stdout
    assert not (data / "reviews").exists()
    assert len(list((data / "outreach").iterdir())) == 3  # nothing new saved
