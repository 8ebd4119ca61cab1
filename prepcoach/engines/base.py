"""The one protocol every engine implements, and the typed inputs and outputs it speaks.

An engine turns a prepared job into its text: an agenda, an outreach draft, or the message
that goes with a checkpoint review. The services decide what goes in (the plan, the
history, the rendered prompt) and check what comes out; the engine only writes.

- ``prepcoach.engines.offline_engine.OfflineEngine``: the deterministic composer (no
  network, no prompt: ``needs_prompt`` is False, so none is rendered or counted).
- ``prepcoach.engines.llm.LLMEngine``: a model drafts from the rendered prompt; drafts
  that break lint rules are sent back for repair. A reply it cannot use raises
  ``NothingUsable``; the services then run the offline engine and say so.

Every method takes the task and a ``Live`` (streamed text, the cancel event, the reason a
new attempt starts).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from prepcoach.errors import EngineError

if TYPE_CHECKING:
    from prepcoach.agenda import AgendaInput
    from prepcoach.engines.offline import OutreachInput
    from prepcoach.lint import Violation
    from prepcoach.models import (
        Agenda,
        Mentor,
        Objective,
        OutreachDraft,
        Plan,
        ReviewRecord,
        Session,
        TokenUsage,
    )
    from prepcoach.redact import Redactor
    from prepcoach.vocab import Channel, OutreachKind

TextSink = Callable[[str], None]
Messages = list[dict[str, str]]


def draft_text(subject: str, body: str) -> str:
    """A draft as one text: the ``Subject:`` line first when there is a subject."""
    return (f"Subject: {subject}\n\n" if subject else "") + body


class NothingUsable(EngineError):
    """The engine gave nothing usable for the job (a reply that cannot be read as one, a
    stream whose clock ran out). The services let the offline engine stand in, with a note,
    unless the settings turn that fallback off."""


@dataclass(frozen=True)
class Live:
    """How a running job talks with whoever waits for it: ``on_text`` hears the streamed
    text (called from the calling thread), ``cancel`` stops the job as soon as it can (it
    raises ``prepcoach.errors.Cancelled``), ``on_restart`` hears why a new attempt starts
    (without it, a separator line goes to ``on_text``)."""

    on_text: TextSink | None = None
    cancel: threading.Event | None = None
    on_restart: Callable[[str], None] | None = None


QUIET = Live()


@dataclass(frozen=True)
class Prompt:
    """A rendered prompt: the messages as sent (names swapped for placeholders when the
    settings redact), their counted size, the redactor that puts the names back into the
    reply, and the template context that repair requests are rendered from."""

    messages: Messages
    prompt_tokens: int
    tokens_exact: bool
    redactor: Redactor | None = None
    context: Mapping[str, object] = field(default_factory=dict)
    # The same prompt rendered again with less history, to fit ``tokens``; None when it
    # cannot fit even with no history (set by the services; None: it cannot be refitted).
    refit: Callable[[int], Prompt | None] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class AgendaTask:
    inp: AgendaInput
    mentor: Mentor  # the mentor as prepared (its next meeting is the one being prepared)
    objectives: list[Objective]  # in agenda order
    prompt: Prompt | None = None  # None when the engine needs none


@dataclass(frozen=True)
class AgendaOutput:
    agenda: Agenda
    usage: TokenUsage | None = None
    structured_mode: str = ""  # json_schema | json_object | text (a model only)
    repairs: list[str] = field(default_factory=list)  # what was fixed in a model's agenda


@dataclass(frozen=True)
class OutreachTask:
    inp: OutreachInput
    kind: OutreachKind
    channel: Channel
    prompt: Prompt | None = None


@dataclass(frozen=True)
class OutreachOutput:
    draft: OutreachDraft
    violations: list[Violation]  # rules the draft still breaks
    attempts: int
    usage: TokenUsage | None = None


@dataclass(frozen=True)
class ReviewMessageTask:
    plan: Plan
    mentor: Mentor
    record: ReviewRecord  # the rules' decision; the engine writes only the message
    history: list[Session]
    today: dt.date
    heading: str  # shown on on_text before the message
    prompt: Prompt | None = None


@dataclass(frozen=True)
class ReviewMessageOutput:
    text: str  # "Subject: ..." line first when there is a subject
    engine: str
    model: str
    violations: list[str]
    rules: list[str] = field(default_factory=list)  # the names of the rules still broken


@runtime_checkable
class Engine(Protocol):
    """What the services call; ``name`` labels the results ("offline" or "llm")."""

    @property
    def name(self) -> str: ...

    @property
    def needs_prompt(self) -> bool: ...

    def agenda(self, task: AgendaTask, live: Live = QUIET) -> AgendaOutput: ...

    def outreach(self, task: OutreachTask, live: Live = QUIET) -> OutreachOutput: ...

    def review_message(
        self, task: ReviewMessageTask, live: Live = QUIET
    ) -> ReviewMessageOutput: ...
