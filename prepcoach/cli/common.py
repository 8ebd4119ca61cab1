"""Shared CLI plumbing: common flags and argument types, building settings and store.

Light at module scope (argparse, vocab, text): every command's parser imports this, and
`prepcoach --help` must not load pydantic or the store.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING

from prepcoach.errors import StoreError, UsageError
from prepcoach.text import iso_date
from prepcoach.vocab import DEFAULT_MEETING_MINUTES, MAX_MEETING_MINUTES, MIN_MEETING_MINUTES

if TYPE_CHECKING:
    from prepcoach.settings import Settings
    from prepcoach.store import Store

__all__ = [
    "DEFAULT_MEETING_MINUTES",
    "MAX_MEETING_MINUTES",
    "MIN_MEETING_MINUTES",
    "add_data_flag",
    "add_engine_flags",
    "add_format_flag",
    "add_generation_flags",
    "add_minutes_flag",
    "add_output_flags",
    "add_today_flag",
    "clock_time",
    "levels",
    "meeting_minutes",
    "positive_int",
    "report_problems",
    "require",
    "require_data_dir",
    "settings_from",
    "store_from",
    "term_months",
    "today",
    "undash",
]


# ----------------------------------------------------------------------- flags


def add_data_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--data",
        metavar="DIR",
        help="data directory (default: $PREPCOACH_HOME or the platform's user data dir)",
    )


def add_format_flag(p: argparse.ArgumentParser) -> None:
    # default None, not "md": `prepcoach --format json CMD` must be told apart from a
    # `--format` given after the command; the entry point fills in "md" after merging.
    p.add_argument(
        "--format",
        choices=("md", "json"),
        default=None,
        help="output format: md (Markdown, default) or json (stable, for scripts)",
    )


def add_engine_flags(p: argparse.ArgumentParser) -> None:
    """``--offline`` and ``--model``: which engine generates."""
    p.add_argument("--offline", action="store_true", help="use the offline engine, no network")
    p.add_argument("--model", help="model name (default: $PREPCOACH_MODEL or config)")


def add_generation_flags(p: argparse.ArgumentParser) -> None:
    """Flags every generating command takes."""
    add_engine_flags(p)
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
    p.add_argument(
        "--no-fallback",
        action="store_true",
        help="fail (exit 2) when the model returns nothing usable, instead of using the "
        "offline composer",
    )


def add_today_flag(
    p: argparse.ArgumentParser,
    help_text: str = "compute as of DATE instead of today (term clocks, carry-over, next meeting)",
) -> None:
    p.add_argument("--today", type=iso_date, metavar="DATE", help=help_text)


def add_minutes_flag(
    p: argparse.ArgumentParser, help_text: str, default: int | None = DEFAULT_MEETING_MINUTES
) -> None:
    """``--minutes N``: a meeting length within the shared bounds (default 45; None when
    the command picks the length itself when it is not given)."""
    p.add_argument(
        "--minutes",
        type=meeting_minutes,
        default=default,
        metavar="N",
        help=help_text,
    )


def add_output_flags(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "-o", "--output", metavar="FILE", help=f"write {what} to FILE (default: standard output)"
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")


def today(args: argparse.Namespace) -> dt.date:
    """``--today`` when given, else the real date."""
    return getattr(args, "today", None) or dt.date.today()


# ------------------------------------------------------------- settings, store


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
    from prepcoach.settings import load_settings

    undash(args)
    return load_settings(
        data=getattr(args, "data", None),
        model=getattr(args, "model", None),
        offline=bool(getattr(args, "offline", False)),
        redact=bool(getattr(args, "redact", False)),
        fallback=not getattr(args, "no_fallback", False),
    )


def store_from(settings: Settings, *, must_exist: bool = False) -> Store:
    """The store for ``settings``. ``must_exist``: the command only reads (or changes what
    is already there), so a data directory that does not exist is an error (exit 2)
    rather than an empty plan; commands that create data pass False."""
    from prepcoach.store import Store

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


# -------------------------------------------------------------- argument types


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


def clock_time(value: str) -> dt.time:
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a time like 09:30") from None


def levels(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 0 <= n <= 10:
        raise argparse.ArgumentTypeError("levels above you must be between 0 and 10")
    return n


def term_months(value: str) -> int:
    n = positive_int(value)
    if n > 36:
        raise argparse.ArgumentTypeError("a term is at most 36 months")
    return n


def require(cond: bool, message: str, hint: str = "") -> None:
    if not cond:
        raise UsageError(message, hint=hint)
