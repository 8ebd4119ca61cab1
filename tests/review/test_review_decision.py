"""The decision table: RULES is the docstring's table, in order, and every rule is reached
and gives its own reasons."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest
from review_builders import TODAY, mentor, obj, plan_with, sess

import prepcoach.review
from prepcoach.review import (
    RULES,
    Drift,
    ReviewFacts,
    analyse,
    decide,
    first_rule,
    reasons_for,
    review_facts,
)

MET = (obj("a", "met"),)
OPEN = (obj("b", "open"),)
AREA = (obj("x", "open", "scope", ()),)

# Mid-term, active, one objective open and moving: only the last rule applies.
BASE = ReviewFacts(
    today=TODAY,
    first="Mia",
    status="active",
    cadence="monthly",
    support_areas=("scope",),
    next_meeting=dt.date(2026, 12, 1),
    term_start=dt.date(2026, 9, 1),
    term_end=dt.date(2027, 3, 1),
    term_months=6,
    clock=(3, 6),
    ended=False,
    held=3,
    expected=3,
    drift=None,
    sessions=3,
    last_moved=True,
    objectives=OPEN,
    met=(),
    open=OPEN,
    areas=(),
)
CHECKPOINT: dict[str, Any] = {"clock": (6, 6)}


def drifting(without: int, in_a_row: int) -> Drift:
    """A drift of ``without`` of the last 3 held sessions, ``in_a_row`` of them newest."""
    n = max(without, in_a_row)
    return Drift("m", "Mia Chen", 3, without, in_a_row, ("s",) * n, (TODAY,) * n)


MILD = drifting(2, 1)
STALLED = drifting(3, 3)
ALL_MET: dict[str, Any] = {"objectives": MET, "met": MET, "open": ()}

# Facts for which rule number N (1-based, as in the docstring) is the first that applies.
FIRST_MATCH: dict[int, dict[str, Any]] = {
    1: {"status": "prospect", "areas": AREA},
    2: {"status": "prospect"},
    3: {"status": "asked"},
    4: {"status": "ended"},
    5: {"term_start": dt.date(2026, 12, 1), "clock": None},
    6: {"status": "loosened"},
    7: {"drift": STALLED, **ALL_MET},
    8: {"drift": drifting(3, 4)},
    9: {**CHECKPOINT, **ALL_MET, "areas": AREA},
    10: {**CHECKPOINT, **ALL_MET},
    11: {**CHECKPOINT, "last_moved": False},
    12: {**CHECKPOINT, "drift": MILD},
    13: {**CHECKPOINT, "objectives": (), "open": ()},
    14: {**ALL_MET},
    15: {"drift": MILD},
    16: {**ALL_MET, "areas": AREA},
    17: {"objectives": (), "open": ()},
    18: {"sessions": 0, "last_moved": None},
    19: {"held": 1},
    20: {"last_moved": False},
    21: {},
}


def _docstring_rules() -> list[tuple[int, str, str]]:
    doc = prepcoach.review.__doc__ or ""
    rows = re.findall(r"^ {4}(\d+) +(.+?) {2,}(continue|renew|loosen|move_on)$", doc, re.M)
    return [(int(n), when, rec) for n, when, rec in rows]


def test_rule_list_is_the_docstring_table_in_order() -> None:
    table = _docstring_rules()
    assert [n for n, _, _ in table] == list(range(1, len(RULES) + 1))
    assert [(when, rec) for _, when, rec in table] == [(r.when, r.recommendation) for r in RULES]


def test_every_rule_is_covered_by_a_case() -> None:
    assert sorted(FIRST_MATCH) == list(range(1, len(RULES) + 1))


@pytest.mark.parametrize("number", sorted(FIRST_MATCH))
def test_each_rule_is_the_first_match_for_its_facts_and_its_reasons_are_used(number: int) -> None:
    facts = dataclasses.replace(BASE, **FIRST_MATCH[number])
    rule = RULES[number - 1]
    assert first_rule(facts) is rule
    assert not any(r.applies(facts) for r in RULES[: number - 1])
    rec, reasons = decide(facts)
    assert rec == rule.recommendation
    assert reasons == reasons_for(rule, facts) and len(reasons) == len(rule.reasons)
    assert all(s.endswith(".") and "{" not in s for s in reasons)


def test_every_rule_gives_its_own_reasons() -> None:
    said = [tuple(decide(dataclasses.replace(BASE, **FIRST_MATCH[n]))[1]) for n in FIRST_MATCH]
    assert len(set(said)) == len(RULES)


def test_analyse_lists_facts_then_notes_then_the_rule_s_reasons() -> None:
    m = mentor(next_meeting=None)
    hist = [sess("2026-07-14", True), sess("2026-10-15", False), sess("2026-11-10", False)]
    plan = plan_with(m, [obj("a")])
    rec = analyse(plan, m, hist, TODAY)
    facts = review_facts(plan, m, hist, TODAY)
    rule = first_rule(facts)
    assert rule.when == "at the checkpoint, open >= 1" and rec.recommendation == "move_on"
    assert rec.reasons[-1:] == reasons_for(rule, facts)
    assert rec.reasons[0].startswith("Month 6 of a 6-month term")


def test_reasons_quote_the_user_s_titles_as_typed() -> None:
    braces = (obj("x", "open", "scope", ()).model_copy(update={"title": "Cut {first} 100%"}),)
    facts = dataclasses.replace(BASE, status="prospect", areas=braces)
    assert decide(facts)[1][-1].endswith("fit 'Cut {first} 100%'.")
