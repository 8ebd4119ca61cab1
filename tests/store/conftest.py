"""Store test fixtures: real child processes running prepcoach code from this checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

Spawn = Callable[..., "subprocess.Popen[str]"]


@pytest.fixture
def spawn() -> Spawn:
    """spawn(code, *argv) -> Popen of `python -c code argv...` importing this checkout."""

    def run(code: str, *args: str) -> subprocess.Popen[str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
        return subprocess.Popen(
            [sys.executable, "-c", code, *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    return run


@pytest.fixture
def rounds() -> Callable[[int, int], int]:
    """rounds(reduced, full): loop count, full when PREPCOACH_FULL=1."""
    return lambda reduced, full: full if os.environ.get("PREPCOACH_FULL") == "1" else reduced
