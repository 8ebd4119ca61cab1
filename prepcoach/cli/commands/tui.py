"""The terminal UI: bare `prepcoach [--data DIR]` and `prepcoach demo`.

Only settings and textual load before the first paint: the store (pydantic) loads in
the app's first worker, so these do not go through the run wrapper.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
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


def _open(args: argparse.Namespace, *, demo: bool = False) -> int:
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
    with _exit_on_signals(app):
        app.run()
    return app.return_code or 0


@contextlib.contextmanager
def _exit_on_signals(app: Any) -> Iterator[None]:
    """While the app runs, SIGHUP (the terminal closed) and SIGTERM quit it the way ctrl+q
    does, so the caller's clean-up (the demo's temporary copy) still runs. A second
    signal, or one before the app's loop runs, exits at once (``finally`` blocks still run)."""
    import asyncio
    import signal

    received: list[int] = []

    def handle(signum: int, _frame: object) -> None:
        received.append(signum)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None or len(received) > 1:
            raise SystemExit(128 + signum)
        loop.call_soon_threadsafe(app.exit, None, 128 + signum)

    wanted = [s for s in ("SIGHUP", "SIGTERM") if hasattr(signal, s)]
    before = {name: signal.signal(getattr(signal, name), handle) for name in wanted}
    try:
        yield
    finally:
        for name, old in before.items():
            signal.signal(getattr(signal, name), old)


def run_tui(args: argparse.Namespace) -> int:
    """Bare `prepcoach [--data DIR]`: the TUI on the user's data directory."""
    return _open(args)


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

    from prepcoach.store import copy_tree_private

    source = sample_source()
    tmp = Path(tempfile.mkdtemp(prefix="prepcoach-demo-"))
    data = tmp / "data"
    try:
        copy_tree_private(source, data)
        args.data = str(data)
        return _open(args, demo=True)
    finally:
        if getattr(args, "keep", False):
            print(f"prepcoach: demo data kept in {data}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
