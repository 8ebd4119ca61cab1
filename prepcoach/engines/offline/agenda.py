"""The offline agenda composer (``compose_agenda``).

Layout follows the meeting's moment in the term (``prepcoach.agenda.moment``, items from
``prepcoach.agenda.shapes``): a first meeting opens with "How we'll work this term", a
drifting one with "Name the drift"; then carried-over items (unresolved questions, open
actions; marked ``carried_over`` with their source), one brief wins item (only when there
are wins), a midpoint's "Progress check", each open question its own item tied to the
objective whose words match, then in an ordinary meeting a check-in for each of this
mentor's open objectives that no item covers, at the last meeting the "Wrap-up", and a
close with next steps and the next meeting date (none past the term's end). Boxes follow
``prepcoach.agenda.timebox`` and sum exactly to the meeting length; when there are more
items than minutes, items are grouped (every question still listed) and the summary says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from prepcoach.agenda import (
    AgendaInput,
    CarryOver,
    carried_over,
    carry_item,
    close_item,
    end_sentence,
    fit_to_minutes,
    item_tiers,
    moment_item,
    objective_tie,
    proposed_next_meeting,
    same_text,
    term_close,
    wins_item,
)
from prepcoach.errors import UsageError
from prepcoach.models import Agenda, AgendaItem, Objective, Session
from prepcoach.text import one_line, plural


def _wins_item(inp: AgendaInput, last: Session | None) -> AgendaItem | None:
    """One brief item with every win as typed, one a line."""
    wins = [w for w in map(one_line, inp.accomplishments) if w]
    if not wins:
        return None
    title = f"Wins since {last.date.isoformat()}" if last is not None else "Wins"
    return wins_item(wins, title)


def _question_detail(obj: Objective | None, also_open_since: str, with_done: bool = True) -> str:
    lines: list[str] = []
    if obj is not None:
        lines.append(objective_tie(obj.title))
        if obj.done_when.strip() and with_done:
            lines.append(end_sentence(f"Done when: {obj.done_when.strip()}"))
    if also_open_since:
        lines.append(f"Also open since the {also_open_since}.")
    lines.append("Leave with one concrete next step.")
    return "\n".join(lines)


def _check_ins(inp: AgendaInput, items: list[AgendaItem], other: bool) -> list[AgendaItem]:
    """A check-in for each of this mentor's open objectives no item covers yet; with
    none open and nothing else to discuss (``other`` False), one item to agree one."""
    covered = {it.objective_id for it in items if it.objective_id}
    mine_open = inp.mentor_objectives("open")
    out: list[AgendaItem] = []
    for o in mine_open:
        if o.id in covered:
            continue
        lines = ["Where it stands, what is blocking it, and the next step."]
        if o.done_when.strip():
            lines.insert(0, end_sentence(f"Done when: {o.done_when.strip()}"))
        out.append(
            AgendaItem(
                title=f"Check-in: {o.title.strip()}",
                minutes=0,
                kind="objective",
                detail="\n".join(lines),
                objective_id=o.id,
            )
        )
    if not mine_open and not other:
        out.append(
            AgendaItem(
                title="Agree on one objective to work on together",
                minutes=0,
                kind="objective",
                detail="Name it, say what done looks like, and which kind of help you need.",
            )
        )
    return out


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

    moment = inp.moment()
    shaped = moment_item(inp, moment)
    items: list[AgendaItem] = []
    if shaped is not None and moment.kind in ("first", "drifting"):
        items.append(shaped)  # set the term up, or name the drift, before anything else
    items += [carry_item(c, objectives) for c in carry]

    win = _wins_item(inp, last)
    if win is not None:
        items.append(win)
    if shaped is not None and moment.kind == "midpoint":
        items.append(shaped)

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
                minutes=0,
                kind="question",
                detail=_question_detail(obj, since, with_done),
                objective_id=obj.id if obj else None,
            )
        )

    if moment.kind == "ordinary":
        items += _check_ins(inp, items, bool(questions or carry))
    elif shaped is not None and moment.kind == "last":
        items.append(shaped)

    next_date = proposed_next_meeting(inp.mentor, inp.today)  # None: past the term's end
    items.append(close_item(inp, next_date))

    fitted, notice = fit_to_minutes(items, inp.minutes, item_tiers(items, inp, moment))
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


def agenda_summary(inp: AgendaInput, items: Sequence[AgendaItem]) -> str:
    """The offline composer's summary of ``items`` (the agenda as it finally stands), so
    its numbers (a question's minutes, the wins' time) are that agenda's."""
    next_date = proposed_next_meeting(inp.mentor, inp.today)
    return _agenda_summary(inp, list(items), inp.carry_overs(), inp.open_questions(), next_date)


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
        bits.append(f"{plural(win_min, 'minute')} for your wins, kept brief for your questions")
    if bits:
        parts.append("; ".join(bits).capitalize() + ".")
    if m.term_start is not None:
        end = m.term_end()
        # the tense is the meeting's: a meeting booked after the term's end looks back on it
        day = inp.meeting_day()
        verb = "ends" if end is not None and end >= day else "ended"
        if end is not None and next_date is None and end >= inp.today:
            parts.append(
                f"The term {verb} on {end.isoformat()}: {term_close(inp.term_decision).summary}"
            )
        elif end is not None and next_date is not None and inp.today <= end <= next_date:
            parts.append(f"The term {verb} on {end.isoformat()}.")
    return " ".join(parts)
