"""``check_agenda``: the agenda rules an agenda breaks, each in words (empty when it is
fine). ``normalise_agenda``'s output always passes."""

from __future__ import annotations

from prepcoach.agenda.inputs import AgendaInput
from prepcoach.agenda.matching import item_text, present_verbatim
from prepcoach.agenda.shapes import MOMENT_TITLES, find_moment_item, missing_from_moment_item
from prepcoach.agenda.timebox import NON_ASK, win_cap
from prepcoach.models import Agenda, AgendaItem
from prepcoach.text import plural


def _one(text: str) -> str:
    """``text`` whole on one line: a rule message names an item by all its words."""
    return " ".join(text.split())


def _closes(it: AgendaItem) -> bool:
    """Whether an item is (or, merged into a block, holds) the close."""
    text = item_text(it)
    return (
        it.kind == "close"
        or "next meeting" in text.lower()
        or any(line.lower().startswith("- close") for line in it.detail.splitlines())
    )


def check_agenda(agenda: Agenda, inp: AgendaInput) -> list[str]:
    """The agenda rules ``agenda`` breaks for ``inp``, each as a sentence (empty = fine)."""
    problems: list[str] = []
    items = agenda.items
    if agenda.minutes != inp.minutes:
        problems.append(
            f"The agenda is for {plural(agenda.minutes, 'minute')} but the meeting is "
            f"{inp.minutes}."
        )
    total = sum(it.minutes for it in items)
    if total != inp.minutes:
        problems.append(f"The time boxes add up to {plural(total, 'minute')}, not {inp.minutes}.")
    for it in items:
        if it.minutes < 1:
            problems.append(f"'{_one(it.title)}' has no time box.")
    for q in inp.open_questions():
        if not present_verbatim(q, items):
            problems.append(f"The open question '{_one(q)}' is missing.")
    for c in inp.carry_overs():
        if not present_verbatim(c.text, items):
            problems.append(
                f"The carried-over item '{_one(c.text)}' (from the {c.source}) is missing."
            )
    win_total = sum(it.minutes for it in items if it.kind == "win")
    cap = win_cap(inp.minutes)
    if win_total > cap:
        problems.append(f"Wins take {plural(win_total, 'minute')}; keep them to {cap} or less.")
    questions = [it for it in items if it.kind == "question"]
    others = [it for it in items if it.kind in NON_ASK]
    if questions and others:
        shortest = min(questions, key=lambda it: it.minutes)
        longest = max(others, key=lambda it: it.minutes)
        if shortest.minutes < longest.minutes:
            problems.append(
                f"The question '{_one(shortest.title)}' gets "
                f"{plural(shortest.minutes, 'minute')}, "
                f"less than '{_one(longest.title)}' ({longest.minutes}): give the asks "
                "the time."
            )
    objectives = inp.ordered_objectives()
    known = {o.id: o for o in objectives}
    for it in items:
        if it.objective_id is not None and it.objective_id not in known:
            problems.append(
                f"'{_one(it.title)}' points at an unknown objective '{it.objective_id}'."
            )
        elif it.objective_id is None and it.kind in ("question", "carried_over"):
            obj = inp.match(it.title)
            if obj is not None:
                problems.append(f"'{_one(it.title)}' could be tied to the objective '{obj.title}'.")
    moment = inp.moment()
    if moment.kind != "ordinary":
        at = find_moment_item(items, moment.kind)
        if at is None:
            problems.append(
                f"This is the {moment.name}, but there is no '{MOMENT_TITLES[moment.kind]}' item."
            )
        elif missing_from_moment_item(items[at], inp, moment.kind):
            problems.append(f"'{_one(items[at].title)}' misses what this moment needs.")
    if not any(_closes(it) for it in items):
        problems.append("There is no close to agree next steps and the next meeting.")
    return problems
