"""`prepcoach mentors edit|remove|status|book|team`: changing the mentors in the plan.

Registered by ``mentors`` (the `mentors` command's changing actions); every change goes
through the services the TUI uses, under the store's writer lock.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from prepcoach.cli.common import (
    add_format_flag,
    add_today_flag,
    clock_time,
    levels,
    meeting_minutes,
    term_months,
    today,
)
from prepcoach.cli.output import print_json, print_text
from prepcoach.cli.run import Context, action_parser
from prepcoach.errors import UsageError
from prepcoach.render import team_markdown
from prepcoach.text import iso_date, plural
from prepcoach.vocab import CADENCE_DAYS, MENTOR_STATUSES, RELATIONS, SUPPORT_AREAS

if TYPE_CHECKING:
    import argparse

    from prepcoach.models import Mentor

NAME_HELP = "name, first name or id"
STATUS_HELP = "move a mentor along prospect > asked > active > renewed / loosened / ended"
STATUS_DESCRIPTION = (
    "Move a mentor along the lifecycle: prospect > asked > active > renewed (a new term) / "
    "loosened / ended; loosened or ended become active again only as a new term, starting "
    "on --on DATE or today. Any other jump is refused naming the allowed next states; "
    "--force makes it anyway and records it."
)
REMOVE_DESCRIPTION = (
    "Take a mentor out of the plan and off its objectives. Their session, draft and review "
    "files are kept, never deleted. When sessions exist it asks first (on a terminal) or "
    "needs --yes."
)
BOOK_DESCRIPTION = (
    "Book the next meeting with a mentor (replacing a booked one): prep, the dashboard and "
    "the calendar use this date. A date already passed is refused: capture that meeting "
    "with `prepcoach sessions capture` instead."
)
# `mentors edit`: (argparse dest, planning field)
EDIT_OPTIONS = (
    ("name_new", "name"),
    ("title", "title"),
    ("organisation", "organisation"),
    ("relation", "relation"),
    ("levels", "levels_above"),
    ("areas", "support_areas"),
    ("recommended_by", "recommended_by"),
    ("cadence", "cadence"),
    ("term_months", "term_months"),
    ("email", "email"),
    ("notes", "notes"),
)


def _mentor_out(args: argparse.Namespace, ctx: Context, m: Mentor, text: str) -> int:
    """Print a changed mentor: its listing row (JSON) or ``text``."""
    if args.format == "json":
        from prepcoach.cli.commands.mentors import mentor_json

        plan = ctx.store.load_plan()
        print_json(mentor_json(plan, m, ctx.store.list_sessions(m.id), today(args)))
    else:
        print_text(text)
    return 0


def cmd_edit(args: argparse.Namespace, ctx: Context) -> int:
    fields = {f: getattr(args, opt) for opt, f in EDIT_OPTIONS if getattr(args, opt) is not None}
    if not fields:
        raise UsageError(
            "nothing to change.",
            hint="Pass one or more of: "
            + ", ".join(
                "--" + f.replace("_above", "").replace("support_", "").replace("_", "-")
                for _, f in EDIT_OPTIONS
            )
            + ".",
        )
    m = ctx.services.edit_mentor(args.name, **fields)
    changed = ", ".join(sorted(fields))
    return _mentor_out(args, ctx, m, f"Updated {m.name} (id {m.id}): {changed}.")


def _confirm(question: str) -> bool:
    print(question + " [y/N] ", end="", file=sys.stderr, flush=True)
    try:
        answer = input()
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def cmd_remove(args: argparse.Namespace, ctx: Context) -> int:
    svc = ctx.services
    files = svc.mentor_files(args.name)
    sessions = files["sessions"]
    if sessions and not args.yes:
        from prepcoach.lookup import find_mentor

        name = find_mentor(svc.plan(), args.name).name
        what = f"{name} has {plural(len(sessions), 'session')}"
        if not sys.stdin.isatty():
            raise UsageError(
                f"{what}; removing them from the plan needs a confirmation.",
                hint="Pass --yes to remove (the session files are kept).",
            )
        if not _confirm(f"{what} (their files are kept). Remove {name} from the plan?"):
            if args.format == "json":
                print_json({"removed": None, "name": name})
            else:
                print_text("Nothing changed.")
            return 0
    removed = svc.remove_mentor(args.name)
    m = removed.mentor
    if args.format == "json":
        print_json(
            {
                "removed": m.id,
                "name": m.name,
                "objectives_unlinked": removed.objectives,
                "kept": {
                    "sessions": removed.sessions,
                    "outreach": removed.outreach,
                    "reviews": removed.reviews,
                },
            }
        )
        return 0
    kept = [
        plural(len(ids), what)
        for ids, what in (
            (removed.sessions, "session"),
            (removed.outreach, "draft"),
            (removed.reviews, "review"),
        )
        if ids
    ]
    lines = [f"Removed {m.name} (id {m.id}) from the plan."]
    if removed.objectives:
        lines.append(f"Unlinked from {plural(len(removed.objectives), 'objective')}.")
    if kept:
        lines.append("Kept on disk: " + ", ".join(kept) + ".")
    print_text(" ".join(lines))
    return 0


def cmd_status(args: argparse.Namespace, ctx: Context) -> int:
    svc = ctx.services
    m = svc.set_mentor_status(
        args.name, args.status, args.on or args.term_start, args.force, today=args.today
    )
    term = f", term from {m.term_start.isoformat()}" if m.term_start else ""
    if m.term_ended is not None:
        term += f" (stopped {m.term_ended.isoformat()})"
    forced = " (forced; recorded)" if m.status_history and m.status_history[-1].forced else ""
    return _mentor_out(args, ctx, m, f"{m.name} is now {m.status}{term}{forced}.")


def cmd_book(args: argparse.Namespace, ctx: Context) -> int:
    m = ctx.services.book_meeting(args.name, args.date, args.time, args.minutes, today=today(args))
    when = m.next_meeting.isoformat() if m.next_meeting else args.date.isoformat()
    at = f" at {m.next_meeting_time.strftime('%H:%M')}" if m.next_meeting_time else ""
    length = f", {m.next_meeting_minutes} minutes" if m.next_meeting_minutes else ""
    text = (
        f"Booked the next meeting with {m.name} on {when}{at}{length}. "
        f'Prepare it with `prepcoach agenda --mentor "{m.name}" --save`.'
    )
    return _mentor_out(args, ctx, m, text)


def cmd_team(args: argparse.Namespace, ctx: Context) -> int:
    team = ctx.services.team()
    if args.format == "json":
        print_json(
            {
                "areas": [
                    {
                        "area": a.area,
                        "label": a.label,
                        "covered": a.covered,
                        "covered_by": a.covered_by,
                        "could": a.could,
                        "needed_for": a.needed_for,
                    }
                    for a in team.areas
                ],
                "gaps": team.gaps,
            }
        )
        return 0
    print_text(team_markdown(team))
    return 0


def register(msub: Any) -> None:
    """Add the changing actions to the `mentors` command's subparsers."""
    p = action_parser(msub, "edit", cmd_edit, "change a mentor's details")
    p.add_argument("name", metavar="NAME", help=NAME_HELP)
    p.add_argument("--name", dest="name_new", metavar="TEXT", help="new name (the id stays)")
    p.add_argument("--title", metavar="TEXT")
    p.add_argument("--organisation", "--org", metavar="TEXT")
    p.add_argument("--relation", choices=RELATIONS)
    p.add_argument("--levels", type=levels, metavar="N", help="levels above you")
    p.add_argument(
        "--areas", metavar="LIST", help="support areas (replaces): " + ", ".join(SUPPORT_AREAS)
    )
    p.add_argument("--recommended-by", metavar="NAME")
    p.add_argument("--cadence", choices=tuple(CADENCE_DAYS))
    p.add_argument("--term-months", type=term_months, metavar="N")
    p.add_argument("--email", metavar="TEXT")
    p.add_argument("--notes", metavar="TEXT", help="replaces the notes")
    add_today_flag(p)
    add_format_flag(p)

    p = action_parser(
        msub, "remove", cmd_remove, "remove a mentor (files kept)", REMOVE_DESCRIPTION
    )
    p.add_argument("name", metavar="NAME", help=NAME_HELP)
    p.add_argument("--yes", action="store_true", help="remove without asking")
    add_format_flag(p)

    p = action_parser(msub, "status", cmd_status, STATUS_HELP, STATUS_DESCRIPTION)
    p.add_argument("name", metavar="NAME", help=NAME_HELP)
    p.add_argument("status", choices=MENTOR_STATUSES, metavar="STATUS", help="the new status")
    p.add_argument(
        "--on",
        type=iso_date,
        metavar="DATE",
        help="the new term's start (active, renewed) or the day it stopped (loosened, ended)",
    )
    p.add_argument("--term-start", type=iso_date, metavar="DATE", help="same as --on")
    p.add_argument("--force", action="store_true", help="make a jump the lifecycle refuses")
    add_today_flag(p, "as of DATE instead of today")
    add_format_flag(p)

    p = action_parser(msub, "book", cmd_book, "book the next meeting", BOOK_DESCRIPTION)
    p.add_argument("name", metavar="NAME", help=NAME_HELP)
    p.add_argument("date", type=iso_date, metavar="DATE", help="the meeting's date (YYYY-MM-DD)")
    p.add_argument("--time", type=clock_time, metavar="HH:MM", help="the meeting's time")
    p.add_argument("--minutes", type=meeting_minutes, metavar="N", help="the meeting's length")
    add_today_flag(p, "as of DATE instead of today")
    add_format_flag(p)

    p = action_parser(
        msub, "team", cmd_team, "support-area coverage and the gaps, named", listing=True
    )
    add_format_flag(p)
