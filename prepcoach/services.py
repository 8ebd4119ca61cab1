"""Services: the one API both the CLI and the TUI call to generate and save things.

Contract (shared by cli/gen_cmds.py and tui/): construct ``Services(settings, store, llm)``;
``llm`` may be a ready client (tests hand in one pointed at a loopback server): either a
``prepcoach.engines.llm.LLM`` or an ``openai.OpenAI``; when None and ``settings.use_llm`` is
true it is built lazily on the first model call. Every generating method takes ``on_text``
(called with streamed text chunks, from the calling thread) and ``cancel`` (a
threading.Event; when set, the call raises ``Cancelled`` as soon as it can). Errors are
``PrepcoachError`` subclasses with user-facing messages.

Engines: with ``settings.use_llm`` (a key and no --offline) the model drafts and prepcoach
checks (agenda time boxes normalised, outreach linted and repaired, review decided by rules);
otherwise the offline composer writes everything, labelled as offline. ``preview_*`` renders
the exact messages either way (``--dry-run``, token count and cost) and never sends anything.

Streaming: ``outreach`` streams the draft's text. ``agenda`` and ``review`` ask the model for
JSON; their ``on_text`` gets a readable line per agenda item (or the message prose) as soon as
it is complete, not raw JSON. The offline engine does not stream: it calls ``on_text`` once
with the finished text.

API (all errors are PrepcoachError subclasses; ``Cancelled`` when ``cancel`` is set):

    Services(settings, store, llm=None)
      .use_llm -> bool                      a model is called (key or client, no --offline)
      .plan() -> Plan
      .preview_agenda(AgendaRequest) -> Preview
      .agenda(AgendaRequest, *, on_text, cancel) -> AgendaResult
      .save_session(AgendaRequest, AgendaResult) -> Session    updates the meeting's session
                                            when one is already saved (same mentor and date)
      .upsert_session(AgendaRequest, AgendaResult) -> (Session, updated: bool)
      .meeting_date(mentor, today=None) -> date     the date a prepared meeting is saved under
      .existing_session(mentor_id, date) -> Session | None   still in prep (not held)
      .prep_session(mentor, today=None) -> Session | None    the meeting's saved prep
      .capture(base, captured, resolved_earlier) -> (Session, n)  after-meeting notes
      .set_action_done(session_id, index, done, today=None) -> Session
      .preview_outreach(OutreachRequest) -> Preview
      .outreach(OutreachRequest, *, on_text, cancel, on_restart=None) -> OutreachResult
      .save_outreach(OutreachDraft | OutreachResult) -> OutreachDraft
      .drafts() -> list[OutreachDraft]         saved drafts, oldest first
      .find_draft(id_or_prefix) -> OutreachDraft   NotFoundError suggests close ids
      .mark_sent(draft_id, on=None) / .mark_answered(draft_id, on=None) -> OutreachDraft
      .reminders(today=None, after_days=None) -> list[prepcoach.outreach.Reminder]
      .preview_review(mentor=None, *, today=None) -> list[Preview]     one per mentor
      .review(mentor=None, *, today, on_text, cancel, save=False) -> list[ReviewRecord]
      .save_review(ReviewRecord) -> ReviewRecord
      Services.lint(text, *, channel, kind) -> list[prepcoach.lint.Violation]

Imports stay light: no openai, jinja2 or tiktoken at import time.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator

from prepcoach.errors import Cancelled, NotFoundError, UsageError
from prepcoach.models import (
    OUTREACH_KINDS,
    SUPPORT_AREA_LABELS,
    Agenda,
    AgendaItem,
    Mentor,
    Objective,
    OutreachDraft,
    Plan,
    ReviewRecord,
    Session,
    TokenUsage,
)
from prepcoach.settings import Settings
from prepcoach.store import Store

if TYPE_CHECKING:
    from prepcoach.engines.llm import LLM
    from prepcoach.redact import Redactor
    from prepcoach.store import SessionSummary
    from prepcoach.templating import Prompts

__all__ = [
    "AgendaRequest",
    "AgendaResult",
    "Cancelled",
    "OutreachRequest",
    "OutreachResult",
    "Preview",
    "Services",
    "TextSink",
]

TextSink = Callable[[str], None]

# Reply sizes assumed for the cost estimate shown before a call (tokens).
EXPECTED_REPLY_TOKENS = {"agenda": 700, "outreach": 250, "review": 350}
# At most this many repair rounds for an outreach draft that breaks lint rules.
MAX_REPAIRS = 2
# Share of the history budget that carried-over items may take in the prompt.
CARRY_SHARE = 3


# ------------------------------------------------------------------- requests


@dataclass
class AgendaRequest:
    mentor: str  # what the user typed: id, name or first name
    accomplishments: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    minutes: int = 45  # prepcoach.agenda.DEFAULT_MEETING_MINUTES (not imported: light import)
    today: dt.date | None = None
    # False (the CLI): wins and questions already saved for this meeting (a session still
    # in prep, see Services.prep_session) are added to these, so preparing a meeting over
    # several runs accumulates. True (the TUI, which shows the saved items in its lists and
    # lets the user delete them): these lists are the meeting's whole prep.
    complete: bool = False


@dataclass
class OutreachRequest:
    to: str
    ask: str = ""
    title: str = ""
    organisation: str = ""
    channel: str = "email"
    kind: str = "first-request"
    mentor: str | None = None  # for renewal / wind-down / follow-up: which mentor
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
        from prepcoach.tokens import format_cost

        exact = "" if self.tokens_exact else " (approximate)"
        cost = format_cost(self.estimated_cost_usd, self.model)
        hist = ""
        if self.history_omitted:
            from prepcoach.lint import plural

            hist = (
                f"; history: newest {plural(self.history_sessions, 'session')}, "
                f"{self.history_omitted} older omitted"
            )
        return (
            f"{self.prompt_tokens:,} prompt tokens{exact} for {self.model}, {cost} "
            f"(incl. ~{self.expected_reply_tokens} reply tokens){hist}"
        )

    def to_json(self) -> dict[str, Any]:
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
    violations: list[Any]  # prepcoach.lint.Violation
    attempts: int
    preview: Preview | None = None
    usage: TokenUsage | None = None

    def text(self) -> str:
        """The draft as one text (Subject line first for email)."""
        d = self.draft
        return (f"Subject: {d.subject}\n\n" if d.subject else "") + d.body


# ------------------------------------------------------------ model replies


class _Reply(BaseModel):
    model_config = ConfigDict(extra="ignore")


_ITEM_KINDS = ("opening", "carried_over", "win", "question", "objective", "close")


class AgendaItemReply(_Reply):
    title: str
    minutes: int
    kind: Literal["opening", "carried_over", "win", "question", "objective", "close"]
    detail: str
    objective_id: str | None

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, v: Any) -> Any:
        v = str(v or "").strip().lower().replace("-", "_").replace(" ", "_")
        aliases = {"carried": "carried_over", "carryover": "carried_over", "wins": "win"}
        v = aliases.get(v, v)
        return v if v in _ITEM_KINDS else "question"

    @field_validator("minutes", mode="before")
    @classmethod
    def _minutes(cls, v: Any) -> Any:
        try:
            return max(0, round(float(v)))
        except (TypeError, ValueError):
            return 0

    @field_validator("detail", mode="before")
    @classmethod
    def _detail(cls, v: Any) -> Any:
        return "" if v is None else v

    @field_validator("objective_id", mode="before")
    @classmethod
    def _objective(cls, v: Any) -> Any:
        return None if v in ("", "null", "none", "None") else v


class AgendaReply(_Reply):
    summary: str
    items: list[AgendaItemReply]


class ReviewMessageReply(_Reply):
    subject: str
    message: str


# ------------------------------------------------------------- stream views


class _ItemLines:
    """Turns a streamed agenda JSON reply into one readable line per completed item."""

    def __init__(self, sink: TextSink) -> None:
        self._sink = sink
        self._buf = ""
        self._pos = -1  # index just inside the items array, once found
        self._decoder = json.JSONDecoder()

    def feed(self, chunk: str) -> None:
        self._buf += chunk
        if self._pos < 0:
            key = self._buf.find('"items"')
            if key < 0:
                return
            bracket = self._buf.find("[", key)
            if bracket < 0:
                return
            self._pos = bracket + 1
        while True:
            i = self._pos
            while i < len(self._buf) and self._buf[i] in " \t\r\n,":
                i += 1
            if i >= len(self._buf) or self._buf[i] != "{":
                self._pos = i
                return
            try:
                obj, end = self._decoder.raw_decode(self._buf, i)
            except ValueError:
                self._pos = i
                return
            self._pos = end
            if isinstance(obj, dict) and obj.get("title"):
                mins = obj.get("minutes")
                when = f" ({mins} min)" if isinstance(mins, int | float) else ""
                self._sink(f"- {obj['title']}{when}\n")


class _JsonField:
    """Streams the text of one string field ("message") out of a JSON reply as it arrives."""

    def __init__(self, name: str, sink: TextSink) -> None:
        self._sink = sink
        self._buf = ""
        self._start = -1
        self._sent = 0
        self._done = False
        self._key = f'"{name}"'

    def feed(self, chunk: str) -> None:
        if self._done:
            return
        self._buf += chunk
        if self._start < 0:
            k = self._buf.find(self._key)
            if k < 0:
                return
            colon = self._buf.find(":", k + len(self._key))
            quote = self._buf.find('"', colon + 1) if colon >= 0 else -1
            if quote < 0:
                return
            self._start = quote + 1
        raw = self._buf[self._start :]
        # find the closing quote (not escaped)
        i, out_end, closed = 0, len(raw), False
        while i < len(raw):
            if raw[i] == "\\":
                i += 2
                continue
            if raw[i] == '"':
                out_end, closed = i, True
                break
            i += 1
        safe = raw[:out_end]
        if not closed:  # do not cut an escape sequence in two
            cut = safe.rfind("\\")
            if cut >= len(safe) - 6:
                safe = safe[:cut] if cut >= 0 else safe
        try:
            text = json.loads(f'"{safe}"')
        except ValueError:
            return
        if len(text) > self._sent:
            self._sink(text[self._sent :])
            self._sent = len(text)
        if closed:
            self._done = True


# ------------------------------------------------------------------ services


def held(session: Session) -> bool:
    """Whether the session's meeting has happened: something was captured after it
    (notes, action items, objective progress, an answered or resolved question)."""
    return bool(
        session.notes.strip()
        or session.action_items
        or session.objective_progress
        or any(q.resolved or q.answer for q in session.questions)
    )


def _union(first: Sequence[str], then: Sequence[str]) -> list[str]:
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


class Services:
    def __init__(self, settings: Settings, store: Store, llm: Any = None) -> None:
        self.settings = settings
        self.store = store
        self._llm = llm
        self._prompts: Prompts | None = None

    # ------------------------------------------------------------------ basics

    @property
    def use_llm(self) -> bool:
        """Whether generation calls a model (a key, or a client handed in, and no --offline)."""
        if self.settings.offline:
            return False
        return self.settings.use_llm or self._llm is not None

    @property
    def prompts(self) -> Prompts:
        if self._prompts is None:
            from prepcoach.templating import Prompts

            self._prompts = Prompts(self.settings.prompts_dir)
        return self._prompts

    def llm(self) -> LLM:
        from prepcoach.engines.llm import make_llm

        if self._llm is None or not _is_llm(self._llm):
            self._llm = make_llm(self.settings, self._llm)
        return self._llm

    def plan(self) -> Plan:
        return self.store.load_plan()

    def _today(self, today: dt.date | None) -> dt.date:
        return today or dt.date.today()

    def _redactor(self, plan: Plan, people: Sequence[str] = (), orgs: Sequence[str] = ()) -> Any:
        if not self.settings.redact:
            return None
        from prepcoach.redact import Redactor

        r = Redactor.from_plan(plan, people=people, organisations=orgs)
        return r if r else None

    def _preview(
        self,
        job: str,
        messages: list[dict[str, str]],
        redactor: Redactor | None,
        *,
        history: tuple[int, int] = (0, 0),
        mentor: str = "",
    ) -> Preview:
        from prepcoach.tokens import count_messages, estimate_cost

        if redactor is not None:
            messages = redactor.redact_messages(messages)
        count = count_messages(messages)
        reply = EXPECTED_REPLY_TOKENS.get(job, 500)
        model = self.settings.model
        return Preview(
            engine="llm" if self.use_llm else "offline",
            model=model,
            messages=messages,
            prompt_tokens=count.tokens,
            tokens_exact=count.exact,
            estimated_cost_usd=estimate_cost(self.settings.prices, model, count.tokens, reply),
            job=job,
            redacted=redactor is not None,
            history_sessions=history[0],
            history_omitted=history[1],
            expected_reply_tokens=reply,
            mentor=mentor,
        )

    def _usage(self, preview: Preview, reply_text: str, result: Any) -> TokenUsage:
        from prepcoach.tokens import count_text, estimate_cost

        prompt = result.prompt_tokens if result.prompt_tokens else preview.prompt_tokens
        completion = result.completion_tokens or count_text(reply_text)
        exact = bool(result.prompt_tokens) or preview.tokens_exact
        cost = estimate_cost(self.settings.prices, result.model, prompt, completion)
        return TokenUsage(
            prompt_tokens=prompt,
            completion_tokens=completion,
            estimated_cost_usd=cost,
            exact=exact,
        )

    def _with_prompt(
        self,
        setup: dict[str, Any],
        job: str,
        context: dict[str, Any],
        redactor: Redactor | None,
        history: tuple[int, int],
        mentor_id: str,
    ) -> dict[str, Any]:
        """``setup`` with the rendered ``job`` prompt's preview and the redactor added."""
        messages = self.prompts.messages(job, context)
        setup["preview"] = self._preview(job, messages, redactor, history=history, mentor=mentor_id)
        setup["redactor"] = redactor
        return setup

    # ------------------------------------------------------------ history text

    def _history(
        self,
        sessions: Sequence[Session] | _LazyHistory,
        objectives: Sequence[Objective],
        budget: int,
    ) -> tuple[list[dict[str, Any]], int]:
        """Newest sessions that fit ``budget`` tokens (oldest first) and how many were left
        out. ``sessions`` is oldest first; only the sessions kept (plus one) are rendered
        and counted (and, from a ``_LazyHistory``, parsed)."""
        from prepcoach.tokens import count_text

        titles = {o.id: o.title for o in objectives}
        kept: list[dict[str, Any]] = []
        used = 0
        newest_first = (
            sessions.newest_first() if isinstance(sessions, _LazyHistory) else reversed(sessions)
        )
        for s in newest_first:
            text = session_text(s, titles)
            n = count_text(text) + 1
            if used + n > budget:
                break
            used += n
            kept.append({"id": s.id, "date": s.date.isoformat(), "text": text})
        kept.reverse()
        return kept, len(sessions) - len(kept)

    def _agenda_history(
        self,
        mentor: Mentor,
        today: dt.date,
        exclude: str | None = None,
        listing: Sequence[SessionSummary] | None = None,
    ) -> _LazyHistory:
        """The mentor's sessions up to ``today`` from the store's index, with only those
        an agenda needs parsed: the newest one, and every session from the oldest one
        with an open question or action item onward (carry-over needs them all: a newer
        session that mentions an item again, resolved, keeps it from being carried).
        Older sessions are all settled and cannot change the carry-over; the prompt's
        history parses more of them, newest first, only as the token budget allows."""
        if listing is None:
            listing = self.store.list_sessions(mentor.id)
        summaries = [x for x in listing if x.date <= today and x.id != exclude]
        lazy = _LazyHistory(self.store, summaries)
        first_open = next(
            (i for i, x in enumerate(summaries) if x.open_questions or x.open_action_items),
            len(summaries),
        )
        for i in range(first_open, len(summaries)):
            lazy.get(i)
        for i in range(min(first_open, len(summaries)) - 1, -1, -1):  # the newest, if none
            if lazy.newest_loaded() is not None or lazy.get(i) is not None:
                break
        return lazy

    def _term_decision(
        self, plan: Plan, mentor: Mentor, history: _LazyHistory, today: dt.date
    ) -> str | None:
        """The checkpoint review's recommendation (``prepcoach.review.analyse``) when the
        mentor's term ends before the meeting after this one, so the agenda's close
        proposes what fits; None otherwise. Beyond what the agenda loads, only the newest
        sessions the drift rule looks at are parsed (it stops at the first that moved)."""
        from prepcoach.agenda import next_meeting_date
        from prepcoach.review import DRIFT_LIMIT, analyse, drift_sessions

        end = mentor.term_end()
        if end is None or end > next_meeting_date(mentor, today):
            return None
        for n, s in enumerate(history.newest_first(), 1):
            if n >= DRIFT_LIMIT or drift_sessions([s], today) == 0:
                break
        return analyse(plan, mentor, history.loaded(), today).recommendation

    # ------------------------------------------------------------------ agenda

    def _agenda_setup(self, req: AgendaRequest, *, prompt: bool = True) -> dict[str, Any]:
        from prepcoach.agenda import AgendaInput, check_meeting_minutes
        from prepcoach.lookup import find_mentor

        check_meeting_minutes(req.minutes)
        plan = self.plan()
        mentor = find_mentor(plan, req.mentor)
        today = self._today(req.today)
        # the meeting's own session (saved earlier, still in prep) is not its history:
        # its wins and questions are this meeting's, not carried over from another
        date, prep, listing = self._meeting(mentor, mentor.id, today)
        if date > today and mentor.next_meeting != date:
            # the meeting on the mentor's date was held already: prepare the one after it
            mentor = mentor.model_copy(update={"next_meeting": date})
        history = self._agenda_history(
            mentor, today, exclude=prep.id if prep else None, listing=listing
        )
        decision = self._term_decision(plan, mentor, history, today)
        wins = [a for a in req.accomplishments if a.strip()]
        questions = [q for q in req.questions if q.strip()]
        if prep is not None and not req.complete:
            wins = _union(prep.accomplishments, wins)
            questions = _union([q.text for q in prep.questions], questions)
        inp = AgendaInput(
            mentor=mentor,
            objectives=list(plan.objectives),
            history=history.loaded(),
            accomplishments=wins,
            questions=questions,
            minutes=req.minutes,
            today=today,
            profile=plan.profile,
            term_decision=decision,
        )
        objectives = inp.ordered_objectives()
        setup: dict[str, Any] = {
            "plan": plan,
            "mentor": mentor,
            "inp": inp,
            "preview": None,
            "redactor": None,
            "objectives": objectives,
            "prep": prep,
        }
        if not prompt:  # the offline composer needs no prompt: skip rendering and counting
            return setup
        mine = [o for o in objectives if mentor.id in o.mentors]
        budget = max(0, self.settings.history_token_budget)
        carry = inp.carry_overs()
        carry_rows, carry_used = _fit_carry(carry, budget // CARRY_SHARE)
        sessions, omitted = self._history(history, objectives, budget - carry_used)
        context = {
            "profile": _profile(plan),
            "mentor": _mentor(mentor),
            "objectives": [_objective(o) for o in (mine or objectives)],
            "minutes": req.minutes,
            "today": today.isoformat(),
            "accomplishments": inp.accomplishments,
            "questions": inp.open_questions(),
            "carried_over": carry_rows,
            "carried_omitted": len(carry) - len(carry_rows),
            "history": sessions,
            "history_omitted": omitted,
            "term_close": _term_close_line(mentor, inp),
        }
        return self._with_prompt(
            setup, "agenda", context, self._redactor(plan), (len(sessions), omitted), mentor.id
        )

    def preview_agenda(self, req: AgendaRequest) -> Preview:
        return self._agenda_setup(req)["preview"]

    def agenda(
        self,
        req: AgendaRequest,
        *,
        on_text: TextSink | None = None,
        cancel: threading.Event | None = None,
    ) -> AgendaResult:
        from prepcoach.agenda import check_agenda, normalise_agenda

        use_llm = self.use_llm  # read once: the engine can be switched meanwhile (TUI)
        setup = self._agenda_setup(req, prompt=use_llm)
        mentor: Mentor = setup["mentor"]
        inp = setup["inp"]
        preview: Preview = setup["preview"]
        _check_cancel(cancel)
        if not use_llm:
            from prepcoach.engines.offline import compose_agenda

            agenda = compose_agenda(inp)
            agenda = agenda.model_copy(update={"engine": "offline", "model": ""})
            if on_text is not None:
                from prepcoach.agenda import agenda_markdown

                on_text(agenda_markdown(agenda, mentor, setup["objectives"]))
            return AgendaResult(
                agenda=agenda,
                preview=preview,
                usage=None,
                mentor=mentor,
                objectives=setup["objectives"],
                problems=check_agenda(agenda, inp),
                prep=setup["prep"],
            )
        redactor: Redactor | None = setup["redactor"]
        sink = _restoring_sink(on_text, redactor, lambda s: _ItemLines(s)) if on_text else None
        reply, result = self.llm().chat_json(
            preview.messages,
            AgendaReply,
            name="agenda",
            model=self.settings.model,
            on_text=sink,
            cancel=cancel,
            prompt_tokens=preview.prompt_tokens,
        )
        assert isinstance(reply, AgendaReply)
        data = reply.model_dump()
        if redactor is not None:
            data = redactor.restore_data(data)
        draft = Agenda(
            mentor=mentor.id,
            minutes=req.minutes,
            items=[
                AgendaItem(
                    title=it["title"],
                    minutes=it["minutes"],
                    kind=it["kind"],
                    detail=it["detail"],
                    objective_id=it["objective_id"],
                    source="",
                )
                for it in data["items"]
            ],
            engine="llm",
            model=result.model,
            summary=data["summary"],
        )
        agenda = normalise_agenda(draft, inp)
        return AgendaResult(
            agenda=agenda,
            preview=preview,
            usage=self._usage(preview, result.text, result),
            mentor=mentor,
            objectives=setup["objectives"],
            problems=check_agenda(agenda, inp),
            structured_mode=result.mode,
            prep=setup["prep"],
        )

    def meeting_date(
        self,
        mentor: Mentor | None,
        today: dt.date | None = None,
        *,
        listing: Sequence[SessionSummary] | None = None,
    ) -> dt.date:
        """The date of the meeting being prepared: the mentor's next meeting when that is
        today or later, else today; but when a meeting on that date has already been held
        (its session has notes, action items, progress or answers), the one after it by
        cadence. (``Agenda.next_meeting`` is the meeting after the one prepared.)"""
        from prepcoach.agenda import next_meeting_date

        day = self._today(today)
        if mentor is None:
            return day
        date = (
            mentor.next_meeting
            if mentor.next_meeting is not None and mentor.next_meeting >= day
            else day
        )
        if any(held(s) for s in self._sessions_on(mentor.id, date, listing)):
            date = next_meeting_date(mentor.model_copy(update={"next_meeting": date}), date)
        return date

    def _sessions_on(
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
        if isinstance(mentor, str):
            from prepcoach.lookup import find_mentor

            mentor = find_mentor(self.plan(), mentor)
        return self._meeting(mentor, mentor.id, today)[1]

    def _meeting(
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
        """The session still in prep with ``mentor_id`` on ``date``, if any."""
        sessions = self._sessions_on(mentor_id, date, listing)
        return next((s for s in sessions if not held(s)), None)

    def save_session(self, req: AgendaRequest, result: AgendaResult) -> Session:
        """Store the prepared meeting as a session (engine, model, token counts, agenda).
        Saving the same meeting again updates that session: see ``upsert_session``."""
        return self.upsert_session(req, result)[0]

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
        mentor = result.mentor or self.plan().mentor(agenda.mentor)
        wins = [a for a in req.accomplishments if a.strip()]
        asked = [q for q in req.questions if q.strip()]
        fresh: dict[str, Any] = {
            "minutes": agenda.minutes,
            "agenda": agenda,
            "engine": agenda.engine,
            "model": agenda.model,
            "tokens": result.usage,
        }
        with self.store.locked():
            date, old, _ = self._meeting(mentor, agenda.mentor, req.today)
            if old is None:
                session = Session(
                    mentor=agenda.mentor,
                    date=date,
                    accomplishments=wins,
                    questions=[Question(text=q) for q in asked],
                    **fresh,
                )
                return self.store.save_session(session), False
            if not req.complete:
                wins = _union(old.accomplishments, wins)
                asked = _union([q.text for q in old.questions], asked)
            session = old.model_copy(
                update={
                    **fresh,
                    "accomplishments": wins,
                    "questions": [Question(text=q) for q in asked],
                }
            )
            return self.store.save_session(session), True

    # ----------------------------------------------------------------- capture

    def capture(
        self,
        base: Session,
        captured: Session,
        resolved_earlier: Sequence[Any] = (),
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
        from prepcoach.agenda import clean_line, norm

        with self.store.locked():
            current = self.store.load_session(base.id)
            update: dict[str, Any] = {}
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
        return saved, count

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
            item.done_on = self._today(today) if done else None
            return self.store.save_session(session)

    # ---------------------------------------------------------------- outreach

    def _outreach_setup(self, req: OutreachRequest, *, prompt: bool = True) -> dict[str, Any]:
        from prepcoach.engines.offline import OutreachInput
        from prepcoach.lint import WORD_LIMITS, applicable_rules

        if req.kind not in OUTREACH_KINDS:
            raise UsageError(
                f'unknown outreach kind "{req.kind}".',
                hint="Use one of " + ", ".join(OUTREACH_KINDS) + ".",
            )
        if req.channel not in WORD_LIMITS:
            raise UsageError(
                f'unknown channel "{req.channel}".', hint="Use email, linkedin or slack."
            )
        if not req.to.strip():
            raise UsageError("who is the message to?", hint="Pass --to NAME.")
        if req.kind in ("first-request", "recommendation") and not req.ask.strip():
            raise UsageError(
                f"a {req.kind} needs the one thing you are asking about.",
                hint='Pass --ask "..." (one specific, tactical topic).',
            )
        plan = self.plan()
        today = self._today(req.today)
        recipient = _recipient(plan, req.to)
        if req.mentor:
            from prepcoach.lookup import find_mentor

            mentor: Mentor | None = find_mentor(plan, req.mentor)
        else:
            mentor = recipient
        if recipient is not None:
            to_name = recipient.name
            title = req.title or recipient.title
            org = req.organisation or recipient.organisation
        else:
            to_name, title, org = " ".join(req.to.split()), req.title, req.organisation
        objectives = plan.objectives_for(mentor.id) if mentor else []
        if not objectives:
            objectives = [o for o in plan.objectives if o.status == "open"]
        history = (
            [s for s in self.store.sessions_for(mentor.id) if s.date <= today] if mentor else []
        )
        inp = OutreachInput(
            kind=req.kind,
            to=to_name,
            title=title,
            organisation=org,
            channel=req.channel,
            ask=req.ask.strip(),
            profile=plan.profile,
            mentor=mentor,
            objectives=objectives,
            context=req.context.strip(),
            history=history,
            today=today,
            recommendation=req.recommendation,
        )
        setup: dict[str, Any] = {
            "plan": plan,
            "inp": inp,
            "mentor": mentor,
            "context": {},
            "preview": None,
            "redactor": None,
        }
        if not prompt:  # the offline composer needs no prompt
            return setup
        budget = max(0, self.settings.history_token_budget) // 2
        sessions, omitted = (
            self._history(history, objectives, budget)
            if req.kind in ("renewal", "wind-down", "follow-up")
            else ([], 0)
        )
        from prepcoach.lint import RULES

        descriptions = dict(RULES)
        context = {
            "kind": req.kind,
            "channel": req.channel,
            "word_limit": WORD_LIMITS[req.channel],
            "rules": [
                {"name": r, "description": descriptions[r]}
                for r in applicable_rules(req.kind, req.channel)
            ],
            "to": {"name": to_name, "title": title, "organisation": org},
            "ask": req.ask.strip(),
            "profile": _profile(plan),
            "mentor": _mentor(mentor) if mentor else None,
            "objectives": [_objective(o) for o in objectives],
            "context": req.context.strip(),
            "history": sessions,
            "history_omitted": omitted,
            "today": today.isoformat(),
        }
        setup["context"] = context
        redactor = self._redactor(plan, people=[to_name], orgs=[org] if org else [])
        return self._with_prompt(
            setup,
            "outreach",
            context,
            redactor,
            (len(sessions), omitted),
            mentor.id if mentor else "",
        )

    def preview_outreach(self, req: OutreachRequest) -> Preview:
        return self._outreach_setup(req)["preview"]

    def outreach(
        self,
        req: OutreachRequest,
        *,
        on_text: TextSink | None = None,
        cancel: threading.Event | None = None,
        on_restart: Callable[[str], None] | None = None,
    ) -> OutreachResult:
        """Draft a message. With a model, a draft that breaks lint rules is sent back with
        the violations (at most ``MAX_REPAIRS`` more attempts); before each new attempt
        ``on_restart(reason)`` is called (or, without it, a separator line goes to
        ``on_text``). What still breaks a rule is in ``violations`` and ``draft.violations``."""
        from prepcoach.lint import lint_outreach, split_subject

        use_llm = self.use_llm  # read once: the engine can be switched meanwhile (TUI)
        setup = self._outreach_setup(req, prompt=use_llm)
        preview: Preview = setup["preview"]
        mentor = setup["mentor"]
        _check_cancel(cancel)
        if not use_llm:
            from prepcoach.engines.offline import compose_outreach

            draft = compose_outreach(setup["inp"])
            draft = draft.model_copy(
                update={
                    "engine": "offline",
                    "model": "",
                    "mentor": draft.mentor or (mentor.id if mentor else None),
                }
            )
            found = lint_outreach(
                draft.body, channel=draft.channel, kind=draft.outreach_kind, subject=draft.subject
            )
            draft.violations = [str(v) for v in found]
            res = OutreachResult(draft=draft, violations=found, attempts=1, preview=preview)
            if on_text is not None:
                on_text(res.text())
            return res

        redactor: Redactor | None = setup["redactor"]
        llm = self.llm()
        messages = list(preview.messages)
        total_prompt = total_completion = 0
        attempts = 0
        subject: str | None = None
        body = ""
        violations: list[Any] = []
        result: Any = None
        while True:
            attempts += 1
            sink = _restoring_sink(on_text, redactor, None) if on_text else None
            from prepcoach.tokens import count_messages

            tokens = count_messages(messages).tokens
            result = llm.chat(
                messages,
                model=self.settings.model,
                on_text=sink,
                cancel=cancel,
                prompt_tokens=tokens,
            )
            if sink is not None:
                sink.flush()
            total_prompt += result.prompt_tokens or tokens
            from prepcoach.tokens import count_text

            total_completion += result.completion_tokens or count_text(result.text)
            raw = result.text
            text = redactor.restore(raw) if redactor is not None else raw
            subject, body = split_subject(_strip_fences(text).strip())
            body = body.strip()
            violations = lint_outreach(
                body, channel=req.channel, kind=req.kind, subject=subject or None
            )
            if not violations or attempts > MAX_REPAIRS:
                break
            _check_cancel(cancel)
            reason = (
                f"draft {attempts} broke {len(violations)} rule"
                f"{'s' if len(violations) != 1 else ''} "
                f"({', '.join(v.rule for v in violations)}); "
                f"asking for a fix (attempt {attempts + 1} of {MAX_REPAIRS + 1})"
            )
            if on_restart is not None:
                on_restart(reason)
            elif on_text is not None:
                on_text(f"\n\n--- {reason} ---\n\n")
            repair = self.prompts.render(
                "outreach.repair.j2",
                {
                    **setup["context"],
                    "violations": [{"rule": v.rule, "reason": v.reason} for v in violations],
                    "attempt": attempts + 1,
                    "max_attempts": MAX_REPAIRS + 1,
                },
            )
            if redactor is not None:
                repair = redactor.redact(repair)
            messages = [
                *messages,
                {"role": "assistant", "content": raw},
                {"role": "user", "content": repair},
            ]
        inp = setup["inp"]
        draft = OutreachDraft(
            outreach_kind=req.kind,  # type: ignore[arg-type]
            to=inp.to,
            title=inp.title,
            organisation=inp.organisation,
            channel=req.channel,  # type: ignore[arg-type]
            ask=req.ask.strip(),
            subject=(subject or "") if req.channel == "email" else "",
            body=body,
            created=inp.today,
            mentor=mentor.id if mentor else None,
            engine="llm",
            model=result.model if result is not None else self.settings.model,
            violations=[str(v) for v in violations],
        )
        from prepcoach.tokens import estimate_cost

        usage = TokenUsage(
            prompt_tokens=total_prompt,
            completion_tokens=total_completion,
            estimated_cost_usd=estimate_cost(
                self.settings.prices, draft.model, total_prompt, total_completion
            ),
            exact=preview.tokens_exact,
        )
        return OutreachResult(
            draft=draft, violations=violations, attempts=attempts, preview=preview, usage=usage
        )

    def save_outreach(self, draft: OutreachDraft | OutreachResult) -> OutreachDraft:
        if isinstance(draft, OutreachResult):
            draft = draft.draft
        return self.store.save_outreach(draft)

    def drafts(self) -> list[OutreachDraft]:
        """Every saved outreach draft, oldest first (by created date, then id)."""
        return sorted(self.store.list_outreach(), key=lambda d: (d.created, d.id))

    def find_draft(self, draft_id: str) -> OutreachDraft:
        """A saved draft by id or a unique id prefix; unknown ids suggest close matches."""
        from prepcoach.lookup import _suggest

        q = draft_id.strip()
        if not q:
            raise NotFoundError(
                "no draft id given.", hint="Run `prepcoach drafts list` to see draft ids."
            )
        drafts = self.drafts()
        for d in drafts:
            if d.id == q:
                return d
        close = [d for d in drafts if d.id.startswith(q)]
        if len(close) == 1:
            return close[0]
        if len(close) > 1:
            shown = ", ".join(d.id for d in close[:5]) + (" ..." if len(close) > 5 else "")
            raise NotFoundError(f'"{q}" matches several drafts: {shown}.', hint="Use a full id.")
        if not drafts:
            raise NotFoundError(
                f'no outreach draft "{q}": none saved yet.',
                hint="Save one with `prepcoach outreach ... --save`.",
            )
        hint = _suggest(q, [d.id for d in drafts])
        if not hint:
            ids = ", ".join(d.id for d in drafts[-5:])
            hint = f"Recent drafts: {ids}. Run `prepcoach drafts list` for all."
        raise NotFoundError(f'no outreach draft "{q}".', hint=hint)

    _find_draft = find_draft

    def mark_sent(
        self, draft_id: str, on: dt.date | None = None, today: dt.date | None = None
    ) -> OutreachDraft:
        """Mark a draft sent (``on``: the day, default today); starts the reminder clock.
        Marking it sent again moves the date; an answered draft stays answered."""
        d = self.find_draft(draft_id)
        now = self._today(today)
        day = on or now
        if day > now:
            raise UsageError(
                f"{day.isoformat()} is in the future; mark a draft sent once it is sent.",
                hint="Leave out --on for today, or pass the day you sent it.",
            )
        if day < d.created:
            raise UsageError(
                f"{d.id} was created on {d.created.isoformat()}; it cannot have been sent "
                f"on {day.isoformat()}.",
                hint="Pass --on with the day you sent it.",
            )
        if d.answered_on is not None and day > d.answered_on:
            raise UsageError(
                f"{d.id} was answered on {d.answered_on.isoformat()}, before {day.isoformat()}.",
                hint="Pass --on with the day you sent it.",
            )
        if d.status != "answered":
            d.status = "sent"
        d.sent_on = day
        return self.store.save_outreach(d)

    def mark_answered(
        self, draft_id: str, on: dt.date | None = None, today: dt.date | None = None
    ) -> OutreachDraft:
        """Mark a draft answered (``on``: the day, default today); a draft never marked
        sent counts as sent that day."""
        d = self.find_draft(draft_id)
        now = self._today(today)
        day = on or now
        if day > now:
            raise UsageError(
                f"{day.isoformat()} is in the future; mark a draft answered once it is.",
                hint="Leave out --on for today, or pass the day the answer came.",
            )
        floor = d.sent_on or d.created
        if day < floor:
            what = "sent" if d.sent_on else "created"
            raise UsageError(
                f"{d.id} was {what} on {floor.isoformat()}; it cannot have been answered "
                f"on {day.isoformat()}.",
                hint="Pass --on with the day the answer came.",
            )
        d.status = "answered"
        d.answered_on = day
        if d.sent_on is None:
            d.sent_on = day
        return self.store.save_outreach(d)

    def reminders(self, today: dt.date | None = None, after_days: int | None = None) -> list[Any]:
        """Sent drafts with no answer after ``after_days`` (default: the plan's
        ``reminder_days``), each with a one-line nudge (prepcoach.outreach.Reminder)."""
        from prepcoach.outreach import reminders

        days = after_days if after_days is not None else self.plan().reminder_days
        return list(reminders(self.store.list_outreach(), self._today(today), days))

    # ------------------------------------------------------------------ review

    def _review_mentors(self, mentor: str | None) -> tuple[Plan, list[Mentor]]:
        """The plan and the mentors to review (all when ``mentor`` is None); raises before
        anything is generated when the mentor is unknown or the plan has none."""
        plan = self.plan()
        if mentor is not None:
            from prepcoach.lookup import find_mentor

            return plan, [find_mentor(plan, mentor)]
        if not plan.mentors:
            raise NotFoundError(
                "the plan has no mentors to review.",
                hint='Add one with `prepcoach mentors add "NAME"`.',
            )
        return plan, list(plan.mentors)

    def _review_setup(
        self, plan: Plan, m: Mentor, today: dt.date, *, prompt: bool = True
    ) -> dict[str, Any]:
        """One mentor's review: the rules' record, that mentor's history and (``prompt``)
        the prompt. Built one mentor at a time so memory stays bounded by the largest
        history; the offline composer needs no prompt, so none is rendered or counted."""
        from prepcoach.review import analyse, review_message_goal, review_message_kind

        budget = max(0, self.settings.history_token_budget)
        history = [s for s in self.store.sessions_for(m.id) if s.date <= today]
        rec = analyse(plan, m, history, today)
        setup: dict[str, Any] = {
            "plan": plan,
            "mentor": m,
            "record": rec,
            "history": history,
            "preview": None,
            "redactor": None,
        }
        if not prompt:
            return setup
        objectives = plan.objectives_for(m.id)
        sessions, omitted = self._history(history, objectives, budget)
        context = {
            "profile": _profile(plan),
            "mentor": _mentor(m),
            "objectives": [_objective(o) for o in objectives],
            "review": rec.model_dump(mode="json"),
            "message_kind": review_message_kind(rec) or "",
            "message_goal": review_message_goal(rec),
            "history": sessions,
            "history_omitted": omitted,
            "today": today.isoformat(),
        }
        return self._with_prompt(
            setup, "review", context, self._redactor(plan), (len(sessions), omitted), m.id
        )

    def preview_review(
        self, mentor: str | None = None, *, today: dt.date | None = None
    ) -> list[Preview]:
        day = self._today(today)
        plan, mentors = self._review_mentors(mentor)
        return [self._review_setup(plan, m, day)["preview"] for m in mentors]

    def review(
        self,
        mentor: str | None = None,
        *,
        today: dt.date | None = None,
        on_text: TextSink | None = None,
        cancel: threading.Event | None = None,
        save: bool = False,
    ) -> list[ReviewRecord]:
        """One record per mentor (all when ``mentor`` is None). The recommendation and its
        reasons always come from the rules (prepcoach.review); a model only writes the
        message prose. ``save`` stores each record under reviews/. Mentors are reviewed
        one at a time: only one mentor's history is in memory at once."""
        day = self._today(today)
        plan, mentors = self._review_mentors(mentor)
        out: list[ReviewRecord] = []
        use_llm = self.use_llm  # read once: one engine for every mentor of this review
        for m in mentors:
            _check_cancel(cancel)
            s = self._review_setup(plan, m, day, prompt=use_llm)
            rec: ReviewRecord = s["record"]
            if use_llm:
                preview: Preview = s["preview"]
                redactor = s["redactor"]
                if on_text is not None:
                    on_text(f"\n## {s['mentor'].name}: {rec.recommendation}\n\n")
                sink = (
                    _restoring_sink(on_text, redactor, lambda k: _JsonField("message", k))
                    if on_text
                    else None
                )
                subject, message, model, violations = self._review_message_llm(
                    s, preview, redactor, sink, on_text, cancel
                )
                text = (f"Subject: {subject}\n\n" if subject else "") + message
                rec = rec.model_copy(
                    update={
                        "message": text,
                        "engine": "llm",
                        "model": model,
                        "violations": [str(v) for v in violations],
                    }
                )
            else:
                from prepcoach.review import review_message

                draft = review_message(s["plan"], s["mentor"], rec, s["history"], day)
                text = (f"Subject: {draft.subject}\n\n" if draft.subject else "") + draft.body
                rec = rec.model_copy(
                    update={
                        "message": text,
                        "engine": "offline",
                        "model": "",
                        "violations": list(draft.violations),
                    }
                )
                if on_text is not None:
                    on_text(f"\n## {s['mentor'].name}: {rec.recommendation}\n\n{rec.message}\n")
            if save:
                rec = self.store.save_review(rec)
            out.append(rec)
            del s  # this mentor's history goes before the next one is read
        return out

    def _review_message_llm(
        self,
        setup: dict[str, Any],
        preview: Preview,
        redactor: Any,
        sink: Any,
        on_text: TextSink | None,
        cancel: threading.Event | None,
    ) -> tuple[str, str, str, list[Any]]:
        """The model's message for a review, linted as the outreach kind it is
        (``review_message_kind``: renewal, wind-down, follow-up, ...) on email and sent back
        with the violations at most ``MAX_REPAIRS`` more times, like an outreach draft.
        Returns (subject, message, model, violations still broken)."""
        from prepcoach.lint import WORD_LIMITS, lint_outreach
        from prepcoach.review import review_message_kind

        kind = review_message_kind(setup["record"])
        messages = list(preview.messages)
        attempts = 0
        while True:
            attempts += 1
            reply, result = self.llm().chat_json(
                messages,
                ReviewMessageReply,
                name="review_message",
                model=self.settings.model,
                on_text=sink,
                cancel=cancel,
                prompt_tokens=preview.prompt_tokens,
            )
            assert isinstance(reply, ReviewMessageReply)
            subject, message = reply.subject.strip(), reply.message.strip()
            if redactor is not None:
                subject, message = redactor.restore(subject), redactor.restore(message)
            violations = lint_outreach(message, channel="email", kind=kind, subject=subject)
            if not violations or attempts > MAX_REPAIRS:
                return subject, message, result.model, violations
            _check_cancel(cancel)
            if on_text is not None:
                on_text(
                    f"\n\n--- message {attempts} broke {len(violations)} rule"
                    f"{'s' if len(violations) != 1 else ''} "
                    f"({', '.join(v.rule for v in violations)}); asking for a fix "
                    f"(attempt {attempts + 1} of {MAX_REPAIRS + 1}) ---\n\n"
                )
                sink = _restoring_sink(on_text, redactor, lambda k: _JsonField("message", k))
            repair = self.prompts.render(
                "review.repair.j2",
                {
                    "violations": [{"rule": v.rule, "reason": v.reason} for v in violations],
                    "message_kind": kind,
                    "word_limit": WORD_LIMITS["email"],
                    "attempt": attempts + 1,
                    "max_attempts": MAX_REPAIRS + 1,
                },
            )
            if redactor is not None:
                repair = redactor.redact(repair)
            raw = json.dumps({"subject": reply.subject, "message": reply.message})
            messages = [
                *messages,
                {"role": "assistant", "content": raw},
                {"role": "user", "content": repair},
            ]

    def save_review(self, rec: ReviewRecord) -> ReviewRecord:
        return self.store.save_review(rec)

    # -------------------------------------------------------------------- lint

    @staticmethod
    def lint(text: str, *, channel: str = "email", kind: str = "first-request") -> list[Any]:
        """Outreach rules on any text (a leading ``Subject:`` line is the subject)."""
        from prepcoach.lint import lint_outreach, split_subject

        subject, body = split_subject(text)
        try:
            return lint_outreach(body, channel=channel, kind=kind, subject=subject)
        except ValueError as exc:
            raise UsageError(str(exc)) from None


# ------------------------------------------------------------------- helpers


class _LazyHistory:
    """One mentor's sessions (oldest first) as index summaries, each parsed on first use.

    A session that vanished or turned unreadable since the listing is skipped (the store
    records why in ``store.problems``), as ``Store.sessions_for`` does."""

    def __init__(self, store: Store, summaries: list[Any]) -> None:
        self._store = store
        self._summaries = summaries
        self._loaded: dict[int, Session | None] = {}

    def __len__(self) -> int:
        return len(self._summaries)

    @property
    def parsed(self) -> int:
        """How many session files were read."""
        return len(self._loaded)

    def get(self, i: int) -> Session | None:
        if i not in self._loaded:
            from prepcoach.errors import FutureSchemaError, StoreError

            session: Session | None
            try:
                session = self._store.load_session(self._summaries[i].id)
            except FutureSchemaError:
                raise
            except NotFoundError:
                session = None
            except StoreError as exc:
                self._store.problems.append(exc.message)
                session = None
            self._loaded[i] = session
        return self._loaded[i]

    def newest_loaded(self) -> Session | None:
        for i in sorted(self._loaded, reverse=True):
            if self._loaded[i] is not None:
                return self._loaded[i]
        return None

    def newest_first(self) -> Any:
        for i in range(len(self._summaries) - 1, -1, -1):
            s = self.get(i)
            if s is not None:
                yield s

    def loaded(self) -> list[Session]:
        """The sessions parsed so far, oldest first."""
        return [s for _, s in sorted(self._loaded.items()) if s is not None]


def _is_llm(obj: Any) -> bool:
    from prepcoach.engines.llm import LLM

    return isinstance(obj, LLM)


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()


class _Sink:
    """on_text wrapper: restores placeholders across chunk borders, then an optional view."""

    def __init__(self, on_text: TextSink, redactor: Any, view: Any) -> None:
        self._out = on_text
        self._restorer = redactor.stream() if redactor is not None else None
        self._view = view(self._emit) if view is not None else None

    def _emit(self, text: str) -> None:
        if text:
            self._out(text)

    def __call__(self, chunk: str) -> None:
        if self._view is not None:
            # the view parses JSON: give it raw text; restore what it emits
            self._view.feed(chunk)
            return
        text = self._restorer.feed(chunk) if self._restorer is not None else chunk
        self._emit(text)

    def flush(self) -> None:
        if self._restorer is not None and self._view is None:
            self._emit(self._restorer.flush())


def _restoring_sink(on_text: TextSink | None, redactor: Any, view: Any) -> Any:
    if on_text is None:
        return None
    if redactor is not None and view is not None:
        out = on_text

        def restored(text: str) -> None:
            out(redactor.restore(text))

        return _Sink(restored, None, view)
    return _Sink(on_text, redactor, view)


def _strip_fences(text: str) -> str:
    t = text.strip()
    if t.startswith("```") and t.endswith("```"):
        t = t.strip("`")
        first_nl = t.find("\n")
        if first_nl >= 0 and " " not in t[:first_nl].strip():
            t = t[first_nl + 1 :]
    return t


def _recipient(plan: Plan, to: str) -> Mentor | None:
    """The mentor a message is addressed to: exact id or name, or a unique exact first
    name. No prefix matching: "Rob" must not become a mentor called "Robert"."""
    q = " ".join(to.split()).lower()
    exact = [m for m in plan.mentors if q in (m.id.lower(), m.name.lower())]
    if exact:
        return exact[0]
    first = [m for m in plan.mentors if m.name.split() and m.name.split()[0].lower() == q]
    return first[0] if len(first) == 1 else None


def _term_close_line(mentor: Mentor, inp: Any) -> str | None:
    """For the agenda prompt: what the close should settle when the term ends before the
    next meeting, following the checkpoint review (None when that is not the case)."""
    if inp.term_decision is None:
        return None
    from prepcoach.agenda import term_close

    end = mentor.term_end()
    when = f"The term ends on {end.isoformat()}" if end is not None else "The term ends"
    todo = term_close(inp.term_decision).todo
    return f"{when}, before the next meeting: the close should {todo}."


def _fit_carry(carry: Sequence[Any], budget: int) -> tuple[list[dict[str, Any]], int]:
    """Carried-over items (most recent first) that fit ``budget`` tokens, for the prompt."""
    from prepcoach.tokens import count_text

    rows: list[dict[str, Any]] = []
    used = 0
    for c in carry:
        row = {
            "kind": "open question" if c.kind == "question" else "open action",
            "text": c.text,
            "source": c.source,
            "owner": c.owner,
            "objective_id": c.objective_id,
        }
        n = count_text(f"- {row['kind']}: {c.text} (from {c.source})") + 1
        if used + n > budget:
            break
        used += n
        rows.append(row)
    return rows, used


def session_text(s: Session, objective_titles: dict[str, str] | None = None) -> str:
    """A compact, stable rendering of one past session for prompts (what is counted)."""
    titles = objective_titles or {}
    lines = [f"- {s.date.isoformat()} ({s.minutes} min)"]
    if s.accomplishments:
        lines.append("  Wins: " + "; ".join(_clip(a, 160).rstrip(" .;") for a in s.accomplishments))
    for q in s.questions:
        state = (
            f"answered: {_clip(q.answer, 200)}"
            if q.resolved and q.answer
            else ("resolved" if q.resolved else "still open")
        )
        lines.append(f"  Q: {_clip(q.text, 200)} ({state})")
    for a in s.action_items:
        status = "done" if a.done else "open"
        due = f", due {a.due.isoformat()}" if a.due else ""
        lines.append(f"  Action ({a.owner}{due}, {status}): {_clip(a.text, 160)}")
    for p in s.objective_progress:
        name = titles.get(p.objective_id, p.objective_id)
        moved = "progress" if p.progressed else "no progress"
        note = f": {_clip(p.note, 160)}" if p.note else ""
        lines.append(f"  Objective {name} ({moved}){note}")
    if s.notes.strip():
        lines.append(f"  Notes: {_clip(s.notes, 300)}")
    return "\n".join(lines)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _profile(plan: Plan) -> dict[str, Any]:
    p = plan.profile
    return {"name": p.name, "title": p.title, "organisation": p.organisation}


def _mentor(m: Mentor) -> dict[str, Any]:
    end = m.term_end()
    return {
        "id": m.id,
        "name": m.name,
        "first_name": m.name.split()[0] if m.name.split() else m.name,
        "title": m.title,
        "organisation": m.organisation,
        "relation": m.relation,
        "levels_above": m.levels_above,
        "support_areas": list(m.support_areas),
        "support_labels": [SUPPORT_AREA_LABELS[a] for a in m.support_areas],
        "status": m.status,
        "term_start": m.term_start.isoformat() if m.term_start else None,
        "term_end": end.isoformat() if end else None,
        "term_months": m.term_months,
        "cadence": m.cadence,
        "next_meeting": m.next_meeting.isoformat() if m.next_meeting else None,
    }


def _objective(o: Objective) -> dict[str, Any]:
    return {
        "id": o.id,
        "title": o.title,
        "why": o.why,
        "done_when": o.done_when,
        "support_area": o.support_area,
        "support_label": SUPPORT_AREA_LABELS[o.support_area],
        "status": o.status,
        "evidence": o.evidence,
    }


def sample_contexts() -> dict[str, dict[str, Any]]:
    """A filled-in context per job, for checking templates (`doctor`) and tests."""
    mentor = Mentor(
        id="sam-lee",
        name="Sam Lee",
        title="VP Engineering",
        organisation="Example Co",
        support_areas=["scope", "politics"],
        term_start=dt.date(2026, 1, 5),
        next_meeting=dt.date(2026, 3, 2),
        status="active",
    )
    objective = Objective(
        id="own-budget",
        title="Run the budget cycle myself",
        done_when="Plan accepted without rewrites",
        support_area="scope",
        mentors=["sam-lee"],
    )
    plan = Plan(mentors=[mentor], objectives=[objective])
    plan.profile.name = "Alex Doe"
    session = Session(
        mentor="sam-lee",
        date=dt.date(2026, 2, 2),
        accomplishments=["Shipped the cache"],
    )
    history = [{"id": "s1", "date": "2026-02-02", "text": session_text(session)}]
    base: dict[str, Any] = {
        "profile": _profile(plan),
        "mentor": _mentor(mentor),
        "objectives": [_objective(objective)],
        "today": "2026-02-20",
        "history": history,
        "history_omitted": 0,
    }
    from prepcoach.lint import RULES, WORD_LIMITS

    return {
        "agenda": {
            **base,
            "minutes": 45,
            "accomplishments": ["Shipped the cache"],
            "questions": ["How do I defend the headcount ask?"],
            "carried_over": [
                {
                    "kind": "open question",
                    "text": "Who decides the roadmap?",
                    "source": "2026-02-02 session",
                    "owner": "me",
                    "objective_id": None,
                }
            ],
            "carried_omitted": 0,
            "term_close": None,
        },
        "outreach": {
            **base,
            "kind": "first-request",
            "channel": "email",
            "word_limit": WORD_LIMITS["email"],
            "rules": [{"name": n, "description": d} for n, d in RULES],
            "to": {"name": "Sam Lee", "title": "VP Engineering", "organisation": "Example Co"},
            "ask": "how to defend a headcount ask",
            "context": "",
            "violations": [{"rule": "length", "reason": "too long"}],
            "attempt": 2,
            "max_attempts": 3,
        },
        "review": {
            **base,
            "review": ReviewRecord(
                mentor="sam-lee",
                date=dt.date(2026, 2, 20),
                recommendation="continue",
                reasons=["Month 2 of 6; objectives open."],
                term_month=2,
            ).model_dump(mode="json"),
            "message_kind": "follow-up",
            "message_goal": "be a short note: thanks for the last meeting, what I did with "
            "their advice, and what I will bring next time. No new request.",
        },
    }
