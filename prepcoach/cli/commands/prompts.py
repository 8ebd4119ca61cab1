"""`prepcoach prompts list|show|render`: the prompt templates (Jinja2).

Files in the user's prompt folder shadow the packaged ones; ``default/NAME`` is always
the packaged one. ``render`` prints a job's messages exactly as ``--dry-run`` does.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from prepcoach.cli.common import (
    DEFAULT_MEETING_MINUTES,
    add_data_flag,
    add_format_flag,
    add_minutes_flag,
    add_today_flag,
    settings_from,
)
from prepcoach.cli.output import note, print_json, print_text
from prepcoach.cli.run import command_group
from prepcoach.errors import UsageError
from prepcoach.textsafe import sanitize

HELP = "list, show or render the prompt templates"
DESCRIPTION = (
    "Prompt templates (Jinja2). Files in your prompt folder shadow the "
    "packaged ones; default/NAME is always the packaged one."
)
LIST_DESCRIPTION = (
    "Every prompt template and where it comes from: packaged, yours, or yours overriding a "
    "packaged one."
)


def cmd_prompts(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    action = args.prompts_action
    if action == "render":
        return _render(args)
    from prepcoach.templating import Prompts

    prompts = Prompts(settings.prompts_dir)
    if action == "list":
        infos = prompts.list_templates()
        if args.format == "json":
            print_json(
                {
                    "user_dir": str(settings.prompts_dir),
                    "packaged_dir": str(prompts.packaged_dir),
                    "templates": [
                        {"name": i.name, "origin": i.origin, "path": str(i.path)} for i in infos
                    ],
                }
            )
            return 0
        width = max(len(i.name) for i in infos) if infos else 10
        lines = [f"Your prompt folder: {settings.prompts_dir} (shadows the packaged ones)", ""]
        lines += [f"{i.name:<{width}}  {i.origin}" for i in infos]
        lines += ["", 'Copy one there to customise it, or `{% extends "default/NAME" %}`.']
        print_text("\n".join(lines))
        return 0
    infos = prompts.find(args.name)
    for n, info in enumerate(infos):
        text, info = prompts.source(info.name)
        note(f"{info.name}: {info.origin}, {info.path}")
        if len(infos) > 1:  # a job's set: a header line before each file
            sys.stdout.write(f"{chr(10) if n else ''}----- {info.name} -----\n")
        text = sanitize(text)
        sys.stdout.write(text if text.endswith("\n") or len(infos) == 1 else text + "\n")
    return 0


def _render(args: argparse.Namespace) -> int:
    """The exact messages for the given inputs, as the job's --dry-run shows them."""
    job = _job_of(args.name)
    args.dry_run = True
    args.save = False
    if job == "agenda":
        if not args.mentor:
            raise UsageError("rendering the agenda prompt needs --mentor NAME.")
        args.accomplishment = args.accomplishment or []
        args.question = args.question or []
        from prepcoach.cli.commands.agenda import run_agenda

        return run_agenda(args)
    if job == "outreach":
        if not args.to:
            raise UsageError("rendering the outreach prompt needs --to NAME (and --ask TEXT).")
        from prepcoach.cli.commands.outreach import run_outreach

        return run_outreach(args)
    from prepcoach.cli.commands.review import run_review

    return run_review(args)


def _job_of(name: str) -> str:
    base = name.removeprefix("default/")
    for job in ("agenda", "outreach", "review"):
        if base == job or base.startswith(job + ".") or base.startswith(job + "-"):
            return job
    raise UsageError(
        f'cannot render "{name}" on its own.',
        hint="Render a job: agenda, outreach or review (partials render inside them).",
    )


def register(sub: Any) -> None:
    from prepcoach.cli.commands.outreach import add_message_flags

    psub = command_group(sub, "prompts", HELP, DESCRIPTION, dest="prompts_action")
    pl = psub.add_parser("list", help="packaged and user templates", description=LIST_DESCRIPTION)
    add_data_flag(pl)
    add_format_flag(pl)
    ps = psub.add_parser(
        "show",
        help="print a template's source",
        description="Print a template's source. NAME may be short: a job (agenda, outreach, "
        "review) shows its system and user templates; a part such as 'repair' or "
        "'wind-down' shows the one template it names.",
    )
    ps.add_argument(
        "name",
        metavar="NAME",
        help="e.g. agenda, agenda.user, outreach-wind-down.j2 or default/agenda.user.j2",
    )
    add_data_flag(ps)
    pr = psub.add_parser(
        "render",
        help="the exact messages a job would send, for given inputs",
        description="Render a job's messages (agenda, outreach or review) exactly as they "
        "would be sent. Takes that command's inputs.",
    )
    pr.add_argument("name", metavar="NAME", help="agenda, outreach or review (or a file of one)")
    pr.add_argument("--mentor", metavar="NAME")
    pr.add_argument("--accomplishment", action="append", metavar="TEXT")
    pr.add_argument("--question", action="append", metavar="TEXT")
    add_minutes_flag(
        pr,
        f"agenda: meeting length (default {DEFAULT_MEETING_MINUTES}, or the booked meeting's)",
        default=None,
    )
    pr.add_argument("--to", metavar="NAME")
    add_message_flags(pr)
    pr.add_argument("--context", metavar="TEXT")
    pr.add_argument("--offline", action="store_true", help=argparse.SUPPRESS)
    pr.add_argument("--model", help="model name (for the token count and cost)")
    pr.add_argument("--redact", action="store_true", help="show the redacted messages")
    add_data_flag(pr)
    add_format_flag(pr)
    add_today_flag(pr)
    for q in (pl, ps, pr):
        q.set_defaults(func=cmd_prompts)
