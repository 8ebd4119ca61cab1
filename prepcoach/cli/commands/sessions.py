"""`prepcoach sessions list|show|export|capture`: one record per meeting (agenda, notes,
action items), and capturing what happened once the meeting took place."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prepcoach.cli.commands import capture_args
from prepcoach.cli.common import add_format_flag, add_output_flags, add_today_flag, positive_int
from prepcoach.cli.output import (
    note,
    print_json,
    print_json_rows,
    print_record,
    print_text,
    write_output,
)
from prepcoach.cli.run import Context, action_parser, command_group
from prepcoach.render import capture_markdown, session_markdown, table
from prepcoach.text import iso_date

if TYPE_CHECKING:
    import argparse

    from prepcoach.models import Session
    from prepcoach.store import Store

SESSION_ID_HELP = "session id or a unique prefix (e.g. its date)"


HELP = "your meetings: list, show, export, capture what happened"
NO_SESSIONS = 'No sessions yet: prepcoach agenda --mentor "NAME" --save prepares the next meeting.'
CAPTURE_DESCRIPTION = (
    "Record what happened at a meeting: notes (added after any already there), new action "
    "items (--owner and --due apply to the --action before them), questions resolved "
    "(--answer applies to the --resolve before it), action items done, and progress on "
    "objectives. QUESTION and ACTION are a number (as `sessions show` lists them) or a "
    "unique piece of the text. A meeting still to come is refused unless --yes. "
    "--mentor NAME captures that mentor's booked meeting (or the one on --date), "
    "making its session when no prep was saved."
)
DESCRIPTION = "One record per meeting: agenda, notes, action items."


def _resolve_session(store: Store, query: str) -> Session:
    from prepcoach.lookup import find_session_id

    return store.load_session(find_session_id(store.session_ids(), query))


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    from prepcoach.lookup import find_mentor

    store = ctx.store
    plan = store.load_plan()
    mentor_id = find_mentor(plan, args.mentor).id if args.mentor else None
    summaries = store.list_sessions(mentor_id)
    if args.last:
        summaries = summaries[-args.last :]
    names = {m.id: m.name for m in plan.mentors}
    if args.format == "json":
        rows = []
        for s in summaries:
            d = s.to_json()
            d["mentor_name"] = names.get(s.mentor, s.mentor)
            rows.append(d)
        print_json_rows(rows)
        if not summaries and not mentor_id:
            note(NO_SESSIONS)
        return 0
    if not summaries:
        print_text(NO_SESSIONS if not mentor_id else "No sessions with this mentor yet.")
        return 0
    rows_md = [
        [
            s.date.isoformat(),
            s.id,
            names.get(s.mentor, s.mentor),
            s.minutes,
            f"{s.open_questions}/{s.questions}",
            f"{s.open_action_items}/{s.action_items}",
            s.first_line or "-",
        ]
        for s in summaries
    ]
    print_text(
        f"# Sessions ({len(summaries)})\n\n"
        + table(
            ["Date", "Id", "Mentor", "Min", "Open questions", "Open actions", "Summary"], rows_md
        )
    )
    return 0


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    s = _resolve_session(ctx.store, args.id)
    print_record(args.format, s, lambda: session_markdown(s, ctx.store.load_plan()))
    return 0


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    s = _resolve_session(ctx.store, args.id)
    text = session_markdown(s, ctx.store.load_plan(), meta=False)
    write_output(args.output, text.encode("utf-8"), args.force, f"session {s.id}")
    return 0


def cmd_capture(args: argparse.Namespace, ctx: Context) -> int:
    from prepcoach.errors import UsageError

    if (args.session is None) == (args.mentor is None):
        raise UsageError(
            "name the meeting to capture: a SESSION id, or --mentor NAME (not both).",
            hint='e.g. `prepcoach sessions capture --mentor "Ana Lima" --note "..."` for '
            "a booked meeting that has passed.",
        )
    if args.date is not None and args.mentor is None:
        raise UsageError("--date goes with --mentor NAME (a SESSION has its own date).")
    capture = capture_args.capture_from(args)
    svc = ctx.services
    if args.mentor is not None:
        result = svc.capture_meeting(
            args.mentor, capture, date=args.date, today=args.today, confirm=args.yes
        )
    else:
        result = svc.capture_session(args.session, capture, today=args.today, confirm=args.yes)
    if result.created:
        note(f"no prep was saved for this meeting: made session {result.session.id} for it")
    if args.format == "json":
        print_json(
            {
                "session": result.session.model_dump(mode="json"),
                "session_created": result.created,
                "note_added": result.note_added,
                "resolved": result.resolved,
                "done": result.done,
                "added_action_items": result.added_actions,
                "progressed": result.progressed,
            }
        )
        return 0
    print_text(capture_markdown(result))
    return 0


def register(sub: Any) -> None:
    ssub = command_group(sub, "sessions", HELP, DESCRIPTION)

    p = action_parser(ssub, "list", cmd_list, "list sessions, oldest first", listing=True)
    p.add_argument("--mentor", metavar="NAME", help="only sessions with this mentor")
    p.add_argument("--last", type=positive_int, metavar="N", help="only the N most recent")
    add_format_flag(p)

    p = action_parser(ssub, "show", cmd_show, "show one session")
    p.add_argument("id", metavar="ID", help=SESSION_ID_HELP)
    add_format_flag(p)

    p = action_parser(
        ssub,
        "export",
        cmd_export,
        "export a session as Markdown (agenda with time boxes, notes, action items)",
    )
    p.add_argument("id", metavar="ID", help=SESSION_ID_HELP)
    add_output_flags(p, "the Markdown")

    p = action_parser(
        ssub, "capture", cmd_capture, "record what happened at a meeting", CAPTURE_DESCRIPTION
    )
    p.add_argument("session", metavar="SESSION", nargs="?", help=SESSION_ID_HELP)
    p.add_argument(
        "--mentor",
        metavar="NAME",
        help="instead of SESSION: the meeting with this mentor (the booked one, or --date), "
        "made into a session when no prep was saved",
    )
    p.add_argument(
        "--date", type=iso_date, metavar="DATE", help="with --mentor: the meeting's date"
    )
    capture_args.add_capture_flags(p)
    p.add_argument("--yes", action="store_true", help="capture a meeting dated after today")
    add_today_flag(p, "as of DATE instead of today (which meetings have come)")
    add_format_flag(p)
