"""The terminal UI: bare `prepcoach [--data DIR]` and `prepcoach demo`.

Only settings and textual load before the first paint: the store (pydantic) loads in
the app's first worker, so these do not go through the run wrapper.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prepcoach.cli.common import add_engine_flags
from prepcoach.errors import StoreError

if TYPE_CHECKING:
    import argparse


HELP = "open the TUI on a temporary copy of the sample data"
DESCRIPTION = (
    "Open the terminal UI on a temporary copy of the bundled sample data "
    "(three mentors, ten sessions, outreach drafts). Nothing you change is kept."
)


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help=HELP, description=DESCRIPTION)
    add_engine_flags(p)
    p.add_argument(
        "--keep",
        action="store_true",
        help="keep the temporary copy after quitting (its path is printed)",
    )
    p.set_defaults(func=run_demo)


def _open(args: argparse.Namespace, running: list[Any], *, demo: bool = False) -> int:
    """Build the app and run it; ``running`` (from ``_exit_on_signals``) is told the app."""
    from prepcoach.settings import load_settings

    settings = load_settings(
        data=getattr(args, "data", None),
        model=getattr(args, "model", None),
        offline=bool(getattr(args, "offline", False)),
    )
    root = settings.data_dir
    if root.exists() and not root.is_dir():
        raise StoreError(
            f"data directory {root} is a file, not a directory.",
            hint="Pass a directory with --data or PREPCOACH_HOME.",
        )
    from prepcoach.tui.app import create_app

    app = create_app(settings, demo=demo)
    running.append(app)
    app.run()
    return app.return_code or 0


# After SIGHUP or SIGTERM, how long the app has to quit the way ctrl+q does before the
# process ends without it (seconds).
SIGNAL_GRACE = 3.0


@contextlib.contextmanager
def _exit_on_signals(clean_up: Callable[[], None] | None = None) -> Iterator[list[Any]]:
    """From launch to exit, SIGHUP (the terminal closed) and SIGTERM quit the app (put in
    the yielded list once built) the way ctrl+q does, so the caller's clean-up (the demo's
    temporary copy) still runs. A second signal, or one before the app's loop runs,
    exits at once (``finally`` blocks still run).

    A closed terminal is hung up: the kernel sends SIGCONT with the SIGHUP, which would
    make Textual start its screen again on the dead terminal, and writes to it fail, so
    a quit that waits on them never ends. After SIGHUP, SIGCONT is left to its default,
    and a watchdog ends the process ``SIGNAL_GRACE`` seconds later if it is still
    running, calling ``clean_up`` first (which waits for a clean-up already under way).
    SIGTERM, with the terminal still there, quits only the way ctrl+q does, so the
    terminal is always restored."""
    import asyncio
    import os
    import signal
    import threading

    received: list[int] = []
    running: list[Any] = []
    timers: list[threading.Timer] = []

    def watchdog(signum: int) -> None:
        if clean_up is not None:
            with contextlib.suppress(Exception):
                clean_up()
        os._exit(128 + signum)

    def handle(signum: int, _frame: object) -> None:
        received.append(signum)
        if signum == getattr(signal, "SIGHUP", None) and hasattr(signal, "SIGCONT"):
            signal.signal(signal.SIGCONT, signal.SIG_DFL)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None or not running or len(received) > 1:
            raise SystemExit(128 + signum)
        if signum == getattr(signal, "SIGHUP", None):
            timer = threading.Timer(SIGNAL_GRACE, watchdog, args=(signum,))
            timer.daemon = True
            timers.append(timer)
            timer.start()
        loop.call_soon_threadsafe(running[0].exit, None, 128 + signum)

    wanted = [s for s in ("SIGHUP", "SIGTERM") if hasattr(signal, s)]
    before = {name: signal.signal(getattr(signal, name), handle) for name in wanted}
    try:
        yield running
    finally:
        for timer in timers:
            timer.cancel()  # the app quit in time (and the caller cleaned up)
        for name, old in before.items():
            signal.signal(getattr(signal, name), old)


def run_tui(args: argparse.Namespace) -> int:
    """Bare `prepcoach [--data DIR]`: the TUI on the user's data directory."""
    with _exit_on_signals() as running:
        return _open(args, running)


def sample_source() -> Path:
    """The sample data: packaged in the wheel, or the repository's copy (editable install)."""
    import prepcoach

    pkg = Path(prepcoach.__file__).resolve().parent
    for candidate in (pkg / "sample_sessions", pkg.parent / "sample_sessions"):
        if (candidate / "plan.json").is_file():
            return candidate
    raise StoreError(
        "the sample data is missing from this installation.",
        hint="Reinstall prepcoach (pip install --force-reinstall prepcoach).",
    )


def run_demo(args: argparse.Namespace) -> int:
    """`prepcoach demo`: the TUI on a temporary copy of the sample data (a --data given
    before the command is not used: the demo never touches the user's data)."""
    import shutil
    import tempfile
    import threading

    from prepcoach.store import copy_tree_private

    source = sample_source()
    tmp = Path(tempfile.mkdtemp(prefix="prepcoach-demo-"))
    data = tmp / "data"
    done: list[bool] = []
    once = threading.Lock()  # the main thread and the signal watchdog may both call it

    def clean_up() -> None:
        with once:
            if done:
                return
            if getattr(args, "keep", False):
                print(f"prepcoach: demo data kept in {data}")
            else:
                shutil.rmtree(tmp, ignore_errors=True)
            done.append(True)

    with _exit_on_signals(clean_up) as running:
        try:
            copy_tree_private(source, data)
            args.data = str(data)
            return _open(args, running, demo=True)
        finally:
            clean_up()
