"""`prepcoach outreach`: a short, low-key message (first request, recommendation, renewal,
wind-down, follow-up) that passes the outreach rules.

Standard output holds only the final draft (``Subject:`` line first for email), so
``prepcoach outreach ... | prepcoach lint -`` checks exactly what would be sent. With a
model, the text as it streams in and every earlier attempt go to standard error, and only
when it is a terminal. A model draft that still breaks a rule after its repairs is
replaced by the offline draft that passes them (said on standard error; ``--format json``
carries both). An ask that cannot be sent as typed is refused with exit 2. Exit 1 only
when the final draft still breaks a rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prepcoach.cli.generation import (
    Progress,
    add_command_flags,
    announce,
    print_dry_run,
    usage_line,
)
from prepcoach.cli.output import note, print_json, print_text, violations_json
from prepcoach.cli.run import Context, command
from prepcoach.errors import EXIT_CHECK_FAILED
from prepcoach.render import rule_failures
from prepcoach.text import plural
from prepcoach.vocab import CHANNELS, OUTREACH_KINDS

if TYPE_CHECKING:
    import argparse

    from prepcoach.services import OutreachResult


HELP = "a short, low-key message: first request, recommendation, renewal, ..."
DESCRIPTION = (
    "Draft an outreach message that passes the outreach rules (see "
    "`prepcoach lint --help`). Standard output holds only the draft. A vague ask, or one "
    "with a word the rules forbid, is refused with examples (exit 2); exit 1 if the final "
    "draft still breaks a rule."
)


def cmd_outreach(args: argparse.Namespace, ctx: Context) -> int:
    from prepcoach.services import OutreachRequest

    svc = ctx.services
    req = OutreachRequest(
        to=args.to,
        ask=args.ask or "",
        title=args.title or "",
        organisation=args.organisation or "",
        channel=args.channel,
        kind=args.kind,
        mentor=args.mentor,
        context=args.context or "",
        today=args.today,
    )
    if args.dry_run:
        print_dry_run([svc.preview_outreach(req)], args.format)
        return 0
    if svc.use_llm:  # the preview checks the inputs before the banner
        announce(svc, svc.preview_outreach(req), f"{req.kind} draft")
    streaming = svc.use_llm and args.format == "md"
    stream = Progress(f"{req.kind} draft as it arrives")

    def restart(reason: str) -> None:
        if stream.started:
            stream("\n--- revised draft ---\n")
        note(reason)

    result = svc.outreach(
        req, on_text=stream if streaming else None, on_restart=restart if svc.use_llm else None
    )
    if streaming and stream.started:
        stream("\n")
    if result.nudge_on is not None:
        sent = result.nudge_on.sent_on
        note(
            f"nudge draft: {result.draft.to} was asked"
            + (f" on {sent.isoformat()}" if sent else "")
            + " and has not answered, so this bumps that request (composed offline)"
        )
    elif not svc.use_llm:
        note(f"{req.kind} draft by the {svc.settings.engine_label}")
    draft = result.draft
    saved = svc.save_outreach(result) if args.save else None
    if args.format == "json":
        model = result.model_draft
        print_json(
            {
                "draft": draft.model_dump(mode="json"),
                "violations": violations_json(result.violations),
                "attempts": result.attempts,
                "engine": draft.engine,
                "model": draft.model,
                "usage": result.usage.model_dump(mode="json") if result.usage else None,
                "saved_id": saved.id if saved else None,
                "replaced_by_offline": model is not None,
                "model_attempt": (
                    {
                        "draft": model.model_dump(mode="json"),
                        "violations": violations_json(result.model_violations),
                    }
                    if model is not None
                    else None
                ),
            }
        )
    else:
        print_text(result.text())
        for line in _footer(result).splitlines():
            note(line)
        if result.usage:
            note(usage_line(result.usage))
    if saved is not None:
        note(
            f"saved draft {saved.id}; once you have sent it, run "
            f"`prepcoach drafts sent {saved.id}` to get a reminder if no answer comes."
        )
    return EXIT_CHECK_FAILED if result.violations else 0


# a first request needs no plan yet, so the data directory may be created
run_outreach = command(cmd_outreach, must_exist=False)


def _footer(result: OutreachResult) -> str:
    draft = result.draft
    lines: list[str] = []
    if result.model_draft is not None:
        broke = ", ".join(dict.fromkeys(v.rule for v in result.model_violations))
        lines.append(
            f"the model's draft still broke {plural(len(result.model_violations), 'rule')} "
            f"after {result.attempts} attempts ({broke}), so this is the offline draft, which "
            "passes every rule; `--format json` shows the model's attempt."
        )
    elif draft.engine == "offline":
        lines.append("offline draft: composed on this machine, no model used.")
    else:
        tries = f" after {result.attempts} attempts" if result.attempts > 1 else ""
        lines.append(f"drafted by {draft.model}{tries}; checked by prepcoach.")
    if not result.violations:
        lines.append(f"checks: every rule for a {draft.outreach_kind} on {draft.channel} passes.")
        return "\n".join(lines)
    failures = rule_failures([f"{v.rule}: {v.reason}" for v in result.violations])
    return "\n".join([*lines, *failures])


def add_message_flags(p: argparse.ArgumentParser) -> None:
    """The inputs of an outreach message (shared with `prompts render`)."""
    p.add_argument("--title", metavar="TITLE", help="their title, e.g. 'VP Engineering'")
    p.add_argument("--organisation", "--org", metavar="ORG", help="their organisation")
    p.add_argument("--ask", metavar="TEXT", help="the one specific thing you are asking about")
    p.add_argument("--channel", choices=CHANNELS, default="email", help="default: email")
    p.add_argument("--kind", choices=OUTREACH_KINDS, default="first-request")


def register(sub: Any) -> None:
    p = sub.add_parser("outreach", help=HELP, description=DESCRIPTION)
    p.add_argument("--to", required=True, metavar="NAME", help="who the message is for")
    add_message_flags(p)
    p.add_argument(
        "--mentor", metavar="NAME", help="the mentor this concerns (renewal, wind-down, ...)"
    )
    p.add_argument(
        "--context", metavar="TEXT", help="follow-up: what you did with their advice; notes"
    )
    p.add_argument("--save", action="store_true", help="keep the draft under outreach/")
    add_command_flags(p)
    p.set_defaults(func=run_outreach)
