"""The plan service: profile, mentors, objectives, bookings, team coverage and capturing
a meeting, the one set of calls the CLI and the TUI share.

``PlanMethods`` is mixed into ``Services`` (it needs ``self.store``); every edit goes
through ``prepcoach.planning`` (``Store.update_plan``, under the writer lock) or, for a
capture, reads and writes the session under the same lock, so a CLI command and a
running TUI never lose each other's edits. Removing a mentor never deletes a file.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Protocol, TypeVar

from prepcoach import planning
from prepcoach.errors import UsageError
from prepcoach.services.capture import CaptureMethods
from prepcoach.vocab import SUPPORT_AREA_LABELS, SUPPORT_AREAS

if TYPE_CHECKING:
    from prepcoach.models import Mentor, Plan, Profile
    from prepcoach.store import Store

# Statuses whose mentors cover their support areas on the team.
COVERING = ("active", "renewed")


@dataclass(frozen=True)
class AreaCoverage:
    """One support area on the team: who covers it now, who could, what needs it."""

    area: str
    label: str
    covered_by: list[str]  # names of active or renewed mentors with the area
    could: list[str]  # names of other mentors (prospects, asked, loosened, ended) with it
    needed_for: list[str]  # titles of open objectives needing this kind of support

    @property
    def covered(self) -> bool:
        return bool(self.covered_by)

    def gap(self) -> str:
        """'' when covered, else 'nobody covers politics (could: Ana); needed for: X'."""
        if self.covered:
            return ""
        text = f"nobody covers {self.area}"
        if self.could:
            text += f" (could: {', '.join(self.could)})"
        if self.needed_for:
            text += "; needed for: " + "; ".join(self.needed_for)
        return text


@dataclass(frozen=True)
class Team:
    """Support-area coverage of the whole team, the six areas in their fixed order."""

    areas: list[AreaCoverage]

    @property
    def gaps(self) -> list[str]:
        return [a.gap() for a in self.areas if not a.covered]


def team_coverage(plan: Plan) -> Team:
    areas = []
    for area in SUPPORT_AREAS:
        having = [m for m in plan.mentors if area in m.support_areas]
        areas.append(
            AreaCoverage(
                area=area,
                label=SUPPORT_AREA_LABELS.get(area, area),
                covered_by=[m.name for m in having if m.status in COVERING],
                could=[m.name for m in having if m.status not in COVERING],
                needed_for=[
                    o.title
                    for o in plan.objectives
                    if o.status == "open" and o.support_area == area
                ],
            )
        )
    return Team(areas)


# ----------------------------------------------------------------- the methods

P = ParamSpec("P")
R = TypeVar("R")


class _HasStore(Protocol):
    store: Store


def on_store(fn: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[_HasStore, P], R]:
    """``fn`` (a ``prepcoach.planning`` edit taking the store first) as a method that
    passes ``self.store``: the same parameters, result and docstring."""

    @functools.wraps(fn)
    def method(self: _HasStore, /, *args: P.args, **kwargs: P.kwargs) -> R:
        return fn(self.store, *args, **kwargs)

    return method


class PlanMethods(CaptureMethods):
    """The plan calls of ``Services`` (mixed in; uses ``self.store``), capturing a
    meeting included (``CaptureMethods``)."""

    store: Store

    # profile
    def profile(self) -> Profile:
        return self.store.load_plan().profile

    def set_profile(self, **fields: str | None) -> Profile:
        """Set the given fields (see ``planning.PROFILE_FIELDS``); "" clears one."""
        unknown = sorted(set(fields) - set(planning.PROFILE_FIELDS))
        if unknown:
            raise UsageError(
                f"the profile has no field {', '.join(unknown)}.",
                hint="Fields: " + ", ".join(planning.PROFILE_FIELDS) + ".",
            )
        return planning.set_profile(self.store, **fields)

    # mentors
    def add_mentor(self, name: str, **fields: Any) -> Mentor:
        """``planning.add_mentor`` (title, organisation, relation, levels_above,
        support_areas, status, term_start, term_months, cadence, email, notes, today)."""
        if isinstance(fields.get("support_areas"), str):
            fields["support_areas"] = planning.parse_areas(fields["support_areas"])
        return planning.add_mentor(self.store, name, **fields)

    def mentor_files(self, name: str) -> dict[str, list[str]]:
        """Ids of the session, outreach and review files naming the mentor (kept when
        the mentor is removed)."""
        from prepcoach.lookup import find_mentor

        m = find_mentor(self.store.load_plan(), name)
        return planning.mentor_references(self.store, m.id)

    edit_mentor = on_store(planning.edit_mentor)
    remove_mentor = on_store(planning.remove_mentor)
    restore_mentor = on_store(planning.restore_mentor)
    set_mentor_status = on_store(planning.set_mentor_status)
    book_meeting = on_store(planning.book_meeting)
    cancel_meeting = on_store(planning.cancel_meeting)

    def attention(self, today: dt.date | None = None) -> list[str]:
        """What needs the user: finished terms still marked active, and booked meetings
        passed with nothing captured (with the command that does it)."""
        day = today or dt.date.today()
        plan = self.store.load_plan()
        out = [planning.finished_term_message(m, day) for m in planning.finished_terms(plan, day)]
        booked = [m.id for m in plan.mentors if m.next_meeting and m.next_meeting < day]
        sessions = [s for mid in booked for s in self.store.sessions_for(mid)]
        for o in planning.overdue_captures(plan, sessions, day):
            saved = [s.id for s in sessions if s.mentor == o.mentor_id and s.date == o.date]
            out.append(f"{o.message[:1].upper()}{o.message[1:]}: `{o.command(saved)}`.")
        return out

    def team(self) -> Team:
        """Support-area coverage and the named gaps (what the Team screen shows)."""
        return team_coverage(self.store.load_plan())

    # objectives
    add_objective = on_store(planning.add_objective)
    edit_objective = on_store(planning.edit_objective)
    drop_objective = on_store(planning.drop_objective)
    reopen_objective = on_store(planning.reopen_objective)
    mark_objective_met = on_store(planning.mark_objective_met)
