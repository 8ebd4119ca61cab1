"""What the outreach job checks around a draft: the words of the request before anything
is generated, and the offline draft in place of a model draft that still breaks a rule."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from prepcoach.errors import UsageError

if TYPE_CHECKING:
    from prepcoach.engines.offline import OutreachInput
    from prepcoach.services.types import OutreachResult

# Kinds written to a mentor the plan's objectives were shared with.
TO_A_MENTOR = ("renewal", "wind-down", "follow-up")


def check_words(inp: OutreachInput) -> None:
    """Refuse, for any engine, an ask that cannot be sent (vague, a word the rules forbid,
    two questions: ``engines.offline.refusals``), and a follow-up with nothing to
    say (no --context and no completed action from the last session)."""
    from prepcoach.engines.offline import check_ask, classify

    check_ask(classify(inp.ask), inp.kind, inp.objectives, placing=False)
    if inp.kind == "follow-up" and not inp.context and not inp.ask:
        last = max(inp.history, key=lambda s: (s.date, s.id), default=None)
        done = last is not None and any(a.done and a.owner == "me" for a in last.action_items)
        if not done:
            why = (
                "there is no session with them yet"
                if last is None
                else "the last session with them records no completed action of yours"
            )
            raise UsageError(
                f"a follow-up says what you did with their advice, and {why}.",
                hint='Pass --context "what you did with their advice".',
            )


def offline_instead(result: OutreachResult, inp: OutreachInput) -> OutreachResult:
    """The offline draft in place of a model draft that still breaks a rule after its
    repairs; the model's attempt and its violations stay on the result. When the offline
    composer cannot send the ask either, the model's draft is kept with its violations."""
    from prepcoach.engines.offline import compose_outreach
    from prepcoach.lint import lint_draft

    try:
        offline = compose_outreach(inp)
    except UsageError:
        return result
    if lint_draft(offline):
        return result
    return replace(
        result,
        draft=offline,
        violations=[],
        model_draft=result.draft,
        model_violations=result.violations,
    )
