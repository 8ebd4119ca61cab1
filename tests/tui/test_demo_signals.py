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
from collections.abc import Callable
from pathlib import Path

import pytest


def _drain(fd: int) -> None:
    with contextlib.suppress(OSError):
        while os.read(fd, 65536):
            pass


def _demo_dirs(tmp: Path) -> list[Path]:
    return sorted(tmp.glob("prepcoach-demo-*"))


def _launch(
    tmp_path: Path, args: list[str], preexec: Callable[[], None] | None = None
) -> tuple[int, subprocess.Popen[bytes]]:
    """``prepcoach ARGS`` in a new session on a pty (TMPDIR in ``tmp_path``, no API key);
    returns the pty's other end and the process."""
    main, child = pty.openpty()
    env = {**os.environ, "TMPDIR": str(tmp_path), "TERM": "xterm-256color", "COLUMNS": "80"}
    env.pop("OPENAI_API_KEY", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "prepcoach", *args],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        cwd=tmp_path,
        start_new_session=True,
        preexec_fn=preexec,
    )
    os.close(child)
    return main, proc


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_demo_cleans_its_copy_on_a_signal(tmp_path: Path, signum: int) -> None:
    main, proc = _launch(tmp_path, ["demo", "--offline"])
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


def _drain_until(fd: int, closing: threading.Event) -> None:
    """Read the terminal's output until ``closing`` is set, then close it (from this
    thread: a descriptor closed while another thread reads it stays open)."""
    import select

    with contextlib.suppress(OSError):
        while not closing.is_set():
            if select.select([fd], [], [], 0.02)[0]:
                os.read(fd, 65536)
    os.close(fd)


def _own_terminal() -> None:
    """In the child (a new session): make the pty its controlling terminal, so closing
    the other end hangs it up as closing a terminal window does."""
    import fcntl
    import termios

    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


@pytest.mark.parametrize("after", [0.6, 1.0, 2.0])  # starting up, first paint, idle
@pytest.mark.parametrize("command", [["demo"], ["--data", "{data}"]])
def test_closing_the_terminal_ends_the_app(
    tmp_path: Path, after: float, command: list[str]
) -> None:
    # The kernel hangs the terminal up: SIGHUP and SIGCONT, and every later write to it
    # fails. The app must not wait for a terminal that is gone.
    import shutil

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parents[2] / "sample_sessions", data)
    main, proc = _launch(tmp_path, [c.format(data=data) for c in command], _own_terminal)
    closing = threading.Event()
    drain = threading.Thread(target=_drain_until, args=(main, closing), daemon=True)
    drain.start()
    try:
        time.sleep(after)
        closing.set()  # the terminal window closes
        drain.join()
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
            pytest.fail("the app was still running 10 s after its terminal closed")
    assert _demo_dirs(tmp_path) == []
    assert (data / "plan.json").read_bytes() == (
        Path(__file__).parents[2] / "sample_sessions" / "plan.json"
    ).read_bytes()
