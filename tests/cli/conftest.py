"""Fixtures for the CLI tests: a fake OpenAI-compatible server, a command on the sample data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fakeserver import FakeOpenAI

from cli.helpers import KEY
from prepcoach.cli import main
from prepcoach.engines import llm as llm_mod


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as s:
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        monkeypatch.setenv("OPENAI_BASE_URL", s.url)
        monkeypatch.setattr(llm_mod, "BACKOFF_BASE", 0.01)
        yield s


@pytest.fixture
def cmd(
    sample_dir: Path, capsys: pytest.CaptureFixture[str]
) -> Callable[..., tuple[int, str, str]]:
    """Run a command on ``sample_dir`` (or ``data``): exit code, stdout, stderr."""

    def go(*argv: str, data: Path | None = None) -> tuple[int, str, str]:
        code = main([*argv, "--data", str(data or sample_dir)])
        out, err = capsys.readouterr()
        return code, out, err

    return go
