"""The one place the Plan screen and the first-run setup change the plan.

Every method hands over to the plan calls of ``Services`` (the same ones the CLI uses),
which read, change and write plan.json atomically under the store's writer lock, so a
CLI command editing the plan at the same time loses nothing. Each change that can be
undone returns an ``Undo``: the calls that put back exactly what was there before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from prepcoach.models import Mentor, Objective, Plan, Profile

if TYPE_CHECKING:
    from prepcoach.planning import RemovedMentor
    from prepcoach.services import Services


@dataclass(frozen=True)
class Undo:
    """One entry of the undo stack: what was done (shown when undone) and how to undo it."""

    label: str
    run: Callable[[], object]


class PlanActions:
    """Plan edits for the TUI, with the undo of each."""

    def __init__(self, services: Services, today: dt.date) -> None:
        self.s = services
        self.today = today

    def plan(self) -> Plan:
        return self.s.plan()

    def files(self, mentor_id: str) -> dict[str, list[str]]:
        """The session, outreach and review files naming the mentor (kept on removal)."""
        return self.s.mentor_files(mentor_id)

    def _mentor(self, mentor_id: str) -> Mentor:
        from prepcoach.lookup import find_mentor

        return find_mentor(self.plan(), mentor_id).model_copy(deep=True)

    def _objective(self, objective_id: str) -> Objective:
        from prepcoach.lookup import find_objective

        return find_objective(self.plan(), objective_id).model_copy(deep=True)

    # ---------------------------------------------------------------- profile

    def set_profile(self, **fields: str) -> tuple[Profile, Undo]:
        before = self.plan().profile
        old = {k: getattr(before, k) for k in fields}
        profile = self.s.set_profile(**fields)
        return profile, Undo("profile edit", lambda: self.s.set_profile(**old))

    # ---------------------------------------------------------------- mentors

    def add_mentor(self, name: str, **fields: Any) -> tuple[Mentor, Undo]:
        mentor = self.s.add_mentor(name, today=self.today, **fields)
        return mentor, Undo(f"adding {mentor.name}", lambda: self.s.remove_mentor(mentor.id))

    def edit_mentor(self, mentor_id: str, **fields: Any) -> tuple[Mentor, Undo]:
        # (the mentor is positional in ``edit_mentor``, so ``name=`` among the fields renames)
        return self._keeping(mentor_id, "edit", self.s.edit_mentor, **fields)

    def remove_mentor(self, mentor_id: str) -> tuple[RemovedMentor, Undo]:
        removed = self.s.remove_mentor(mentor_id)
        return removed, Undo(
            f"removing {removed.mentor.name}",
            lambda: self.s.restore_mentor(removed),
        )

    def set_status(
        self, mentor_id: str, status: str, *, force: bool = False
    ) -> tuple[Mentor, Undo]:
        return self._keeping(
            mentor_id,
            f"status {status}",
            self.s.set_mentor_status,
            status,
            force=force,
            today=self.today,
        )

    def book(
        self,
        mentor_id: str,
        date: dt.date,
        time: dt.time | None = None,
        minutes: int | None = None,
    ) -> tuple[Mentor, Undo]:
        return self._keeping(
            mentor_id, "booking", self.s.book_meeting, date, time, minutes, today=self.today
        )

    def cancel_booking(self, mentor_id: str) -> tuple[Mentor, Undo]:
        return self._keeping(mentor_id, "cancelled booking", self.s.cancel_meeting)

    def _keeping(
        self, mentor_id: str, what: str, change: Callable[..., Mentor], *args: Any, **kw: Any
    ) -> tuple[Mentor, Undo]:
        """Run ``change`` on one mentor; its undo puts the whole mentor record back as it
        was (status, term, history, booking), at its place and with its objective links
        as they are at the time of the undo."""
        before = self._mentor(mentor_id)
        after = change(before.id, *args, **kw)
        # the earlier record replaces the current one in place, in one locked write
        return after, Undo(f"{what} of {before.name}", lambda: self.s.restore_mentor(before))

    # ------------------------------------------------------------- objectives

    def add_objective(self, title: str, **fields: Any) -> tuple[Objective, list[str]]:
        """Adding is not undone (the plan keeps objectives): drop one instead."""
        return self.s.add_objective(title, today=self.today, **fields)

    def edit_objective(
        self,
        objective_id: str,
        *,
        title: str | None = None,
        done_when: str | None = None,
        area: str | None = None,
        mentors: Sequence[str] | None = None,
        why: str | None = None,
    ) -> tuple[Objective, list[str], Undo]:
        before = self._objective(objective_id)
        obj, warnings = self.s.edit_objective(
            before.id,
            title=title,
            done_when=done_when,
            area=area,
            mentors=mentors,
            why=why,
        )

        def undo() -> object:
            return self.s.edit_objective(
                before.id,
                title=before.title,
                done_when=before.done_when,
                area=before.support_area,
                mentors=before.mentors,
                why=before.why,
            )

        return obj, warnings, Undo(f'edit of "{before.title}"', undo)

    def drop_objective(self, objective_id: str) -> tuple[Objective, Undo]:
        return self._status_change(
            objective_id,
            "dropping",
            lambda i: self.s.drop_objective(i, on=self.today),
        )

    def reopen_objective(self, objective_id: str) -> tuple[Objective, Undo]:
        return self._status_change(objective_id, "reopening", lambda i: self.s.reopen_objective(i))

    def mark_met(self, objective_id: str) -> tuple[Objective, Undo]:
        return self._status_change(
            objective_id,
            "marking met",
            lambda i: self.s.mark_objective_met(i, on=self.today),
        )

    def _status_change(
        self, objective_id: str, what: str, change: Callable[[str], tuple[Any, ...]]
    ) -> tuple[Objective, Undo]:
        before = self._objective(objective_id)
        obj = change(before.id)[0]
        return obj, Undo(f'{what} "{before.title}"', lambda: self._restore_status(before))

    def _restore_status(self, before: Objective) -> Objective:
        """The objective back to its earlier status with its dates (evidence is never
        touched by these moves)."""
        if before.status == "met":
            return self.s.mark_objective_met(before.id, on=before.met_on)[0]
        if before.status == "dropped":
            return self.s.drop_objective(before.id, on=before.dropped_on)[0]
        return self.s.reopen_objective(before.id)[0]
