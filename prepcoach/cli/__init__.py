"""Command-line entry point. Each command group registers itself from its own module.

Nothing heavy is imported here: textual, jinja2 and openai load inside the commands that
need them, so `prepcoach --help` and listings start fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from prepcoach import __version__
from prepcoach.errors import EXIT_USAGE, PrepcoachError

GROUPS = ("prepcoach.cli.tui_cmds", "prepcoach.cli.plan_cmds", "prepcoach.cli.gen_cmds")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"prepcoach: {message}\nTry `{self.prog} --help`.\n")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = _Parser(
        prog="prepcoach",
        description="Local-first prep for leaders who work with mentors. "
        "With no command, opens the terminal UI.",
    )
    parser.add_argument("--version", action="version", version=f"prepcoach {__version__}")
    parser.add_argument("--data", metavar="DIR", help="data directory for the TUI")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in GROUPS:
        module = importlib.import_module(name)
        module.register(sub)
    return parser


def _bare_tui(argv: Sequence[str]) -> argparse.Namespace | None:
    """`prepcoach` or `prepcoach --data DIR`: the TUI, without building every command's
    parser first (keeps the TUI's first paint fast)."""
    items = list(argv)
    if not items:
        return argparse.Namespace(command=None, data=None)
    if len(items) == 2 and items[0] == "--data" and not items[1].startswith("-"):
        return argparse.Namespace(command=None, data=items[1])
    if len(items) == 1 and items[0].startswith("--data=") and len(items[0]) > 7:
        return argparse.Namespace(command=None, data=items[0][7:])
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = _bare_tui(sys.argv[1:] if argv is None else argv)
    if args is None:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:
            return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    func = getattr(args, "func", None)
    if func is None:
        from prepcoach.cli.tui_cmds import run_tui

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
