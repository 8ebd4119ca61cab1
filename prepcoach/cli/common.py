"""Shared CLI plumbing: common flags, building settings and store, output in md or json."""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any

from prepcoach.errors import StoreError, UsageError
from prepcoach.settings import Settings, load_settings
from prepcoach.store import Store
from prepcoach.textsafe import sanitize


def add_data_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--data",
        metavar="DIR",
        help="data directory (default: $PREPCOACH_HOME or the platform's user data dir)",
    )


def add_format_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=("md", "json"),
        default="md",
        help="output format: md (Markdown, default) or json (stable, for scripts)",
    )


def add_generation_flags(p: argparse.ArgumentParser) -> None:
    """Flags every generating command takes (PRODUCT §5)."""
    p.add_argument("--offline", action="store_true", help="use the offline engine, no network")
    p.add_argument("--model", help="model name (default: $PREPCOACH_MODEL or config)")
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="print the exact messages that would be sent, with token count and cost; send nothing",
    )
    p.add_argument(
        "--redact",
        action="store_true",
        help="replace known names with placeholders before sending; restore them in the answer",
    )


def undash(args: argparse.Namespace) -> argparse.Namespace:
    """Give back a literal "--" typed as an option's value: argparse turns ``--why=--``
    into ``[]`` (and ``--question=--`` into ``[[]]``). No option here takes a list of
    values, so an empty list straight from the parser can only mean that. Runs once per
    parse (commands may set list defaults of their own afterwards)."""
    if getattr(args, "_undashed", False):
        return args
    for name, value in vars(args).items():
        if isinstance(value, list):
            if not value:
                setattr(args, name, "--")
            elif any(v == [] for v in value):
                setattr(args, name, ["--" if v == [] else v for v in value])
    args._undashed = True
    return args


def settings_from(args: argparse.Namespace) -> Settings:
    """Settings for a command (also undoes argparse's ``--opt=--`` quirk, see ``undash``)."""
    undash(args)
    return load_settings(
        data=getattr(args, "data", None),
        model=getattr(args, "model", None),
        offline=bool(getattr(args, "offline", False)),
        redact=bool(getattr(args, "redact", False)),
    )


def store_from(settings: Settings, *, must_exist: bool = False) -> Store:
    """The store for ``settings``. ``must_exist``: the command only reads (or changes what
    is already there), so a data directory that does not exist is an error (exit 2)
    rather than an empty plan; commands that create data pass False."""
    store = Store(settings.data_dir)
    store.check_root()
    if must_exist:
        require_data_dir(settings)
    return store


def require_data_dir(settings: Settings) -> None:
    """Raise ``StoreError`` (exit 2) when the data directory does not exist."""
    root = settings.data_dir
    if root.exists():
        return
    source = settings.sources.get("data_dir", "")
    where = f" (from {source})" if source and source != "platform default" else ""
    if where:
        raise StoreError(
            f"data directory {root}{where} does not exist.",
            hint='Check the path; `prepcoach mentors add "NAME"` creates it.',
        )
    raise StoreError(
        f"no data yet: {root} does not exist.",
        hint='Add a mentor with `prepcoach mentors add "NAME"` (that creates it), or try '
        "`prepcoach demo`.",
    )


def report_problems(store: Store) -> None:
    """Tell the user about files set aside or migrated while loading (stderr)."""
    for problem in store.problems:
        print(f"prepcoach: warning: {problem}", file=sys.stderr)
    store.problems.clear()


# DEL and the C1 controls (json escapes only C0): \u-escaped so a terminal never acts on
# them, while json.loads still gives back exactly what was stored.
_JSON_CONTROLS = re.compile("[\x7f-\x9f\u2028\u2029]")


def print_json(obj: Any) -> None:
    text = json.dumps(obj, indent=2, ensure_ascii=False, default=str)
    text = _JSON_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.write(text + "\n")


def print_text(text: str) -> None:
    """Print human-readable output; escape sequences in user or model text are removed."""
    text = sanitize(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


# Meeting length: equal to prepcoach.agenda's MIN_MEETING_MINUTES, MAX_MEETING_MINUTES and
# DEFAULT_MEETING_MINUTES (a test keeps them equal); not imported, so `--help` stays fast.
MIN_MEETING_MINUTES = 10
MAX_MEETING_MINUTES = 240
DEFAULT_MEETING_MINUTES = 45


def meeting_minutes(value: str) -> int:
    """``--minutes``: a whole number of minutes within the meeting length bounds."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of minutes") from None
    if not MIN_MEETING_MINUTES <= n <= MAX_MEETING_MINUTES:
        raise argparse.ArgumentTypeError(
            f"{n} is outside the supported meeting length; give {MIN_MEETING_MINUTES} to "
            f"{MAX_MEETING_MINUTES} minutes (default {DEFAULT_MEETING_MINUTES})"
        )
    return n


def positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n <= 0:
        raise argparse.ArgumentTypeError(f"{value} must be greater than zero")
    return n


def require(cond: bool, message: str, hint: str = "") -> None:
    if not cond:
        raise UsageError(message, hint=hint)
