"""``normalise_agenda``: never trust a model's arithmetic. Any agenda (typically a
model's) is made to follow the agenda rules, keeping every question and carried-over
item verbatim."""

from __future__ import annotations

from prepcoach.agenda.carry import carry_item
from prepcoach.agenda.inputs import AgendaInput
from prepcoach.agenda.matching import present_loosely, present_verbatim
from prepcoach.agenda.meeting import beyond_term, close_item, proposed_next_meeting
from prepcoach.agenda.timebox import fit_to_minutes
from prepcoach.lint import clean_text
from prepcoach.models import Agenda, AgendaItem


def _question_item(text: str, inp: AgendaInput) -> AgendaItem:
    obj = inp.match(text)
    detail = ""
    if obj is not None:
        detail = f"Ties to: {obj.title}."
    return AgendaItem(
        title=text, minutes=0, kind="question", detail=detail, objective_id=obj.id if obj else None
    )


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
            "minutes": sum(items[i].minutes for i in closes),
            "objective_id": next(
                (items[i].objective_id for i in closes if items[i].objective_id), None
            ),
        }
    )
    dropped = set(closes[:-1])
    return [merged if i == closes[-1] else it for i, it in enumerate(items) if i not in dropped]


def normalise_agenda(agenda: Agenda, inp: AgendaInput) -> Agenda:
    """Make any agenda (typically a model's) follow the agenda rules.

    Returns a new ``Agenda`` (the input is not changed) with ``minutes = inp.minutes`` and:
    every open question of ``inp`` present verbatim (a paraphrased item gets the original
    text added to its detail; a lost one becomes its own item before the close); every
    carried-over item present (lost ones are added after the leading carried-over items);
    unknown objective ids cleared and untied questions tied by keyword match; wins merged
    into one item; a close added when missing; time boxes integers >= 1 summing exactly to
    ``inp.minutes`` (the agenda's own minutes are used as relative weights), wins capped at
    ``win_cap`` and every question given at least as much time as any non-question item.
    Items beyond what the minutes allow are merged, never dropped, and ``summary`` notes it.
    """
    objectives = inp.ordered_objectives()
    known = {o.id for o in objectives}
    items: list[AgendaItem] = []
    for it in agenda.items:
        title = " ".join(clean_text(it.title).split()) or "Item"
        detail = clean_text(it.detail)
        obj_id = it.objective_id if it.objective_id in known else None
        items.append(
            it.model_copy(update={"title": title, "detail": detail, "objective_id": obj_id})
        )

    # carried-over items
    lead = 0
    while lead < len(items) and items[lead].kind in ("opening", "carried_over"):
        lead += 1
    for c in inp.carry_overs():
        if present_verbatim(c.text, items):
            continue
        idx = present_loosely(c.text, items)
        if idx is not None:
            it = items[idx]
            extra = f"(Carried over from the {c.source}: {c.text})"
            items[idx] = it.model_copy(update={"detail": f"{it.detail}\n{extra}".strip()})
            continue
        items.insert(lead, carry_item(c, objectives))
        lead += 1

    # open questions
    for q in inp.open_questions():
        if present_verbatim(q, items):
            continue
        idx = present_loosely(q, items)
        if idx is not None:
            it = items[idx]
            items[idx] = it.model_copy(
                update={"detail": f"{it.detail}\nYour question: {q}".strip()}
            )
            continue
        close_at = next((i for i, it in enumerate(items) if it.kind == "close"), len(items))
        items.insert(close_at, _question_item(q, inp))

    # tie questions and carried-over items to objectives
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
    items = _one_close(items)

    fitted, notice = fit_to_minutes(items, inp.minutes)
    summary = clean_text(agenda.summary)
    if notice and notice not in summary:
        summary = f"{summary} {notice}".strip()
    return agenda.model_copy(
        update={
            "items": fitted,
            "minutes": inp.minutes,
            "next_meeting": next_date,
            "summary": summary,
        }
    )
