"""Shared CLI plumbing: common flags, building settings and store, output in md or json."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from prepcoach.errors import UsageError
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


def settings_from(args: argparse.Namespace) -> Settings:
    return load_settings(
        data=getattr(args, "data", None),
        model=getattr(args, "model", None),
        offline=bool(getattr(args, "offline", False)),
        redact=bool(getattr(args, "redact", False)),
    )


def store_from(settings: Settings) -> Store:
    store = Store(settings.data_dir)
    store.check_root()
    return store


def report_problems(store: Store) -> None:
    """Tell the user about files set aside or migrated while loading (stderr)."""
    for problem in store.problems:
        print(f"prepcoach: warning: {problem}", file=sys.stderr)
    store.problems.clear()


def print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def print_text(text: str) -> None:
    """Print human-readable output; escape sequences in user or model text are removed."""
    text = sanitize(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


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
