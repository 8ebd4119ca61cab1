"""The API key never appears in any file, output, log or exception, whatever happens."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import traceback
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path

import pytest
from fakeserver import FakeOpenAI
from faults.helpers import TODAY, child_env, cli, copy_sample

from prepcoach.errors import EngineError
from prepcoach.settings import load_settings

KEY = "sk-test-SECRET123-d00d"

AGENDA = {
    "summary": "Focus.",
    "items": [
        {"title": "Budget", "minutes": 30, "kind": "question", "detail": "", "objective_id": None}
    ],
}


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as s:
        yield s


def _scan(root: Path) -> list[str]:
    """Every file under root that contains the key (as text, in any encoding we write)."""
    hits = []
    needles = (KEY.encode(), KEY.encode("utf-16-le"), KEY[8:].encode())
    for p in root.rglob("*"):
        if p.is_file() and not p.is_symlink():
            data = p.read_bytes()
            if any(n in data for n in needles):
                hits.append(str(p))
    return hits


def test_key_is_never_written_or_printed(server: FakeOpenAI, tmp_path: Path) -> None:
    data = copy_sample(tmp_path / "data")
    cfg = tmp_path / "config"
    cfg.mkdir(exist_ok=True)
    (cfg / "config.toml").write_text('model = "gpt-4o-mini"\nmax_retries = 0\n')
    env = child_env(
        OPENAI_API_KEY=KEY,
        OPENAI_BASE_URL=server.url,
        PREPCOACH_CONFIG_DIR=str(cfg),
        TMPDIR=str(tmp_path / "tmp"),
        HOME=str(tmp_path / "home"),
    )
    (tmp_path / "tmp").mkdir()
    (tmp_path / "home").mkdir()
    d = ["--data", str(data), "--today", TODAY]
    review_reply = FakeOpenAI.json({"subject": "Thanks", "message": "Thank you."})
    runs: list[tuple[list[str], list, int]] = [
        (["doctor", "--format", "json", "--data", str(data)], [], 0),
        (["agenda", "--mentor", "priya", "--save", *d], [FakeOpenAI.json(AGENDA)], 0),
        (["review", "--mentor", "priya", "--save", "--redact", *d], [review_reply], 0),
        (
            ["agenda", "--mentor", "priya", *d],
            [FakeOpenAI.error(401, f"Incorrect API key provided: {KEY}.", code="invalid_api_key")],
            2,
        ),
        (
            ["outreach", "--to", "Elena Sorensen", "--ask", "the reorg", "--save", *d],
            [FakeOpenAI.error(400, f"bad request near {KEY}")],
            2,
        ),
        (["agenda", "--mentor", "priya", *d], [FakeOpenAI.garbled(KEY)], 2),
    ]
    # each run with its own loopback server, all at once (they are independent)
    servers = [FakeOpenAI() for _ in runs]
    procs = []
    for (argv, replies, code), srv in zip(runs, servers, strict=True):
        srv.push(*replies)
        if code == 0 and replies:
            srv.default = replies[-1]  # however many calls the command makes
        e = {**env, "OPENAI_BASE_URL": srv.url}
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "prepcoach", *argv],
                env=e,
                cwd=tmp_path,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    try:
        for (argv, _, code), proc in zip(runs, procs, strict=True):
            out, err = proc.communicate(timeout=120)
            assert proc.returncode in (code, 1), (argv, err)
            assert "Traceback" not in err
            assert KEY not in out and KEY not in err, argv
            assert KEY[8:] not in out + err
    finally:
        for srv in servers:
            srv.close()
    server.requests.extend(r for srv in servers for r in srv.requests)
    # the key did reach the server (so the runs above really used it) ...
    assert any(r.headers.get("authorization") == f"Bearer {KEY}" for r in server.requests)
    # ... and was written nowhere: data dir, config dir, temp dir, home, cwd
    assert (data / "sessions").is_dir() and (data / "reviews").is_dir()
    assert _scan(tmp_path) == []


def test_doctor_with_a_rejected_key_never_shows_it(server: FakeOpenAI, tmp_path: Path) -> None:
    base = server.httpd.RequestHandlerClass

    class Rejecting(base):  # type: ignore[misc, valid-type]
        def do_GET(self) -> None:
            self._record()
            self.send_json(
                HTTPStatus.UNAUTHORIZED,
                {"error": {"message": f"Incorrect API key provided: {KEY}", "code": "401"}},
            )

    server.httpd.RequestHandlerClass = Rejecting
    env = child_env(OPENAI_API_KEY=KEY, OPENAI_BASE_URL=server.url)
    for fmt in ("md", "json"):
        proc = cli("doctor", "--format", fmt, "--data", str(tmp_path / "d"), env=env)
        assert proc.returncode == 1, proc.stderr  # a failed check
        assert "401" in proc.stdout and "rejected the API key" in proc.stdout
        assert KEY not in proc.stdout + proc.stderr and "Traceback" not in proc.stderr
    assert server.requests and _scan(tmp_path) == []


def test_exceptions_and_settings_never_carry_the_key(server: FakeOpenAI, tmp_path: Path) -> None:
    from prepcoach.engines.llm import LLM

    os.environ["OPENAI_API_KEY"] = KEY  # (restored by the autouse env fixture's monkeypatch)
    try:
        settings = load_settings(data=tmp_path / "d")
        settings = dataclasses.replace(settings, base_url=server.url, max_retries=0)
        assert KEY not in repr(settings) and KEY not in str(settings.describe())
        for reply in (
            FakeOpenAI.error(401, f"Incorrect API key provided: {KEY}", code="invalid_api_key"),
            FakeOpenAI.error(403, f"key {KEY} is not allowed"),
            FakeOpenAI.error(500, f"crash dumping {KEY}"),
            FakeOpenAI.error(429, f"slow down {KEY}", headers={"Retry-After": "999"}),
        ):
            server.push(reply)
            with pytest.raises(EngineError) as err:
                LLM(settings).chat([{"role": "user", "content": "hi"}])
            exc = err.value
            shown = "".join(traceback.format_exception(exc))
            for text in (str(exc), repr(exc), exc.message, exc.hint, shown, repr(exc.args)):
                assert KEY not in text
    finally:
        del os.environ["OPENAI_API_KEY"]
