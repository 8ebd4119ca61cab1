"""Plan and history commands: ``mentors``, ``objectives`` and ``sessions``.

Listings print Markdown (default) or stable JSON (``--format json``, documented in
docs/data.md). Nothing here generates text with a model; it all reads and writes the
data directory through ``prepcoach.store`` and ``prepcoach.planning``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from prepcoach.cli.common import (
    DEFAULT_MEETING_MINUTES,
    MAX_MEETING_MINUTES,
    MIN_MEETING_MINUTES,
    add_data_flag,
    add_format_flag,
    meeting_minutes,
    positive_int,
    print_json,
    print_text,
    report_problems,
    settings_from,
    store_from,
)
from prepcoach.errors import UsageError
from prepcoach.models import (
    CADENCE_DAYS,
    MENTOR_STATUSES,
    SUPPORT_AREA_LABELS,
    SUPPORT_AREAS,
    Mentor,
    Objective,
    Plan,
    Session,
)
from prepcoach.store import SessionSummary, Store

Handler = Callable[[argparse.Namespace, Store], int]


# ----------------------------------------------------------------- arg types


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-03-15") from None


def clock_time(value: str) -> dt.time:
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a time like 09:30") from None


def levels(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 0 <= n <= 10:
        raise argparse.ArgumentTypeError("levels above you must be between 0 and 10")
    return n


def term_months(value: str) -> int:
    n = positive_int(value)
    if n > 36:
        raise argparse.ArgumentTypeError("a term is at most 36 months")
    return n


# ------------------------------------------------------------------- helpers


def _run(handler: Handler, *, creates: bool = False) -> Callable[[argparse.Namespace], int]:
    """Open the store for a command, and always report files set aside or migrated.
    Unless the command ``creates`` data (adds a mentor or objective), the data directory
    must exist: a mistyped --data says so instead of showing an empty plan."""

    def run(args: argparse.Namespace) -> int:
        store = store_from(settings_from(args), must_exist=not creates)
        try:
            return handler(args, store)
        finally:
            report_problems(store)

    return run


def _today(args: argparse.Namespace) -> dt.date:
    return getattr(args, "today", None) or dt.date.today()


def cell(value: Any) -> str:
    """Text safe inside a Markdown table cell."""
    text = "" if value is None else str(value)
    return " ".join(text.replace("|", "\\|").split()) or " "


def table(headers: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _write_output(path: str | None, data: bytes, force: bool, what: str) -> None:
    """Write an export to ``path`` (atomic, 0600) or stdout when path is None or '-'."""
    if path in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from prepcoach.store import atomic_write_bytes

    target = Path(path).expanduser()
    if target.is_dir():
        raise UsageError(f"{target} is a directory.", hint="Give a file name with -o.")
    if target.exists() and not force:
        raise UsageError(
            f"{target} already exists; nothing was written.",
            hint="Pass --force to replace it, or choose another file with -o.",
        )
    atomic_write_bytes(target, data)
    print(f"wrote {what} to {target}", file=sys.stderr)


def _by_mentor(summaries: list[SessionSummary]) -> dict[str, list[SessionSummary]]:
    out: dict[str, list[SessionSummary]] = {}
    for s in summaries:
        out.setdefault(s.mentor, []).append(s)
    return out


def print_json_rows(rows: list[dict[str, Any]]) -> None:
    """A JSON array with one compact object per line: valid JSON, grep-friendly, and
    fast for 10,000 rows (json's C encoder; ``indent`` would force the Python one)."""
    import json

    if not rows:
        sys.stdout.write("[]\n")
        return
    body = ",\n".join(json.dumps(r, ensure_ascii=False, default=str) for r in rows)
    sys.stdout.write("[\n" + body + "\n]\n")


def _warn(lines: list[str]) -> None:
    for line in lines:
        print(f"prepcoach: warning: {line}", file=sys.stderr)


# -------------------------------------------------------------------- mentors


def mentor_json(
    plan: Plan, m: Mentor, sessions: list[SessionSummary], today: dt.date
) -> dict[str, Any]:
    """One mentor in listings (stable keys, see docs/data.md)."""
    from prepcoach.planning import term_clock

    clock = term_clock(m, [s.date for s in sessions], today)
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
        "meetings_held": clock.held,
        "meetings_expected": clock.expected,
        "sessions_total": clock.total_sessions,
        "last_session": _iso(clock.last_session),
        "next_meeting": _iso(m.next_meeting),
        "objectives_open": sum(1 for o in objs if o.status == "open"),
        "objectives_met": sum(1 for o in objs if o.status == "met"),
        "email": m.email,
        "notes": m.notes,
    }


def cmd_mentors_list(args: argparse.Namespace, store: Store) -> int:
    from prepcoach.lookup import find_mentor

    plan = store.load_plan()
    today = _today(args)
    mentors = plan.mentors
    if args.status:
        mentors = [m for m in mentors if m.status == args.status]
    by_mentor = _by_mentor(store.list_sessions())
    rows = [mentor_json(plan, m, by_mentor.get(m.id, []), today) for m in mentors]
    if args.format == "json":
        print_json(rows)
        return 0
    if not rows:
        if plan.mentors:
            print_text(f"No mentors with status {args.status}.")
        else:
            print_text('No mentors yet. Add one with `prepcoach mentors add "NAME"`.')
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
                r["status"],
                f"{r['relation']}, {r['levels_above']} up",
                r["term_label"],
                meetings,
                ", ".join(r["support_areas"]) or "-",
                f"{r['objectives_met']} met / {r['objectives_open']} open",
                r["next_meeting"] or "-",
            ]
        )
    print_text(
        f"# Mentors ({len(rows)})\n\n"
        + table(
            [
                "Mentor",
                "Id",
                "Status",
                "Relation",
                "Term month",
                "Meetings held",
                "Support",
                "Objectives",
                "Next",
            ],
            md,
        )
    )
    return 0


def cmd_mentors_show(args: argparse.Namespace, store: Store) -> int:
    from prepcoach.lookup import find_mentor

    plan = store.load_plan()
    m = find_mentor(plan, args.name)
    today = _today(args)
    summaries = store.list_sessions(m.id)
    info = mentor_json(plan, m, summaries, today)
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
    head = [f"# {m.name}", ""]
    who = ", ".join(x for x in (m.title, m.organisation) if x)
    levels = f"{m.levels_above} level{'' if m.levels_above == 1 else 's'} above you"
    head.append((f"{who} · " if who else "") + f"{m.relation} · {levels}")
    head.append("")
    term = info["term_label"]
    if info["term_start"]:
        term += f" ({info['term_start']} to {info['term_end']}, {m.cadence})"
    head.append(f"- **Status:** {m.status}")
    head.append(f"- **Term:** {term}")
    if info["term_month"]:
        head.append(
            f"- **Meetings:** {info['meetings_held']} held of {info['meetings_expected']} "
            "expected so far"
        )
    head.append(
        f"- **Sessions recorded:** {info['sessions_total']}"
        + (f", last {info['last_session']}" if info["last_session"] else "")
    )
    if m.next_meeting:
        head.append(f"- **Next meeting:** {m.next_meeting.isoformat()}")
    areas = "; ".join(f"{a} ({SUPPORT_AREA_LABELS[a]})" for a in m.support_areas)
    head.append(f"- **Support:** {areas or '-'}")
    if m.recommended_by:
        head.append(f"- **Recommended by:** {m.recommended_by}")
    if m.email:
        head.append(f"- **Email:** {m.email}")
    out = ["\n".join(head)]
    if objs:
        lines = ["## Objectives", ""]
        for o in objs:
            box = "x" if o.status == "met" else ("-" if o.status == "dropped" else " ")
            line = f"- [{box}] {o.title} `{o.id}` ({o.support_area})"
            if o.done_when:
                line += f" — done when: {o.done_when}"
            if o.met_on:
                line += f" — met {o.met_on.isoformat()}"
            lines.append(line)
        out.append("\n".join(lines))
    if summaries:
        out.append(
            "## Sessions\n\n"
            + table(
                ["Date", "Id", "Open questions", "Open actions", "Summary"],
                [
                    [
                        s.date.isoformat(),
                        s.id,
                        s.open_questions,
                        s.open_action_items,
                        s.first_line or "-",
                    ]
                    for s in summaries
                ],
            )
        )
    if open_actions:
        out.append(
            "## Open action items\n\n"
            + "\n".join(
                f"- [ ] {a['text']} ({a['owner']}"
                + (f", due {a['due']}" if a["due"] else "")
                + f") — from {a['session']}"
                for a in open_actions
            )
        )
    if m.notes:
        out.append("## Notes\n\n" + m.notes.strip())
    print_text("\n\n".join(out))
    return 0


def _check_term_end(start: dt.date | None, months: int) -> None:
    """Refuse a term that would end past the last representable date (year 9999)."""
    from prepcoach.planning import check_term_fits

    check_term_fits(start, months, hint="Check the --term-start date.")


def cmd_mentors_add(args: argparse.Namespace, store: Store) -> int:
    from prepcoach.planning import add_mentor, parse_areas

    _check_term_end(args.term_start, args.term_months)

    m = add_mentor(
        store,
        args.name,
        title=args.title,
        organisation=args.org,
        relation=args.relation,
        levels_above=args.levels,
        support_areas=parse_areas(args.areas),
        recommended_by=args.recommended_by,
        status=args.status,
        term_start=args.term_start,
        term_months=args.term_months,
        cadence=args.cadence,
        email=args.email,
        notes=args.notes,
    )
    print_text(
        f'Added {m.name} (id {m.id}, status {m.status}). See `prepcoach mentors show "{m.name}"`.'
    )
    return 0


def cmd_mentors_status(args: argparse.Namespace, store: Store) -> int:
    from prepcoach.lookup import find_mentor
    from prepcoach.planning import set_mentor_status

    if args.term_start is not None:
        _check_term_end(args.term_start, find_mentor(store.load_plan(), args.name).term_months)
    m = set_mentor_status(store, args.name, args.status, term_start=args.term_start)
    term = f", term from {m.term_start.isoformat()}" if m.term_start else ""
    print_text(f"{m.name} is now {m.status}{term}.")
    return 0


def cmd_mentors_ics(args: argparse.Namespace, store: Store) -> int:
    from prepcoach.ics import term_calendar
    from prepcoach.lookup import find_mentor

    plan = store.load_plan()
    m = find_mentor(plan, args.name)
    data = term_calendar(plan, m, start=args.start, at=args.time, minutes=args.minutes)
    _write_output(args.output, data, args.force, f"{m.name}'s term calendar")
    return 0


# ----------------------------------------------------------------- objectives


def objective_json(plan: Plan, o: Objective) -> dict[str, Any]:
    names = {m.id: m.name for m in plan.mentors}
    d = o.model_dump(mode="json")
    d["mentor_names"] = [names.get(i, i) for i in o.mentors]
    return d


def cmd_objectives_list(args: argparse.Namespace, store: Store) -> int:
    from prepcoach.lookup import find_mentor
    from prepcoach.planning import objective_load_warnings

    plan = store.load_plan()
    objs = plan.objectives
    if args.mentor:
        m = find_mentor(plan, args.mentor)
        objs = [o for o in objs if m.id in o.mentors]
    if args.status != "all":
        objs = [o for o in objs if o.status == args.status]
    _warn(objective_load_warnings(plan))
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


def cmd_objectives_add(args: argparse.Namespace, store: Store) -> int:
    from prepcoach.planning import add_objective

    o, warnings = add_objective(
        store,
        args.title,
        support_area=args.area,
        done_when=args.done_when,
        why=args.why,
        mentors=args.mentor or [],
    )
    _warn(warnings)
    print_text(f"Added objective {o.id}: {o.title} ({o.support_area}).")
    if not o.done_when:
        print_text("Tip: an objective is easier to review with a --done-when criterion.")
    return 0


def cmd_objectives_met(args: argparse.Namespace, store: Store) -> int:
    from prepcoach.planning import mark_objective_met

    o, changed = mark_objective_met(store, args.id, evidence=args.evidence or "", on=args.on)
    when = o.met_on.isoformat() if o.met_on else "?"
    if changed:
        print_text(f"Marked {o.id} met on {when}: {o.title}.")
    else:
        print_text(f"{o.id} was already met on {when}; nothing changed.")
    return 0


# ------------------------------------------------------------------- sessions


def session_markdown(s: Session, plan: Plan, *, meta: bool = True) -> str:
    """A session as a Markdown document: agenda with time boxes, notes, action items."""
    mentor = plan.mentor(s.mentor)
    name = mentor.name if mentor else s.mentor
    objectives = {o.id: o.title for o in plan.objectives}
    parts = [
        f"# Session with {name} — {s.date.isoformat()}",
        f"*{s.minutes} minute{'' if s.minutes == 1 else 's'}*",
    ]
    if s.accomplishments:
        parts.append(
            "## Accomplishments since last time\n\n"
            + "\n".join(f"- {a}" for a in s.accomplishments)
        )
    if s.questions:
        lines = []
        for q in s.questions:
            line = f"- [{'x' if q.resolved else ' '}] {q.text}"
            if q.answer:
                line += f" — {q.answer}"
            lines.append(line)
        parts.append("## Questions\n\n" + "\n".join(lines))
    if s.agenda and s.agenda.items:
        rows = []
        t = 0
        for i, item in enumerate(s.agenda.items, 1):
            detail = item.detail
            if item.objective_id:
                title = objectives.get(item.objective_id, item.objective_id)
                detail = (detail + " " if detail else "") + f"(objective: {title})"
            if item.source:
                detail = (detail + " " if detail else "") + f"(from {item.source})"
            rows.append(
                [i, f"{t}–{t + item.minutes}", item.minutes, item.title, item.kind, detail or "-"]
            )
            t += item.minutes
        total = s.agenda.total()
        note = f"Total {total} of {s.agenda.minutes} minute{'' if s.agenda.minutes == 1 else 's'}"
        if total != s.agenda.minutes:
            note += " (time boxes do not add up to the meeting length)"
        by = "offline engine" if s.agenda.engine == "offline" else f"model {s.agenda.model}"
        if meta:
            note += f"; drafted by the {by}"
        parts.append(
            f"## Agenda ({s.agenda.minutes} min)\n\n"
            + table(["#", "Time", "Min", "Item", "Kind", "Detail"], rows)
            + f"\n\n{note}."
        )
        if s.agenda.summary:
            parts.append(s.agenda.summary.strip())
    if s.notes.strip():
        parts.append("## Notes\n\n" + s.notes.strip())
    if s.action_items:
        lines = []
        for a in s.action_items:
            line = f"- [{'x' if a.done else ' '}] {a.text} ({a.owner}"
            if a.due:
                line += f", due {a.due.isoformat()}"
            if a.done_on:
                line += f", done {a.done_on.isoformat()}"
            lines.append(line + ")")
        parts.append("## Action items\n\n" + "\n".join(lines))
    if s.objective_progress:
        lines = []
        for p in s.objective_progress:
            title = objectives.get(p.objective_id, p.objective_id)
            mark = "progress" if p.progressed else "no progress"
            lines.append(f"- **{title}**: {mark}" + (f" — {p.note}" if p.note else ""))
        parts.append("## Objective progress\n\n" + "\n".join(lines))
    if meta:
        facts = [f"session `{s.id}`"]
        if s.engine:
            facts.append(f"engine {s.engine}" + (f" ({s.model})" if s.model else ""))
        if s.tokens:
            facts.append(
                f"{s.tokens.prompt_tokens} prompt + {s.tokens.completion_tokens} completion tokens"
            )
        parts.append("---\n" + " · ".join(facts))
    return "\n\n".join(parts) + "\n"


def _resolve_session(store: Store, query: str) -> Session:
    from prepcoach.lookup import find_session_id

    return store.load_session(find_session_id(store.session_ids(), query))


def cmd_sessions_list(args: argparse.Namespace, store: Store) -> int:
    from prepcoach.lookup import find_mentor

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


def cmd_sessions_show(args: argparse.Namespace, store: Store) -> int:
    s = _resolve_session(store, args.id)
    if args.format == "json":
        print_json(s.model_dump(mode="json"))
        return 0
    print_text(session_markdown(s, store.load_plan()))
    return 0


def cmd_sessions_export(args: argparse.Namespace, store: Store) -> int:
    s = _resolve_session(store, args.id)
    text = session_markdown(s, store.load_plan(), meta=False)
    _write_output(args.output, text.encode("utf-8"), args.force, f"session {s.id}")
    return 0


# ------------------------------------------------------------------- register


def _cmd(
    group: Any,
    name: str,
    handler: Handler,
    help_text: str,
    description: str = "",
    *,
    creates: bool = False,
) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = group.add_parser(
        name, help=help_text, description=description or help_text[:1].upper() + help_text[1:]
    )
    add_data_flag(p)
    p.set_defaults(func=_run(handler, creates=creates))
    return p


def _today_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--today", type=iso_date, metavar="DATE", help="compute the term clock as of DATE"
    )


def _output_flags(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "-o", "--output", metavar="FILE", help=f"write {what} to FILE (default: standard output)"
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")


def register(sub: Any) -> None:
    """Add the mentors, objectives and sessions groups to the top-level parser."""
    # mentors --------------------------------------------------------------------
    mentors = sub.add_parser(
        "mentors",
        help="list, add and show mentors; export a term calendar",
        description="Your mentors: prospects, active terms and past ones.",
    )
    msub = mentors.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = _cmd(msub, "list", cmd_mentors_list, "list mentors with status, term month and meetings")
    p.add_argument("--status", choices=MENTOR_STATUSES, help="only mentors with this status")
    _today_flag(p)
    add_format_flag(p)

    p = _cmd(msub, "show", cmd_mentors_show, "show one mentor: term, objectives, sessions")
    p.add_argument("name", metavar="NAME", help="name, first name or id")
    _today_flag(p)
    add_format_flag(p)

    p = _cmd(
        msub,
        "add",
        cmd_mentors_add,
        "add a mentor (a prospect unless --status says otherwise)",
        "Add a mentor to the plan: a prospect unless --status says otherwise. Creates the "
        "data directory if it does not exist yet.",
        creates=True,
    )
    p.add_argument("name", metavar="NAME", help='full name, e.g. "Ana Lima"')
    p.add_argument("--title", default="", help="job title, e.g. VP Engineering")
    p.add_argument("--org", "--organisation", default="", metavar="ORG", help="organisation")
    p.add_argument("--relation", choices=("internal", "external"), default="internal")
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

    p = _cmd(
        msub,
        "status",
        cmd_mentors_status,
        "move a mentor along prospect > asked > active > renewed / loosened / ended",
    )
    p.add_argument("name", metavar="NAME", help="name, first name or id")
    p.add_argument("status", choices=MENTOR_STATUSES, metavar="STATUS", help="the new status")
    p.add_argument("--term-start", type=iso_date, metavar="DATE", help="start of the term")

    p = _cmd(
        msub,
        "ics",
        cmd_mentors_ics,
        "export a mentor's term as an .ics calendar (meetings + end-of-term review)",
    )
    p.add_argument("name", metavar="NAME", help="name, first name or id")
    _output_flags(p, "the calendar")
    p.add_argument(
        "--start", type=iso_date, metavar="DATE", help="plan from DATE instead of the term start"
    )
    p.add_argument(
        "--time", type=clock_time, metavar="HH:MM", help="meeting time (default: all-day events)"
    )
    p.add_argument(
        "--minutes",
        type=meeting_minutes,
        default=DEFAULT_MEETING_MINUTES,
        metavar="N",
        help=f"meeting length with --time, {MIN_MEETING_MINUTES} to {MAX_MEETING_MINUTES} "
        f"(default {DEFAULT_MEETING_MINUTES})",
    )

    # objectives -----------------------------------------------------------------
    objectives = sub.add_parser(
        "objectives",
        help="list, add and mark objectives met",
        description="What you want from mentoring: each objective has a done-when criterion "
        "and a kind of support. At most three open per mentor's term is flagged, not refused.",
    )
    osub = objectives.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = _cmd(osub, "list", cmd_objectives_list, "list objectives")
    p.add_argument("--mentor", metavar="NAME", help="only objectives this mentor helps with")
    p.add_argument(
        "--status",
        choices=("open", "met", "dropped", "all"),
        default="all",
        help="only objectives with this status (default all)",
    )
    add_format_flag(p)

    p = _cmd(
        osub,
        "add",
        cmd_objectives_add,
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

    p = _cmd(osub, "met", cmd_objectives_met, "mark an objective met")
    p.add_argument("id", metavar="ID", help="objective id, title, or number in the list")
    p.add_argument("--evidence", metavar="TEXT", help="what shows it is met")
    p.add_argument("--on", type=iso_date, metavar="DATE", help="date met (default today)")

    # sessions -------------------------------------------------------------------
    sessions = sub.add_parser(
        "sessions",
        help="list, show and export past sessions",
        description="One record per meeting: agenda, notes, action items.",
    )
    ssub = sessions.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = _cmd(ssub, "list", cmd_sessions_list, "list sessions, oldest first")
    p.add_argument("--mentor", metavar="NAME", help="only sessions with this mentor")
    p.add_argument("--last", type=positive_int, metavar="N", help="only the N most recent")
    add_format_flag(p)

    p = _cmd(ssub, "show", cmd_sessions_show, "show one session")
    p.add_argument("id", metavar="ID", help="session id or a unique prefix (e.g. its date)")
    add_format_flag(p)

    p = _cmd(
        ssub,
        "export",
        cmd_sessions_export,
        "export a session as Markdown (agenda with time boxes, notes, action items)",
    )
    p.add_argument("id", metavar="ID", help="session id or a unique prefix (e.g. its date)")
    _output_flags(p, "the Markdown")
