"""What every job shares: the settings, the store, the prompt templates, the engine pick,
and turning a rendered prompt into the ``Preview`` shown before a call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prepcoach.engines.base import Prompt
from prepcoach.services.types import EXPECTED_REPLY_TOKENS, Preview

if TYPE_CHECKING:
    from prepcoach.engines.base import Engine
    from prepcoach.models import Plan
    from prepcoach.redact import Redactor
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
        """The ``job`` prompt rendered from ``context`` (redacted when ``redactor``), and
        its preview: token count and estimated cost for the settings' model."""
        from prepcoach.tokens import count_messages, estimate_cost

        messages = self.prompts().messages(job, dict(context))
        if redactor is not None:
            messages = redactor.redact_messages(messages)
        count = count_messages(messages)
        reply = EXPECTED_REPLY_TOKENS.get(job, 500)
        model = self.settings.model
        preview = Preview(
            engine=self.engine().name,
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
        prompt = Prompt(
            messages=messages,
            prompt_tokens=count.tokens,
            tokens_exact=count.exact,
            redactor=redactor,
            context=context,
        )
        return prompt, preview
