"""Generating commands: ``agenda``, ``outreach``, ``drafts``, ``review``, ``lint``, ``prompts``,
``doctor``.

All of them go through ``prepcoach.services.Services`` (the same API the TUI uses). Output:
``--format md`` (default) streams model text to stdout as it arrives where that is readable
(outreach drafts, review messages) and prints the checked result; ``--format json`` prints
one JSON document at the end. Token count and estimated cost go to stderr before any model
call; ``--dry-run`` prints the exact messages instead and sends nothing.

Exit codes: 0 ok; 1 a rule or check failed (lint violations, an outreach draft that still
breaks a rule after repair, a failed doctor check); 2 bad usage, bad input or an endpoint
error (with a message saying what to do).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prepcoach.cli.common import (
    DEFAULT_MEETING_MINUTES,
    MAX_MEETING_MINUTES,
    MIN_MEETING_MINUTES,
    add_data_flag,
    add_format_flag,
    add_generation_flags,
    meeting_minutes,
    print_json,
    print_text,
    report_problems,
    settings_from,
    store_from,
)
from prepcoach.errors import EXIT_CHECK_FAILED, PrepcoachError, UsageError
from prepcoach.models import OUTREACH_KINDS
from prepcoach.textsafe import sanitize

if TYPE_CHECKING:
    from prepcoach.services import Preview, Services

CHANNELS = ("email", "linkedin", "slack")


# ------------------------------------------------------------------- plumbing


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-03-15") from None


def _today_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--today",
        type=_iso_date,
        metavar="DATE",
        help="compute as of DATE instead of today (term clocks, carry-over, next meeting)",
    )


def _services(args: argparse.Namespace, *, must_exist: bool = True) -> Services:
    """Services for a command; ``must_exist``: the data directory has to be there (every
    command that reads the plan; see ``store_from``)."""
    from prepcoach.services import Services

    settings = settings_from(args)
    return Services(settings, store_from(settings, must_exist=must_exist))


def _plural(n: int, word: str) -> str:
    from prepcoach.lint import plural

    return plural(n, word)


def _err(text: str) -> None:
    print(f"prepcoach: {text}", file=sys.stderr)


class _Out:
    """Streams text to stdout, remembering whether the last thing written ended a line."""

    def __init__(self) -> None:
        self.wrote = False
        self.ends_with_newline = True

    def __call__(self, text: str) -> None:
        text = sanitize(text)
        if not text:
            return
        sys.stdout.write(text)
        sys.stdout.flush()
        self.wrote = True
        self.ends_with_newline = text.endswith("\n")

    def newline(self) -> None:
        if self.wrote and not self.ends_with_newline:
            sys.stdout.write("\n")
            self.ends_with_newline = True


class _Progress:
    """Model progress on stderr (agenda items as they arrive), only on a terminal."""

    def __init__(self, label: str) -> None:
        self.tty = sys.stderr.isatty()
        self.label = label
        self.started = False

    def __call__(self, text: str) -> None:
        if not self.tty:
            return
        if not self.started:
            sys.stderr.write(f"prepcoach: {self.label}\n")
            self.started = True
        sys.stderr.write("  " + sanitize(text).replace("\n", "\n  ").rstrip(" "))
        sys.stderr.flush()


def _announce(svc: Services, preview: Preview, what: str) -> None:
    """Before generating: which engine, and for a model the tokens and estimated cost."""
    if preview.engine == "llm":
        from prepcoach.engines.llm import LLM

        url = LLM(svc.settings).base_url
        redacted = " (names redacted)" if preview.redacted else ""
        _err(f"{what} with {preview.model} at {url}{redacted}: {preview.summary()}")
    else:
        _err(f"{what} by the {svc.settings.engine_label}")


def _print_dry_run(previews: list[Preview], fmt: str) -> None:
    if fmt == "json":
        data: Any = [p.to_json() for p in previews]
        print_json(data[0] if len(data) == 1 else data)
        return
    for p in previews:
        where = "the offline engine (nothing would be sent)" if p.engine == "offline" else p.model
        head = f"# Dry run: {p.job}" + (f" ({p.mentor})" if p.mentor else "")
        lines = [
            head,
            "",
            f"Engine: {where}. Nothing was sent.",
            f"Prompt: {p.summary()}.",
        ]
        if p.redacted:
            lines.append("Names are replaced by placeholders; the answer would be restored.")
        lines.append("")
        for m in p.messages:
            lines += [f"----- {m['role']} -----", m["content"].rstrip("\n"), ""]
        print_text("\n".join(lines))


# ---------------------------------------------------------------------- agenda


def _note_saved_prep(prep: Any, req: Any) -> None:
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
        parts = [_plural(len(wins), "win")] if wins else []
        parts += [_plural(len(qs), "question")] if qs else []
        _err(
            f"also on the agenda: {' and '.join(parts)} saved earlier for this meeting "
            f"(session {prep.id})"
        )


def cmd_agenda(args: argparse.Namespace) -> int:
    from prepcoach.services import AgendaRequest

    svc = _services(args)
    try:
        req = AgendaRequest(
            mentor=args.mentor,
            accomplishments=list(args.accomplishment or []),
            questions=list(args.question or []),
            minutes=args.minutes,
            today=args.today,
        )
        if args.dry_run:
            _print_dry_run([svc.preview_agenda(req)], args.format)
            return 0
        # the banner comes after the inputs are checked (preview or offline result)
        if svc.use_llm:
            _announce(svc, svc.preview_agenda(req), "agenda")
        progress = _Progress("the model is drafting the agenda…") if args.format == "md" else None
        result = svc.agenda(req, on_text=progress if svc.use_llm else None)
        if not svc.use_llm:
            _err(f"agenda by the {svc.settings.engine_label}")
        _note_saved_prep(result.prep, req)
        preview = result.preview
        session, updated = svc.upsert_session(req, result) if args.save else (None, False)
        from prepcoach.agenda import agenda_markdown

        if args.format == "json":
            print_json(
                {
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
            )
        else:
            print_text(agenda_markdown(result.agenda, result.mentor, result.objectives))
            if result.usage:
                _err(_usage_line(result.usage))
        if session is not None and updated:
            _err(f"updated session {session.id} (this meeting was already saved)")
        elif session is not None:
            _err(f"saved session {session.id}")
        return 0
    finally:
        report_problems(svc.store)


def _usage_line(usage: Any) -> str:
    from prepcoach.tokens import format_cost

    cost = (
        format_cost(usage.estimated_cost_usd, "")
        if usage.estimated_cost_usd is not None
        else "cost unknown"
    )
    return f"used {usage.prompt_tokens:,} prompt + {usage.completion_tokens:,} reply tokens, {cost}"


# -------------------------------------------------------------------- outreach


def cmd_outreach(args: argparse.Namespace) -> int:
    from prepcoach.services import OutreachRequest

    svc = _services(args, must_exist=False)  # a first request needs no plan yet
    try:
        req = OutreachRequest(
            to=args.to,
            ask=args.ask or "",
            title=args.title or "",
            organisation=args.organisation or "",
            channel=args.channel,
            kind=args.kind,
            mentor=args.mentor,
            context=args.context or "",
            today=args.today,
        )
        if args.dry_run:
            _print_dry_run([svc.preview_outreach(req)], args.format)
            return 0
        if svc.use_llm:  # the preview checks the inputs before the banner
            _announce(svc, svc.preview_outreach(req), f"{req.kind} draft")
        out = _Out()
        streaming = args.format == "md" and svc.use_llm

        def restart(reason: str) -> None:
            _err(reason)
            out.newline()
            out("\n--- revised draft ---\n\n")

        result = svc.outreach(
            req,
            on_text=out if streaming else None,
            on_restart=restart if streaming else None,
        )
        if not svc.use_llm:
            _err(f"{req.kind} draft by the {svc.settings.engine_label}")
        draft = result.draft
        saved = svc.save_outreach(result) if args.save else None
        if args.format == "json":
            print_json(
                {
                    "draft": draft.model_dump(mode="json"),
                    "violations": [{"rule": v.rule, "reason": v.reason} for v in result.violations],
                    "attempts": result.attempts,
                    "engine": draft.engine,
                    "model": draft.model,
                    "usage": result.usage.model_dump(mode="json") if result.usage else None,
                    "saved_id": saved.id if saved else None,
                }
            )
        else:
            if streaming:
                out.newline()
            else:
                print_text(result.text())
            print_text("")
            print_text(_outreach_footer(result))
            if result.usage:
                _err(_usage_line(result.usage))
        if saved is not None:
            _err(
                f"saved draft {saved.id}; once you have sent it, run "
                f"`prepcoach drafts sent {saved.id}` to get a reminder if no answer comes."
            )
        return EXIT_CHECK_FAILED if result.violations else 0
    finally:
        report_problems(svc.store)


def _outreach_footer(result: Any) -> str:
    draft = result.draft
    if draft.engine == "offline":
        who = "_Offline draft: composed on this machine, no model used._"
    else:
        tries = f" after {result.attempts} attempts" if result.attempts > 1 else ""
        who = f"_Drafted by {draft.model}{tries}; checked by prepcoach._"
    if not result.violations:
        return f"{who}\nChecks: every rule for a {draft.outreach_kind} on {draft.channel} passes."
    lines = [who, f"Still breaks {_plural(len(result.violations), 'rule')}; fix before sending:"]
    lines += [f"- ✗ {v.rule}: {v.reason}" for v in result.violations]
    return "\n".join(lines)


# ---------------------------------------------------------------------- review


def cmd_review(args: argparse.Namespace) -> int:
    svc = _services(args)
    try:
        if args.dry_run:
            _print_dry_run(svc.preview_review(args.mentor, today=args.today), args.format)
            return 0
        if svc.use_llm:  # the previews check the inputs before the banner
            for p in svc.preview_review(args.mentor, today=args.today):
                _announce(svc, p, f"review message for {p.mentor}")
        records = svc.review(args.mentor, today=args.today, save=args.save)
        if not svc.use_llm:
            _err(f"review by the {svc.settings.engine_label}")
        plan = svc.plan()
        if args.format == "json":
            print_json([r.model_dump(mode="json") for r in records])
        else:
            print_text(
                _review_label(records) + "\n".join(_review_markdown(r, plan) for r in records)
            )
        for r in records:
            if args.save:
                _err(f"saved review {r.id}")
        return EXIT_CHECK_FAILED if any(r.violations for r in records) else 0
    finally:
        report_problems(svc.store)


def _review_label(records: list[Any]) -> str:
    """Who wrote what, once for the whole output (not once per mentor)."""
    models = list(dict.fromkeys(r.model for r in records if r.engine != "offline"))
    if not records:
        return ""
    if not models:
        return "_Offline review: decided by prepcoach's rules, messages composed offline._\n\n"
    return (
        "_Recommendations and reasons by prepcoach's rules; messages drafted by "
        f"{', '.join(m or 'a model' for m in models)}._\n\n"
    )


def _review_markdown(rec: Any, plan: Any) -> str:
    mentor = plan.mentor(rec.mentor)
    name = mentor.name if mentor else rec.mentor
    lines = [f"# Review: {name}: {rec.recommendation.replace('_', ' ')}", ""]
    if rec.term_month:
        lines.append(
            f"Term: month {rec.term_month} of {rec.term_months}; meetings held "
            f"{rec.meetings_held} of {rec.meetings_expected} expected."
        )
    if rec.objectives_met or rec.objectives_open:
        lines.append(
            f"Objectives met: {len(rec.objectives_met)}; open: {len(rec.objectives_open)}."
        )
    lines.append(f"Sessions without progress lately (drift): {rec.drift_sessions}.")
    lines += ["", "Why:"]
    lines += [f"- {r}" for r in rec.reasons]
    if rec.message:
        lines += ["", "Message draft:", ""]
        lines += [f"> {line}" if line else ">" for line in rec.message.splitlines()]
        if rec.violations:
            lines += [
                "",
                f"Still breaks {_plural(len(rec.violations), 'rule')}; fix before sending:",
            ]
            lines += [f"- ✗ {v}" for v in rec.violations]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------- drafts


def _draft_row(d: Any, reminder: Any | None) -> dict[str, Any]:
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


def _safe(text: str) -> str:
    """Stored text for a terminal: escape sequences and control characters removed."""
    from prepcoach.lint import _CTRL_RE, _ESC_RE

    return _CTRL_RE.sub("", _ESC_RE.sub("", text.replace("\r\n", "\n")))


def _one_line(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def cmd_drafts(args: argparse.Namespace) -> int:
    svc = _services(args)
    try:
        action = args.drafts_action
        if action == "list":
            return _drafts_list(svc, args)
        if action == "show":
            return _drafts_show(svc, args)
        if action == "sent":
            d = svc.mark_sent(args.id, on=args.on, today=getattr(args, "today", None))
            days = svc.plan().reminder_days
            print_text(
                f"{d.id}: marked sent on {d.sent_on}. With no answer after "
                f"{_plural(days, 'day')}, "
                "`prepcoach drafts list` shows a reminder with a nudge."
            )
            return 0
        d = svc.mark_answered(args.id, on=args.on, today=getattr(args, "today", None))
        print_text(f"{d.id}: marked answered on {d.answered_on} (sent on {d.sent_on}).")
        return 0
    finally:
        report_problems(svc.store)


def _drafts_list(svc: Services, args: argparse.Namespace) -> int:
    today = args.today or dt.date.today()
    drafts = svc.drafts()
    due = {r.draft.id: r for r in svc.reminders(today=today)}
    if args.format == "json":
        print_json(
            {
                "today": today.isoformat(),
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
            _one_line(_safe(d.to), 40),
            d.channel,
            status,
            d.created.isoformat(),
            d.sent_on.isoformat() if d.sent_on else "-",
            d.answered_on.isoformat() if d.answered_on else "-",
        ]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    if due:
        lines += ["", f"Reminders (sent, no answer after {_plural(days, 'day')} or more):", ""]
        for r in due.values():
            lines.append(
                f"- ⚑ {r.draft.id} to {_one_line(_safe(r.draft.to), 40)}: sent "
                f"{_plural(r.days, 'day')} ago ({r.draft.sent_on}). Nudge: {_safe(r.nudge)}"
            )
        lines += ["", "Got an answer? `prepcoach drafts answered ID`."]
    print_text("\n".join(lines))
    return 0


def _drafts_show(svc: Services, args: argparse.Namespace) -> int:
    from prepcoach.lint import applicable_rules, lint_draft

    d = svc.find_draft(args.id)
    violations = lint_draft(d)
    today = args.today or dt.date.today()
    reminder = next((r for r in svc.reminders(today=today) if r.draft.id == d.id), None)
    if args.format == "json":
        row = _draft_row(d, reminder)
        row.update(
            body=d.body,
            ask=d.ask,
            engine=d.engine,
            model=d.model,
            clean=not violations,
            violations=[{"rule": v.rule, "reason": v.reason} for v in violations],
        )
        print_json(row)
        return EXIT_CHECK_FAILED if violations else 0
    dates = f"created {d.created}"
    if d.sent_on:
        dates += f", sent {d.sent_on}"
    if d.answered_on:
        dates += f", answered {d.answered_on}"
    lines = [
        f"# {d.id}",
        "",
        f"{d.outreach_kind} to {_safe(d.to)} by {d.channel}; {d.status} ({dates}).",
        "",
    ]
    if d.subject:
        lines.append(f"Subject: {_safe(d.subject)}")
        lines.append("")
    lines.append(_safe(d.body).rstrip("\n"))
    lines.append("")
    if violations:
        lines.append(f"Still breaks {_plural(len(violations), 'rule')}; fix before sending:")
        lines += [f"- ✗ {v.rule}: {v.reason}" for v in violations]
    else:
        n = len(applicable_rules(d.outreach_kind, d.channel))
        lines.append(
            f"Checks: all {_plural(n, 'rule')} for a {d.outreach_kind} on {d.channel} pass."
        )
    if reminder is not None:
        lines += [
            "",
            f"⚑ Sent {_plural(reminder.days, 'day')} ago, no answer. Nudge: {reminder.nudge}",
        ]
    elif d.status == "draft":
        lines += ["", f"Once sent: `prepcoach drafts sent {d.id}`."]
    print_text("\n".join(lines))
    return EXIT_CHECK_FAILED if violations else 0


# ------------------------------------------------------------------------ lint


def cmd_lint(args: argparse.Namespace) -> int:
    from prepcoach.services import Services

    text = _read_input(args.file)
    if not text.strip():
        where = "standard input" if args.file == "-" else args.file
        raise UsageError(
            f"nothing to check: {where} is empty.",
            hint="Pass a file with the message, or pipe it in.",
        )
    violations = Services.lint(text, channel=args.channel, kind=args.kind)
    from prepcoach.lint import applicable_rules

    rules = applicable_rules(args.kind, args.channel)
    if args.format == "json":
        print_json(
            {
                "clean": not violations,
                "kind": args.kind,
                "channel": args.channel,
                "rules_checked": rules,
                "violations": [{"rule": v.rule, "reason": v.reason} for v in violations],
            }
        )
    elif violations:
        lines = [f"{_plural(len(violations), 'rule')} broken ({args.kind}, {args.channel}):"]
        lines += [f"✗ {v.rule}: {v.reason}" for v in violations]
        print_text("\n".join(lines))
    else:
        print_text(
            f"✓ clean: all {_plural(len(rules), 'rule')} for a {args.kind} on {args.channel} pass."
        )
    return EXIT_CHECK_FAILED if violations else 0


def _read_input(name: str) -> str:
    if name == "-":
        try:
            data = sys.stdin.buffer.read()
        except (OSError, ValueError) as exc:
            raise UsageError(f"cannot read standard input: {exc}.") from None
        where = "standard input"
    else:
        path = Path(name).expanduser()
        if path.is_dir():
            raise UsageError(f"{path} is a directory, not a text file.")
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise UsageError(
                f"no such file: {path}.", hint="Pass a text file, or - for stdin."
            ) from None
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror or exc}.") from None
        where = str(path)
    if b"\x00" in data:
        raise UsageError(f"{where} is not text (it contains NUL bytes).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{where} is not UTF-8 text.", hint="Save it as UTF-8.") from None


# --------------------------------------------------------------------- prompts


def cmd_prompts(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    from prepcoach.templating import Prompts

    prompts = Prompts(settings.prompts_dir)
    action = args.prompts_action
    if action == "list":
        infos = prompts.list_templates()
        if args.format == "json":
            print_json(
                {
                    "user_dir": str(settings.prompts_dir),
                    "packaged_dir": str(prompts.packaged_dir),
                    "templates": [
                        {"name": i.name, "origin": i.origin, "path": str(i.path)} for i in infos
                    ],
                }
            )
            return 0
        width = max(len(i.name) for i in infos) if infos else 10
        lines = [f"Your prompt folder: {settings.prompts_dir} (shadows the packaged ones)", ""]
        lines += [f"{i.name:<{width}}  {i.origin}" for i in infos]
        lines += ["", 'Copy one there to customise it, or `{% extends "default/NAME" %}`.']
        print_text("\n".join(lines))
        return 0
    if action == "show":
        infos = prompts.find(args.name)
        for n, info in enumerate(infos):
            text, info = prompts.source(info.name)
            _err(f"{info.name}: {info.origin}, {info.path}")
            if len(infos) > 1:  # a job's set: a header line before each file
                sys.stdout.write(f"{chr(10) if n else ''}----- {info.name} -----\n")
            text = sanitize(text)
            sys.stdout.write(text if text.endswith("\n") or len(infos) == 1 else text + "\n")
        return 0
    # render: the exact messages for the given inputs, as --dry-run shows them
    job = _job_of(args.name)
    args.dry_run = True
    if job == "agenda":
        if not args.mentor:
            raise UsageError("rendering the agenda prompt needs --mentor NAME.")
        args.accomplishment = args.accomplishment or []
        args.question = args.question or []
        args.save = False
        return cmd_agenda(args)
    if job == "outreach":
        if not args.to:
            raise UsageError("rendering the outreach prompt needs --to NAME (and --ask TEXT).")
        args.save = False
        return cmd_outreach(args)
    args.save = False
    return cmd_review(args)


def _job_of(name: str) -> str:
    base = name.removeprefix("default/")
    for job in ("agenda", "outreach", "review"):
        if base == job or base.startswith(job + ".") or base.startswith(job + "-"):
            return job
    raise UsageError(
        f'cannot render "{name}" on its own.',
        hint="Render a job: agenda, outreach or review (partials render inside them).",
    )


# ---------------------------------------------------------------------- doctor


class _Checks:
    def __init__(self) -> None:
        self.rows: list[dict[str, str]] = []

    def add(self, name: str, status: str, detail: str, fix: str = "") -> None:
        self.rows.append({"check": name, "status": status, "detail": detail, "fix": fix})

    @property
    def failed(self) -> bool:
        return any(r["status"] == "fail" for r in self.rows)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r["status"] == status)

    def verdict(self) -> str:
        """The last line: failures and warnings counted ("No failures; 2 warnings.")."""
        fails, warns = self.count("fail"), self.count("warn")
        if fails:
            also = f" and {_plural(warns, 'warning')}" if warns else ""
            return f"{_plural(fails, 'check')} failed{also}: see the fixes above."
        if warns:
            return f"No failures; {_plural(warns, 'warning')}: see the fixes above."
        return "All checks passed."


def cmd_doctor(args: argparse.Namespace) -> int:
    checks = _Checks()
    from prepcoach.settings import default_config_dir, load_settings

    try:
        settings = settings_from(args)
    except PrepcoachError as exc:
        checks.add("config", "fail", exc.message, exc.hint or "Fix the config file.")
        # carry on without the file, so the other checks still run
        real_dir = default_config_dir()
        fallback = load_settings(data=args.data, config_dir=Path(os.devnull) / "none")
        sources = {**fallback.sources, "config_file": "invalid, ignored for the checks below"}
        settings = dataclasses.replace(fallback, config_dir=real_dir, sources=sources)
    else:
        cfg = settings.config_file
        state = "found" if cfg.exists() else "not present (defaults and environment used)"
        checks.add("config", "ok", f"{cfg}: {state}")
    rows = settings.describe()

    # key: presence and source only
    if settings.api_key:
        checks.add("api key", "ok", f"set (from {settings.sources.get('api_key') or '?'})")
    else:
        checks.add(
            "api key",
            "info",
            "not set: the offline engine is used",
            "Set OPENAI_API_KEY (any value for local servers such as Ollama) to use a model.",
        )

    _doctor_endpoint(settings, checks, args.timeout)
    _doctor_tokenizer(checks)
    _doctor_prompts(settings, checks)
    _doctor_data(settings, checks)

    if args.format == "json":
        print_json(
            {
                "ok": not checks.failed,
                "failures": checks.count("fail"),
                "warnings": checks.count("warn"),
                "settings": [{"setting": s, "value": v, "source": src} for s, v, src in rows],
                "checks": checks.rows,
            }
        )
    else:
        lines = ["# prepcoach doctor", "", "Settings:"]
        w = max(len(s) for s, _, _ in rows)
        lines += [f"  {s:<{w}}  {v}  ({src})" for s, v, src in rows]
        lines += ["", "Checks:"]
        marks = {"ok": "ok  ", "fail": "FAIL", "warn": "warn", "info": "info"}
        for r in checks.rows:
            lines.append(f"  {marks.get(r['status'], r['status'])}  {r['check']}: {r['detail']}")
            if r["fix"] and r["status"] != "ok":
                lines.append(f"        fix: {r['fix']}")
        lines.append("")
        lines.append(checks.verdict())
        print_text("\n".join(lines))
    return EXIT_CHECK_FAILED if checks.failed else 0


def _doctor_endpoint(settings: Any, checks: _Checks, timeout: float) -> None:
    if not settings.api_key and not settings.base_url:
        checks.add("endpoint", "info", "not checked (no API key or base URL configured)")
        return
    from prepcoach.engines.llm import LLM

    llm = LLM(settings)
    try:
        models = llm.list_models(timeout=timeout)
    except PrepcoachError as exc:
        checks.add("endpoint", "fail", exc.message, exc.hint)
        return
    checks.add(
        "endpoint", "ok", f"{llm.base_url} answered; {_plural(len(models), 'model')} offered"
    )
    if not models:
        checks.add("model", "warn", f'"{settings.model}": the server lists no models to check')
    elif settings.model in models:
        checks.add("model", "ok", f'"{settings.model}" is offered')
    else:
        shown = ", ".join(models[:8]) + (" …" if len(models) > 8 else "")
        checks.add(
            "model",
            "fail",
            f'"{settings.model}" is not among the models offered ({shown})',
            "Pick one with --model, PREPCOACH_MODEL or `model = ...` in config.toml.",
        )
    if settings.price_for() is None:
        checks.add(
            "prices",
            "info",
            f'no price for "{settings.model}": costs show as unknown',
            f'Add [prices."{settings.model}"] input = ..., output = ... to config.toml.',
        )


def _doctor_tokenizer(checks: _Checks) -> None:
    from prepcoach import tokens

    status = tokens.load()
    if status.ok:
        checks.add("tokenizer", "ok", f"{status.message} ({status.path.name})")
    else:
        checks.add(
            "tokenizer",
            "fail",
            status.message,
            "Reinstall prepcoach; until then token counts are approximate (chars/4).",
        )


def _doctor_prompts(settings: Any, checks: _Checks) -> None:
    from prepcoach.templating import Prompts

    prompts = Prompts(settings.prompts_dir)
    infos = prompts.list_templates()
    user = [i for i in infos if i.origin.startswith("user")]
    problems = []
    from prepcoach.services import sample_contexts

    for job, context in sample_contexts().items():
        try:
            prompts.messages(job, context)
            if job == "outreach":
                prompts.render("outreach.repair.j2", context)
        except PrepcoachError as exc:
            problems.append(str(exc))
    if problems:
        checks.add("prompts", "fail", problems[0], "Fix or remove the template named above.")
    else:
        detail = f"{_plural(len(infos), 'template')} parse"
        if user:
            detail += f"; yours: {', '.join(i.name for i in user)}"
        checks.add("prompts", "ok", detail)


def _doctor_data(settings: Any, checks: _Checks) -> None:
    from prepcoach.store import Store

    root = settings.data_dir
    if not root.exists():
        checks.add(
            "data dir",
            "info",
            f"{root} does not exist yet (created on the first save)",
            'Add a mentor with `prepcoach mentors add "NAME"`, or try `prepcoach demo`.',
        )
        return
    if not root.is_dir():
        checks.add("data dir", "fail", f"{root} is not a directory", "Point --data elsewhere.")
        return
    mode = stat.S_IMODE(root.stat().st_mode)
    if not os.access(root, os.W_OK | os.X_OK):
        checks.add("data dir", "fail", f"{root} is not writable", f"Fix with: chmod u+rwx {root}")
    elif mode & 0o077:
        checks.add(
            "data dir",
            "warn",
            f"{root} is readable by others (mode {mode:03o})",
            f"chmod 700 {root}",
        )
    else:
        checks.add("data dir", "ok", f"{root} (mode {mode:03o})")
    loose = []
    for path in root.rglob("*.json"):
        try:
            if stat.S_IMODE(path.stat().st_mode) & 0o077:
                loose.append(path.name)
        except OSError:
            continue
    if loose:
        checks.add(
            "file modes",
            "warn",
            f"{_plural(len(loose), 'file')} readable by others (e.g. {loose[0]})",
            f"chmod 600 the files under {root}",
        )
    store = Store(root)
    try:
        plan = store.load_plan()
        sessions = store.list_sessions()
        drafts = store.list_outreach()
        reviews = store.list_reviews()
    except PrepcoachError as exc:
        checks.add("data", "fail", exc.message, exc.hint)
        return
    checks.add(
        "data",
        "ok",
        f"{_plural(len(plan.mentors), 'mentor')}, {_plural(len(plan.objectives), 'objective')}, "
        f"{_plural(len(sessions), 'session')}, {_plural(len(drafts), 'outreach draft')}, "
        f"{_plural(len(reviews), 'review')}",
    )
    set_aside = root / "corrupt"
    if store.problems:
        for p in store.problems:
            if "moved to" in p:
                hint = "Look at the file named; fix it and move it back."
            elif "upgraded" in p:
                hint = "Nothing to do; the original is kept as named."
            else:
                hint = ""  # a skipped file: the line itself says what to do
            checks.add("data file", "warn", p, hint)
    elif set_aside.is_dir() and any(set_aside.rglob("*")):
        n = sum(1 for p in set_aside.rglob("*") if p.is_file())
        checks.add(
            "set aside",
            "info",
            f"{_plural(n, 'unreadable file')} kept in {set_aside}",
            "Fix them and move them back, or delete them when no longer needed.",
        )


# -------------------------------------------------------------------- register


def register(sub: Any) -> None:
    """Add this group's subcommands to the top-level parser."""
    p = sub.add_parser(
        "agenda",
        help="a time-boxed agenda for your next meeting with a mentor",
        description="A time-boxed agenda: carried-over items, brief wins, your questions "
        "(given the time), tied to your objectives, with a close. Boxes sum to --minutes.",
    )
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
    p.add_argument(
        "--minutes",
        type=meeting_minutes,
        default=DEFAULT_MEETING_MINUTES,
        metavar="N",
        help=f"meeting length, {MIN_MEETING_MINUTES} to {MAX_MEETING_MINUTES} minutes "
        f"(default {DEFAULT_MEETING_MINUTES})",
    )
    p.add_argument(
        "--save",
        action="store_true",
        help="store the prepared session (saving the same meeting again updates it)",
    )
    _common(p)
    p.set_defaults(func=cmd_agenda)

    p = sub.add_parser(
        "outreach",
        help="a short, low-key message: first request, recommendation, renewal, ...",
        description="Draft an outreach message that passes the outreach rules (see "
        "`prepcoach lint --help`). Exit 1 if a model's draft still breaks a rule.",
    )
    p.add_argument("--to", required=True, metavar="NAME", help="who the message is for")
    p.add_argument("--title", metavar="TITLE", help="their title, e.g. 'VP Engineering'")
    p.add_argument("--organisation", "--org", metavar="ORG", help="their organisation")
    p.add_argument("--ask", metavar="TEXT", help="the one specific thing you are asking about")
    p.add_argument("--channel", choices=CHANNELS, default="email", help="default: email")
    p.add_argument("--kind", choices=OUTREACH_KINDS, default="first-request")
    p.add_argument(
        "--mentor", metavar="NAME", help="the mentor this concerns (renewal, wind-down, ...)"
    )
    p.add_argument(
        "--context", metavar="TEXT", help="follow-up: what you did with their advice; notes"
    )
    p.add_argument("--save", action="store_true", help="keep the draft under outreach/")
    _common(p)
    p.set_defaults(func=cmd_outreach)

    p = sub.add_parser(
        "review",
        help="continue, renew, loosen or move on: a checkpoint per mentor",
        description="Term clock, meetings held vs expected, objectives met, drift; one "
        "recommendation per mentor with every reason, and a draft message.",
    )
    p.add_argument("--mentor", metavar="NAME", help="one mentor (default: all)")
    p.add_argument("--save", action="store_true", help="keep the reviews under reviews/")
    _common(p)
    p.set_defaults(func=cmd_review)

    p = sub.add_parser(
        "drafts",
        help="saved outreach drafts: list (with reminders), show, mark sent or answered",
        description="Saved outreach drafts and their status. A draft marked sent with no "
        "answer after the plan's reminder_days (default 10) shows as a reminder with a "
        "one-line nudge.",
    )
    dsub = p.add_subparsers(dest="drafts_action", metavar="ACTION", required=True)
    dl = dsub.add_parser(
        "list",
        help="every draft with its status; reminders flagged",
        description="Every saved outreach draft, oldest first, with its status (draft, sent, "
        "answered). A draft sent with no answer after the plan's reminder_days is flagged "
        "as a reminder, with a one-line nudge to send.",
    )
    _today_flag(dl)
    ds = dsub.add_parser(
        "show",
        help="a draft's subject, body and lint result (exit 1 if a rule breaks)",
        description="One saved draft: subject, body, status and dates, checked against the "
        "outreach rules for its kind and channel. Exit 1 if a rule breaks.",
    )
    ds.add_argument("id", metavar="ID", help="draft id (or a unique prefix)")
    _today_flag(ds)
    dsent = dsub.add_parser(
        "sent",
        help="mark a draft sent (starts the reminder clock)",
        description="Mark a draft sent (today, or --on DATE). With no answer after the "
        "plan's reminder_days, `prepcoach drafts list` shows a reminder.",
    )
    dsent.add_argument("id", metavar="ID", help="draft id (or a unique prefix)")
    dans = dsub.add_parser(
        "answered",
        help="mark a draft answered (stops the reminder)",
        description="Mark a draft answered (today, or --on DATE); its reminder stops.",
    )
    dans.add_argument("id", metavar="ID", help="draft id (or a unique prefix)")
    for q in (dsent, dans):
        q.add_argument(
            "--on", type=_iso_date, metavar="DATE", help="the day it happened (default: today)"
        )
    for q in (dsent, dans):
        _today_flag(q)
    for q in (dl, ds, dsent, dans):
        add_data_flag(q)
        add_format_flag(q)
        q.set_defaults(func=cmd_drafts)

    p = sub.add_parser(
        "lint",
        help="check outreach text against the rules (exit 1 on a violation)",
        description="Check a message against the outreach rules. A first line "
        "'Subject: ...' is the subject. Exit 0 clean, 1 a rule broken, 2 unreadable input.",
    )
    p.add_argument("file", metavar="FILE|-", help="a text file, or - for standard input")
    p.add_argument("--channel", choices=CHANNELS, default="email", help="default: email")
    p.add_argument("--kind", choices=OUTREACH_KINDS, default="first-request")
    add_format_flag(p)
    p.set_defaults(func=cmd_lint)

    p = sub.add_parser(
        "prompts",
        help="list, show or render the prompt templates",
        description="Prompt templates (Jinja2). Files in your prompt folder shadow the "
        "packaged ones; default/NAME is always the packaged one.",
    )
    psub = p.add_subparsers(dest="prompts_action", metavar="ACTION", required=True)
    pl = psub.add_parser(
        "list",
        help="packaged and user templates",
        description="Every prompt template and where it comes from: packaged, yours, or "
        "yours overriding a packaged one.",
    )
    add_data_flag(pl)
    add_format_flag(pl)
    ps = psub.add_parser(
        "show",
        help="print a template's source",
        description="Print a template's source. NAME may be short: a job (agenda, outreach, "
        "review) shows its system and user templates; a part such as 'repair' or "
        "'wind-down' shows the one template it names.",
    )
    ps.add_argument(
        "name",
        metavar="NAME",
        help="e.g. agenda, agenda.user, outreach-wind-down.j2 or default/agenda.user.j2",
    )
    add_data_flag(ps)
    pr = psub.add_parser(
        "render",
        help="the exact messages a job would send, for given inputs",
        description="Render a job's messages (agenda, outreach or review) exactly as they "
        "would be sent. Takes that command's inputs.",
    )
    pr.add_argument("name", metavar="NAME", help="agenda, outreach or review (or a file of one)")
    pr.add_argument("--mentor", metavar="NAME")
    pr.add_argument("--accomplishment", action="append", metavar="TEXT")
    pr.add_argument("--question", action="append", metavar="TEXT")
    pr.add_argument(
        "--minutes",
        type=meeting_minutes,
        default=DEFAULT_MEETING_MINUTES,
        metavar="N",
        help=f"agenda: meeting length (default {DEFAULT_MEETING_MINUTES})",
    )
    pr.add_argument("--to", metavar="NAME")
    pr.add_argument("--title", metavar="TITLE")
    pr.add_argument("--organisation", "--org", metavar="ORG")
    pr.add_argument("--ask", metavar="TEXT")
    pr.add_argument("--channel", choices=CHANNELS, default="email")
    pr.add_argument("--kind", choices=OUTREACH_KINDS, default="first-request")
    pr.add_argument("--context", metavar="TEXT")
    pr.add_argument("--offline", action="store_true", help=argparse.SUPPRESS)
    pr.add_argument("--model", help="model name (for the token count and cost)")
    pr.add_argument("--redact", action="store_true", help="show the redacted messages")
    add_data_flag(pr)
    add_format_flag(pr)
    _today_flag(pr)
    for q in (pl, ps, pr):
        q.set_defaults(func=cmd_prompts)

    p = sub.add_parser(
        "doctor",
        help="check config, key, endpoint, model, tokenizer, prompts and data",
        description="Checks the setup and says what to fix. Never shows the API key. "
        "Exit 1 if a check failed.",
    )
    p.add_argument(
        "--timeout", type=float, default=5.0, help="seconds to wait for the endpoint (default 5)"
    )
    add_data_flag(p)
    add_format_flag(p)
    p.set_defaults(func=cmd_doctor)


def _common(p: argparse.ArgumentParser) -> None:
    add_data_flag(p)
    add_format_flag(p)
    add_generation_flags(p)
    _today_flag(p)
