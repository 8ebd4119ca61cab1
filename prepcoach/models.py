"""Data model: every file prepcoach writes is one of these pydantic models.

Files on disk:
  plan.json              -> Plan
  sessions/<id>.json     -> Session
  outreach/<id>.json     -> OutreachDraft
  reviews/<id>.json      -> ReviewRecord

Each carries ``schema_version`` (see ``SCHEMA_VERSION``) and a ``kind`` tag. Version 2
added a mentor's ``status_history``, ``term_ended`` and the booked meeting's time and
length; the store upgrades a version-1 file (every new field has a default).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from prepcoach.vocab import (  # noqa: F401  (re-exported for the models' users)
    CADENCE_DAYS,
    MAX_MEETING_MINUTES,
    MENTOR_STATUSES,
    MIN_MEETING_MINUTES,
    OUTREACH_KINDS,
    SUPPORT_AREA_LABELS,
    SUPPORT_AREAS,
    AgendaItemKind,
    Cadence,
    Channel,
    MentorStatus,
    ObjectiveStatus,
    OutreachKind,
    OutreachStatus,
    Recommendation,
    Relation,
    SupportArea,
)

SCHEMA_VERSION = 2


def slugify(text: str, fallback: str = "item") -> str:
    """ASCII slug for ids and file names ("Priya Raman" -> "priya-raman")."""
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", norm.lower()).strip("-")
    return slug[:48].strip("-") or fallback


class _Model(BaseModel):
    # defer_build: each model builds its validator on first use, not at import (the TUI
    # imports the models only after the dashboard first shows data)
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


# --------------------------------------------------------------------------- plan


class Profile(_Model):
    name: str = ""
    title: str = ""
    organisation: str = ""
    email: str = ""
    manager: str = ""
    # Other names (people, teams, customers) to hide when --redact is used.
    private_names: list[str] = Field(default_factory=list)


# The profile's fields the user sets (`prepcoach profile set`), in the order shown.
PROFILE_FIELDS: tuple[str, ...] = ("name", "title", "organisation", "manager", "email")


class Objective(_Model):
    id: str
    title: str
    why: str = ""
    done_when: str = ""
    support_area: SupportArea
    status: ObjectiveStatus = "open"
    mentors: list[str] = Field(default_factory=list, description="ids of the mentors helping")
    created: dt.date = Field(default_factory=dt.date.today)
    met_on: dt.date | None = None
    dropped_on: dt.date | None = None
    evidence: str = ""


class StatusChange(_Model):
    """One move along the mentor lifecycle, kept in ``Mentor.status_history``."""

    on: dt.date
    status: MentorStatus
    previous: MentorStatus
    term_start: dt.date | None = Field(default=None, description="the term in force after it")
    forced: bool = Field(default=False, description="made with --force past the lifecycle rules")
    note: str = ""


class Mentor(_Model):
    id: str
    name: str
    title: str = ""
    organisation: str = ""
    relation: Relation = "internal"
    levels_above: int = Field(default=2, ge=0, le=10)
    support_areas: list[SupportArea] = Field(default_factory=list)
    recommended_by: str = ""
    status: MentorStatus = "prospect"
    term_start: dt.date | None = None
    term_months: int = Field(default=6, ge=1, le=36)
    cadence: Cadence = "monthly"
    term_ended: dt.date | None = Field(
        default=None, description="the day a loosened or ended term stopped"
    )
    next_meeting: dt.date | None = Field(default=None, description="the booked next meeting")
    next_meeting_time: dt.time | None = None
    next_meeting_minutes: int | None = Field(
        default=None, ge=MIN_MEETING_MINUTES, le=MAX_MEETING_MINUTES
    )
    email: str = ""
    notes: str = ""
    status_history: list[StatusChange] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("mentor name must not be empty")
        return v

    def term_end(self) -> dt.date | None:
        """The day the current term ends: ``term_ended`` once it was loosened or ended
        early, else ``term_months`` after its start (None without a term)."""
        if self.term_start is None:
            return None
        natural = add_months(self.term_start, self.term_months)
        if self.term_ended is not None:
            return min(self.term_ended, natural)
        return natural


class Plan(_Model):
    schema_version: int = SCHEMA_VERSION
    kind: Literal["plan"] = "plan"
    profile: Profile = Field(default_factory=Profile)
    objectives: list[Objective] = Field(default_factory=list)
    mentors: list[Mentor] = Field(default_factory=list)
    reminder_days: int = Field(default=10, ge=1, le=365)

    def mentor(self, mentor_id: str) -> Mentor | None:
        return next((m for m in self.mentors if m.id == mentor_id), None)

    def objective(self, objective_id: str) -> Objective | None:
        return next((o for o in self.objectives if o.id == objective_id), None)

    def objectives_for(self, mentor_id: str) -> list[Objective]:
        return [o for o in self.objectives if mentor_id in o.mentors]

    def unique_id(self, base: str, taken: set[str]) -> str:
        candidate, n = base, 2
        while candidate in taken:
            candidate = f"{base}-{n}"
            n += 1
        return candidate


# ------------------------------------------------------------------------ session


class Question(_Model):
    text: str
    resolved: bool = False
    answer: str = ""


class ActionItem(_Model):
    text: str
    owner: str = "me"
    due: dt.date | None = None
    done: bool = False
    done_on: dt.date | None = None


class ObjectiveProgress(_Model):
    objective_id: str
    note: str = ""
    progressed: bool = True


class AgendaItem(_Model):
    title: str
    minutes: int = Field(ge=0)
    kind: AgendaItemKind = "question"
    detail: str = ""
    objective_id: str | None = None
    source: str = Field(default="", description="where a carried-over item came from")


class Agenda(_Model):
    mentor: str
    minutes: int = Field(ge=1)
    items: list[AgendaItem] = Field(default_factory=list)
    engine: Literal["offline", "llm"] = "offline"
    model: str = ""
    next_meeting: dt.date | None = None
    summary: str = ""

    def total(self) -> int:
        return sum(i.minutes for i in self.items)


class TokenUsage(_Model):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    estimated_cost_usd: float | None = None
    exact: bool = True


class _MentorRecord(_Model):
    """The head of a file about one mentor on one day (a session, a review); each kind
    sets its own ``kind`` tag."""

    schema_version: int = SCHEMA_VERSION
    kind: str
    id: str = ""
    mentor: str
    date: dt.date


class Session(_MentorRecord):
    kind: Literal["session"] = "session"
    minutes: int = Field(default=30, ge=1, le=600)
    accomplishments: list[str] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    agenda: Agenda | None = None
    notes: str = ""
    action_items: list[ActionItem] = Field(default_factory=list)
    objective_progress: list[ObjectiveProgress] = Field(default_factory=list)
    engine: str = ""
    model: str = ""
    tokens: TokenUsage | None = None

    @property
    def captured(self) -> bool:
        """The user recorded what happened: notes, action items, objective progress, or a
        question answered or resolved."""
        return bool(
            self.notes.strip()
            or self.action_items
            or self.objective_progress
            or any(q.resolved or q.answer.strip() for q in self.questions)
        )

    @property
    def moved(self) -> bool:
        """The meeting moved an objective forward or set new action items."""
        return any(p.progressed for p in self.objective_progress) or bool(self.action_items)


# ----------------------------------------------------------------------- outreach


class OutreachDraft(_Model):
    schema_version: int = SCHEMA_VERSION
    kind: Literal["outreach"] = "outreach"
    id: str = ""
    outreach_kind: OutreachKind = "first-request"
    to: str
    title: str = ""
    organisation: str = ""
    channel: Channel = "email"
    ask: str = ""
    subject: str = ""
    body: str = ""
    status: OutreachStatus = "draft"
    created: dt.date = Field(default_factory=dt.date.today)
    sent_on: dt.date | None = None
    answered_on: dt.date | None = None
    mentor: str | None = Field(default=None, description="mentor id this draft concerns")
    engine: str = ""
    model: str = ""
    violations: list[str] = Field(default_factory=list)


# ------------------------------------------------------------------------- review


class ReviewRecord(_MentorRecord):
    kind: Literal["review"] = "review"
    recommendation: Recommendation
    reasons: list[str] = Field(default_factory=list)
    term_month: int | None = None
    term_months: int = 6
    meetings_held: int = 0
    meetings_expected: int = 0
    objectives_met: list[str] = Field(default_factory=list)
    objectives_open: list[str] = Field(default_factory=list)
    drift_sessions: int = 0
    message: str = ""
    engine: str = ""
    model: str = ""
    violations: list[str] = Field(
        default_factory=list, description="outreach rules the message still breaks"
    )


FILE_MODELS: dict[str, type[BaseModel]] = {
    "plan": Plan,
    "session": Session,
    "outreach": OutreachDraft,
    "review": ReviewRecord,
}


def add_months_exact(d: dt.date, months: int) -> dt.date | None:
    """``d`` plus ``months`` calendar months, clamped to the month's last day; None when
    that falls outside the calendar (before year 1 or after year 9999)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(d.day, last))


def add_months(d: dt.date, months: int) -> dt.date:
    """``d`` plus ``months`` calendar months, clamped to the month's last day, and to
    ``date.max`` / ``date.min`` at the ends of the calendar (never raises)."""
    got = add_months_exact(d, months)
    if got is None:
        return dt.date.max if months > 0 else dt.date.min
    return got


def add_days(d: dt.date, days: int) -> dt.date:
    """``d`` plus ``days`` days, clamped to ``date.max`` / ``date.min`` (never raises)."""
    if days >= (dt.date.max - d).days:
        return dt.date.max
    if -days >= (d - dt.date.min).days:
        return dt.date.min
    return d + dt.timedelta(days=days)
