"""Meetings: which meeting is being prepared, its saved prep, saving the prepared agenda as
a session, and what is captured after the meeting (notes, answers, action items)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from prepcoach.errors import NotFoundError, UsageError
from prepcoach.models import Mentor, Session

if TYPE_CHECKING:
    from prepcoach.agenda import CarryOver
    from prepcoach.services.env import ServiceEnv
    from prepcoach.services.types import AgendaRequest, AgendaResult
    from prepcoach.store import SessionSummary


def held(session: Session, today: dt.date | None = None) -> bool:
    """Whether the session's meeting has happened (``prepcoach.planning.is_held``): its
    date has passed, or something was captured after it. Without ``today``, only a
    capture counts."""
    from prepcoach.planning import is_captured, is_held

    return is_captured(session) if today is None else is_held(session, today)


def union(first: Sequence[str], then: Sequence[str]) -> list[str]:
    """``first`` followed by the items of ``then`` not already in it (compared as the
    agenda compares text: case, spacing and punctuation aside)."""
    from prepcoach.agenda import norm

    seen = {norm(x) for x in first}
    out = list(first)
    for x in then:
        if norm(x) not in seen:
            seen.add(norm(x))
            out.append(x)
    return out


def _id_order(session_id: str) -> tuple[str, int]:
    """Sort key for ids of one day: ``2026-12-01-ann``, ``...-ann-2``, ``...-ann-10``."""
    base, _, n = session_id.rpartition("-")
    return (base, int(n)) if n.isdigit() and base else (session_id, 0)


class Meetings:
    def __init__(self, env: ServiceEnv) -> None:
        self.env = env
        self.store = env.store

    def _mentor(self, mentor: Mentor | str) -> Mentor:
        """``mentor``, or the plan's mentor it names (id, name or first name)."""
        if isinstance(mentor, str):
            from prepcoach.lookup import find_mentor

            return find_mentor(self.env.plan(), mentor)
        return mentor

    def meeting_date(
        self,
        mentor: Mentor | None,
        today: dt.date | None = None,
        *,
        listing: Sequence[SessionSummary] | None = None,
    ) -> dt.date:
        """The date of the meeting being prepared, never silently today: the mentor's
        booked next meeting when still to come, else a planned prep's date, else the next
        date on the mentor's cadence in the term (``prepcoach.planning.next_meeting_date``),
        else one cadence step from today. When a meeting on that date was already
        captured, the one after it by cadence. A prep saved for it is planned until its
        date has passed or it is captured, so it counts as no meeting held.
        (``Agenda.next_meeting`` is the meeting after the one prepared.)"""
        from prepcoach.agenda import next_meeting_date as after
        from prepcoach.planning import next_meeting_date

        day = self.env.today(today)
        if mentor is None:
            return day
        if listing is None:
            listing = self.store.list_sessions(mentor.id)
        upcoming = [
            s
            for d in sorted({x.date for x in listing if x.date >= day})
            for s in self.sessions_on(mentor.id, d, listing)
        ]
        date = next_meeting_date(mentor, upcoming, day)
        if date is None:
            date = after(mentor.model_copy(update={"next_meeting": None}), day)
        if any(held(s, day) for s in self.sessions_on(mentor.id, date, listing)):
            date = after(mentor.model_copy(update={"next_meeting": date}), date)
        return date

    def booked_minutes(self, mentor: Mentor | str, today: dt.date | None = None) -> int | None:
        """The booked length of the meeting being prepared with ``mentor``: its
        ``next_meeting_minutes`` when that meeting is the booked one (still to come, not
        captured yet), else None. The agenda's length when none is given."""
        mentor = self._mentor(mentor)
        if mentor.next_meeting is None or mentor.next_meeting_minutes is None:
            return None
        if self.meeting_date(mentor, today) != mentor.next_meeting:
            return None
        return mentor.next_meeting_minutes

    def sessions_on(
        self, mentor_id: str, date: dt.date, listing: Sequence[SessionSummary] | None = None
    ) -> list[Session]:
        """The readable sessions with ``mentor_id`` on ``date`` (by id, in number order);
        ``listing``: the mentor's session listing, when the caller has it already."""
        from prepcoach.errors import FutureSchemaError, StoreError

        if listing is None:
            listing = self.store.list_sessions(mentor_id)
        same = [x for x in listing if x.date == date]
        same.sort(key=lambda x: _id_order(x.id))
        out: list[Session] = []
        for summary in same:
            try:
                out.append(self.store.load_session(summary.id))
            except FutureSchemaError:
                continue  # named in store.problems by the listing; never touched
            except StoreError as exc:  # NotFoundError too: it vanished since the listing
                if not isinstance(exc, NotFoundError):
                    self.store.problems.append(exc.message + (f" {exc.hint}" if exc.hint else ""))
        return out

    def prep_session(self, mentor: Mentor | str, today: dt.date | None = None) -> Session | None:
        """The session saved for the meeting being prepared with ``mentor`` that is still in
        prep (nothing captured after the meeting yet), if any."""
        mentor = self._mentor(mentor)
        return self.meeting(mentor, mentor.id, today)[1]

    def meeting(
        self, mentor: Mentor | None, mentor_id: str, today: dt.date | None
    ) -> tuple[dt.date, Session | None, list[SessionSummary]]:
        """The meeting being prepared: its date (``meeting_date``), its session still in
        prep (``existing_session``) and the mentor's session listing they were read from
        (one listing for all three)."""
        listing = self.store.list_sessions(mentor_id)
        date = self.meeting_date(mentor, today, listing=listing)
        return date, self.existing_session(mentor_id, date, listing=listing), listing

    def existing_session(
        self,
        mentor_id: str,
        date: dt.date,
        *,
        listing: Sequence[SessionSummary] | None = None,
    ) -> Session | None:
        """The session still in prep with ``mentor_id`` on ``date`` (not captured), if any."""
        sessions = self.sessions_on(mentor_id, date, listing)
        return next((s for s in sessions if not held(s)), None)

    def upsert_session(self, req: AgendaRequest, result: AgendaResult) -> tuple[Session, bool]:
        """Save the prepared meeting; returns (session, updated).

        The meeting is the one ``meeting_date`` names. When a session for it is already
        saved and still in prep, it is updated in place (``updated`` True): its id is
        kept, the agenda, minutes, engine, model and token counts are replaced, and its
        wins and questions are kept with the new ones added (``req.complete``: replaced
        by the request's, which then holds the whole prep). A meeting already held is
        never touched: ``meeting_date`` has moved on to the next one. Read and write
        happen under the store's writer lock."""
        from prepcoach.models import Question

        agenda = result.agenda
        mentor = result.mentor or self.env.plan().mentor(agenda.mentor)
        wins = [a for a in req.accomplishments if a.strip()]
        asked = [q for q in req.questions if q.strip()]
        with self.store.locked():
            date, old, _ = self.meeting(mentor, agenda.mentor, req.today)
            if old is None:
                session = Session(
                    mentor=agenda.mentor,
                    date=date,
                    accomplishments=wins,
                    questions=[Question(text=q) for q in asked],
                    minutes=agenda.minutes,
                    agenda=agenda,
                    engine=agenda.engine,
                    model=agenda.model,
                    tokens=result.usage,
                )
                return self.store.save_session(session), False
            if not req.complete:
                wins = union(old.accomplishments, wins)
                asked = union([q.text for q in old.questions], asked)
            session = old.model_copy(
                update={
                    "minutes": agenda.minutes,
                    "agenda": agenda,
                    "engine": agenda.engine,
                    "model": agenda.model,
                    "tokens": result.usage,
                    "accomplishments": wins,
                    "questions": [Question(text=q) for q in asked],
                }
            )
            return self.store.save_session(session), True

    def capture(
        self,
        base: Session,
        captured: Session,
        resolved_earlier: Sequence[CarryOver] = (),
    ) -> tuple[Session, int]:
        """Save what was captured after a meeting; returns (session, earlier questions
        marked resolved).

        ``base`` is the session as it was when the capture started and ``captured`` the
        edited copy. Under the writer lock the session is read again and only what the
        capture changed is applied, so a save made meanwhile (another window, an agenda
        saved again) is kept: notes and objective progress when the capture changed
        them; questions by text (answers and resolved marks; new ones added); action
        items the capture added, appended. ``resolved_earlier`` (``agenda.CarryOver``
        items) are marked resolved in the sessions they came from, in the same lock."""
        from prepcoach.agenda import norm

        with self.store.locked():
            current = self.store.load_session(base.id)
            update: dict[str, object] = {}
            if captured.notes != base.notes:
                update["notes"] = captured.notes
            if captured.objective_progress != base.objective_progress:
                update["objective_progress"] = captured.objective_progress
            before = {norm(q.text): q for q in base.questions}
            changed = {norm(q.text): q for q in captured.questions if before.get(norm(q.text)) != q}
            questions = [changed.pop(norm(q.text), q) for q in current.questions]
            questions += [q for q in captured.questions if norm(q.text) in changed]
            update["questions"] = questions
            known = {(a.text, a.owner, a.due) for a in current.action_items}
            added = [
                a
                for a in captured.action_items[len(base.action_items) :]
                if (a.text, a.owner, a.due) not in known
            ]
            update["action_items"] = [*current.action_items, *added]
            saved = self.store.save_session(current.model_copy(update=update))
            count = self._resolve_earlier(resolved_earlier)
        return saved, count

    def _resolve_earlier(self, resolved_earlier: Sequence[CarryOver]) -> int:
        """Mark the carried-over questions resolved in the sessions they came from; how
        many were marked. The caller holds the writer lock."""
        from prepcoach.agenda import clean_line, norm

        count = 0
        by_session: dict[str, set[str]] = {}
        for c in resolved_earlier:
            by_session.setdefault(c.session_id, set()).add(norm(c.text))
        for session_id, keys in by_session.items():
            try:
                earlier = self.store.load_session(session_id)
            except NotFoundError:
                continue
            marked = 0
            for q in earlier.questions:
                if not q.resolved and norm(clean_line(q.text)) in keys:
                    q.resolved = True
                    marked += 1
            if marked:
                self.store.save_session(earlier)
                count += marked
        return count

    def set_action_done(
        self, session_id: str, index: int, done: bool, today: dt.date | None = None
    ) -> Session:
        """Mark a session's action item done or not (read and written under the lock)."""
        with self.store.locked():
            session = self.store.load_session(session_id)
            if not 0 <= index < len(session.action_items):
                raise UsageError(f"session {session_id} has no action item {index + 1}.")
            item = session.action_items[index]
            item.done = done
            item.done_on = self.env.today(today) if done else None
            return self.store.save_session(session)
