"""``compose_outreach``: the kind's composer, each candidate checked with ``lint_outreach``
for its kind and channel, the first that passes kept (else the first, with its violations
recorded in ``draft.violations`` rather than hidden)."""

from __future__ import annotations

from typing import cast

from prepcoach.engines.offline.composers import COMPOSERS
from prepcoach.engines.offline.letter import Draft, OutreachInput
from prepcoach.engines.offline.phrases import clean_name
from prepcoach.errors import UsageError
from prepcoach.lint import clean_text, lint_outreach
from prepcoach.models import OutreachDraft
from prepcoach.text import words
from prepcoach.vocab import CHANNELS, OUTREACH_KINDS, Channel, OutreachKind

ENGINE = "offline"


def compose_outreach(inp: OutreachInput) -> OutreachDraft:
    """An outreach draft of ``inp.kind`` for ``inp.channel`` (``engine="offline"``).

    The candidates come from the kind's composer in ``composers.COMPOSERS`` (what each
    kind says is described there).

    The body is plain text; ``subject`` is set for email only. The draft passes
    ``lint_outreach`` for its kind and channel (``violations`` is then empty).
    Raises ``UsageError`` for an unknown kind or channel.
    """
    if inp.kind not in COMPOSERS:
        raise UsageError(
            f"unknown outreach kind {inp.kind!r}.", hint=f"Use one of: {', '.join(OUTREACH_KINDS)}."
        )
    if inp.channel not in CHANNELS:
        raise UsageError(
            f"unknown channel {inp.channel!r}.", hint=f"Use one of: {', '.join(CHANNELS)}."
        )
    kind = cast(OutreachKind, inp.kind)
    channel = cast(Channel, inp.channel)
    chosen: Draft | None = None
    violations: list[str] = []
    for cand in COMPOSERS[kind](inp):
        subject = cand.subject if inp.channel == "email" else None
        found = lint_outreach(cand.body, channel=inp.channel, kind=inp.kind, subject=subject)
        if not found:
            chosen, violations = cand, []
            break
        if chosen is None:
            chosen, violations = cand, [str(v) for v in found]
    assert chosen is not None  # every composer yields at least one candidate
    return OutreachDraft(
        outreach_kind=kind,
        to=clean_name(inp.to, 120) or "there",
        title=clean_text(inp.title),
        organisation=clean_text(inp.organisation),
        channel=channel,
        ask=inp.ask,
        subject=chosen.subject if inp.channel == "email" else "",
        body=chosen.body,
        status="draft",
        created=inp.today,
        mentor=inp.mentor.id if inp.mentor is not None else None,
        engine=ENGINE,
        model="",
        violations=violations,
    )


def words_in(text: str) -> int:
    """Word count as the lint counts it."""
    return len(words(text))
