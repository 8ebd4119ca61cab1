"""TUI fixtures: an app factory on a private copy of the sample data with a fixed today."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakeserver import FakeOpenAI

from prepcoach.services import Services
from prepcoach.settings import Settings, load_settings
from prepcoach.store import Store
from prepcoach.tui.app import PrepcoachApp, create_app
from tui.helpers import TODAY


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    """A loopback OpenAI-compatible server (replies pushed by the test)."""
    with FakeOpenAI() as s:
        yield s


@pytest.fixture
def settings(sample_dir: Path, tmp_path: Path) -> Settings:
    return load_settings(data=sample_dir, config_dir=tmp_path / "config", environ={})


@pytest.fixture
def store(settings: Settings) -> Store:
    return Store(settings.data_dir)


@pytest.fixture
def make_app(settings: Settings, store: Store) -> Any:
    def make(start: str = "dashboard", services: Services | None = None) -> PrepcoachApp:
        return create_app(settings, store, services, today=TODAY, start=start)

    return make
