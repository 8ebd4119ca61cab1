"""`prepcoach objectives list|add|edit|met|drop|reopen`: what you want from mentoring.

Each objective has a done-when criterion and a kind of support. More than three open per
mentor's term is flagged, not refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, get_args

from prepcoach.cli.common import add_format_flag, add_today_flag
from prepcoach.cli.output import note, print_json, print_text, warn
from prepcoach.cli.run import Context, action_parser, command_group
from prepcoach.render import table
from prepcoach.text import iso_date
from prepcoach.vocab import SUPPORT_AREAS, ObjectiveStatus

if TYPE_CHECKING:
    import argparse

    from prepcoach.models import Objective, Plan


HELP = "your objectives: list, add, edit, mark met, drop, reopen"
NO_OBJECTIVES = 'No objectives yet: prepcoach objectives add "TITLE" --area scope --done-when "..."'
ID_HELP = "objective id, title, or number in the list"
ADD_DESCRIPTION = (
    "Add an objective: what you want to achieve, the kind of support it needs and how "
    "you will know it is met. Creates the data directory if it does not exist yet."
)
DESCRIPTION = (
    "What you want from mentoring: each objective has a done-when criterion "
    "and a kind of support. At most three open per mentor's term is flagged, not refused."
)


def objective_json(plan: Plan, o: Objective) -> dict[str, Any]:
    names = {m.id: m.name for m in plan.mentors}
    d = o.model_dump(mode="json")
    d["mentor_names"] = [names.get(i, i) for i in o.mentors]
    return d


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    from prepcoach.lookup import find_mentor
    from prepcoach.planning import objective_load_warnings

    plan = ctx.store.load_plan()
    objs = plan.objectives
    if args.mentor:
        m = find_mentor(plan, args.mentor)
        objs = [o for o in objs if m.id in o.mentors]
    if args.status != "all":
        objs = [o for o in objs if o.status == args.status]
    warn(objective_load_warnings(plan))
    if args.format == "json":
        print_json([objective_json(plan, o) for o in objs])
        if not plan.objectives:
            note(NO_OBJECTIVES)
        return 0
    if not objs:
        print_text("No objectives match." if plan.objectives else NO_OBJECTIVES)
        return 0
    rows = []
    for o in objs:
        d = objective_json(plan, o)
        state = o.status + (f" {o.met_on.isoformat()}" if o.met_on else "")
        rows.append(
            [o.id, o.title, o.support_area, state, ", ".join(d["mentor_names"]) or "-", o.done_when]
        )
    print_text(
        f"# Objectives ({len(objs)})\n\n"
        + table(["Id", "Objective", "Area", "Status", "Mentors", "Done when"], rows)
    )
    return 0


def _objective_out(args: argparse.Namespace, ctx: Context, o: Objective, text: str) -> int:
    if args.format == "json":
        print_json(objective_json(ctx.store.load_plan(), o))
    else:
        print_text(text)
    return 0


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    o, warnings = ctx.services.add_objective(
        args.title,
        support_area=args.area,
        done_when=args.done_when,
        why=args.why,
        mentors=args.mentor or [],
        today=args.today,
    )
    warn(warnings)
    text = f"Added objective {o.id}: {o.title} ({o.support_area})."
    if not o.done_when:
        text += "\nTip: an objective is easier to review with a --done-when criterion."
    return _objective_out(args, ctx, o, text)


def cmd_edit(args: argparse.Namespace, ctx: Context) -> int:
    from prepcoach.errors import UsageError

    given = (args.title, args.done_when, args.area, args.mentor, args.why)
    if all(v is None for v in given) and not args.no_mentors:
        raise UsageError(
            "nothing to change.",
            hint="Pass one or more of --title, --done-when, --area, --why, --mentor NAME "
            "(repeatable; replaces the links) or --no-mentors.",
        )
    mentors = [] if args.no_mentors else args.mentor
    o, warnings = ctx.services.edit_objective(
        args.id,
        title=args.title,
        done_when=args.done_when,
        area=args.area,
        mentors=mentors,
        why=args.why,
    )
    warn(warnings)
    return _objective_out(args, ctx, o, f"Updated objective {o.id}: {o.title} ({o.support_area}).")


def cmd_met(args: argparse.Namespace, ctx: Context) -> int:
    o, changed = ctx.services.mark_objective_met(args.id, evidence=args.evidence or "", on=args.on)
    when = o.met_on.isoformat() if o.met_on else "?"
    if changed:
        text = f"Marked {o.id} met on {when}: {o.title}."
    else:
        text = f"{o.id} was already met on {when}; nothing changed."
    return _objective_out(args, ctx, o, text)


def cmd_drop(args: argparse.Namespace, ctx: Context) -> int:
    o, changed = ctx.services.drop_objective(args.id, on=args.on)
    when = o.dropped_on.isoformat() if o.dropped_on else "?"
    if changed:
        text = (
            f"Dropped {o.id} on {when}: {o.title}. Undo with `prepcoach objectives reopen {o.id}`."
        )
    else:
        text = f"{o.id} was already dropped on {when}; nothing changed."
    return _objective_out(args, ctx, o, text)


def cmd_reopen(args: argparse.Namespace, ctx: Context) -> int:
    o, changed, warnings = ctx.services.reopen_objective(args.id)
    warn(warnings)
    text = (
        f"Reopened {o.id}: {o.title}." if changed else f"{o.id} is open already; nothing changed."
    )
    return _objective_out(args, ctx, o, text)


def register(sub: Any) -> None:
    osub = command_group(sub, "objectives", HELP, DESCRIPTION)

    p = action_parser(osub, "list", cmd_list, "list objectives", listing=True)
    p.add_argument("--mentor", metavar="NAME", help="only objectives this mentor helps with")
    p.add_argument(
        "--status",
        choices=(*get_args(ObjectiveStatus), "all"),
        default="all",
        help="only objectives with this status (default all)",
    )
    add_format_flag(p)

    p = action_parser(osub, "add", cmd_add, "add an objective", ADD_DESCRIPTION, creates=True)
    p.add_argument("title", metavar="TITLE", help="what you want to achieve")
    p.add_argument("--area", required=True, choices=SUPPORT_AREAS, help="kind of support it needs")
    p.add_argument("--done-when", default="", metavar="TEXT", help="how you will know it is met")
    p.add_argument("--why", default="", metavar="TEXT", help="why it matters now")
    p.add_argument(
        "--mentor", action="append", metavar="NAME", help="mentor helping with it (repeatable)"
    )
    add_today_flag(p, "the day it is created (default today)")
    add_format_flag(p)

    p = action_parser(
        osub,
        "edit",
        cmd_edit,
        "change an objective",
        "Change an objective's title, done-when criterion, support area, why, or the mentors "
        "helping with it (--mentor replaces the links; --no-mentors clears them).",
    )
    p.add_argument("id", metavar="ID", help=ID_HELP)
    p.add_argument("--title", metavar="TEXT", help="what you want to achieve")
    p.add_argument("--done-when", metavar="TEXT", help="how you will know it is met")
    p.add_argument("--area", choices=SUPPORT_AREAS, help="kind of support it needs")
    p.add_argument("--why", metavar="TEXT", help="why it matters now")
    p.add_argument(
        "--mentor", action="append", metavar="NAME", help="mentor helping (repeatable; replaces)"
    )
    p.add_argument("--no-mentors", action="store_true", help="link it to no mentor")
    add_format_flag(p)

    p = action_parser(osub, "met", cmd_met, "mark an objective met")
    p.add_argument("id", metavar="ID", help=ID_HELP)
    p.add_argument("--evidence", metavar="TEXT", help="what shows it is met")
    p.add_argument("--on", type=iso_date, metavar="DATE", help="date met (default today)")
    add_format_flag(p)

    p = action_parser(osub, "drop", cmd_drop, "drop an objective (kept as dropped; reopen undoes)")
    p.add_argument("id", metavar="ID", help=ID_HELP)
    p.add_argument("--on", type=iso_date, metavar="DATE", help="date dropped (default today)")
    add_format_flag(p)

    p = action_parser(osub, "reopen", cmd_reopen, "open a met or dropped objective again")
    p.add_argument("id", metavar="ID", help=ID_HELP)
    add_format_flag(p)
