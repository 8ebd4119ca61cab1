"""`prepcoach review`: continue, renew, loosen or move on, a checkpoint per mentor.

Term clock, meetings held against expected, objectives met and drift give one
recommendation per mentor with every reason, and a draft message. Exit 1 if a message
still breaks an outreach rule.
"""

from __future__ import annotations

import argparse
from typing import Any

from prepcoach.cli.common import add_output_flags
from prepcoach.cli.generation import add_command_flags, announce, print_dry_run
from prepcoach.cli.output import check_output, emit_json, emit_text, note
from prepcoach.cli.run import Context, command
from prepcoach.errors import EXIT_CHECK_FAILED
from prepcoach.render import review_label, review_markdown

HELP = "continue, renew, loosen or move on: a checkpoint per mentor"
DESCRIPTION = (
    "Term clock, meetings held vs expected, objectives met, drift; one "
    "recommendation per mentor with every reason, and a draft message."
)


def cmd_review(args: argparse.Namespace, ctx: Context) -> int:
    svc = ctx.services
    check_output(args.output, args.force)
    if args.dry_run:
        print_dry_run(svc.preview_review(args.mentor, today=args.today), args.format)
        return 0
    if svc.use_llm:  # the previews check the inputs before the banner
        for p in svc.preview_review(args.mentor, today=args.today):
            announce(svc, p, f"review message for {p.mentor}")
    records = svc.review(args.mentor, today=args.today, save=args.save)
    if not svc.use_llm:
        note(f"review by the {svc.settings.engine_label}")
    plan = svc.plan()
    if args.format == "json":
        rows = [r.model_dump(mode="json") for r in records]
        emit_json(rows, args.output, args.force, "the review")
    else:
        md = review_label(records) + "\n".join(review_markdown(r, plan) for r in records)
        emit_text(md, args.output, args.force, "the review")
    for r in records:
        if args.save:
            note(f"saved review {r.id}")
    return EXIT_CHECK_FAILED if any(r.violations for r in records) else 0


run_review = command(cmd_review)


def register(sub: Any) -> None:
    p = sub.add_parser("review", help=HELP, description=DESCRIPTION)
    p.add_argument("--mentor", metavar="NAME", help="one mentor (default: all)")
    p.add_argument("--save", action="store_true", help="keep the reviews under reviews/")
    add_output_flags(p, "the review")
    add_command_flags(p)
    p.set_defaults(func=run_review)
