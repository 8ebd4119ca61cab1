"""A prompt sized to the model's context window, and the reply cap sized to the job.

Our counts use ``o200k_base``; a local model's tokenizer may count more (SmolLM2's counts
about 12 % more), so the prompt must fit with ``MARGIN`` to spare. When the window is known
(from the server, or learned from its "context length exceeded" error), the history is
trimmed until the prompt fits, and a note says so; a prompt that cannot fit even with no
history is an error naming the model's limit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from prepcoach.engines.llm import notices
from prepcoach.engines.llm.errors import ContextTooLong

if TYPE_CHECKING:
    from prepcoach.engines.base import Prompt
    from prepcoach.engines.llm.client import LLM

T = TypeVar("T")

# Reply tokens asked for, per job (``max_tokens``: every server honours it; a weak model
# otherwise rambles until the context is full).
REPLY_TOKENS = {"agenda": 900, "outreach": 400, "review": 600}
# Another tokenizer may count this much more than o200k_base.
MARGIN = 1.15
# Fewest reply tokens worth asking for in a small context.
MIN_REPLY = 256


def _session_count(prompt: Prompt) -> int:
    rows = prompt.context.get("history")
    return len(rows) if isinstance(rows, list) else 0


def fit(
    prompt: Prompt, window: int, reply: int, model: str, scale: float = MARGIN
) -> tuple[Prompt, int]:
    """``prompt`` (refitted when needed) and the reply cap, for a ``window``-token context."""
    reply = min(reply, max(MIN_REPLY, window // 3))
    allowed = int((window - reply) / scale) - 8
    if prompt.prompt_tokens <= allowed:
        return prompt, reply
    smaller = prompt.refit(allowed) if prompt.refit is not None else None
    if smaller is None:
        raise ContextTooLong(
            f"the prompt needs about {int(prompt.prompt_tokens * scale):,} tokens even with "
            f'no history, more than model "{model}"\'s context of {window:,} tokens allows '
            f"(with {reply:,} tokens left for the reply).",
            hint="Use a model (or a server setting such as --n_ctx) with a larger context, "
            "or shorten what you typed.",
            limit=window,
        )
    before, after = _session_count(prompt), _session_count(smaller)
    left_out = before - after
    what = f"{left_out} of {before} past sessions left out" if left_out else "shortened"
    notices.note(f"history trimmed to fit the model's {window:,}-token context ({what}).")
    return smaller, reply


def run_fitted(
    llm: LLM, prompt: Prompt, job: str, call: Callable[[Prompt, int], T]
) -> tuple[T, Prompt]:
    """``call(prompt, max_tokens)`` with the prompt fitted to the model's context: to the
    window the server says (asked once per run), and again, once, to the limit a "context
    length exceeded" error names."""
    model = llm.settings.model
    reply = REPLY_TOKENS.get(job, 600)
    window = llm.context_window()
    fitted, cap = fit(prompt, window, reply, model) if window else (prompt, reply)
    try:
        return call(fitted, cap), fitted
    except ContextTooLong as exc:
        if not exc.limit:
            raise
        llm.learn_context(exc)
        scale = MARGIN
        if exc.requested and fitted.prompt_tokens:
            scale = max(MARGIN, exc.requested / fitted.prompt_tokens * 1.05)
        again, cap = fit(fitted, exc.limit, reply, model, scale)
        if again is fitted:
            raise
        return call(again, cap), again
