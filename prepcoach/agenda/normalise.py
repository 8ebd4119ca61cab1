"""``repair_agenda`` / ``normalise_agenda``: never trust a model's agenda. Any agenda
(typically a model's) is made to follow the agenda rules, keeping every input the user
gave, and every repair is said in words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from prepcoach.agenda.carry import CarryOver, carry_item
from prepcoach.agenda.inputs import AgendaInput
from prepcoach.agenda.matching import (
    keywords,
    norm,
    objective_tie,
    present_loosely,
    present_verbatim,
)
from prepcoach.agenda.meeting import beyond_term, close_item, proposed_next_meeting
from prepcoach.agenda.shapes import (
    MOMENT_TITLES,
    find_moment_item,
    item_tiers,
    missing_from_moment_item,
    moment_item,
)
from prepcoach.agenda.timebox import fit_to_minutes
from prepcoach.models import Agenda, AgendaItem
from prepcoach.text import one_line, plural, sanitize

WIN_NOTE = "Two sentences at most: the time is for your questions."


def quoted(text: str) -> str:
    """``text`` whole, on one line, in single quotes (for naming it in a repair note)."""
    return "'" + " ".join(text.split()) + "'"


@dataclass
class Repaired:
    """A normalised agenda and what was repaired on the way, one sentence each."""

    agenda: Agenda
    repairs: list[str] = field(default_factory=list)
    notice: str = ""  # what the summary says about the time not being enough ("" if it is)


# Markdown a model wraps a whole title in (a heading's hashes, bold or italic marks):
# the title is shown bold already. Marks inside a title are its text and stay.
_TITLE_WRAP_RE = re.compile(r"^(?:#+\s+)?([*_]{1,3})(?=\S)((?:(?!\1).)+?)(?<=\S)\1$|^#+\s+(.+)$")


def model_title(text: str) -> str:
    """A model's item title on one line, without Markdown wrapped around all of it."""
    line = one_line(text)
    m = _TITLE_WRAP_RE.match(line)
    if m is None:
        return line
    return (m.group(2) or m.group(3)).strip()


def question_item(text: str, inp: AgendaInput, detail: str = "") -> AgendaItem:
    """An item for one of the user's questions, verbatim, tied to its objective."""
    obj = inp.match(text)
    if obj is not None:
        detail = f"{detail}\n{objective_tie(obj.title)}".strip()
    return AgendaItem(
        title=text, minutes=0, kind="question", detail=detail, objective_id=obj.id if obj else None
    )


def wins_item(wins: list[str], title: str = "Wins") -> AgendaItem:
    """One brief item listing every win as typed, one a line."""
    lines = [f"- {w}" for w in wins] + [WIN_NOTE]
    return AgendaItem(title=title, minutes=0, kind="win", detail="\n".join(lines))


def _one_close(items: list[AgendaItem]) -> list[AgendaItem]:
    """At most one close item: several (a model may write two) become one, at the place
    of the last, with every distinct detail kept."""
    closes = [i for i, it in enumerate(items) if it.kind == "close"]
    if len(closes) <= 1:
        return items
    details = list(dict.fromkeys(items[i].detail.strip() for i in closes if items[i].detail))
    last = items[closes[-1]]
    merged = last.model_copy(
        update={
            "detail": "\n".join(details),
            "objective_id": next(
                (items[i].objective_id for i in closes if items[i].objective_id), None
            ),
        }
    )
    dropped = set(closes[:-1])
    return [merged if i == closes[-1] else it for i, it in enumerate(items) if i not in dropped]


def _append(it: AgendaItem, line: str) -> AgendaItem:
    return it.model_copy(update={"detail": f"{it.detail}\n{line}".strip()})


def _reworded_carry(c: CarryOver, items: list[AgendaItem], used: set[int]) -> int | None:
    """The model's item that rewords carried-over item ``c``: a carried-over item sharing
    a third of its words (or any item covering it by its words), not used yet."""
    kw = keywords(c.text)
    best, best_i = 0.0, None
    for i, it in enumerate(items):
        if it.kind != "carried_over" or i in used or not kw:
            continue
        overlap = len(kw & keywords(f"{it.title}\n{it.detail}")) / len(kw)
        if overlap >= 1 / 3 and overlap > best:
            best, best_i = overlap, i
    if best_i is None:
        best_i = present_loosely(c.text, items)
    return best_i


def _carry(items: list[AgendaItem], inp: AgendaInput, repairs: list[str]) -> list[AgendaItem]:
    objectives = inp.ordered_objectives()
    lead = 0
    while lead < len(items) and items[lead].kind in ("opening", "carried_over"):
        lead += 1
    used: set[int] = set()
    for c in inp.carry_overs():
        if present_verbatim(c.text, items):
            continue
        idx = _reworded_carry(c, items, used)
        if idx is not None:
            used.add(idx)
            items[idx] = _append(items[idx], f"(Carried over from the {c.source}: {c.text})")
            repairs.append(
                f"The model reworded the carried-over item {quoted(c.text)}; its words are "
                "back on that item."
            )
            continue
        items.insert(lead, carry_item(c, objectives))
        used = {i + 1 if i >= lead else i for i in used}
        lead += 1
        repairs.append(
            f"The model left out the carried-over item {quoted(c.text)} (from the "
            f"{c.source}); prepcoach added it."
        )
    return items


def _questions(items: list[AgendaItem], inp: AgendaInput, repairs: list[str]) -> list[AgendaItem]:
    """Every open question of ``inp`` in its own question item, verbatim."""
    taken: set[int] = set()
    for q in inp.open_questions():
        own = [i for i, it in enumerate(items) if it.kind == "question" and i not in taken]
        hit = next((i for i in own if present_verbatim(q, [items[i]])), None)
        if hit is None:
            loose = present_loosely(q, [items[i] for i in own])
            if loose is not None:
                hit = own[loose]
                it = items[hit]
                worded = f"Worded by the model: {it.title}"
                items[hit] = it.model_copy(
                    update={"title": q, "detail": f"{worded}\n{it.detail}".strip()}
                )
                repairs.append(
                    f"The model reworded your question {quoted(q)}; your words are its title."
                )
        if hit is not None:
            if items[hit].title != q and norm(items[hit].title) == norm(q):
                items[hit] = items[hit].model_copy(update={"title": q})  # the user's characters
            taken.add(hit)
            continue
        close_at = next((i for i, it in enumerate(items) if it.kind == "close"), len(items))
        items.insert(close_at, question_item(q, inp))
        taken = {i + 1 if i >= close_at else i for i in taken} | {close_at}
        repairs.append(
            f"The model left out your question {quoted(q)}; prepcoach added it as its own item."
        )
    return items


def _wins(items: list[AgendaItem], inp: AgendaInput, repairs: list[str]) -> list[AgendaItem]:
    wins = [w for w in map(one_line, inp.accomplishments) if w]
    lost = [w for w in wins if not present_verbatim(w, items)]
    if not lost:
        return items
    at = next((i for i, it in enumerate(items) if it.kind == "win"), None)
    if at is None:
        where = next(
            (i for i, it in enumerate(items) if it.kind not in ("opening", "carried_over")),
            len(items),
        )
        items.insert(where, wins_item(lost))
    else:
        for w in lost:
            items[at] = _append(items[at], f"- {w}")
    repairs.append(
        f"The model left out {plural(len(lost), 'win')} ({', '.join(quoted(w) for w in lost)}); "
        f"prepcoach put {'it' if len(lost) == 1 else 'them'} back in one brief wins item."
    )
    return items


def _moment(items: list[AgendaItem], inp: AgendaInput, repairs: list[str]) -> list[AgendaItem]:
    moment = inp.moment()
    own = moment_item(inp, moment)
    if own is None:
        return items
    what = MOMENT_TITLES[moment.kind]
    at = find_moment_item(items, moment.kind)
    if at is None:
        if moment.kind == "first":
            where = 0
        elif moment.kind == "last":
            where = next((i for i, it in enumerate(items) if it.kind == "close"), len(items))
        else:
            where = next(
                (i for i, it in enumerate(items) if it.kind in ("question", "objective")),
                len(items),
            )
        items.insert(where, own)
        repairs.append(
            f"The model's agenda had no {quoted(what)} item for this {moment.name}; "
            "prepcoach added it."
        )
        return items
    for line in missing_from_moment_item(items[at], inp, moment.kind):
        items[at] = _append(items[at], line)
        repairs.append(f"prepcoach added {quoted(line.lstrip('- '))} to {quoted(items[at].title)}.")
    if moment.kind == "first":
        first_q = next(
            (i for i, it in enumerate(items) if it.kind in ("question", "carried_over")), None
        )
        if first_q is not None and first_q < at:
            items.insert(first_q, items.pop(at))
            repairs.append(
                f"prepcoach moved {quoted(items[first_q].title)} before the first question."
            )
    return items


def repair_agenda(agenda: Agenda, inp: AgendaInput) -> Repaired:
    """Make any agenda (typically a model's) follow the agenda rules; say what changed.

    Returns a new ``Agenda`` (the input is not changed) with ``minutes = inp.minutes`` and:
    every carried-over item present once (a reworded one gets its original words added,
    a lost one is added after the leading items); every open question of ``inp`` as its
    own question item, verbatim (a reworded one takes the user's words as its title, the
    model's wording kept in its detail; a lost one is added before the close); every win
    present (lost ones put back in the one wins item); the moment's item present
    (``prepcoach.agenda.shapes``); unknown objective ids cleared and untied questions tied
    by keyword match; one close; time boxes by ``prepcoach.agenda.timebox``. Items beyond
    what the minutes allow are merged, never dropped, and ``summary`` notes it.
    """
    known = {o.id for o in inp.ordered_objectives()}
    repairs: list[str] = []
    items: list[AgendaItem] = []
    for it in agenda.items:
        title = model_title(it.title) or "Item"
        detail = sanitize(it.detail).strip()
        obj_id = it.objective_id if it.objective_id in known else None
        items.append(
            it.model_copy(update={"title": title, "detail": detail, "objective_id": obj_id})
        )
    given = sum(it.minutes for it in agenda.items)
    items = _carry(items, inp, repairs)
    items = _questions(items, inp, repairs)
    items = _wins(items, inp, repairs)
    items = _moment(items, inp, repairs)
    for i, it in enumerate(items):
        if it.objective_id is None and it.kind in ("question", "carried_over"):
            obj = inp.match(it.title)
            if obj is not None:
                items[i] = it.model_copy(update={"objective_id": obj.id})

    next_date = agenda.next_meeting or proposed_next_meeting(inp.mentor, inp.today)
    if next_date is not None and beyond_term(inp.mentor, next_date):
        next_date = None  # never propose a meeting after the term's end
    if not any(it.kind == "close" for it in items):
        items.append(close_item(inp, next_date))
        if agenda.items:
            repairs.append("The model's agenda had no close; prepcoach added one.")
    items = _one_close(items)
    if agenda.items and given != inp.minutes:
        repairs.append(
            f"The model's time boxes added up to {plural(given, 'minute')}, not "
            f"{inp.minutes}; prepcoach set them by the time rules."
        )
    fitted, notice = fit_to_minutes(items, inp.minutes, item_tiers(items, inp, inp.moment()))
    summary = one_line(agenda.summary)
    if notice and notice not in summary:
        summary = f"{summary} {notice}".strip()
    out = agenda.model_copy(
        update={
            "items": fitted,
            "minutes": inp.minutes,
            "next_meeting": next_date,
            "summary": summary,
        }
    )
    return Repaired(out, repairs, notice)


def normalise_agenda(agenda: Agenda, inp: AgendaInput) -> Agenda:
    """``repair_agenda``'s agenda (the repairs not needed)."""
    return repair_agenda(agenda, inp).agenda
