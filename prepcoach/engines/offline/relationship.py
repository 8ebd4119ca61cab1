"""What the relationship so far gives a message: this mentor's objectives, the sessions
held, what specifically helped, and how long the two have worked together."""

from __future__ import annotations

import re

from prepcoach.engines.offline.ask_shape import plain_line
from prepcoach.engines.offline.frames import as_sentence, title_text
from prepcoach.engines.offline.letter import OutreachInput
from prepcoach.models import Objective, Session, add_months
from prepcoach.text import quoted_sentence


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


def _quotable(text: str, max_words: int) -> str:
    """``text`` as typed on one line when it is one short statement, else ""."""
    t = plain_line(text).rstrip(" .")
    if not t or "?" in t or len(t.split()) > max_words or re.search(r"[.!;]\s", t):
        return ""
    return t


def what_helped(inp: OutreachInput) -> list[str]:
    """Sentences saying specifically what helped, best first; every title and note is
    quoted whole, as typed, in quote marks inside our sentence (too long to quote whole:
    left out); a piece of evidence, the user's own sentence, stands as a sentence."""
    out: list[str] = []
    met = [t for t in (_quotable(o.title, 14) for o in mentor_objectives(inp, "met")) if t]
    if len(met) >= 2:
        out.append(quoted_sentence("Two goals we worked on are done:", met[:2]))
    elif met:
        out.append(quoted_sentence("A goal we worked on is done:", met[0]))
    evidence = [_quotable(o.evidence, 24) for o in mentor_objectives(inp, "met")[:1]]
    if evidence and evidence[0]:
        out.append(as_sentence(evidence[0]))
    for s in reversed(sessions_so_far(inp)):
        notes = [_quotable(p.note, 20) for p in s.objective_progress if p.progressed]
        notes = [n for n in notes if n]
        if notes:
            out.append(quoted_sentence("Progress I noted after one of our talks:", notes[0]))
            break
    if inp.mentor is not None and inp.mentor.support_areas:
        label = _AREA_HELP[inp.mentor.support_areas[0]]
        out.append(f"Your help with {label} made a real difference.")
    return out


def done_actions(session: Session | None) -> list[str]:
    """The user's completed actions of ``session``, each quoted whole, as typed."""
    if session is None:
        return []
    done = [_quotable(a.text, 14) for a in session.action_items if a.done and a.owner == "me"]
    return [title_text(d) for d in done if d]


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
    if m is not None and not sessions_so_far(inp):
        return "Thank you for agreeing to help."
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
