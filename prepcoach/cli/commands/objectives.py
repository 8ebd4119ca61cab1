"""`prepcoach objectives list|add|met`: what you want from mentoring.

Each objective has a done-when criterion and a kind of support. More than three open per
mentor's term is flagged, not refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, get_args

from prepcoach.cli.common import add_format_flag
from prepcoach.cli.output import print_json, print_text, warn
from prepcoach.cli.run import Context, action_parser, command_group
from prepcoach.render import table
from prepcoach.text import iso_date
from prepcoach.vocab import SUPPORT_AREAS, ObjectiveStatus

if TYPE_CHECKING:
    import argparse

    from prepcoach.models import Objective, Plan


HELP = "list, add and mark objectives met"
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
        return 0
    if not objs:
        if plan.objectives:
            print_text("No objectives match.")
        else:
            print_text(
                "No objectives yet. Add one with "
                '`prepcoach objectives add "TITLE" --area scope --done-when "..."`.'
            )
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


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    from prepcoach.planning import add_objective

    o, warnings = add_objective(
        ctx.store,
        args.title,
        support_area=args.area,
        done_when=args.done_when,
        why=args.why,
        mentors=args.mentor or [],
    )
    warn(warnings)
    print_text(f"Added objective {o.id}: {o.title} ({o.support_area}).")
    if not o.done_when:
        print_text("Tip: an objective is easier to review with a --done-when criterion.")
    return 0


def cmd_met(args: argparse.Namespace, ctx: Context) -> int:
    from prepcoach.planning import mark_objective_met

    o, changed = mark_objective_met(ctx.store, args.id, evidence=args.evidence or "", on=args.on)
    when = o.met_on.isoformat() if o.met_on else "?"
    if changed:
        print_text(f"Marked {o.id} met on {when}: {o.title}.")
    else:
        print_text(f"{o.id} was already met on {when}; nothing changed.")
    return 0


def register(sub: Any) -> None:
    osub = command_group(sub, "objectives", HELP, DESCRIPTION)

    p = action_parser(osub, "list", cmd_list, "list objectives")
    p.add_argument("--mentor", metavar="NAME", help="only objectives this mentor helps with")
    p.add_argument(
        "--status",
        choices=(*get_args(ObjectiveStatus), "all"),
        default="all",
        help="only objectives with this status (default all)",
    )
    add_format_flag(p)

    p = action_parser(
        osub,
        "add",
        cmd_add,
        "add an objective",
        "Add an objective: what you want to achieve, the kind of support it needs and how "
        "you will know it is met. Creates the data directory if it does not exist yet.",
        creates=True,
    )
    p.add_argument("title", metavar="TITLE", help="what you want to achieve")
    p.add_argument("--area", required=True, choices=SUPPORT_AREAS, help="kind of support it needs")
    p.add_argument("--done-when", default="", metavar="TEXT", help="how you will know it is met")
    p.add_argument("--why", default="", metavar="TEXT", help="why it matters now")
    p.add_argument(
        "--mentor", action="append", metavar="NAME", help="mentor helping with it (repeatable)"
    )

    p = action_parser(osub, "met", cmd_met, "mark an objective met")
    p.add_argument("id", metavar="ID", help="objective id, title, or number in the list")
    p.add_argument("--evidence", metavar="TEXT", help="what shows it is met")
    p.add_argument("--on", type=iso_date, metavar="DATE", help="date met (default today)")
