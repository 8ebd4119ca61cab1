"""The recommendation: an ordered list of rules, first match wins.

``RULES`` is the table in the ``prepcoach.review`` docstring, row for row: each rule is
the condition in words (``when``), the condition on the facts (``applies``), the
recommendation, and the sentences saying why (``reasons``: templates filled from the
facts by ``reasons_for``). The conditions rely on the order: a rule is only reached when
no rule above it applied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from prepcoach.review.facts import ReviewFacts, titles
from prepcoach.text import plural
from prepcoach.vocab import Recommendation

BEHIND_LIMIT = 2  # meetings short of the cadence that call for booking


@dataclass(frozen=True)
class Rule:
    """One row of the decision table. ``reasons`` may name these facts: ``{first}`` (the
    mentor's first name), ``{phase}`` ("Mid-term", or "Outside a set term" without a
    term clock), ``{start}`` (term start), ``{behind}`` ("2 meetings"),
    ``{cadence}``, ``{open}``/``{areas}`` (quoted objective titles), ``{area_words}``
    (support areas)."""

    when: str
    applies: Callable[[ReviewFacts], bool]
    recommendation: Recommendation
    reasons: tuple[str, ...]


def _fill(f: ReviewFacts) -> dict[str, str]:
    return {
        "first": f.first,
        "start": f.term_start.isoformat() if f.term_start is not None else "",
        "behind": plural(f.behind, "meeting"),
        "cadence": f.cadence,
        "phase": "Mid-term" if f.clock is not None else "Outside a set term",
        "open": titles(f.open),
        "areas": titles(f.areas),
        "area_words": f.area_words,
    }


def _request_step(f: ReviewFacts) -> str:
    """A prospect's next step, from the first request on file."""
    d = f.request
    if d is None or d.status == "draft":
        if d is None:
            return "Not asked yet: send the first request."
        return (
            f"Not asked yet: the first request drafted on {d.created.isoformat()} is not "
            f"marked sent; send it, then run `prepcoach drafts sent {d.id}`."
        )
    if d.status == "sent" and d.sent_on is not None:
        return (
            f"Not asked yet on the plan, but the first request was sent on "
            f"{d.sent_on.isoformat()}: mark {f.first} asked "
            f'(`prepcoach mentors status "{f.name or f.first}" asked`).'
        )
    return (
        f"Not asked yet on the plan, but the first request was answered: if {f.first} "
        f'agreed, run `prepcoach mentors status "{f.name or f.first}" active`.'
    )


def reasons_for(rule: Rule, f: ReviewFacts) -> list[str]:
    """``rule``'s reasons for ``f``, as sentences."""
    fill = _fill(f)
    return [
        _request_step(f) if template == _NOT_ASKED else template.format_map(fill)
        for template in rule.reasons
    ]


_NOT_ASKED = "Not asked yet: send the first request."

RULES: tuple[Rule, ...] = (
    Rule(
        "status prospect, areas",
        lambda f: f.status == "prospect" and bool(f.areas),
        "continue",
        (_NOT_ASKED, "{first}'s support areas ({area_words}) fit {areas}."),
    ),
    Rule("status prospect", lambda f: f.status == "prospect", "continue", (_NOT_ASKED,)),
    Rule(
        "status asked",
        lambda f: f.status == "asked",
        "continue",
        ("Asked, waiting for an answer: send a short nudge if none comes.",),
    ),
    Rule(
        "status ended",
        lambda f: f.status == "ended",
        "move_on",
        ("This relationship has ended; thank them and keep in touch.",),
    ),
    Rule(
        "the term starts after today",
        lambda f: f.starts_later,
        "continue",
        ("The term with {first} starts on {start}: prepare its first meeting.",),
    ),
    Rule(
        "status loosened",
        lambda f: f.status == "loosened",
        "continue",
        ("Already a looser relationship: reach out when a specific question comes up.",),
    ),
    Rule(
        "stalled, open == 0, met >= 1",
        lambda f: f.stalled and f.all_met,
        "loosen",
        (
            "The meetings have stopped moving, and your objectives with {first} are met: "
            "shift to a looser relationship.",
        ),
    ),
    Rule(
        "stalled",
        lambda f: f.stalled,
        "move_on",
        (
            "The meetings have drifted into pleasant coffee talk, so end the regular "
            "meetings with thanks and take the open objectives elsewhere.",
        ),
    ),
    Rule(
        "at the checkpoint, open == 0, met >= 1, areas",
        lambda f: f.at_checkpoint and f.all_met and bool(f.areas),
        "renew",
        (
            "The objectives with {first} are met and {areas} is still open in {first}'s "
            "support areas ({area_words}): propose another term focused on it.",
        ),
    ),
    Rule(
        "at the checkpoint, open == 0, met >= 1",
        lambda f: f.at_checkpoint and f.all_met,
        "loosen",
        (
            "The objectives with {first} are met and none of your open objectives is in "
            "{first}'s support areas ({area_words}): thank {first} and shift to a looser "
            "relationship.",
        ),
    ),
    Rule(
        "at the checkpoint, open >= 1, not drifting",
        lambda f: f.at_checkpoint and bool(f.open) and f.drift is None,
        "renew",
        (
            "The term is ending with {open} still open and still moving: propose another "
            "term focused on it.",
        ),
    ),
    Rule(
        "at the checkpoint, open >= 1",
        lambda f: f.at_checkpoint and bool(f.open),
        "move_on",
        (
            "The term is ending with {open} still open and recent meetings not moving it: "
            "thank them and look for help elsewhere.",
        ),
    ),
    Rule(
        "at the checkpoint (no objectives met or open)",
        lambda f: f.at_checkpoint,
        "loosen",
        (
            "The term is ending and no objectives were set with them: shift to a looser "
            "relationship, or set an objective before renewing.",
        ),
    ),
    Rule(
        "mid-term, open == 0, met >= 1, no areas",
        lambda f: f.all_met and not f.areas,
        "loosen",
        (
            "The objectives with {first} are already met and nothing open is in {first}'s "
            "support areas ({area_words}): shift to a looser relationship early.",
        ),
    ),
    Rule(
        "mid-term, drifting",
        lambda f: f.drift is not None,
        "continue",
        (
            "{phase}, but the meetings are drifting: bring one sharp question to the next "
            "meeting and leave with an action.",
        ),
    ),
    Rule(
        "mid-term, open == 0, met >= 1, areas",
        lambda f: f.all_met and bool(f.areas),
        "continue",
        (
            "The objectives with {first} are met; tie {areas} to {first} to use the rest "
            "of the term.",
        ),
    ),
    Rule(
        "mid-term, no objectives",
        lambda f: not f.met and not f.open,
        "continue",
        (
            "{phase}, with nothing to measure the meetings by: set one objective with "
            "{first} at the next meeting.",
        ),
    ),
    Rule(
        "mid-term, no meeting held yet",
        lambda f: f.sessions == 0,
        "continue",
        ("{phase}, and no meeting with {first} is held yet: hold the first one.",),
    ),
    Rule(
        "mid-term, behind the cadence",
        lambda f: f.behind >= BEHIND_LIMIT,
        "continue",
        ("{phase}, but {behind} behind the {cadence} cadence: book the next one and keep to it.",),
    ),
    Rule(
        "mid-term, the last meeting moved nothing",
        lambda f: f.last_moved is False,
        "continue",
        (
            "{phase}, and the last meeting moved nothing: bring one sharp question to the "
            "next one and leave with an action.",
        ),
    ),
    Rule(
        "otherwise (mid-term, on track)",
        lambda f: True,
        "continue",
        ("{phase} and on track: keep the cadence.",),
    ),
)


def first_rule(f: ReviewFacts) -> Rule:
    """The first rule in ``RULES`` that applies to ``f`` (the last one always does)."""
    return next(rule for rule in RULES if rule.applies(f))


def decide(f: ReviewFacts) -> tuple[Recommendation, list[str]]:
    """The recommendation for ``f`` and the sentences saying why."""
    rule = first_rule(f)
    return rule.recommendation, reasons_for(rule, f)
