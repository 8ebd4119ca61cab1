"""`prepcoach sessions list|show|export`: one record per meeting (agenda, notes, actions)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prepcoach.cli.common import add_format_flag, add_output_flags, positive_int
from prepcoach.cli.output import print_json, print_json_rows, print_text, write_output
from prepcoach.cli.run import Context, action_parser, command_group
from prepcoach.render import session_markdown, table

if TYPE_CHECKING:
    import argparse

    from prepcoach.models import Session
    from prepcoach.store import Store

SESSION_ID_HELP = "session id or a unique prefix (e.g. its date)"


HELP = "list, show and export past sessions"
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
        return 0
    if not summaries:
        print_text("No sessions yet." if not mentor_id else "No sessions with this mentor yet.")
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
    if args.format == "json":
        print_json(s.model_dump(mode="json"))
        return 0
    print_text(session_markdown(s, ctx.store.load_plan()))
    return 0


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    s = _resolve_session(ctx.store, args.id)
    text = session_markdown(s, ctx.store.load_plan(), meta=False)
    write_output(args.output, text.encode("utf-8"), args.force, f"session {s.id}")
    return 0


def register(sub: Any) -> None:
    ssub = command_group(sub, "sessions", HELP, DESCRIPTION)

    p = action_parser(ssub, "list", cmd_list, "list sessions, oldest first")
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
