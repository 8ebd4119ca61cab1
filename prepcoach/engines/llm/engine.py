"""The LLM engine: a model drafts, prepcoach checks.

Agenda: the model replies in JSON (``AgendaReply``); the items stream as one readable line
each, and the time boxes are normalised by the agenda rules. Outreach: the draft's text
streams; a draft that breaks lint rules goes through the repair loop. Review: the rules
decided already; the model writes only the message (JSON ``ReviewMessageReply``, its
prose streamed), linted and repaired as the outreach kind it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from prepcoach.engines.base import (
    QUIET,
    AgendaOutput,
    OutreachOutput,
    ReviewMessageOutput,
    draft_text,
)
from prepcoach.engines.llm.errors import UnusableReply
from prepcoach.engines.llm.fitting import REPLY_TOKENS, fit, run_fitted
from prepcoach.engines.llm.repair import Attempt, Messages, Repairs, repair_loop
from prepcoach.engines.llm.replies import AgendaReply, R, ReviewMessageReply
from prepcoach.engines.llm.sense import gate as sense_gate
from prepcoach.engines.llm.sense import message_sense
from prepcoach.engines.llm.stream import ItemLines, JsonField, Sink, restoring_sink, strip_fences
from prepcoach.errors import EngineError
from prepcoach.models import Agenda, AgendaItem, OutreachDraft, TokenUsage

if TYPE_CHECKING:
    from prepcoach.engines.base import (
        AgendaTask,
        Live,
        OutreachTask,
        Prompt,
        ReviewMessageTask,
        TextSink,
    )
    from prepcoach.engines.llm.client import LLM, ChatResult
    from prepcoach.settings import Settings
    from prepcoach.templating import Prompts


# The fields of an agenda item as the model gives them (``AgendaItemReply``).
_ITEM_FIELDS = ("title", "minutes", "kind", "detail", "objective_id")


def _message_field(sink: TextSink) -> JsonField:
    return JsonField("message", sink)


def _reply(
    llm: LLM,
    messages: Messages,
    reply_model: type[R],
    name: str,
    live: Live,
    sink: Sink | None,
    prompt: Prompt,
    cap: int,
) -> tuple[R, ChatResult]:
    """One JSON reply of ``reply_model``, streamed to ``sink``, cancelled with the job."""
    return llm.chat_json(
        messages,
        reply_model,
        name=name,
        on_text=sink,
        cancel=live.cancel,
        prompt_tokens=prompt.prompt_tokens,
        max_tokens=cap,
    )


def _prompt(prompt: Prompt | None) -> Prompt:
    if prompt is None:  # the services render one whenever needs_prompt is True
        raise EngineError("the model engine was given no prompt.")
    return prompt


class LLMEngine:
    name = "llm"
    needs_prompt = True

    def __init__(
        self,
        settings: Settings,
        client: Callable[[], LLM],
        prompts: Callable[[], Prompts],
    ) -> None:
        self.settings = settings
        self._client = client
        self._prompts = prompts

    def _usage(self, model: str, tokens: int, completion: int, exact: bool) -> TokenUsage:
        from prepcoach.tokens import estimate_cost

        cost = estimate_cost(self.settings.prices, model, tokens, completion)
        return TokenUsage(
            prompt_tokens=tokens, completion_tokens=completion, estimated_cost_usd=cost, exact=exact
        )

    def _fit_first(self, llm: LLM, prompt: Prompt, job: str) -> tuple[Prompt, int]:
        """The first request's prompt fitted to the model's context, and its reply cap."""
        window = llm.context_window()
        reply = REPLY_TOKENS[job]
        return fit(prompt, window, reply, self.settings.model) if window else (prompt, reply)

    # ------------------------------------------------------------------ agenda

    def agenda(self, task: AgendaTask, live: Live = QUIET) -> AgendaOutput:
        """The model's agenda, repaired by the agenda rules; ``UnusableReply`` when the
        model gives no agenda at all."""
        from prepcoach.agenda import repair_agenda
        from prepcoach.tokens import count_text

        prompt = _prompt(task.prompt)
        redactor = prompt.redactor
        sink = restoring_sink(live.on_text, redactor, ItemLines) if live.on_text else None
        llm = self._client()

        def call(p: Prompt, cap: int) -> tuple[AgendaReply, ChatResult]:
            return _reply(llm, p.messages, AgendaReply, "agenda", live, sink, p, cap)

        (reply, result), prompt = run_fitted(llm, prompt, "agenda", call)
        if not any(it.title.strip() for it in reply.items):
            raise UnusableReply(f"the model {result.model} returned an agenda with no items.")
        data = reply.model_dump()
        if redactor is not None:
            data = redactor.restore_data(data)
        items = [AgendaItem(**{k: it[k] for k in _ITEM_FIELDS}, source="") for it in data["items"]]
        draft = Agenda(
            mentor=task.mentor.id,
            minutes=task.inp.minutes,
            items=items,
            engine="llm",
            model=result.model,
            summary=data["summary"],
        )
        draft, replaced = sense_gate(draft, task.inp)  # before the rules add their lines
        if not draft.items:
            raise UnusableReply(
                f"the model {result.model} returned an agenda with nothing of this meeting in it."
            )
        ours = draft.summary != data["summary"]  # the gate put prepcoach's summary in
        fixed = repair_agenda(draft, task.inp)
        agenda = fixed.agenda
        if ours:  # its numbers are the offline agenda's: count them on the final one
            from prepcoach.engines.offline import agenda_summary

            summary = agenda_summary(task.inp, agenda.items)
            if fixed.notice:
                summary = f"{summary} {fixed.notice}"
            agenda = agenda.model_copy(update={"summary": summary})
        usage = self._usage(
            result.model,
            result.prompt_tokens or prompt.prompt_tokens,
            result.completion_tokens or count_text(result.text),
            bool(result.prompt_tokens) or prompt.tokens_exact,
        )
        return AgendaOutput(
            agenda=agenda,
            usage=usage,
            structured_mode=result.mode,
            repairs=[*replaced, *fixed.repairs],
        )

    # ---------------------------------------------------------------- outreach

    def outreach(self, task: OutreachTask, live: Live = QUIET) -> OutreachOutput:
        from prepcoach.lint import lint_outreach, split_subject
        from prepcoach.tokens import count_messages, count_text

        llm = self._client()
        prompt, cap = self._fit_first(llm, _prompt(task.prompt), "outreach")
        redactor = prompt.redactor
        totals = [0, 0]  # prompt and completion tokens over every attempt
        model = self.settings.model

        def attempt(messages: Messages) -> Attempt[tuple[str | None, str]]:
            nonlocal model
            sink = restoring_sink(live.on_text, redactor) if live.on_text else None
            tokens = count_messages(messages).tokens
            result = llm.chat(
                messages, on_text=sink, cancel=live.cancel, prompt_tokens=tokens, max_tokens=cap
            )
            if sink is not None:
                sink.flush()
            totals[0] += result.prompt_tokens or tokens
            totals[1] += result.completion_tokens or count_text(result.text)
            model = result.model
            text = redactor.restore(result.text) if redactor is not None else result.text
            subject, body = split_subject(strip_fences(text).strip())
            body = body.strip()
            found = lint_outreach(
                body, channel=task.channel, kind=task.kind, subject=subject or None
            )
            found += message_sense(subject, body, task.inp.to)
            return Attempt((subject, body), result.text, found)

        def on_retry(reason: str) -> None:
            if live.on_restart is not None:
                live.on_restart(reason)
            elif live.on_text is not None:
                live.on_text(f"\n\n--- {reason} ---\n\n")

        repairs = Repairs("draft", self._prompts().render, "outreach.repair.j2", prompt.context)
        last, attempts = repair_loop(prompt.messages, attempt, repairs, redactor, on_retry, live)
        subject, body = last.value
        inp = task.inp
        draft = OutreachDraft(
            outreach_kind=task.kind,
            to=inp.to,
            title=inp.title,
            organisation=inp.organisation,
            channel=task.channel,
            ask=inp.ask,
            subject=(subject or "") if task.channel == "email" else "",
            body=body,
            created=inp.today,
            mentor=inp.mentor.id if inp.mentor else None,
            engine=self.name,
            model=model,
            violations=[str(v) for v in last.violations],
        )
        usage = self._usage(model, totals[0], totals[1], prompt.tokens_exact)
        return OutreachOutput(
            draft=draft, violations=last.violations, attempts=attempts, usage=usage
        )

    # ------------------------------------------------------------------ review

    def review_message(self, task: ReviewMessageTask, live: Live = QUIET) -> ReviewMessageOutput:
        """The message linted as the outreach kind it is (``review_message_kind``:
        renewal, wind-down, follow-up, ...) on email, and repaired like an outreach draft;
        what still breaks a rule after the repairs is in ``violations`` and ``rules``."""
        from prepcoach.lint import WORD_LIMITS, lint_outreach
        from prepcoach.review import review_message_kind

        llm = self._client()
        prompt, cap = self._fit_first(llm, _prompt(task.prompt), "review")
        redactor = prompt.redactor
        kind = review_message_kind(task.record)
        on_text = live.on_text
        if on_text is not None:
            on_text(task.heading)
        sink: Sink | None = restoring_sink(on_text, redactor, _message_field) if on_text else None
        model = self.settings.model

        def attempt(messages: Messages) -> Attempt[tuple[str, str]]:
            nonlocal model
            reply, result = _reply(
                llm, messages, ReviewMessageReply, "review_message", live, sink, prompt, cap
            )
            model = result.model
            subject, message = reply.subject.strip(), reply.message.strip()
            if redactor is not None:
                subject, message = redactor.restore(subject), redactor.restore(message)
            found = lint_outreach(message, channel="email", kind=kind, subject=subject)
            found += message_sense(subject, message, task.mentor.name)
            raw = json.dumps({"subject": reply.subject, "message": reply.message})
            return Attempt((subject, message), raw, found)

        def on_retry(reason: str) -> None:
            nonlocal sink
            if on_text is not None:
                on_text(f"\n\n--- {reason} ---\n\n")
                sink = restoring_sink(on_text, redactor, _message_field)

        context = {"message_kind": kind, "word_limit": WORD_LIMITS["email"]}
        repairs = Repairs("message", self._prompts().render, "review.repair.j2", context)
        last, _ = repair_loop(prompt.messages, attempt, repairs, redactor, on_retry, live)
        subject, message = last.value
        return ReviewMessageOutput(
            text=draft_text(subject, message),
            engine=self.name,
            model=model,
            violations=[str(v) for v in last.violations],
            rules=[v.rule for v in last.violations],
        )
