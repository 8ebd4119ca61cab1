"""The product's fixed vocabulary, in one import-free module.

Kinds of support, mentor statuses, outreach kinds and channels, agenda item kinds and the
meeting-length bounds. Every other module (models, lint, engines, services, CLI, TUI) takes
these names from here, so adding a kind or a channel starts in this file. Nothing here
imports anything beyond ``typing``, so the CLI's ``--help`` and the TUI's first paint can
use it for free.
"""

from __future__ import annotations

from typing import Literal, cast, get_args

SupportArea = Literal["scope", "politics", "career", "viewpoint", "technical", "toolkit"]
SUPPORT_AREAS: tuple[str, ...] = get_args(SupportArea)
SUPPORT_AREA_LABELS: dict[str, str] = {
    "scope": "navigate new levels of scope",
    "politics": "perspective on politics and priorities",
    "career": "expand thinking about career options",
    "viewpoint": "a different viewpoint",
    "technical": "technical skills and techniques in real time",
    "toolkit": "broaden the leadership toolkit",
}

ObjectiveStatus = Literal["open", "met", "dropped"]
MentorStatus = Literal["prospect", "asked", "active", "renewed", "loosened", "ended"]
MENTOR_STATUSES: tuple[str, ...] = get_args(MentorStatus)
Relation = Literal["internal", "external"]
RELATIONS: tuple[str, ...] = get_args(Relation)
Cadence = Literal["weekly", "biweekly", "monthly", "quarterly"]
CADENCE_DAYS: dict[str, int] = {"weekly": 7, "biweekly": 14, "monthly": 30, "quarterly": 91}

Channel = Literal["email", "linkedin", "slack"]
CHANNELS: tuple[str, ...] = get_args(Channel)
OutreachKind = Literal["first-request", "recommendation", "renewal", "wind-down", "follow-up"]
OUTREACH_KINDS: tuple[str, ...] = get_args(OutreachKind)
# Kinds that exist to ask one specific thing (they cannot be drafted without the ask), and
# kinds written to a mentor the user already meets (they draw on that relationship).
ASK_KINDS: frozenset[str] = frozenset({"first-request", "recommendation"})
MENTOR_KINDS: frozenset[str] = frozenset({"renewal", "wind-down", "follow-up"})
OutreachStatus = Literal["draft", "sent", "answered"]
Recommendation = Literal["continue", "renew", "loosen", "move_on"]
RECOMMENDATIONS: tuple[str, ...] = get_args(Recommendation)

AgendaItemKind = Literal["opening", "carried_over", "win", "question", "objective", "close"]
AGENDA_ITEM_KINDS: tuple[str, ...] = get_args(AgendaItemKind)

# Meeting length bounds and default, for every interface (CLI and TUI): shorter than ten
# minutes leaves no time for a question; longer than four hours is a workshop, not a
# mentoring meeting. 45 minutes is the usual slot with a busy senior person.
MIN_MEETING_MINUTES = 10
MAX_MEETING_MINUTES = 240
DEFAULT_MEETING_MINUTES = 45


def outreach_kind(value: str) -> OutreachKind:
    """``value`` as an outreach kind; a ValueError names the kinds when it is not one."""
    if value not in OUTREACH_KINDS:
        raise ValueError(f"unknown outreach kind {value!r}; use one of {', '.join(OUTREACH_KINDS)}")
    return cast(OutreachKind, value)
