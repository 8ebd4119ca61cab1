"""`prepcoach drafts list|show|sent|answered`: saved outreach drafts and their status.

A draft marked sent with no answer after the plan's ``reminder_days`` (default 10) shows
as a reminder with a one-line nudge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prepcoach.cli.common import add_data_flag, add_format_flag, add_today_flag, today
from prepcoach.cli.output import print_json, print_text, violations_json
from prepcoach.cli.run import Context, command, command_group
from prepcoach.errors import EXIT_CHECK_FAILED
from prepcoach.render import draft_markdown
from prepcoach.text import clip, iso_date, plural, sanitize

if TYPE_CHECKING:
    import argparse

    from prepcoach.models import OutreachDraft
    from prepcoach.outreach import Reminder

ID_HELP = "draft id (or a unique prefix)"


HELP = "saved outreach drafts: list (with reminders), show, mark sent or answered"
DESCRIPTION = (
    "Saved outreach drafts and their status. A draft marked sent with no "
    "answer after the plan's reminder_days (default 10) shows as a reminder with a "
    "one-line nudge."
)


def _draft_row(d: OutreachDraft, reminder: Reminder | None) -> dict[str, Any]:
    return {
        "id": d.id,
        "kind": d.outreach_kind,
        "to": d.to,
        "channel": d.channel,
        "status": d.status,
        "created": d.created.isoformat(),
        "sent_on": d.sent_on.isoformat() if d.sent_on else None,
        "answered_on": d.answered_on.isoformat() if d.answered_on else None,
        "subject": d.subject,
        "reminder": (
            {"days_since_sent": reminder.days, "nudge": reminder.nudge}
            if reminder is not None
            else None
        ),
    }


def _recipient(d: OutreachDraft) -> str:
    """The recipient on one line of at most 40 characters, for listings."""
    return clip(sanitize(d.to), 40, fold=True)


def cmd_drafts(args: argparse.Namespace, ctx: Context) -> int:
    action = args.drafts_action
    if action == "list":
        return _list(args, ctx)
    if action == "show":
        return _show(args, ctx)
    if action == "sent":
        return _sent(args, ctx)
    return _answered(args, ctx)


def _status_of(ctx: Context, d: OutreachDraft) -> str | None:
    from prepcoach.planning import find_recipient

    m = find_recipient(ctx.services.plan(), d.mentor or d.to)
    return m.status if m is not None else None


def _sent(args: argparse.Namespace, ctx: Context) -> int:
    svc = ctx.services
    before = _status_of(ctx, svc.find_draft(args.id))
    d = svc.mark_sent(args.id, on=args.on, today=getattr(args, "today", None))
    after = _status_of(ctx, d)
    moved = before == "prospect" and after == "asked"
    days = svc.plan().reminder_days
    text = (
        f"{d.id}: marked sent on {d.sent_on}. With no answer after "
        f"{plural(days, 'day')}, `prepcoach drafts list` shows a reminder with a nudge."
    )
    if moved:
        text += f"\n{sanitize(d.to)} is now asked (was a prospect)."
    return _report(
        args, {**_draft_row(d, None), "recipient_status": after, "moved_to_asked": moved}, text
    )


def _report(args: argparse.Namespace, row: dict[str, Any], text: str) -> int:
    """The draft's row as JSON, or the text."""
    if args.format == "json":
        print_json(row)
    else:
        print_text(text)
    return 0


def _answered(args: argparse.Namespace, ctx: Context) -> int:
    svc = ctx.services
    d, activate = svc.mark_answered(args.id, on=args.on, today=getattr(args, "today", None))
    text = f"{d.id}: marked answered on {d.answered_on} (sent on {d.sent_on})."
    if activate:
        text += f"\nIf {sanitize(d.to)} agreed to meet, make it active: {activate}"
    return _report(args, {**_draft_row(d, None), "activate": activate}, text)


def _list(args: argparse.Namespace, ctx: Context) -> int:
    svc = ctx.services
    day = today(args)
    drafts = svc.drafts()
    due = {r.draft.id: r for r in svc.reminders(today=day)}
    if args.format == "json":
        print_json(
            {
                "today": day.isoformat(),
                "reminder_days": svc.plan().reminder_days,
                "drafts": [_draft_row(d, due.get(d.id)) for d in drafts],
            }
        )
        return 0
    if not drafts:
        print_text("No outreach drafts saved yet. Draft one with `prepcoach outreach ... --save`.")
        return 0
    days = svc.plan().reminder_days
    lines = ["# Outreach drafts", ""]
    lines.append("| id | kind | to | channel | status | created | sent | answered |")
    lines.append("|---|---|---|---|---|---|---|---|")
    for d in drafts:
        status = d.status + (" ⚑ reminder" if d.id in due else "")
        cells = [
            d.id,
            d.outreach_kind,
            _recipient(d),
            d.channel,
            status,
            d.created.isoformat(),
            d.sent_on.isoformat() if d.sent_on else "-",
            d.answered_on.isoformat() if d.answered_on else "-",
        ]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    if due:
        lines += ["", f"Reminders (sent, no answer after {plural(days, 'day')} or more):", ""]
        for r in due.values():
            lines.append(
                f"- ⚑ {r.draft.id} to {_recipient(r.draft)}: sent "
                f"{plural(r.days, 'day')} ago ({r.draft.sent_on}). Nudge: {r.nudge}"
            )
        lines += ["", "Got an answer? `prepcoach drafts answered ID`."]
    print_text("\n".join(lines))
    return 0


def _show(args: argparse.Namespace, ctx: Context) -> int:
    from prepcoach.lint import applicable_rules, lint_draft

    svc = ctx.services
    d = svc.find_draft(args.id)
    violations = lint_draft(d)
    reminder = next((r for r in svc.reminders(today=today(args)) if r.draft.id == d.id), None)
    if args.format == "json":
        row = _draft_row(d, reminder)
        row.update(
            body=d.body,
            ask=d.ask,
            engine=d.engine,
            model=d.model,
            clean=not violations,
            violations=violations_json(violations),
        )
        print_json(row)
        return EXIT_CHECK_FAILED if violations else 0
    rules = len(applicable_rules(d.outreach_kind, d.channel))
    text = draft_markdown(d, violations, rules, reminder)
    if reminder is None and d.status == "draft":
        text += f"\n\nOnce sent: `prepcoach drafts sent {d.id}`."
    print_text(text)
    return EXIT_CHECK_FAILED if violations else 0


def register(sub: Any) -> None:
    dsub = command_group(sub, "drafts", HELP, DESCRIPTION, dest="drafts_action")
    dl = dsub.add_parser(
        "list",
        help="every draft with its status; reminders flagged",
        description="Every saved outreach draft, oldest first, with its status (draft, sent, "
        "answered). A draft sent with no answer after the plan's reminder_days is flagged "
        "as a reminder, with a one-line nudge to send.",
    )
    ds = dsub.add_parser(
        "show",
        help="a draft's subject, body and lint result (exit 1 if a rule breaks)",
        description="One saved draft: subject, body, status and dates, checked against the "
        "outreach rules for its kind and channel. Exit 1 if a rule breaks.",
    )
    ds.add_argument("id", metavar="ID", help=ID_HELP)
    dsent = dsub.add_parser(
        "sent",
        help="mark a draft sent (starts the reminder clock)",
        description="Mark a draft sent (today, or --on DATE). With no answer after the "
        "plan's reminder_days, `prepcoach drafts list` shows a reminder.",
    )
    dans = dsub.add_parser(
        "answered",
        help="mark a draft answered (stops the reminder)",
        description="Mark a draft answered (today, or --on DATE); its reminder stops.",
    )
    for q in (dsent, dans):
        q.add_argument("id", metavar="ID", help=ID_HELP)
        q.add_argument(
            "--on", type=iso_date, metavar="DATE", help="the day it happened (default: today)"
        )
    run = command(cmd_drafts)
    for q in (dl, ds, dsent, dans):
        add_today_flag(q)
        add_data_flag(q)
        add_format_flag(q)
        q.set_defaults(func=command(cmd_drafts, listing=True) if q is dl else run)
