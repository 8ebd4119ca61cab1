"""``compose_outreach``: the ask checked (``refusals``), then the kind's composer, each
candidate checked with ``lint_outreach`` for its kind and channel and the first that passes
kept. An ask that no candidate can carry past the rules is refused, never mended, and so
is a ``context`` that no candidate can carry: it is never left out without a word."""

from __future__ import annotations

from typing import cast

from prepcoach.engines.offline.ask_shape import classify, plain_line
from prepcoach.engines.offline.composers import COMPOSERS
from prepcoach.engines.offline.letter import Draft, OutreachInput
from prepcoach.engines.offline.phrases import clean_name
from prepcoach.engines.offline.refusals import check_ask
from prepcoach.errors import UsageError
from prepcoach.lint import lint_outreach
from prepcoach.models import OutreachDraft
from prepcoach.text import clip, words
from prepcoach.vocab import CHANNELS, OUTREACH_KINDS, Channel, OutreachKind

ENGINE = "offline"


def compose_outreach(inp: OutreachInput) -> OutreachDraft:
    """An outreach draft of ``inp.kind`` for ``inp.channel`` (``engine="offline"``).

    The candidates come from the kind's composer in ``composers.COMPOSERS`` (what each
    kind says is described there).

    The body is plain text; ``subject`` is set for email only. The draft passes
    ``lint_outreach`` for its kind and channel (``violations`` is then empty).
    Raises ``UsageError`` for an unknown kind or channel, and for an ask that cannot be
    sent as typed (vague, a banned word, a second question; see ``refusals``).
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
    check_ask(classify(inp.ask), kind, inp.objectives)
    context = inp.context.strip()  # every kind places it as typed, or it is refused
    chosen: Draft | None = None
    violations: list[str] = []
    with_context: list[str] | None = None  # what the first candidate carrying it broke
    for cand in COMPOSERS[kind](inp):
        subject = cand.subject if inp.channel == "email" else None
        found = [
            str(v)
            for v in lint_outreach(cand.body, channel=inp.channel, kind=inp.kind, subject=subject)
        ]
        if context and with_context is None and cand.carries_context:
            with_context = found
        if not found:
            chosen, violations = cand, []
            break
        if chosen is None:
            chosen, violations = cand, found
    assert chosen is not None  # every composer yields at least one candidate
    if context and not chosen.carries_context:
        _refuse_context(inp.context, kind, channel, with_context or [])
    if violations and inp.ask.strip():
        raise UsageError(
            f"your ask cannot go into a {kind} on {channel} as typed: " + "; ".join(violations),
            hint="Rephrase --ask as one short, specific question or topic.",
        )
    return OutreachDraft(
        outreach_kind=kind,
        to=clean_name(inp.to, 120) or "there",
        title=plain_line(inp.title),
        organisation=plain_line(inp.organisation),
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


def _refuse_context(raw: str, kind: str, channel: str, broken: list[str]) -> None:
    """The user's context could not be placed: say which rules it broke and with which
    words (each violation quotes them), never send the draft without it."""
    shown = clip(plain_line(raw), 80)
    why = "; ".join(broken) or "no draft could carry it whole"
    raise UsageError(
        f'your context "{shown}" cannot go into a {kind} on {channel} as typed: {why}',
        hint="Rephrase --context (or leave it out) and try again.",
    )


def words_in(text: str) -> int:
    """Word count as the lint counts it."""
    return len(words(text))
