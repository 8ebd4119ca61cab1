"""What the services take and give: requests, previews and results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from prepcoach.vocab import DEFAULT_MEETING_MINUTES, OutreachKind

if TYPE_CHECKING:
    from prepcoach.engines.base import OutreachOutput
    from prepcoach.lint import Violation
    from prepcoach.models import Agenda, Mentor, Objective, OutreachDraft, Session, TokenUsage

TextSink = Callable[[str], None]

# Reply sizes assumed for the cost estimate shown before a call (tokens).
EXPECTED_REPLY_TOKENS = {"agenda": 700, "outreach": 250, "review": 350}


@dataclass
class AgendaRequest:
    mentor: str  # what the user typed: id, name or first name
    accomplishments: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    minutes: int = DEFAULT_MEETING_MINUTES
    today: dt.date | None = None
    # False (the CLI): wins and questions already saved for this meeting (a session still
    # in prep, see Services.prep_session) are added to these, so preparing a meeting over
    # several runs accumulates. True (the TUI, which shows the saved items in its lists and
    # lets the user delete them): these lists are the meeting's whole prep.
    complete: bool = False


@dataclass
class OutreachRequest:
    # who it goes to
    to: str
    title: str = ""
    organisation: str = ""
    mentor: str | None = None  # for renewal / wind-down / follow-up: which mentor
    # what it says
    kind: OutreachKind = "first-request"
    channel: str = "email"
    ask: str = ""
    context: str = ""  # follow-up: what I did with the advice; free notes otherwise
    today: dt.date | None = None
    # wind-down: the checkpoint review's recommendation it goes with (move_on closes the
    # regular meetings; loosen or "" keeps in touch less often)
    recommendation: str = ""


@dataclass
class Preview:
    """What would be sent, before sending (dry run, token count, cost)."""

    engine: str  # "offline" or "llm"
    model: str
    messages: list[dict[str, str]]
    prompt_tokens: int
    tokens_exact: bool
    estimated_cost_usd: float | None
    job: str = ""  # agenda | outreach | review
    redacted: bool = False  # messages have names swapped for placeholders
    history_sessions: int = 0  # earlier sessions included in the prompt
    history_omitted: int = 0  # older sessions left out to stay within the token budget
    expected_reply_tokens: int = 0  # assumed reply size in the cost estimate
    mentor: str = ""  # mentor id the prompt is about (review: one preview per mentor)

    def summary(self) -> str:
        """One line for stderr before a call: tokens and estimated cost."""
        from prepcoach.text import plural
        from prepcoach.tokens import format_cost

        exact = "" if self.tokens_exact else " (approximate)"
        cost = format_cost(self.estimated_cost_usd, self.model)
        hist = ""
        if self.history_omitted:
            hist = (
                f"; history: newest {plural(self.history_sessions, 'session')}, "
                f"{self.history_omitted} older omitted"
            )
        return (
            f"{self.prompt_tokens:,} prompt tokens{exact} for {self.model}, {cost} "
            f"(incl. ~{self.expected_reply_tokens} reply tokens){hist}"
        )

    def to_json(self) -> dict[str, object]:
        return {
            "engine": self.engine,
            "model": self.model,
            "job": self.job,
            "mentor": self.mentor,
            "prompt_tokens": self.prompt_tokens,
            "tokens_exact": self.tokens_exact,
            "estimated_cost_usd": self.estimated_cost_usd,
            "expected_reply_tokens": self.expected_reply_tokens,
            "redacted": self.redacted,
            "history_sessions": self.history_sessions,
            "history_omitted": self.history_omitted,
            "messages": self.messages,
        }


@dataclass
class AgendaResult:
    agenda: Agenda
    preview: Preview | None
    usage: TokenUsage | None
    mentor: Mentor | None = None
    objectives: list[Objective] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # agenda rules still broken (none)
    structured_mode: str = ""  # json_schema | json_object | text (LLM only)
    # the meeting's session saved earlier and still in prep, if any; unless
    # AgendaRequest.complete, its wins and questions were added to the request's
    prep: Session | None = None


@dataclass
class OutreachResult:
    draft: OutreachDraft
    violations: list[Violation]
    attempts: int
    preview: Preview | None = None
    usage: TokenUsage | None = None
    # when the model's last attempt still broke a rule, ``draft`` is the offline draft that
    # passes them and the model's attempt is kept here with what it broke
    model_draft: OutreachDraft | None = None
    model_violations: list[Violation] = field(default_factory=list)
    # a first request asked for a mentor asked and not answered: the nudge on the one sent
    nudge_on: OutreachDraft | None = None

    @classmethod
    def of(cls, out: OutreachOutput, preview: Preview | None) -> OutreachResult:
        """What the engine gave, with the preview of the prompt it was given."""
        return cls(out.draft, out.violations, out.attempts, preview, out.usage)

    def text(self) -> str:
        """The draft as one text (Subject line first for email)."""
        d = self.draft
        return (f"Subject: {d.subject}\n\n" if d.subject else "") + d.body
