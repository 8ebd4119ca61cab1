"""Shared fixtures: isolated data and config dirs, the sample data set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_sessions"


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever reads the developer's real config, data or API key."""
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "PREPCOACH_MODEL", "PREPCOACH_HOME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("PREPCOACH_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """A private copy of sample_sessions/ (tests never edit the repository's copy)."""
    dst = tmp_path / "data"
    shutil.copytree(SAMPLE, dst, ignore=shutil.ignore_patterns(".*", "drafts", "corrupt"))
    return dst
