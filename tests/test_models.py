"""Data model: helpers and validation rules other layers rely on."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from prepcoach.models import Mentor, Objective, Plan, Session, add_months, slugify


def test_add_months_clamps_to_month_end():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2026, 8, 15), 6) == dt.date(2027, 2, 15)


def test_slugify():
    assert slugify("Priya Raman") == "priya-raman"
    assert slugify("Tomás O'Neil") == "tomas-o-neil"
    assert slugify("!!!", "mentor") == "mentor"
    assert len(slugify("x" * 200)) <= 48


def test_term_end_and_lookup_helpers():
    m = Mentor(id="a", name="Ana", term_start=dt.date(2026, 3, 1))
    assert m.term_end() == dt.date(2026, 9, 1)
    assert Mentor(id="b", name="B").term_end() is None
    plan = Plan(
        mentors=[m], objectives=[Objective(id="o", title="T", support_area="scope", mentors=["a"])]
    )
    assert plan.mentor("a") is m and plan.objectives_for("a")[0].id == "o"
    assert plan.unique_id("a", {"a", "a-2"}) == "a-3"


def test_models_refuse_unknown_fields_and_bad_values():
    with pytest.raises(ValidationError):
        Session.model_validate({"mentor": "a", "date": "2026-01-01", "colour": "red"})
    with pytest.raises(ValidationError):
        Mentor(id="a", name="   ")
    with pytest.raises(ValidationError):
        Objective(id="o", title="T", support_area="golf")  # type: ignore[arg-type]
    m = Mentor(id="a", name="Ana")
    with pytest.raises(ValidationError):
        m.status = "friend"  # type: ignore[assignment]
