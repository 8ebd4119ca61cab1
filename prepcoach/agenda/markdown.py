"""The agenda as Markdown, for export and for the screen."""

from __future__ import annotations

from collections.abc import Sequence

from prepcoach.models import Agenda, Mentor, Objective
from prepcoach.text import md_escape, plural


def _clock(minute: int) -> str:
    return f"{minute // 60}:{minute % 60:02d}"


_KIND_LABEL = {
    "opening": "Opening",
    "carried_over": "Carried over",
    "win": "Wins",
    "question": "Question",
    "objective": "Objective",
    "close": "Close",
}


def _detail_line(line: str) -> str:
    """One line of an item's detail: a leading "- " stays a bullet, the rest is text."""
    if line.startswith("- "):
        return "- " + md_escape(line[2:])
    return md_escape(line)


def agenda_markdown(
    agenda: Agenda,
    mentor: Mentor | None = None,
    objectives: Sequence[Objective] | None = None,
) -> str:
    """The agenda as Markdown: heading, engine label, numbered items with clock times,
    time boxes, sources of carried-over items and the objectives they tie to. Every text
    from the user or a model is escaped, so it shows as typed, never as Markdown."""
    who = md_escape(mentor.name if mentor is not None else agenda.mentor)
    lines = [f"# Agenda: {who}, {plural(agenda.minutes, 'minute')}", ""]
    if agenda.engine == "offline":
        lines.append("_Offline draft: composed on this machine, no model used._")
    else:
        lines.append(f"_Drafted by {agenda.model or 'a model'}; times checked by prepcoach._")
    lines.append("")
    if agenda.summary:
        lines += [md_escape(agenda.summary), ""]
    titles = {o.id: o.title for o in objectives or ()}
    start = 0
    for n, it in enumerate(agenda.items, 1):
        end = start + it.minutes
        label = _KIND_LABEL.get(it.kind, it.kind)
        when = f"{it.minutes} min, {_clock(start)}-{_clock(end)}, {label}"
        lines.append(f"{n}. **{md_escape(it.title)}** ({when})")
        lines += [f"   {_detail_line(d.strip())}" for d in it.detail.splitlines() if d.strip()]
        if (
            it.objective_id
            and it.objective_id in titles
            and titles[it.objective_id] not in it.detail
        ):
            lines.append(f"   Objective: {md_escape(titles[it.objective_id])}")
        start = end
    lines.append("")
    total = agenda.total()
    lines.append(f"Total: {total} of {plural(agenda.minutes, 'minute')}.")
    if agenda.next_meeting is not None:
        lines.append(f"Next meeting: {agenda.next_meeting.strftime('%a')} {agenda.next_meeting}.")
    return "\n".join(lines) + "\n"
