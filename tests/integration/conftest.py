"""Fixtures for the integration suite: a real model server behind a recording proxy, and the
real CLI run as a subprocess against it.

- ``server_8k`` / ``server_2k``: llama-cpp-python's server with SmolLM2-135M at n_ctx 8192 /
  2048, started once per session and stopped at the end; or the server at
  ``PREPCOACH_TEST_BASE_URL`` (Ollama, vLLM, ...) when that is set.
- If a server cannot be had, every test using it FAILS with the reason, unless
  ``PREPCOACH_REAL_SERVER=0`` is set: then it is skipped with the reason. When
  llama-cpp-python is simply not installed and ``CI`` is not set (a developer running the
  README's ``pytest``), the tests are skipped with that reason; in CI they fail.
- ``cli(target, *args, stdin=None)`` runs ``prepcoach`` on a fresh copy of the sample data
  with ``OPENAI_BASE_URL`` pointing at the recording proxy (see ``harness.Run``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest

from integration.harness import API_KEY, TIMINGS, Run, Target, run_cli
from integration.recorder import Recorder
from integration.server import (
    ServerNotInstalled,
    ServerUnavailable,
    external_server,
    start_llama,
)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str, not_installed: bool = False) -> NoReturn:
    if os.environ.get("PREPCOACH_REAL_SERVER") == "0":
        pytest.skip(f"PREPCOACH_REAL_SERVER=0: real-server tests skipped ({reason})")
    if not_installed and not in_ci():
        pytest.skip(
            f"real-server integration tests skipped: {reason} (with CI set they fail instead)"
        )
    pytest.fail(
        f"real model server unavailable: {reason}\n"
        "(set PREPCOACH_REAL_SERVER=0 to skip the integration suite on a quick local run)",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def integration_logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where server logs and request logs go: ``$PREPCOACH_TEST_LOG_DIR`` or a temp dir."""
    env = os.environ.get("PREPCOACH_TEST_LOG_DIR")
    path = Path(env) if env else tmp_path_factory.mktemp("integration-logs")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _target(name: str, n_ctx: int, logs: Path) -> Iterator[Target]:
    if os.environ.get("PREPCOACH_REAL_SERVER") == "0":
        _unavailable("switched off")
    external = os.environ.get("PREPCOACH_TEST_BASE_URL")
    if external and n_ctx != 8192:
        external = os.environ.get("PREPCOACH_TEST_BASE_URL_SMALL") or ""
        if not external:
            pytest.skip(
                "PREPCOACH_TEST_BASE_URL is set and PREPCOACH_TEST_BASE_URL_SMALL (a server "
                f"with a {n_ctx}-token context) is not"
            )
    not_installed = False
    try:
        server = external_server(external, API_KEY) if external else start_llama(n_ctx, logs)
    except ServerUnavailable as exc:
        reason, not_installed = str(exc), isinstance(exc, ServerNotInstalled)
    else:
        reason = ""
    if reason:
        _unavailable(reason, not_installed)
    recorder = Recorder(server.url, logs / f"requests-{name}.jsonl").start()
    try:
        yield Target(name, server, recorder)
    finally:
        recorder.stop()
        server.stop()


@pytest.fixture(scope="session")
def server_8k(integration_logs: Path) -> Iterator[Target]:
    yield from _target("8k", 8192, integration_logs)


@pytest.fixture(scope="session")
def server_2k(integration_logs: Path) -> Iterator[Target]:
    yield from _target("2k", 2048, integration_logs)


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Run]:
    """``cli(target, *args, stdin=None)``: one CLI run on its own copy of the sample data."""

    def run(target: Target, *args: str, stdin: str | None = None) -> Run:
        return run_cli(target, tmp_path_factory.mktemp("cli"), *args, stdin=stdin)

    return run


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not TIMINGS:
        return
    terminalreporter.section("integration: CLI runs against the real server")
    for label, seconds, code in TIMINGS:
        ended = "timeout" if code is None else f"exit {code}"
        terminalreporter.write_line(f"{seconds:7.1f}s  {ended:8}  {label}")
    terminalreporter.write_line(f"{sum(t for _, t, _ in TIMINGS):7.1f}s  total")
