"""Capturing a meeting after it took place: notes added, questions resolved (with an
answer), action items added or marked done, objective progress; questions and action
items named by number or by a unique piece of their text. ``CaptureMethods`` holds the
capture calls of ``Services``: by session id, or by mentor for a meeting (booked or on a
given date) whether or not its prep was saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from prepcoach.errors import UsageError

if TYPE_CHECKING:
    from prepcoach.models import Plan, Session
    from prepcoach.store import Store


@dataclass(frozen=True)
class NewAction:
    """An action item to add at capture: its text, owner (me or mentor) and due date."""

    text: str
    owner: str = "me"
    due: dt.date | None = None


@dataclass(frozen=True)
class Capture:
    """What to record after a meeting. Questions and action items are named by their
    1-based number or a unique piece of their text; objectives as ``find_objective``
    takes them (id, title, number)."""

    note: str = ""
    actions: Sequence[NewAction] = ()
    resolve: Sequence[tuple[str, str]] = ()  # (question, answer or "")
    done: Sequence[str] = ()  # action items done
    progress: Sequence[tuple[str, str]] = ()  # (objective, what moved)


@dataclass
class CaptureResult:
    session: Session
    added_actions: int = 0
    note_added: bool = False
    resolved: list[str] = field(default_factory=list)  # question texts
    done: list[str] = field(default_factory=list)  # action item texts
    progressed: list[str] = field(default_factory=list)  # objective ids
    created: bool = False  # no prep was saved: the session was made for the meeting


def pick(texts: Sequence[str], query: str, what: str) -> int:
    """The index of the one item ``query`` names: its 1-based number, its exact text,
    or a piece of text found in exactly one item (any case). UsageError listing the
    candidates when none or several match."""
    q = query.strip()
    listing = "; ".join(f"{n}. {t}" for n, t in enumerate(texts, 1)) or "none"
    if q.isdigit():
        n = int(q)
        if 1 <= n <= len(texts):
            return n - 1
        raise UsageError(
            f"there is no {what} {n}; this session has {len(texts)}.",
            hint=f"Give a number or a piece of the text. The {what}s: {listing}.",
        )
    exact = [i for i, t in enumerate(texts) if t.strip().lower() == q.lower()]
    if len(exact) == 1:
        return exact[0]
    hits = [i for i, t in enumerate(texts) if q and q.lower() in t.lower()]
    if len(hits) == 1:
        return hits[0]
    if hits:
        shown = "; ".join(f"{i + 1}. {texts[i]}" for i in hits)
        raise UsageError(
            f'"{query}" matches several {what}s: {shown}.',
            hint="Give its number or a longer piece of the text.",
        )
    raise UsageError(
        f'no {what} matches "{query}".',
        hint=f"Give a number or a piece of the text. The {what}s: {listing}.",
    )


def apply_capture(s: Session, plan: Plan, cap: Capture, day: dt.date) -> CaptureResult:
    """Record ``cap`` on ``s`` in place (notes added after what is there, never
    replaced); every name is checked before anything changes."""
    from prepcoach.lookup import find_objective
    from prepcoach.models import ActionItem, ObjectiveProgress

    questions = [q.text for q in s.questions]
    resolving = [(pick(questions, q, "question"), a) for q, a in cap.resolve]
    doing = [pick([a.text for a in s.action_items], d, "action item") for d in cap.done]
    moving = [(find_objective(plan, o).id, text.strip()) for o, text in cap.progress]
    for a in cap.actions:
        if not a.text.strip():
            raise UsageError("an action item needs some text.", hint='--action "Send the memo"')
        if a.owner not in ("me", "mentor"):
            raise UsageError(f'unknown owner "{a.owner}".', hint="Use --owner me or mentor.")
    result = CaptureResult(session=s)
    if cap.note.strip():
        s.notes = f"{s.notes.rstrip()}\n\n{cap.note}" if s.notes.strip() else cap.note
        result.note_added = True
    for i, answer in resolving:
        s.questions[i].resolved = True
        if answer.strip():
            s.questions[i].answer = answer
        result.resolved.append(s.questions[i].text)
    for i in doing:
        item = s.action_items[i]
        item.done, item.done_on = True, item.done_on or day
        result.done.append(item.text)
    for a in cap.actions:
        s.action_items.append(ActionItem(text=a.text, owner=a.owner, due=a.due))
        result.added_actions += 1
    for oid, text in moving:
        s.objective_progress.append(ObjectiveProgress(objective_id=oid, note=text))
        result.progressed.append(oid)
    return result


class CaptureMethods:
    """The capture calls of ``Services`` (mixed in; uses ``self.store``). Each reads and
    writes under the writer lock, so edits made meanwhile are kept."""

    store: Store

    def capture_session(
        self, session: str, capture: Capture, *, today: dt.date | None = None, confirm: bool = False
    ) -> CaptureResult:
        """Record what happened at a meeting (``session``: an id or unique prefix).
        A meeting still to come is refused unless ``confirm``."""
        from prepcoach.lookup import find_session_id

        day = today or dt.date.today()
        with self.store.locked():
            s = self.store.load_session(find_session_id(self.store.session_ids(), session))
            return self._record(s, capture, day, confirm, f"the meeting of session {s.id}")

    def capture_meeting(
        self,
        mentor: str,
        capture: Capture,
        *,
        date: dt.date | None = None,
        today: dt.date | None = None,
        confirm: bool = False,
    ) -> CaptureResult:
        """Record what happened at the meeting with ``mentor`` (id, name or first name)
        on ``date``, by default its booked next meeting: into the session saved for that
        day, or, when no prep was saved, into a new session for it (the booked length,
        ``created`` True), written once with the capture. A meeting still to come is
        refused unless ``confirm``; so is a mentor with no booking when no ``date`` is
        given, and a day with several sessions (each is captured by its id)."""
        from prepcoach.lookup import find_mentor
        from prepcoach.models import Session
        from prepcoach.vocab import DEFAULT_MEETING_MINUTES

        day = today or dt.date.today()
        with self.store.locked():
            plan = self.store.load_plan()
            m = find_mentor(plan, mentor)
            when = date or m.next_meeting
            if when is None:
                raise UsageError(
                    f"{m.name} has no booked meeting to capture.",
                    hint=f'Give its date: `prepcoach sessions capture --mentor "{m.name}" '
                    "--date DATE ...`.",
                )
            saved = [s for s in self.store.sessions_for(m.id) if s.date == when]
            if len(saved) > 1:
                raise UsageError(
                    f"{m.name} has {len(saved)} sessions on {when.isoformat()}: "
                    + ", ".join(s.id for s in saved)
                    + ".",
                    hint="Capture one by its id: `prepcoach sessions capture ID ...`.",
                )
            booked = m.next_meeting_minutes if when == m.next_meeting else None
            s = (
                saved[0]
                if saved
                else Session(mentor=m.id, date=when, minutes=booked or DEFAULT_MEETING_MINUTES)
            )
            what = f"your meeting with {m.name}"
            result = self._record(s, capture, day, confirm, what, plan)
        result.created = not saved
        return result

    def _record(
        self,
        s: Session,
        capture: Capture,
        day: dt.date,
        confirm: bool,
        what: str,
        plan: Plan | None = None,
    ) -> CaptureResult:
        """Apply ``capture`` to ``s`` and save it (the caller holds the writer lock);
        refused for a meeting (``what``) still to come unless ``confirm``."""
        if s.date > day and not confirm:
            raise UsageError(
                f"{what} is on {s.date.isoformat()}, still to come; "
                "capture it once it has taken place.",
                hint="If it has taken place already (moved earlier), pass --yes.",
            )
        result = apply_capture(s, plan or self.store.load_plan(), capture, day)
        result.session = self.store.save_session(s)
        return result
