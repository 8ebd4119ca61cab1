"""`prepcoach reviews list|show|export`: the checkpoint reviews kept with `review --save`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prepcoach.cli.common import add_format_flag, add_output_flags, add_today_flag, today
from prepcoach.cli.output import (
    note,
    print_json_rows,
    print_record,
    print_text,
    write_output,
)
from prepcoach.cli.run import Context, action_parser, command_group
from prepcoach.errors import NotFoundError
from prepcoach.render import review_markdown, reviews_table

if TYPE_CHECKING:
    import argparse

    from prepcoach.models import ReviewRecord

HELP = "saved checkpoint reviews: list, show, export"
DESCRIPTION = (
    "The checkpoint reviews kept with `prepcoach review --save`: recommendation, reasons "
    "and the draft message, one per mentor and date."
)
ID_HELP = "review id or a unique prefix (e.g. its date)"
NO_REVIEWS = "No reviews saved yet: prepcoach review --save keeps one per mentor."


def find_review(records: list[ReviewRecord], query: str) -> ReviewRecord:
    """A saved review by its id or a unique prefix of it."""
    from prepcoach.lookup import suggest

    q = query.strip()
    exact = [r for r in records if r.id == q]
    hits = exact or [r for r in records if q and r.id.startswith(q)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise NotFoundError(
            f'"{query}" matches several reviews: {", ".join(r.id for r in hits[:5])}.',
            hint="Use a full id.",
        )
    if not records:
        raise NotFoundError(f'no review "{query}": none saved yet.', hint=NO_REVIEWS)
    hint = suggest(q, [r.id for r in records]) or "Run `prepcoach reviews list` to see ids."
    raise NotFoundError(f'no review "{query}".', hint=hint)


def _row(r: ReviewRecord, names: dict[str, str], age: int) -> dict[str, Any]:
    return {
        "id": r.id,
        "mentor": r.mentor,
        "mentor_name": names.get(r.mentor, r.mentor),
        "date": r.date.isoformat(),
        "days_ago": age,
        "recommendation": r.recommendation,
        "term_month": r.term_month,
        "term_months": r.term_months,
        "reasons": r.reasons,
    }


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    from prepcoach.lookup import find_mentor

    plan = ctx.store.load_plan()
    records = ctx.store.list_reviews()
    if args.mentor:
        mid = find_mentor(plan, args.mentor).id
        records = [r for r in records if r.mentor == mid]
    records.sort(key=lambda r: (r.date, r.id))
    day = today(args)
    if args.format == "json":
        names = {m.id: m.name for m in plan.mentors}
        print_json_rows([_row(r, names, (day - r.date).days) for r in records])
        if not records and not args.mentor:
            note(NO_REVIEWS)
        return 0
    if not records:
        print_text("No reviews of this mentor saved yet." if args.mentor else NO_REVIEWS)
        return 0
    print_text(reviews_table(records, plan))
    return 0


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    r = find_review(ctx.store.list_reviews(), args.id)
    print_record(args.format, r, lambda: review_markdown(r, ctx.store.load_plan()))
    return 0


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    r = find_review(ctx.store.list_reviews(), args.id)
    plan = ctx.store.load_plan()
    if args.format == "json":
        import json

        data = json.dumps(r.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    else:
        data = review_markdown(r, plan)
    write_output(args.output, data.encode("utf-8"), args.force, f"review {r.id}")
    return 0


def register(sub: Any) -> None:
    rsub = command_group(sub, "reviews", HELP, DESCRIPTION)

    p = action_parser(rsub, "list", cmd_list, "list saved reviews, oldest first", listing=True)
    p.add_argument("--mentor", metavar="NAME", help="only reviews of this mentor")
    add_today_flag(p, "count the reviews' age (days_ago) as of DATE")
    add_format_flag(p)

    p = action_parser(rsub, "show", cmd_show, "show one saved review")
    p.add_argument("id", metavar="ID", help=ID_HELP)
    add_format_flag(p)

    p = action_parser(
        rsub, "export", cmd_export, "export a saved review as Markdown (or JSON with --format)"
    )
    p.add_argument("id", metavar="ID", help=ID_HELP)
    add_output_flags(p, "the review")
    add_format_flag(p)
