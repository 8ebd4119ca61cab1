"""What the relationship so far gives a message: this mentor's objectives, the sessions
held, what specifically helped, and how long the two have worked together."""

from __future__ import annotations

import re

from prepcoach.engines.offline.letter import OutreachInput
from prepcoach.engines.offline.phrases import sentence, short_words
from prepcoach.engines.offline.scrub import scrub
from prepcoach.engines.offline.topics import topic_core
from prepcoach.models import Objective, Session, add_months


def mentor_objectives(inp: OutreachInput, status: str) -> list[Objective]:
    """The objectives with ``status`` tied to the mentor (all of them without a mentor)."""
    if inp.mentor is None:
        return [o for o in inp.objectives if o.status == status]
    return [o for o in inp.objectives if inp.mentor.id in o.mentors and o.status == status]


_AREA_HELP: dict[str, str] = {
    "scope": "stepping up to a bigger scope",
    "politics": "reading the politics and priorities",
    "career": "thinking through my career options",
    "viewpoint": "seeing my work from a different angle",
    "technical": "technical calls in real time",
    "toolkit": "growing my leadership toolkit",
}


def what_helped(inp: OutreachInput) -> list[str]:
    """Sentences saying specifically what helped, best first."""
    out: list[str] = []
    met = mentor_objectives(inp, "met")
    if met:
        names = [topic_core(o.title, 10, strip_lead=False) for o in met[:2]]
        names = [n for n in names if n]
        if len(names) == 2:
            out.append(f"Two goals we worked on are done: {names[0]}, and {names[1]}.")
        elif names:
            out.append(f"A goal we worked on is done: {names[0]}.")
        ev = re.split(r"(?<=[.!])\s+", scrub(met[0].evidence))[0].strip()
        if ev and len(ev.split()) <= 24:
            out.append(sentence(ev))
    hist = sessions_so_far(inp)
    for s in reversed(hist):
        for p in s.objective_progress:
            if p.progressed and p.note.strip():
                note = scrub(p.note).strip()
                head, colon, rest = note.partition(":")
                if colon and rest.strip() and len(head.split()) <= 3:
                    note = rest.strip()  # "Agreed experiment: advise ..." -> "advise ..."
                note = short_words(note, 20).replace(":", ",").rstrip(".")
                if note:
                    out.append(
                        f"One thing I'm taking from our talks: {note[0].lower() + note[1:]}."
                    )
                    break
        else:
            continue
        break
    if inp.mentor is not None and inp.mentor.support_areas:
        label = _AREA_HELP[inp.mentor.support_areas[0]]
        out.append(f"Your help with {label} made a real difference.")
    return out


def sessions_so_far(inp: OutreachInput) -> list[Session]:
    """Sessions with the mentor up to today, oldest first."""
    ids = {inp.mentor.id, inp.mentor.name} if inp.mentor is not None else None
    return sorted(
        (s for s in inp.history if s.date <= inp.today and (ids is None or s.mentor in ids)),
        key=lambda s: (s.date, s.id),
    )


def term_length(inp: OutreachInput) -> int:
    """Months in the mentor's term (6 without a mentor)."""
    return inp.mentor.term_months if inp.mentor is not None else 6


def thanks_for_time(inp: OutreachInput) -> str:
    """ "Thank you for the last N months." with N the months actually spent together."""
    m = inp.mentor
    if m is None or m.term_start is None or inp.today < m.term_start:
        return "Thank you for your time and help."
    k = (inp.today.year - m.term_start.year) * 12 + inp.today.month - m.term_start.month
    if inp.today.day < m.term_start.day:
        k -= 1
    # whole months, rounded: 5 months and 22 days together reads as "the last 6 months"
    if (inp.today - add_months(m.term_start, k)).days >= 15:
        k += 1
    k = min(max(k, 0), m.term_months)
    if k < 2:
        return "Thank you for your time and help."
    return f"Thank you for the last {k} months."
