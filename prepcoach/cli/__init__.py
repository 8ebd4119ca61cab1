"""Command-line entry point. Each command registers its parser from its own module under
``prepcoach.cli.commands``.

Nothing heavy is imported here: the store, textual, jinja2 and openai load inside the
commands that need them, so `prepcoach --help` and listings start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from prepcoach import __version__
from prepcoach.errors import EXIT_USAGE, PrepcoachError

if TYPE_CHECKING:
    import argparse

# Options that may come before any command: `prepcoach --data D mentors list` means the
# same as `prepcoach mentors list --data D`, and a command with no use for one (`lint`
# reads no data directory) accepts it and leaves it unused, so a shell alias such as
# `alias pc='prepcoach --data ~/mentoring'` works for every command. (dest on the
# top-level parser, name)
TOP_OPTIONS = (
    ("top_data", "data"),
    ("top_offline", "offline"),
    ("top_model", "model"),
    ("top_redact", "redact"),
    ("top_format", "format"),
)


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from prepcoach.cli.commands import register_all

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # type: ignore[override]
            # one line: what is wrong and where to look, no usage block
            import re

            bad = re.match(
                r"argument (\S+): invalid choice: '([^']*)' \(choose from (.*)\)", message
            )
            if bad:
                import difflib

                arg, given = bad.group(1), bad.group(2)
                choices = re.findall(r"'([^']*)'", bad.group(3))
                close = difflib.get_close_matches(given, choices, n=1)
                what = (
                    "unknown command" if arg in ("COMMAND", "ACTION") else f"{arg}: invalid choice"
                )
                message = f"{what} '{given}'" + (
                    f"; did you mean '{close[0]}'?" if close else f"; one of: {', '.join(choices)}"
                )
            self.exit(
                EXIT_USAGE,
                f"{self.prog}: {message.rstrip('.')}{'' if message.endswith('?') else '.'} "
                f"Try `{self.prog} --help`.\n",
            )

    parser = _Parser(
        prog="prepcoach",
        description="Local-first prep for leaders who work with mentors. "
        "With no command, opens the terminal UI.",
        epilog="Options before the command apply to every command (unused where it has no "
        "use for them): `prepcoach --data DIR mentors list` is "
        "`prepcoach mentors list --data DIR`.",
    )
    parser.add_argument("--version", action="version", version=f"prepcoach {__version__}")
    parser.add_argument(
        "--data", dest="top_data", metavar="DIR", help="data directory (default: see README)"
    )
    parser.add_argument(
        "--offline",
        dest="top_offline",
        action="store_true",
        help="use the offline engine even when an API key is set",
    )
    parser.add_argument(
        "--model",
        dest="top_model",
        metavar="NAME",
        help="model name (default: $PREPCOACH_MODEL or config)",
    )
    parser.add_argument(
        "--redact",
        dest="top_redact",
        action="store_true",
        help="replace known names with placeholders before sending to a model",
    )
    parser.add_argument(
        "--format",
        dest="top_format",
        choices=("md", "json"),
        help="output format: md (Markdown, default) or json (stable, for scripts)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    register_all(sub)
    return parser


def _merge_top_options(args: Any) -> str | None:
    """Carry options given before the command into it; an error message when the same
    option is given before and after the command with different values."""
    for top, name in TOP_OPTIONS:
        value = getattr(args, top, None)
        if not value:
            continue
        current = getattr(args, name, None)
        if args.command is not None and current and current != value:
            return (
                f"--{name} given twice with different values ({value!r} before the command, "
                f"{current!r} after it); give it once."
            )
        setattr(args, name, value)
    if getattr(args, "format", None) is None:
        args.format = "md"
    return None


def _fast_tui(argv: Sequence[str]) -> Any | None:
    """`prepcoach [--data DIR] [--offline] [--model NAME]`: the TUI, without importing
    argparse or building every command's parser first (keeps the first paint fast).
    Anything else (a command, --help, a typo) returns None and goes to the full parser."""
    ns = SimpleNamespace(command=None, data=None, offline=False, model=None)
    items = list(argv)
    i = 0
    while i < len(items):
        item = items[i]
        name, eq, inline = item.partition("=")
        if item == "--offline" and not ns.offline:
            ns.offline = True
        elif name in ("--data", "--model") and getattr(ns, name[2:]) is None:
            if eq:
                value = inline
            elif i + 1 < len(items) and not items[i + 1].startswith("-"):
                i += 1
                value = items[i]
            else:
                return None
            if not value:
                return None
            setattr(ns, name[2:], value)
        else:
            return None
        i += 1
    return ns


def _bad_text_argument(argv: Sequence[str]) -> str | None:
    """An argument that is not valid text (bytes the terminal could not decode arrive as
    lone surrogates); it could never be saved, so it is refused up front."""
    for item in argv:
        try:
            item.encode("utf-8")
        except UnicodeEncodeError:
            shown = item.encode("utf-8", "replace").decode("utf-8")
            return f"an argument is not valid UTF-8 text: {shown!r}."
    return None


def main(argv: Sequence[str] | None = None) -> int:
    items = sys.argv[1:] if argv is None else argv
    bad = _bad_text_argument(items)
    if bad:
        print(
            f"prepcoach: {bad} Check the terminal's encoding (e.g. LANG=C.UTF-8) and retype it.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    args = _fast_tui(items)
    if args is None:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:
            return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
        conflict = _merge_top_options(args)
        if conflict:
            print(f"prepcoach: {conflict}", file=sys.stderr)
            return EXIT_USAGE
    func = getattr(args, "func", None)
    if func is None:
        from prepcoach.cli.commands.tui import run_tui

        func = run_tui
    try:
        return int(func(args) or 0)
    except PrepcoachError as exc:
        msg = f"prepcoach: {exc.message}"
        if exc.hint:
            msg += f" {exc.hint}"
        print(msg, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("prepcoach: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
