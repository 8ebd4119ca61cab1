"""`prepcoach lint FILE|-`: check a message against the outreach rules.

A first line ``Subject: ...`` is the subject. Exit 0 clean, 1 a rule broken, 2 unreadable
input. Reads no data directory, so a `--data` given before the command is not used.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prepcoach.cli.common import add_format_flag
from prepcoach.cli.output import print_json, print_text, violations_json
from prepcoach.errors import EXIT_CHECK_FAILED, UsageError
from prepcoach.text import plural
from prepcoach.vocab import CHANNELS, OUTREACH_KINDS

if TYPE_CHECKING:
    import argparse


HELP = "check outreach text against the rules (exit 1 on a violation)"
DESCRIPTION = (
    "Check a message against the outreach rules. A first line "
    "'Subject: ...' is the subject. Exit 0 clean, 1 a rule broken, 2 unreadable input."
)


def cmd_lint(args: argparse.Namespace) -> int:
    from prepcoach.services import Services

    text = _read_input(args.file)
    if not text.strip():
        where = "standard input" if args.file == "-" else args.file
        raise UsageError(
            f"nothing to check: {where} is empty.",
            hint="Pass a file with the message, or pipe it in.",
        )
    violations = Services.lint(text, channel=args.channel, kind=args.kind)
    from prepcoach.lint import applicable_rules

    rules = applicable_rules(args.kind, args.channel)
    if args.format == "json":
        print_json(
            {
                "clean": not violations,
                "kind": args.kind,
                "channel": args.channel,
                "rules_checked": rules,
                "violations": violations_json(violations),
            }
        )
    elif violations:
        lines = [f"{plural(len(violations), 'rule')} broken ({args.kind}, {args.channel}):"]
        lines += [f"✗ {v.rule}: {v.reason}" for v in violations]
        print_text("\n".join(lines))
    else:
        print_text(
            f"✓ clean: all {plural(len(rules), 'rule')} for a {args.kind} on {args.channel} pass."
        )
    return EXIT_CHECK_FAILED if violations else 0


def _read_input(name: str) -> str:
    if name == "-":
        try:
            data = sys.stdin.buffer.read()
        except (OSError, ValueError) as exc:
            raise UsageError(f"cannot read standard input: {exc}.") from None
        where = "standard input"
    else:
        path = Path(name).expanduser()
        if path.is_dir():
            raise UsageError(f"{path} is a directory, not a text file.")
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise UsageError(
                f"no such file: {path}.", hint="Pass a text file, or - for stdin."
            ) from None
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror or exc}.") from None
        where = str(path)
    if b"\x00" in data:
        raise UsageError(f"{where} is not text (it contains NUL bytes).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{where} is not UTF-8 text.", hint="Save it as UTF-8.") from None


def register(sub: Any) -> None:
    p = sub.add_parser("lint", help=HELP, description=DESCRIPTION)
    p.add_argument("file", metavar="FILE|-", help="a text file, or - for standard input")
    p.add_argument("--channel", choices=CHANNELS, default="email", help="default: email")
    p.add_argument("--kind", choices=OUTREACH_KINDS, default="first-request")
    add_format_flag(p)
    p.set_defaults(func=cmd_lint)
