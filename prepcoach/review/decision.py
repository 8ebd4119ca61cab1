"""The recommendation: an ordered list of rules, first match wins.

``RULES`` is the table in the ``prepcoach.review`` docstring, row for row: each rule is
the condition in words (``when``), the condition on the facts (``applies``), the
recommendation, and the sentences saying why (``reasons``, built from the facts). The
conditions rely on the order: a rule is only reached when no rule above it applied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from prepcoach.review.clock import DRIFT_LIMIT
from prepcoach.review.facts import ReviewFacts, titles
from prepcoach.text import plural
from prepcoach.vocab import Recommendation


@dataclass(frozen=True)
class Rule:
    """One row of the decision table."""

    when: str
    applies: Callable[[ReviewFacts], bool]
    recommendation: Recommendation
    reasons: Callable[[ReviewFacts], list[str]]


def _prospect(f: ReviewFacts) -> list[str]:
    why = ["Not asked yet: send the first request."]
    if f.areas:
        why.append(f"{f.first}'s support areas ({f.area_words}) fit {titles(f.areas)}.")
    return why


def _starts_later(f: ReviewFacts) -> list[str]:
    start = f.term_start.isoformat() if f.term_start is not None else ""
    return [
        f"The term with {f.first} starts on {start}: nothing to review yet; prepare the "
        "first meeting."
    ]


def _drift_met(f: ReviewFacts) -> list[str]:
    return [
        f"{plural(f.drift, 'session')} in a row without progress, and your objectives "
        f"with {f.first} are met: shift to a looser relationship."
    ]


def _drift(f: ReviewFacts) -> list[str]:
    return [
        f"{plural(f.drift, 'session')} in a row without progress: the meetings have "
        "drifted into pleasant coffee talk, so end the regular meetings with thanks "
        "and take the open objectives elsewhere."
    ]


def _met_renew(f: ReviewFacts) -> list[str]:
    return [
        f"The objectives with {f.first} are met and {titles(f.areas)} is still open in "
        f"{f.first}'s support areas ({f.area_words}): propose another term focused on it."
    ]


def _met_loosen(f: ReviewFacts) -> list[str]:
    return [
        f"The objectives with {f.first} are met and none of your open objectives is in "
        f"{f.first}'s support areas ({f.area_words}): thank {f.first} and shift "
        "to a looser relationship."
    ]


def _open_moving(f: ReviewFacts) -> list[str]:
    return [
        f"The term is ending with {titles(f.open)} still open and still moving: "
        "propose another term focused on it."
    ]


def _open_stalled(f: ReviewFacts) -> list[str]:
    return [
        f"The term is ending with {titles(f.open)} still open and recent sessions "
        "not moving it: thank them and look for help elsewhere."
    ]


def _met_early(f: ReviewFacts) -> list[str]:
    return [
        f"The objectives with {f.first} are already met and nothing open is in "
        f"{f.first}'s support areas ({f.area_words}): shift to a looser relationship early."
    ]


def _tie_areas(f: ReviewFacts) -> list[str]:
    return [
        f"The objectives with {f.first} are met; tie {titles(f.areas)} to {f.first} to "
        "use the rest of the term."
    ]


def _said(*sentences: str) -> Callable[[ReviewFacts], list[str]]:
    """Reasons that do not depend on the facts."""
    return lambda f: list(sentences)


RULES: tuple[Rule, ...] = (
    Rule("status prospect", lambda f: f.status == "prospect", "continue", _prospect),
    Rule(
        "status asked",
        lambda f: f.status == "asked",
        "continue",
        _said("Asked, waiting for an answer: send a short nudge if none comes."),
    ),
    Rule(
        "status ended",
        lambda f: f.status == "ended",
        "move_on",
        _said("This relationship has ended; thank them and keep in touch."),
    ),
    Rule("the term starts after today", lambda f: f.starts_later, "continue", _starts_later),
    Rule(
        "status loosened",
        lambda f: f.status == "loosened",
        "continue",
        _said("Already a looser relationship: reach out when a specific question comes up."),
    ),
    Rule(
        "drift >= 3, open == 0, met >= 1",
        lambda f: f.drift >= DRIFT_LIMIT and f.all_met,
        "loosen",
        _drift_met,
    ),
    Rule("drift >= 3", lambda f: f.drift >= DRIFT_LIMIT, "move_on", _drift),
    Rule(
        "at the checkpoint, open == 0, met >= 1, areas",
        lambda f: f.at_checkpoint and f.all_met and bool(f.areas),
        "renew",
        _met_renew,
    ),
    Rule(
        "at the checkpoint, open == 0, met >= 1",
        lambda f: f.at_checkpoint and f.all_met,
        "loosen",
        _met_loosen,
    ),
    Rule(
        "at the checkpoint, open >= 1, drift <= 1",
        lambda f: f.at_checkpoint and bool(f.open) and f.drift <= 1,
        "renew",
        _open_moving,
    ),
    Rule(
        "at the checkpoint, open >= 1",
        lambda f: f.at_checkpoint and bool(f.open),
        "move_on",
        _open_stalled,
    ),
    Rule(
        "at the checkpoint (no objectives met or open)",
        lambda f: f.at_checkpoint,
        "loosen",
        _said(
            "The term is ending and no objectives were set with them: shift to a looser "
            "relationship, or set an objective before renewing."
        ),
    ),
    Rule(
        "mid-term, open == 0, met >= 1, no areas",
        lambda f: f.all_met and not f.areas,
        "loosen",
        _met_early,
    ),
    Rule(
        "mid-term, drift == 2",
        lambda f: f.drift == DRIFT_LIMIT - 1,
        "continue",
        _said(
            "Mid-term, but two sessions in a row without progress: bring one sharp "
            "question to the next meeting and leave with an action."
        ),
    ),
    Rule(
        "mid-term, open == 0, met >= 1, areas",
        lambda f: f.all_met and bool(f.areas),
        "continue",
        _tie_areas,
    ),
    Rule(
        "otherwise (mid-term, on track)",
        lambda f: True,
        "continue",
        _said("Mid-term and on track: keep the cadence."),
    ),
)


def first_rule(f: ReviewFacts) -> Rule:
    """The first rule in ``RULES`` that applies to ``f`` (the last one always does)."""
    return next(rule for rule in RULES if rule.applies(f))


def decide(f: ReviewFacts) -> tuple[Recommendation, list[str]]:
    """The recommendation for ``f`` and the sentences saying why."""
    rule = first_rule(f)
    return rule.recommendation, rule.reasons(f)
