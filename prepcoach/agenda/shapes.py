"""The term-aware agenda shapes: the item each moment adds, how to tell an agenda has it,
and the time tier of every item (``prepcoach.agenda.timebox``).

- first meeting: "How we'll work this term" (objectives with done-when, the term's dates
  and cadence, preparation, a no-fault way to end) before the first question;
- midpoint: "Progress check" listing each open objective's done-when and asking what
  would change course;
- drifting: "Name the drift" with the drift fact, turning the meeting toward one sharp
  question and an action to leave with;
- last meeting: "Wrap-up" of the term with the review's likely recommendation.

User text (objective titles, done-when, questions) is placed after a label or on its
own line, never rewritten or cut.
"""

from __future__ import annotations

from collections.abc import Sequence

from prepcoach.agenda.inputs import AgendaInput
from prepcoach.agenda.matching import end_sentence, item_text, norm, present_verbatim
from prepcoach.agenda.moment import Moment
from prepcoach.models import AgendaItem, Objective

# Each moment's item: its title, and the words (normalised) that show an agenda has it.
MOMENT_TITLES = {
    "first": "How we'll work this term",
    "midpoint": "Progress check: halfway through the term",
    "drifting": "Name the drift: one sharp question today",
    "last": "Wrap-up: what this term achieved",
}
_MARKERS = {
    "first": ("how we ll work", "how we will work"),
    "midpoint": ("progress check",),
    "drifting": ("drift",),
    "last": ("wrap up",),
}
_USER_KINDS = frozenset({"question", "carried_over", "win"})
# Words that show a wrap-up raises the review's recommendation.
_RECOMMENDATION = {
    "renew": (
        "another term with a new focus",
        ("another term", "renew"),
    ),
    "loosen": (
        "a lighter touch, keeping in touch when a specific question comes up",
        ("lighter", "loosen", "less often"),
    ),
    "move_on": (
        "wrapping up the regular meetings, with thanks",
        ("wrapping up the regular", "move on", "thank"),
    ),
}
_NEUTRAL = (
    "to decide together: another term, a lighter touch or wrapping up",
    ("what comes next",),
)


def objective_line(o: Objective) -> str:
    """One objective as a detail line: its title, then its done-when, both as typed."""
    done = o.done_when.strip() or "not written yet; agree what done looks like"
    return f"- {end_sentence(o.title.strip())} Done when: {end_sentence(done)}"


def _first_item(inp: AgendaInput) -> AgendaItem:
    m = inp.mentor
    lines = ["What I want from this term, and when each objective is done:"]
    objs = inp.mentor_objectives("open")
    lines += [objective_line(o) for o in objs] or [
        "- None recorded yet: agree one objective and what done looks like."
    ]
    if m.term_start is not None and m.term_end() is not None:
        end = m.term_end()
        assert end is not None
        lines.append(
            f"The term: {m.term_start.isoformat()} to {end.isoformat()}, meeting {m.cadence}."
        )
    else:
        lines.append("The term: about six months, meeting monthly; agree the end date.")
    lines.append(
        "Preparation: I send wins and questions a few days before each meeting; agree how "
        "to reach each other between meetings."
    )
    lines.append("Either of us can end this at any time, with no fault and no reason needed.")
    return AgendaItem(
        title=MOMENT_TITLES["first"], minutes=0, kind="opening", detail="\n".join(lines)
    )


def _midpoint_item(inp: AgendaInput) -> AgendaItem:
    objs = inp.mentor_objectives("open")
    lines = ["For each open objective: how far is it from done?"]
    lines += [objective_line(o) for o in objs] or [
        "- No open objectives: name what the rest of the term is for."
    ]
    lines.append("What would change course: re-aim an objective, drop one, or ask for other help?")
    return AgendaItem(
        title=MOMENT_TITLES["midpoint"], minutes=0, kind="objective", detail="\n".join(lines)
    )


def sharp_question(inp: AgendaInput) -> str:
    """The one question a drifting meeting turns to: the user's first question, else the
    first carried-over question, else one about the first open objective."""
    qs = inp.open_questions()
    if qs:
        return f"- {qs[0]}"
    carried = [c for c in inp.carry_overs() if c.kind == "question"]
    if carried:
        return f"- {carried[0].text}"
    objs = inp.mentor_objectives("open")
    if objs:
        return f"- What would move this objective forward this month? ({objs[0].title.strip()})"
    return "- What is the one problem worth your time this month?"


def _drifting_item(inp: AgendaInput, moment: Moment) -> AgendaItem:
    fact = moment.drift.sentence() if moment.drift is not None else "Recent meetings drifted"
    lines = [
        end_sentence(fact),
        "Say so plainly, and spend the meeting on one sharp question:",
        sharp_question(inp),
        "Leave with one action I will take before the next meeting.",
    ]
    return AgendaItem(
        title=MOMENT_TITLES["drifting"], minutes=0, kind="opening", detail="\n".join(lines)
    )


def recommendation_line(decision: str | None) -> str:
    words = _RECOMMENDATION.get(decision or "", _NEUTRAL)[0]
    if decision in _RECOMMENDATION:
        return f"The review's likely recommendation: {words}. Raise it before the close."
    return f"What comes next is {words}."


def _last_item(inp: AgendaInput) -> AgendaItem:
    met = inp.mentor_objectives("met")
    still = inp.mentor_objectives("open")
    lines = ["Look back on the term together."]
    if met:
        lines.append("Met:")
        lines += [f"- {end_sentence(o.title.strip())}" for o in met]
    if still:
        lines.append("Still open:")
        lines += [objective_line(o) for o in still]
    lines.append(recommendation_line(inp.term_decision))
    return AgendaItem(
        title=MOMENT_TITLES["last"], minutes=0, kind="objective", detail="\n".join(lines)
    )


def moment_item(inp: AgendaInput, moment: Moment) -> AgendaItem | None:
    """The item ``moment`` adds to an agenda (None for an ordinary meeting)."""
    if moment.kind == "first":
        return _first_item(inp)
    if moment.kind == "midpoint":
        return _midpoint_item(inp)
    if moment.kind == "drifting":
        return _drifting_item(inp, moment)
    if moment.kind == "last":
        return _last_item(inp)
    return None


def find_moment_item(items: Sequence[AgendaItem], kind: str) -> int | None:
    """Index of the item that carries moment ``kind`` (by its words), or None."""
    markers = _MARKERS.get(kind, ())
    # The user's own texts (questions, carried-over items, wins) never carry a moment.
    mine = [(i, it) for i, it in enumerate(items) if it.kind not in _USER_KINDS]
    for i, it in mine:  # a title that starts with the moment's words
        if any(norm(it.title).startswith(m) for m in markers):
            return i
    for i, it in mine:  # else its words anywhere in the item
        if any(m in norm(item_text(it)) for m in markers):
            return i
    for i, it in enumerate(items):  # or a line of a block of merged items
        lines = (norm(line) for line in it.detail.splitlines() if line.startswith("- "))
        if any(line.startswith(m) for line in lines for m in markers):
            return i
    return None


def missing_from_moment_item(item: AgendaItem, inp: AgendaInput, kind: str) -> list[str]:
    """Detail lines the moment item lacks: a midpoint's open objectives' done-when, a
    wrap-up's recommendation."""
    if kind == "midpoint":
        return [
            objective_line(o)
            for o in inp.mentor_objectives("open")
            if o.done_when.strip() and not present_verbatim(o.done_when, [item])
        ]
    if kind == "last":
        keys = _RECOMMENDATION.get(inp.term_decision or "", _NEUTRAL)[1]
        text = norm(item_text(item))
        if not any(norm(k) in text for k in keys):
            return [recommendation_line(inp.term_decision)]
    return []


def item_tiers(items: Sequence[AgendaItem], inp: AgendaInput, moment: Moment) -> list[str]:
    """The time tier of each item: the moment's own item is ``moment``; a carried-over
    item holding an open question from earlier is ``carried_question``, else ``action``."""
    carried_qs = [c.text for c in inp.carry_overs() if c.kind == "question"]
    at = find_moment_item(items, moment.kind) if moment.kind != "ordinary" else None
    tiers: list[str] = []
    for i, it in enumerate(items):
        if i == at:
            tiers.append("moment")
        elif it.kind == "carried_over":
            q = it.title.startswith("Still open") or any(
                present_verbatim(t, [it]) for t in carried_qs
            )
            tiers.append("carried_question" if q else "action")
        else:
            tiers.append(it.kind)
    return tiers
