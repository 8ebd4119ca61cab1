"""`prepcoach demo` removes its temporary copy when the terminal closes (SIGHUP) or the
process is asked to stop (SIGTERM), as it does on ctrl+q."""

from __future__ import annotations

import contextlib
import os
import pty
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest


def _drain(fd: int) -> None:
    with contextlib.suppress(OSError):
        while os.read(fd, 65536):
            pass


def _demo_dirs(tmp: Path) -> list[Path]:
    return sorted(tmp.glob("prepcoach-demo-*"))


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_demo_cleans_its_copy_on_a_signal(tmp_path: Path, signum: int) -> None:
    main, child = pty.openpty()
    env = {**os.environ, "TMPDIR": str(tmp_path), "TERM": "xterm-256color", "COLUMNS": "80"}
    env.pop("OPENAI_API_KEY", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "prepcoach", "demo", "--offline"],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        cwd=tmp_path,
        start_new_session=True,
    )
    os.close(child)
    # read the terminal's output, so the app never blocks writing to it
    threading.Thread(target=_drain, args=(main,), daemon=True).start()
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not list(
            tmp_path.glob("prepcoach-demo-*/data/plan.json")
        ):
            time.sleep(0.1)
        assert _demo_dirs(tmp_path), "the demo made its temporary copy"
        time.sleep(1.5)  # the app is up and painting
        proc.send_signal(signum)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert _demo_dirs(tmp_path) == []
