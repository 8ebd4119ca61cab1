"""Markdown for an agenda, a mentor, a session, a review and an outreach draft.

Light at module scope (text helpers and vocabulary only), so any interface may import it
before its first output; the records' modules are imported for type checking only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from prepcoach.text import md_escape, plural
from prepcoach.vocab import SUPPORT_AREA_LABELS

if TYPE_CHECKING:
    from prepcoach import models
    from prepcoach.lint import Violation
    from prepcoach.outreach import Reminder
    from prepcoach.store import SessionSummary


def cell(value: Any) -> str:
    """Text safe inside a Markdown table cell."""
    text = "" if value is None else str(value)
    return " ".join(text.replace("|", "\\|").split()) or " "


def table(headers: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def rule_failures(items: Sequence[str]) -> list[str]:
    """The lines saying which rules a message still breaks, one ``- ✗`` line per item."""
    return [
        f"Still breaks {plural(len(items), 'rule')}; fix before sending:",
        *(f"- ✗ {item}" for item in items),
    ]


# --------------------------------------------------------------------- agenda


def agenda_markdown(
    agenda: models.Agenda,
    mentor: models.Mentor | None = None,
    objectives: Sequence[models.Objective] | None = None,
) -> str:
    """The agenda as Markdown: heading, engine label, numbered items with clock times,
    time boxes, sources of carried-over items and the objectives they tie to (the agenda
    module's presenter, which its streaming preview also uses)."""
    from prepcoach import agenda as agenda_module

    return agenda_module.agenda_markdown(agenda, mentor, objectives)


# --------------------------------------------------------------------- mentor


def mentor_markdown(
    m: models.Mentor,
    info: dict[str, Any],
    objs: Sequence[models.Objective],
    summaries: Sequence[SessionSummary],
    open_actions: Sequence[dict[str, Any]],
) -> str:
    """One mentor: who, status, term (``info``: the mentor's listing row with its term
    clock), support, the objectives they help with, the sessions and open action items."""
    head = [f"# {m.name}", ""]
    who = ", ".join(x for x in (m.title, m.organisation) if x)
    above = f"{m.levels_above} level{'' if m.levels_above == 1 else 's'} above you"
    head.append((f"{who} · " if who else "") + f"{m.relation} · {above}")
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
        rows = [
            [s.date.isoformat(), s.id, s.open_questions, s.open_action_items, s.first_line or "-"]
            for s in summaries
        ]
        headers = ["Date", "Id", "Open questions", "Open actions", "Summary"]
        out.append("## Sessions\n\n" + table(headers, rows))
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
    return "\n\n".join(out)


# -------------------------------------------------------------------- session


def session_markdown(s: models.Session, plan: models.Plan, *, meta: bool = True) -> str:
    """A session as a Markdown document: agenda with time boxes, notes, action items.
    The user's items (wins, questions, answers, actions) are escaped to show as typed;
    the notes are kept as written, Markdown and all.
    ``meta``: end with the session id, engine and tokens (left out of exports)."""
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
            + "\n".join(f"- {md_escape(a)}" for a in s.accomplishments)
        )
    if s.questions:
        parts.append("## Questions\n\n" + "\n".join(_question_line(q) for q in s.questions))
    if s.agenda and s.agenda.items:
        parts += _session_agenda(s, objectives, meta=meta)
    if s.notes.strip():
        parts.append("## Notes\n\n" + s.notes.strip())
    if s.action_items:
        parts.append("## Action items\n\n" + "\n".join(_action_line(a) for a in s.action_items))
    if s.objective_progress:
        lines = []
        for p in s.objective_progress:
            title = objectives.get(p.objective_id, p.objective_id)
            mark = "progress" if p.progressed else "no progress"
            note = f" — {md_escape(p.note)}" if p.note else ""
            lines.append(f"- **{md_escape(title)}**: {mark}{note}")
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


def _question_line(q: models.Question) -> str:
    """A question as a checklist line: ticked once resolved, with its answer."""
    answer = f" — {md_escape(q.answer)}" if q.answer else ""
    return f"- [{'x' if q.resolved else ' '}] {md_escape(q.text)}{answer}"


def _action_line(a: models.ActionItem) -> str:
    """An action item as a checklist line: ticked once done, with owner and dates."""
    due = f", due {a.due.isoformat()}" if a.due else ""
    done = f", done {a.done_on.isoformat()}" if a.done_on else ""
    return f"- [{'x' if a.done else ' '}] {md_escape(a.text)} ({md_escape(a.owner)}{due}{done})"


def _session_agenda(s: models.Session, objectives: dict[str, str], *, meta: bool) -> list[str]:
    """The agenda part of a session: a table of time boxes, the total, the summary."""
    agenda = s.agenda
    assert agenda is not None
    rows = []
    t = 0
    for i, item in enumerate(agenda.items, 1):
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
    total = agenda.total()
    note = f"Total {total} of {agenda.minutes} minute{'' if agenda.minutes == 1 else 's'}"
    if total != agenda.minutes:
        note += " (time boxes do not add up to the meeting length)"
    by = "offline engine" if agenda.engine == "offline" else f"model {agenda.model}"
    if meta:
        note += f"; drafted by the {by}"
    parts = [
        f"## Agenda ({agenda.minutes} min)\n\n"
        + table(["#", "Time", "Min", "Item", "Kind", "Detail"], rows)
        + f"\n\n{note}."
    ]
    if agenda.summary:
        parts.append(agenda.summary.strip())
    return parts


# --------------------------------------------------------------------- review


def review_label(records: Sequence[models.ReviewRecord]) -> str:
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


def review_markdown(rec: models.ReviewRecord, plan: models.Plan) -> str:
    """One mentor's review: the recommendation, the facts, every reason, the message."""
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
            lines += ["", *rule_failures(rec.violations)]
    elif rec.violations:
        lines += ["", *(f"- {v}" for v in rec.violations)]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------- draft


def draft_markdown(
    d: models.OutreachDraft,
    violations: Sequence[Violation],
    rules_checked: int,
    reminder: Reminder | None = None,
) -> str:
    """A saved outreach draft: kind, recipient, status and dates, subject and body, the
    result of the outreach rules (``rules_checked`` of them apply) and, when it is due,
    the reminder with its nudge."""
    dates = f"created {d.created}"
    if d.sent_on:
        dates += f", sent {d.sent_on}"
    if d.answered_on:
        dates += f", answered {d.answered_on}"
    lines = [
        f"# {d.id}",
        "",
        f"{d.outreach_kind} to {d.to} by {d.channel}; {d.status} ({dates}).",
        "",
    ]
    if d.subject:
        lines.append(f"Subject: {d.subject}")
        lines.append("")
    lines.append(d.body.rstrip("\n"))
    lines.append("")
    if violations:
        lines += rule_failures([f"{v.rule}: {v.reason}" for v in violations])
    else:
        lines.append(
            f"Checks: all {plural(rules_checked, 'rule')} for a {d.outreach_kind} "
            f"on {d.channel} pass."
        )
    if reminder is not None:
        lines += [
            "",
            f"⚑ Sent {plural(reminder.days, 'day')} ago, no answer. Nudge: {reminder.nudge}",
        ]
    return "\n".join(lines)
