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
      .engine() -> prepcoach.engines.base.Engine    the engine the next job runs with
      .agenda_job, .outreach_job, .review_job    the jobs behind the generating methods
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
      .mark_sent(draft_id, on=None) -> OutreachDraft (a first request: prospect -> asked)
      .mark_answered(draft_id, on=None) -> (OutreachDraft, activate command or None)
      .reminders(today=None, after_days=None) -> list[prepcoach.outreach.Reminder]
      .preview_review(mentor=None, *, today=None) -> list[Preview]     one per mentor
      .review(mentor=None, *, today, on_text, cancel, save=False) -> list[ReviewRecord]
      .save_review(ReviewRecord) -> ReviewRecord
      Services.lint(text, *, channel, kind) -> list[prepcoach.lint.Violation]

Plan (``plan.PlanMethods``, mixed in; edits under the writer lock via ``prepcoach.planning``):
      .profile() -> Profile        .set_profile(**fields) -> Profile
      .add_mentor(name, **fields) / .edit_mentor(name, /, **fields) -> Mentor  (name= renames)
      .mentor_files(name) -> {sessions, outreach, reviews: [ids]}   kept on removal
      .remove_mentor(name) -> RemovedMentor      .restore_mentor(removed) -> Mentor
      .set_mentor_status(name, status, on=None, force=False, *, today=None) -> Mentor
      .book_meeting(name, date, time=None, minutes=None, *, today=None) -> Mentor
      .cancel_meeting(name) -> Mentor      .attention(today=None) -> list[str]
      .add_objective(title, *, support_area, ...) -> (Objective, warnings)
      .edit_objective(id, *, title, done_when, area, mentors, why) -> (Objective, warnings)
      .drop_objective(id) / .mark_objective_met(id) -> (Objective, changed)
      .reopen_objective(id) -> (Objective, changed, warnings)
      .team() -> Team (areas: AreaCoverage, gaps)
      .capture_session(session, Capture, *, today=None, confirm=False) -> CaptureResult

Layout: one class per job, each with a frozen setup object (``env.JobSetup``: plan, prompt,
preview), ``preview(req)`` and ``generate(req, *, on_text, cancel)`` (``env.Job`` runs
every job the same way: the engine picked once, the setup, then ``run``); the facade's
generating methods are the jobs' own (``_Forward``), so each signature is written once:
``agenda.AgendaJob``, ``outreach.OutreachJob``, ``review.ReviewJob``; mixed in are
``meetings.Meetings`` (the meeting being prepared, saving sessions, capture) and
``drafts.Drafts`` (saved drafts, sent, answered, reminders); ``types`` (requests,
results, ``Preview``) and ``prompt_context`` (what goes into a prompt). The engine
(``prepcoach.engines.base.Engine``) is picked in one place, ``Services.engine``, once per
job call.

Imports stay light: no openai, jinja2 or tiktoken at import time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from prepcoach.errors import Cancelled, UsageError
from prepcoach.services.agenda import AgendaJob, AgendaSetup
from prepcoach.services.capture import Capture, CaptureResult, NewAction
from prepcoach.services.drafts import Drafts
from prepcoach.services.env import ServiceEnv
from prepcoach.services.meetings import Meetings, held
from prepcoach.services.outreach import OutreachJob, OutreachSetup
from prepcoach.services.plan import PlanMethods, Team
from prepcoach.services.prompt_context import session_text
from prepcoach.services.review import ReviewJob, ReviewSetup
from prepcoach.services.samples import sample_contexts
from prepcoach.services.types import (
    AgendaRequest,
    AgendaResult,
    OutreachRequest,
    OutreachResult,
    Preview,
    TextSink,
)
from prepcoach.settings import Settings
from prepcoach.store import Store

if TYPE_CHECKING:
    from prepcoach.engines.base import Engine
    from prepcoach.engines.llm import LLM
    from prepcoach.engines.llm.sdk import OpenAIClient
    from prepcoach.lint import Violation
    from prepcoach.models import Plan, ReviewRecord, Session
    from prepcoach.templating import Prompts

P = ParamSpec("P")
R = TypeVar("R")

__all__ = [
    "AgendaJob",
    "AgendaRequest",
    "AgendaResult",
    "AgendaSetup",
    "Cancelled",
    "Capture",
    "CaptureResult",
    "Meetings",
    "NewAction",
    "OutreachJob",
    "OutreachRequest",
    "OutreachResult",
    "OutreachSetup",
    "Preview",
    "ReviewJob",
    "ReviewSetup",
    "Services",
    "Team",
    "TextSink",
    "held",
    "sample_contexts",
    "session_text",
]


class _Forward(Generic[P, R]):
    """A facade method that is a job's own: ``Services.agenda`` is
    ``services.agenda_job.generate``, with its signature and its docstring."""

    def __init__(self, job: str, method: Callable[Concatenate[Any, P], R]) -> None:
        self.job = job
        self.name = method.__name__
        self.__doc__ = method.__doc__

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _Forward[P, R]: ...

    @overload
    def __get__(self, obj: Services, owner: type | None = None) -> Callable[P, R]: ...

    def __get__(
        self, obj: Services | None, owner: type | None = None
    ) -> _Forward[P, R] | Callable[P, R]:
        if obj is None:
            return self
        method: Callable[P, R] = getattr(getattr(obj, self.job), self.name)
        return method


class Services(PlanMethods, Meetings, Drafts):
    """The facade the CLI and the TUI call: the plan edits, the meetings and the saved
    drafts are mixed in; generating hands over to the job."""

    def __init__(
        self, settings: Settings, store: Store, llm: LLM | OpenAIClient | None = None
    ) -> None:
        self.settings = settings
        self.store = store
        self._llm = llm
        self._prompts: Prompts | None = None
        self.env = env = ServiceEnv(
            settings=settings, store=store, prompts=self._get_prompts, engine=self.engine
        )
        self.agenda_job = AgendaJob(env, self)
        self.outreach_job = OutreachJob(env)
        self.review_job = ReviewJob(env)

    # ------------------------------------------------------------------ basics

    @property
    def use_llm(self) -> bool:
        """Whether generation calls a model (a key, or a client handed in, and no --offline)."""
        if self.settings.offline:
            return False
        return self.settings.use_llm or self._llm is not None

    def engine(self) -> Engine:
        """The engine for the next job: the one place that picks it."""
        if not self.use_llm:
            from prepcoach.engines.offline_engine import OfflineEngine

            return OfflineEngine()
        from prepcoach.engines.llm import LLMEngine

        return LLMEngine(self.settings, self.llm, self._get_prompts)

    @property
    def prompts(self) -> Prompts:
        return self._get_prompts()

    def _get_prompts(self) -> Prompts:
        if self._prompts is None:
            from prepcoach.templating import Prompts

            self._prompts = Prompts(self.settings.prompts_dir)
        return self._prompts

    def llm(self) -> LLM:
        from prepcoach.engines.llm import LLM, make_llm

        if not isinstance(self._llm, LLM):
            self._llm = make_llm(self.settings, self._llm)
        return self._llm

    def plan(self) -> Plan:
        return self.store.load_plan()

    # The jobs' own methods (``_Forward``): each signature is written once, in its job.
    preview_agenda = _Forward("agenda_job", AgendaJob.preview)
    agenda = _Forward("agenda_job", AgendaJob.generate)

    preview_outreach = _Forward("outreach_job", OutreachJob.preview)
    outreach = _Forward("outreach_job", OutreachJob.generate)

    preview_review = _Forward("review_job", ReviewJob.preview)
    review = _Forward("review_job", ReviewJob.generate)

    def save_session(self, req: AgendaRequest, result: AgendaResult) -> Session:
        """Store the prepared meeting as a session (engine, model, token counts, agenda).
        Saving the same meeting again updates that session: see ``upsert_session``."""
        return self.upsert_session(req, result)[0]

    def save_review(self, rec: ReviewRecord) -> ReviewRecord:
        return self.store.save_review(rec)

    # ------------------------------------------------------------------- lint

    @staticmethod
    def lint(text: str, *, channel: str = "email", kind: str = "first-request") -> list[Violation]:
        """Outreach rules on any text (a leading ``Subject:`` line is the subject)."""
        from prepcoach.lint import lint_outreach, split_subject

        subject, body = split_subject(text)
        try:
            return lint_outreach(body, channel=channel, kind=kind, subject=subject)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
