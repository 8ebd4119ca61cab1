"""`prepcoach agenda`: a time-boxed agenda for the next meeting with a mentor.

Carried-over items, brief wins and the user's questions tied to their objectives, with
a close; the boxes sum to ``--minutes``. ``--save`` stores the prepared session (saving
the same meeting again updates it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prepcoach.cli import generation
from prepcoach.cli.common import (
    DEFAULT_MEETING_MINUTES,
    MAX_MEETING_MINUTES,
    MIN_MEETING_MINUTES,
    add_minutes_flag,
    add_output_flags,
)
from prepcoach.cli.output import check_output, emit_json, emit_text, note
from prepcoach.cli.run import Context, command
from prepcoach.render import agenda_markdown
from prepcoach.text import plural

if TYPE_CHECKING:
    import argparse

    from prepcoach.models import Session
    from prepcoach.services import AgendaRequest


HELP = "a time-boxed agenda for your next meeting with a mentor"
DESCRIPTION = (
    "A time-boxed agenda: carried-over items, brief wins, your questions "
    "(given the time), tied to your objectives, with a close. Boxes sum to --minutes."
)


def _note_saved_prep(prep: Session | None, req: AgendaRequest) -> None:
    """Say when wins and questions saved earlier for this meeting (``prep``, from the
    agenda result) were added to the agenda (preparing a meeting over several runs
    accumulates; nothing is dropped)."""
    from prepcoach.agenda import norm

    if prep is None:
        return
    given = {norm(x) for x in [*req.accomplishments, *req.questions]}
    wins = [a for a in prep.accomplishments if norm(a) not in given]
    qs = [q for q in prep.questions if norm(q.text) not in given]
    if wins or qs:
        parts = [plural(len(wins), "win")] if wins else []
        parts += [plural(len(qs), "question")] if qs else []
        note(
            f"also on the agenda: {' and '.join(parts)} saved earlier for this meeting "
            f"(session {prep.id})"
        )


def _minutes(args: argparse.Namespace, ctx: Context) -> int:
    """``--minutes`` when given, else the booked meeting's length, else the default."""
    if args.minutes is not None:
        return int(args.minutes)
    booked = ctx.services.booked_minutes(args.mentor, args.today)
    if booked is None:
        return DEFAULT_MEETING_MINUTES
    note(f"meeting length: {booked} minutes, as booked (--minutes N to change it)")
    return booked


def cmd_agenda(args: argparse.Namespace, ctx: Context) -> int:
    from prepcoach.services import AgendaRequest

    svc = ctx.services
    req = AgendaRequest(
        mentor=args.mentor,
        accomplishments=list(args.accomplishment or []),
        questions=list(args.question or []),
        minutes=_minutes(args, ctx),
        today=args.today,
    )
    if args.dry_run:
        generation.print_dry_run([svc.preview_agenda(req)], args.format)
        return 0
    check_output(args.output, args.force)
    # the banner comes after the inputs are checked (preview or offline result)
    if svc.use_llm:
        generation.announce(svc, svc.preview_agenda(req), "agenda")
    progress = (
        generation.Progress("the model is drafting the agenda…") if args.format == "md" else None
    )
    result = svc.agenda(req, on_text=progress if svc.use_llm else None)
    if not svc.use_llm:
        note(f"agenda by the {svc.settings.engine_label}")
    _note_saved_prep(result.prep, req)
    preview = result.preview
    for problem in result.problems:  # what was repaired in a model's agenda, in words
        note(f"agenda: {problem}")
    session, updated = svc.upsert_session(req, result) if args.save else (None, False)
    if args.format == "json":
        data = {
            "agenda": result.agenda.model_dump(mode="json"),
            "engine": result.agenda.engine,
            "model": result.agenda.model,
            "usage": result.usage.model_dump(mode="json") if result.usage else None,
            "prompt_tokens": preview.prompt_tokens if preview else None,
            "tokens_exact": preview.tokens_exact if preview else None,
            "history_sessions": preview.history_sessions if preview else None,
            "history_omitted": preview.history_omitted if preview else None,
            "structured_output": result.structured_mode or None,
            "problems": result.problems,
            "session_id": session.id if session else None,
            "session_updated": updated if session else None,
        }
        emit_json(data, args.output, args.force, "the agenda")
    else:
        md = agenda_markdown(result.agenda, result.mentor, result.objectives)
        emit_text(md, args.output, args.force, "the agenda")
        if result.usage:
            note(generation.usage_line(result.usage))
    if session is not None and updated:
        note(f"updated session {session.id} (this meeting was already saved)")
    elif session is not None:
        note(f"saved session {session.id}")
    return 0


run_agenda = command(cmd_agenda)


def register(sub: Any) -> None:
    p = sub.add_parser("agenda", help=HELP, description=DESCRIPTION)
    p.add_argument("--mentor", required=True, metavar="NAME", help="name, first name or id")
    p.add_argument(
        "--accomplishment",
        action="append",
        metavar="TEXT",
        help="something you did since last time (repeatable)",
    )
    p.add_argument(
        "--question",
        action="append",
        metavar="TEXT",
        help="something you want to discuss (repeatable)",
    )
    add_minutes_flag(
        p,
        f"meeting length, {MIN_MEETING_MINUTES} to {MAX_MEETING_MINUTES} minutes "
        f"(default {DEFAULT_MEETING_MINUTES}); a booked meeting's own length when it has one",
        default=None,
    )
    p.add_argument(
        "--save",
        action="store_true",
        help="store the prepared session (saving the same meeting again updates it)",
    )
    add_output_flags(p, "the agenda")
    generation.add_command_flags(p)
    p.set_defaults(func=run_agenda)
