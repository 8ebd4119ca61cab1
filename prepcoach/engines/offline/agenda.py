"""The offline agenda composer (``compose_agenda``).

Layout: carried-over items first (unresolved questions, open actions; marked
``carried_over`` with their source), one brief wins item, each open question its own item
with the most time and tied to the objective whose words match, a check-in for each of
this mentor's open objectives that no item covers, and a close with next steps and the
next meeting date (see ``prepcoach.agenda.proposed_next_meeting``: none past the term's
end). Boxes always sum exactly to the meeting length; when there are more items than
minutes, items are grouped (every question still listed) and the summary says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from prepcoach.agenda import (
    AgendaInput,
    CarryOver,
    carried_over,
    carry_item,
    close_item,
    fit_to_minutes,
    proposed_next_meeting,
    same_text,
    term_close,
    win_cap,
)
from prepcoach.errors import UsageError
from prepcoach.lint import clean_text
from prepcoach.models import Agenda, AgendaItem, Objective, Session
from prepcoach.text import plural


def _brief(text: str, max_words: int = 14, *, whole: bool = False) -> str:
    """First sentence of ``text`` (all of it when ``whole``), at most ``max_words`` words."""
    text = " ".join(clean_text(text).split())
    first = text if whole else re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    ws = first.split()
    if len(ws) > max_words:
        return " ".join(ws[:max_words]).rstrip(",;:") + "…"
    return first.rstrip(".")


def _wins_item(inp: AgendaInput, last: Session | None) -> AgendaItem | None:
    wins = [_brief(a).replace(";", ",") for a in inp.accomplishments if clean_text(a).strip()]
    wins = [w for w in wins if w]
    if not wins:
        return None
    shown = wins[:3]
    detail = "; ".join(shown)
    if len(wins) > 3:
        detail += f"; and {len(wins) - 3} more in your notes"
    detail += ". Two sentences at most: the time is for your questions."
    title = f"Wins since {last.date.isoformat()}" if last is not None else "Wins"
    return AgendaItem(title=title, minutes=1, kind="win", detail=detail)


def _end(text: str) -> str:
    return text if text.endswith((".", "…", "!", "?")) else text + "."


def _question_detail(obj: Objective | None, also_open_since: str, with_done: bool = True) -> str:
    parts: list[str] = []
    if obj is not None:
        parts.append(_end(f"Ties to: {obj.title}"))
        if obj.done_when and with_done:
            parts.append(_end(f"Done when: {_brief(obj.done_when, 18, whole=True)}"))
    if also_open_since:
        parts.append(f"Also open since the {also_open_since}.")
    parts.append("Leave with one concrete next step.")
    return " ".join(parts)


def compose_agenda(inp: AgendaInput) -> Agenda:
    """A time-boxed agenda for ``inp`` with no model (``engine="offline"``).

    Guarantees (tested over many minute counts and question counts): the boxes are
    integers >= 1 summing exactly to ``inp.minutes``; every open question appears
    verbatim; carried-over items come first; ``check_agenda(result, inp) == []``.
    Raises ``UsageError`` when ``inp.minutes < 1``.
    """
    if inp.minutes < 1:
        raise UsageError("the meeting needs at least 1 minute.", hint="Pass --minutes N.")
    objectives = inp.ordered_objectives()
    history = inp.mentor_history()
    last = history[-1] if history else None
    questions = inp.open_questions()
    # earlier open questions, to note "also open since" on a question asked again
    all_carry = [
        c for c in carried_over(history, objectives, inp.preferred_ids()) if c.kind == "question"
    ]
    carry = inp.carry_overs()

    items: list[AgendaItem] = []
    for c in carry:
        item = carry_item(c, objectives)
        items.append(item.model_copy(update={"minutes": 4 if c.kind == "question" else 2}))

    win = _wins_item(inp, last)
    if win is not None:
        items.append(win)

    done_shown: set[str] = set()  # say an objective's done-when once
    for q in questions:
        obj = inp.match(q)
        since = next((c.source for c in all_carry if same_text(c.text, q)), "")
        with_done = obj is not None and obj.id not in done_shown
        if obj is not None:
            done_shown.add(obj.id)
        items.append(
            AgendaItem(
                title=q,
                minutes=6,
                kind="question",
                detail=_question_detail(obj, since, with_done),
                objective_id=obj.id if obj else None,
            )
        )

    covered = {it.objective_id for it in items if it.objective_id}
    mine_open = inp.mentor_objectives("open")
    for o in mine_open:
        if o.id in covered:
            continue
        detail = "Where it stands, what is blocking it, and the next step."
        if o.done_when:
            detail = _end(f"Done when: {_brief(o.done_when, 18, whole=True)}") + " " + detail
        items.append(
            AgendaItem(
                title=f"Check-in: {o.title}",
                minutes=3,
                kind="objective",
                detail=detail,
                objective_id=o.id,
            )
        )
    if not mine_open and not questions and not carry:
        items.append(
            AgendaItem(
                title="Agree on one objective to work on together",
                minutes=3,
                kind="objective",
                detail="Name it, say what done looks like, and which kind of help you need.",
            )
        )

    next_date = proposed_next_meeting(inp.mentor, inp.today)  # None: past the term's end
    close = close_item(inp, next_date)
    items.append(close.model_copy(update={"minutes": 3 if inp.minutes >= 20 else 2}))

    fitted, notice = fit_to_minutes(items, inp.minutes)
    summary = _agenda_summary(inp, fitted, carry, questions, next_date)
    if notice:
        summary += " " + notice
    return Agenda(
        mentor=inp.mentor.id,
        minutes=inp.minutes,
        items=fitted,
        engine="offline",
        model="",
        next_meeting=next_date,
        summary=summary,
    )


def _agenda_summary(
    inp: AgendaInput,
    items: list[AgendaItem],
    carry: Sequence[CarryOver],
    questions: list[str],
    next_date: dt.date | None,
) -> str:
    m = inp.mentor
    when = ""
    if m.next_meeting is not None and m.next_meeting >= inp.today:
        when = f" on {m.next_meeting.strftime('%a')} {m.next_meeting.isoformat()}"
    q_min = sum(it.minutes for it in items if it.kind == "question")
    win_min = sum(it.minutes for it in items if it.kind == "win")
    parts = [f"{plural(inp.minutes, 'minute')} with {m.name}{when}."]
    bits: list[str] = []
    if carry:
        bits.append(f"{len(carry)} carried over")
    if questions:
        bits.append(f"{plural(len(questions), 'question')} ({q_min} min)")
    if win_min:
        bits.append(f"wins kept to {win_min} min (cap {win_cap(inp.minutes)})")
    if bits:
        parts.append("; ".join(bits).capitalize() + ".")
    if m.term_start is not None:
        end = m.term_end()
        if end is not None and next_date is None and end >= inp.today:
            parts.append(
                f"The term ends on {end.isoformat()}: {term_close(inp.term_decision).summary}"
            )
        elif end is not None and next_date is not None and inp.today <= end <= next_date:
            parts.append(f"The term ends on {end.isoformat()}.")
    return " ".join(parts)
