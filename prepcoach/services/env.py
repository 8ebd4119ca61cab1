"""What every job shares: the settings, the store, the prompt templates, the engine pick
(and the offline engine standing in when a model gives nothing usable), and turning a
rendered prompt into the ``Preview`` shown before a call."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from prepcoach.engines.base import Live, Prompt
from prepcoach.errors import check_cancel
from prepcoach.services.prompt_context import history_texts, trimmed_contexts
from prepcoach.services.types import EXPECTED_REPLY_TOKENS, Preview

Req = TypeVar("Req")
Res = TypeVar("Res")
S = TypeVar("S", bound="JobSetup")

if TYPE_CHECKING:
    from prepcoach.engines.base import Engine, NothingUsable
    from prepcoach.models import Plan
    from prepcoach.redact import Redactor
    from prepcoach.services.types import TextSink
    from prepcoach.settings import Settings
    from prepcoach.store import Store
    from prepcoach.templating import Prompts


@dataclass(frozen=True)
class ServiceEnv:
    settings: Settings
    store: Store
    prompts: Callable[[], Prompts]  # built on first use (jinja2 loads then)
    engine: Callable[[], Engine]  # the engine a job runs with: read once per job call

    def plan(self) -> Plan:
        return self.store.load_plan()

    @staticmethod
    def today(today: dt.date | None) -> dt.date:
        return today or dt.date.today()

    def stand_in(self, what: str, exc: NothingUsable) -> Engine:
        """The offline engine in place of one that gave nothing usable for ``what``, said
        in a note; with --no-fallback, the failure itself."""
        if not self.settings.fallback:
            raise exc
        from prepcoach.engines.llm import notices
        from prepcoach.engines.offline_engine import OfflineEngine

        notices.note(
            f"{exc.message.rstrip('.')}; this {what} is the offline composer's instead "
            "(--no-fallback makes that an error)."
        )
        return OfflineEngine()

    def redactor(
        self, plan: Plan, people: Sequence[str] = (), orgs: Sequence[str] = ()
    ) -> Redactor | None:
        """The redactor for a prompt about ``plan`` (and these people and organisations),
        when the settings redact and there is a name to swap."""
        if not self.settings.redact:
            return None
        from prepcoach.redact import Redactor

        r = Redactor.from_plan(plan, people=people, organisations=orgs)
        return r if r else None

    def prompt(
        self,
        job: str,
        context: Mapping[str, object],
        redactor: Redactor | None,
        *,
        history: tuple[int, int] = (0, 0),
        mentor: str = "",
    ) -> tuple[Prompt, Preview]:
        """The ``job`` prompt rendered from ``context`` (redacted when ``redactor``: the
        plan's names and the name-like words of the history sent), and its preview: token
        count and estimated cost for the settings' model. The prompt can be rendered again
        with less history to fit a small context (``Prompt.refit``)."""
        from prepcoach.tokens import estimate_cost

        if redactor is not None:
            redactor = redactor.with_found(history_texts(context))
        prompt = self._render(job, context, redactor)
        reply = EXPECTED_REPLY_TOKENS.get(job, 500)
        model = self.settings.model
        preview = Preview(
            engine=self.engine().name,
            model=model,
            messages=prompt.messages,
            prompt_tokens=prompt.prompt_tokens,
            tokens_exact=prompt.tokens_exact,
            estimated_cost_usd=estimate_cost(
                self.settings.prices, model, prompt.prompt_tokens, reply
            ),
            job=job,
            redacted=redactor is not None,
            history_sessions=history[0],
            history_omitted=history[1],
            expected_reply_tokens=reply,
            mentor=mentor,
        )
        return prompt, preview

    def _render(self, job: str, context: Mapping[str, object], redactor: Redactor | None) -> Prompt:
        from prepcoach.tokens import count_messages

        messages = self.prompts().messages(job, dict(context))
        if redactor is not None:
            messages = redactor.redact_messages(messages)
        count = count_messages(messages)

        def refit(tokens: int) -> Prompt | None:
            """The prompt with the oldest history (then carried-over rows) left out until
            it fits ``tokens``; None when even none of them leaves it too long."""
            for smaller in trimmed_contexts(context):
                again = self._render(job, smaller, redactor)
                if again.prompt_tokens <= tokens:
                    return again
            return None

        return Prompt(
            messages=messages,
            prompt_tokens=count.tokens,
            tokens_exact=count.exact,
            redactor=redactor,
            context=context,
            refit=refit,
        )


@dataclass(frozen=True, kw_only=True)
class JobSetup:
    """What every job's setup holds: the plan it was built from and, when the engine needs
    one, the rendered prompt and its preview."""

    plan: Plan
    prompt: Prompt | None = None
    preview: Preview | None = None


class Job(Generic[Req, S, Res]):
    """A job that turns one request into one result: ``setup(req)`` reads what it needs
    (and renders the prompt), ``run`` has the engine write it and checks what comes back."""

    def __init__(self, env: ServiceEnv) -> None:
        self.env = env

    def setup(self, req: Req, *, prompt: bool = True) -> S:
        raise NotImplementedError

    def run(self, engine: Engine, setup: S, req: Req, live: Live) -> Res:
        raise NotImplementedError

    def preview(self, req: Req) -> Preview:
        """The messages the model would get, their token count and estimated cost."""
        preview = self.setup(req).preview
        assert preview is not None  # setup renders the prompt unless told not to
        return preview

    def generate(
        self,
        req: Req,
        *,
        on_text: TextSink | None = None,
        cancel: threading.Event | None = None,
        on_restart: Callable[[str], None] | None = None,
    ) -> Res:
        """The result, written by the engine of the moment (picked once: the TUI can
        switch it meanwhile); ``on_text`` hears the streamed text, ``cancel`` stops it
        (``Cancelled``), ``on_restart`` hears why a new attempt starts."""
        engine = self.env.engine()
        setup = self.setup(req, prompt=engine.needs_prompt)
        check_cancel(cancel)
        return self.run(engine, setup, req, Live(on_text, cancel, on_restart))
