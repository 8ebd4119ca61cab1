"""The lint-repair loop: a model's draft that breaks outreach rules is sent back with the
violations, at most ``MAX_REPAIRS`` more times. Used for outreach drafts and for the
message that goes with a checkpoint review."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from prepcoach.errors import check_cancel
from prepcoach.text import plural

if TYPE_CHECKING:
    from prepcoach.engines.base import Live
    from prepcoach.lint import Violation
    from prepcoach.redact import Redactor

# At most this many repair rounds for a draft that breaks lint rules.
MAX_REPAIRS = 2

T = TypeVar("T")
Messages = list[dict[str, str]]


@dataclass(frozen=True)
class Attempt(Generic[T]):
    """One draft: what was read from the reply, the reply as the model wrote it (sent
    back with the repair request) and the rules it breaks."""

    value: T
    raw: str
    violations: list[Violation]


def retry_reason(what: str, attempt: int, violations: list[Violation]) -> str:
    """Why another attempt is made, for the user: "draft 1 broke 2 rules (...)"."""
    rules = list(dict.fromkeys(v.rule for v in violations))
    return (
        f"{what} {attempt} broke {plural(len(rules), 'rule')} ({', '.join(rules)}); "
        f"asking for a fix (attempt {attempt + 1} of {MAX_REPAIRS + 1})"
    )


@dataclass(frozen=True)
class Repairs:
    """How a repair request is written: ``template`` rendered (by ``render``) from
    ``context`` plus the violations and the attempt numbers; ``what`` names a draft in the
    reason shown to the user ("draft", "message")."""

    what: str
    render: Callable[[str, dict[str, object]], str]
    template: str
    context: Mapping[str, object]

    def request(self, attempts: int, violations: list[Violation]) -> str:
        return self.render(
            self.template,
            {
                **self.context,
                "violations": [{"rule": v.rule, "reason": v.reason} for v in violations],
                "attempt": attempts + 1,
                "max_attempts": MAX_REPAIRS + 1,
            },
        )


def repair_loop(
    messages: Messages,
    attempt: Callable[[Messages], Attempt[T]],
    repairs: Repairs,
    redactor: Redactor | None,
    on_retry: Callable[[str], None],
    live: Live,
) -> tuple[Attempt[T], int]:
    """Run ``attempt`` until its draft breaks no rule or the repairs are used up; returns
    the last attempt and how many were made. Before each repair ``on_retry(reason)`` is
    called; the repair request is redacted like the prompt."""
    attempts = 0
    while True:
        attempts += 1
        got = attempt(messages)
        if not got.violations or attempts > MAX_REPAIRS:
            return got, attempts
        check_cancel(live.cancel)
        on_retry(retry_reason(repairs.what, attempts, got.violations))
        request = repairs.request(attempts, got.violations)
        if redactor is not None:
            request = redactor.redact(request)
        messages = [
            *messages,
            {"role": "assistant", "content": got.raw},
            {"role": "user", "content": request},
        ]
