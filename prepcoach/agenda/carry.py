"""Carry-over: unresolved questions and open action items from earlier sessions, most
recent first, deduplicated, each with where it came from, and the agenda item for one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from prepcoach.agenda.matching import clean_line, match_objective, norm, objective_tie
from prepcoach.models import ActionItem, AgendaItem, Objective, Question, Session


@dataclass
class CarryOver:
    """An unresolved question or open action item from an earlier session."""

    kind: Literal["question", "action"]
    text: str
    source: str  # e.g. "2026-10-14 session"
    session_id: str
    objective_id: str | None = None
    owner: str = "me"  # actions: who owns it
    due: dt.date | None = None  # actions: when it was due
    date: dt.date | None = None  # the session's date

    def title(self) -> str:
        if self.kind == "question":
            return f"Still open: {self.text}"
        if self.owner.strip().lower() in ("", "me", "i", "myself"):
            return f"Update on: {self.text}"
        return f"Check in on {self.owner}'s action: {self.text}"


def carried_over(
    history: Iterable[Session],
    objectives: Sequence[Objective] | None = None,
    preferred: Collection[str] = (),
) -> list[CarryOver]:
    """Unresolved questions and open action items from ``history`` (earlier sessions with
    one mentor), most recent first.

    Deduplicated by text: the most recent mention wins, so a question asked again and
    resolved later is not carried. ``objective_id`` comes from ``objectives`` by keyword
    match when given (``preferred``: ids of this mentor's objectives, see
    ``match_objective``), else None. ``source`` reads "<date> session".
    """
    ordered = sorted(history, key=lambda s: (s.date, s.id), reverse=True)
    # Only items newer than (or as new as) the oldest open one can matter: an older
    # mention, resolved or not, is shadowed by it and shadows nothing that is carried.
    # Find that cut-off before any text work, so a long, settled history costs no regex.
    last = -1
    for i, s in enumerate(ordered):
        if any(not q.resolved for q in s.questions) or any(not a.done for a in s.action_items):
            last = i
    if last < 0:
        return []
    seen: set[str] = set()
    out: list[CarryOver] = []
    ties: dict[str, str | None] = {}

    def tie(text: str) -> str | None:
        if not objectives:
            return None
        if text not in ties:
            o = match_objective(text, objectives, preferred)
            ties[text] = o.id if o is not None else None
        return ties[text]

    for s in ordered[: last + 1]:
        source = f"{s.date.isoformat()} session"
        # questions first, then actions; a text seen once (either kind) is settled
        entries: list[Question | ActionItem] = [*s.questions, *s.action_items]
        for entry in entries:
            text = clean_line(entry.text)
            key = norm(text)
            if not key or key in seen:
                continue
            seen.add(key)
            if isinstance(entry, ActionItem):
                if not entry.done:
                    c = CarryOver("action", text, source, s.id, tie(text), owner=entry.owner)
                    c.due, c.date = entry.due, s.date
                    out.append(c)
            elif not entry.resolved:
                out.append(CarryOver("question", text, source, s.id, tie(text), date=s.date))
    return out


def carry_item(c: CarryOver, objectives: Sequence[Objective]) -> AgendaItem:
    """The agenda item for a carried-over question or action."""
    where = f"Carried over from the {c.source}"
    if c.kind == "action" and c.due is not None:
        where += f"; it was due {c.due.isoformat()}"
    detail = where + "."
    obj = next((o for o in objectives if o.id == c.objective_id), None)
    if obj is not None:
        detail += " " + objective_tie(obj.title)
    return AgendaItem(
        title=c.title(),
        minutes=0,
        kind="carried_over",
        detail=detail,
        objective_id=c.objective_id,
        source=c.source,
    )
