"""Fixtures for the LLM engine tests: a real loopback OpenAI-compatible server."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakeserver import FakeOpenAI

from prepcoach.engines import llm as llm_mod
from prepcoach.settings import Settings, load_settings

# A key that must never appear in any message, log or file.
KEY = "sk-test-NEVER-PRINT-4f9c2a7e1b"


@pytest.fixture
def server():
    with FakeOpenAI() as s:
        yield s


@pytest.fixture
def llm_env(server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> FakeOpenAI:
    """Environment pointing prepcoach at the loopback server, with fast backoff."""
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", server.url)
    monkeypatch.setattr(llm_mod, "BACKOFF_BASE", 0.01)
    return server


@pytest.fixture
def settings(llm_env: FakeOpenAI, tmp_path: Path) -> Settings:
    return load_settings(data=tmp_path / "data")
