"""`prepcoach mentors list|show|add|ics` (and, from ``mentor_edits``, edit|remove|book|
status|team): the mentors in the plan.

Listings print Markdown (default) or stable JSON (``--format json``, documented in
docs/data.md); nothing here generates text with a model.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from prepcoach.cli.commands import mentor_edits
from prepcoach.cli.common import (
    DEFAULT_MEETING_MINUTES,
    MAX_MEETING_MINUTES,
    MIN_MEETING_MINUTES,
    add_format_flag,
    add_minutes_flag,
    add_output_flags,
    add_today_flag,
    clock_time,
    levels,
    term_months,
    today,
)
from prepcoach.cli.output import note, print_json, print_text, write_output
from prepcoach.cli.run import Context, action_parser, command_group
from prepcoach.render import mentor_markdown, table
from prepcoach.text import iso_date
from prepcoach.vocab import CADENCE_DAYS, MENTOR_STATUSES, RELATIONS, SUPPORT_AREAS

if TYPE_CHECKING:
    import argparse

    from prepcoach.models import Mentor, Plan
    from prepcoach.store import SessionSummary

TERM_CLOCK_HELP = "compute the term clock as of DATE"
# `mentors add` options passed on as the mentor fields of the same name
ADD_FIELDS = (
    "title", "organisation", "relation", "recommended_by", "status", "term_start",
    "term_months", "cadence", "email", "notes",
)  # fmt: skip
ADD_HELP = "add a mentor (a prospect unless --status says otherwise)"
ADD_DESCRIPTION = (
    "Add a mentor to the plan: a prospect unless --status says otherwise. Creates the "
    "data directory if it does not exist yet."
)
ICS_HELP = "export a mentor's meetings as an .ics calendar (and the end-of-term review)"
ICS_DESCRIPTION = (
    "The mentor's meetings as an iCalendar file: the booked next meeting as booked, the "
    "term's other meetings by cadence on working days (a weekend date moves to the nearest "
    "weekday, said in the event), times in your time zone, and the end-of-term review. "
    "Meetings already past are left out unless --all."
)
NO_MENTORS = 'No mentors yet: prepcoach mentors add "NAME" --areas scope,politics'


HELP = "your mentors: list, add, show, edit, remove, status, book, team, calendar"
DESCRIPTION = "Your mentors: prospects, active terms and past ones."


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _finished_flag(term_label: str) -> str:
    """The flag on a term that has run its months while still active: the user decides."""
    return " ⚑ term ends today" if term_label.startswith("ends today") else " ⚑ term over"


def mentor_json(
    plan: Plan, m: Mentor, sessions: list[SessionSummary], today: dt.date
) -> dict[str, Any]:
    """One mentor in listings (stable keys, see docs/data.md)."""
    from prepcoach.planning import next_meeting_date, term_clock, term_finished_but_active

    clock = term_clock(m, [s.date for s in sessions], today)
    upcoming = next_meeting_date(m, [], today)
    objs = plan.objectives_for(m.id)
    return {
        "id": m.id,
        "name": m.name,
        "title": m.title,
        "organisation": m.organisation,
        "relation": m.relation,
        "levels_above": m.levels_above,
        "support_areas": list(m.support_areas),
        "recommended_by": m.recommended_by,
        "status": m.status,
        "cadence": m.cadence,
        "term_start": _iso(clock.start),
        "term_end": _iso(clock.end),
        "term_months": m.term_months,
        "term_month": clock.month,
        "term_over": clock.over,
        "term_label": clock.label(),
        "term_finished": term_finished_but_active(m, today),
        "meetings_held": clock.held,
        "meetings_expected": clock.expected,
        "sessions_total": clock.total_sessions,
        "last_session": _iso(clock.last_session),
        "next_meeting": _iso(m.next_meeting),
        "next_meeting_date": _iso(upcoming),
        "objectives_open": sum(1 for o in objs if o.status == "open"),
        "objectives_met": sum(1 for o in objs if o.status == "met"),
        "email": m.email,
        "notes": m.notes,
    }


def _by_mentor(summaries: list[SessionSummary]) -> dict[str, list[SessionSummary]]:
    out: dict[str, list[SessionSummary]] = {}
    for s in summaries:
        out.setdefault(s.mentor, []).append(s)
    return out


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    from prepcoach.lookup import find_mentor

    store = ctx.store
    plan = store.load_plan()
    mentors = plan.mentors
    if args.status:
        mentors = [m for m in mentors if m.status == args.status]
    by_mentor = _by_mentor(store.list_sessions())
    rows = [mentor_json(plan, m, by_mentor.get(m.id, []), today(args)) for m in mentors]
    hints = ctx.services.attention(today(args)) if plan.mentors else []
    if args.format == "json":
        print_json(rows)
        if not plan.mentors:
            note(NO_MENTORS)
        for h in hints:
            note(f"hint: {h}")
        return 0
    if not rows:
        print_text(f"No mentors with status {args.status}." if plan.mentors else NO_MENTORS)
        return 0
    md = []
    for r in rows:
        m = find_mentor(plan, r["id"])
        who = r["name"] + (f" ({m.title}, {m.organisation})" if m.title and m.organisation else "")
        meetings = (
            f"{r['meetings_held']} of {r['meetings_expected']}"
            if r["term_month"]
            else str(r["sessions_total"])
        )
        md.append(
            [
                who,
                r["id"],
                r["status"] + (_finished_flag(r["term_label"]) if r["term_finished"] else ""),
                f"{r['relation']}, {r['levels_above']} up",
                r["term_label"],
                meetings,
                ", ".join(r["support_areas"]) or "-",
                f"{r['objectives_met']} met / {r['objectives_open']} open",
                r["next_meeting_date"] or "-",
            ]
        )
    headers = ["Mentor", "Id", "Status", "Relation", "Term month", "Meetings held"]
    headers += ["Support", "Objectives", "Next"]
    text = f"# Mentors ({len(rows)})\n\n" + table(headers, md)
    if hints:
        text += "\n\n" + "\n".join(f"- ⚑ {h}" for h in hints)
    print_text(text)
    return 0


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    from prepcoach.lookup import find_mentor

    store = ctx.store
    plan = store.load_plan()
    m = find_mentor(plan, args.name)
    summaries = store.list_sessions(m.id)
    info = mentor_json(plan, m, summaries, today(args))
    objs = plan.objectives_for(m.id)
    open_actions = []
    for s in store.sessions_for(m.id):
        for a in s.action_items:
            if not a.done:
                open_actions.append(
                    {"session": s.id, "text": a.text, "owner": a.owner, "due": _iso(a.due)}
                )
    if args.format == "json":
        info["objectives"] = [o.model_dump(mode="json") for o in objs]
        info["sessions"] = [s.to_json() for s in summaries]
        info["open_action_items"] = open_actions
        print_json(info)
        return 0
    print_text(mentor_markdown(m, info, objs, summaries, open_actions))
    return 0


def _check_term_end(start: dt.date | None, months: int) -> None:
    """Refuse a term that would end past the last representable date (year 9999)."""
    from prepcoach.planning import check_term_fits

    check_term_fits(start, months, hint="Check the --term-start date.")


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    from prepcoach.planning import parse_areas

    _check_term_end(args.term_start, args.term_months)
    m = ctx.services.add_mentor(
        args.name,
        levels_above=args.levels,
        support_areas=parse_areas(args.areas),
        today=args.today,
        **{f: getattr(args, f) for f in ADD_FIELDS},
    )
    if args.format == "json":
        plan = ctx.store.load_plan()
        print_json(mentor_json(plan, m, [], today(args)))
        return 0
    print_text(
        f'Added {m.name} (id {m.id}, status {m.status}). See `prepcoach mentors show "{m.name}"`.'
    )
    return 0


def cmd_ics(args: argparse.Namespace, ctx: Context) -> int:
    from prepcoach.ics import mentor_calendar
    from prepcoach.lookup import find_mentor

    plan = ctx.store.load_plan()
    m = find_mentor(plan, args.name)
    data = mentor_calendar(
        plan,
        m,
        today=today(args),
        include_past=args.all,
        start=args.start,
        at=args.time,
        minutes=args.minutes,
    )
    if args.format == "json":
        print_json({"mentor": m.id, "events": calendar_events(data)})
        return 0
    write_output(args.output, data, args.force, f"{m.name}'s calendar")
    return 0


def calendar_events(data: bytes) -> list[dict[str, Any]]:
    """The events of an .ics document: start, end, summary, description."""
    import icalendar

    cal = icalendar.Calendar.from_ical(data)
    out = []
    for ev in cal.walk("VEVENT"):
        start = ev.decoded("dtstart")
        end = ev.decoded("dtend") if "dtend" in ev else None
        out.append(
            {
                "uid": str(ev.get("uid")),
                "start": start.isoformat(),
                "end": end.isoformat() if end is not None else None,
                "summary": str(ev.get("summary", "")),
                "description": str(ev.get("description", "")),
            }
        )
    return out


def register(sub: Any) -> None:
    msub = command_group(sub, "mentors", HELP, DESCRIPTION)

    p = action_parser(
        msub, "list", cmd_list, "list mentors with status, term month and meetings", listing=True
    )
    p.add_argument("--status", choices=MENTOR_STATUSES, help="only mentors with this status")
    add_today_flag(p, TERM_CLOCK_HELP)
    add_format_flag(p)

    p = action_parser(msub, "show", cmd_show, "show one mentor: term, objectives, sessions")
    p.add_argument("name", metavar="NAME", help="name, first name or id")
    add_today_flag(p, TERM_CLOCK_HELP)
    add_format_flag(p)

    p = action_parser(msub, "add", cmd_add, ADD_HELP, ADD_DESCRIPTION, creates=True)
    p.add_argument("name", metavar="NAME", help='full name, e.g. "Ana Lima"')
    p.add_argument("--title", default="", help="job title, e.g. VP Engineering")
    p.add_argument(
        "--org", "--organisation", dest="organisation", default="", metavar="ORG",
        help="organisation",
    )  # fmt: skip
    p.add_argument("--relation", choices=RELATIONS, default="internal")
    p.add_argument(
        "--levels", type=levels, default=2, metavar="N", help="levels above you (default 2)"
    )
    p.add_argument(
        "--areas",
        default="",
        metavar="LIST",
        help="support areas, comma-separated: " + ", ".join(SUPPORT_AREAS),
    )
    p.add_argument("--recommended-by", default="", metavar="NAME", help="who recommended them")
    p.add_argument("--status", choices=MENTOR_STATUSES, default="prospect")
    p.add_argument(
        "--term-start",
        type=iso_date,
        metavar="DATE",
        help="term start (default: today for active/renewed)",
    )
    p.add_argument(
        "--term-months", type=term_months, default=6, metavar="N", help="term length (default 6)"
    )
    p.add_argument("--cadence", choices=tuple(CADENCE_DAYS), default="monthly")
    p.add_argument("--email", default="")
    p.add_argument("--notes", default="")
    add_today_flag(p, "the day an active term starts when --term-start is not given")
    add_format_flag(p)

    mentor_edits.register(msub)

    p = action_parser(msub, "ics", cmd_ics, ICS_HELP, ICS_DESCRIPTION)
    p.add_argument("name", metavar="NAME", help="name, first name or id")
    add_output_flags(p, "the calendar")
    p.add_argument("--all", action="store_true", help="include meetings already past")
    add_today_flag(p, "leave out meetings before DATE instead of today")
    add_format_flag(p)
    p.add_argument(
        "--start", type=iso_date, metavar="DATE", help="plan from DATE instead of the term start"
    )
    p.add_argument(
        "--time", type=clock_time, metavar="HH:MM", help="meeting time (default: all-day events)"
    )
    add_minutes_flag(
        p,
        f"meeting length with --time, {MIN_MEETING_MINUTES} to {MAX_MEETING_MINUTES} "
        f"(default {DEFAULT_MEETING_MINUTES})",
    )
