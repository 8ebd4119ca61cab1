"""Data model: helpers and validation rules other layers rely on."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from prepcoach.models import (
    Mentor,
    Objective,
    Plan,
    Session,
    add_days,
    add_months,
    add_months_exact,
    slugify,
)


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


# ------------------------------------------------------- the ends of the calendar

ANY_DATE = st.dates(min_value=dt.date.min, max_value=dt.date.max)
ANY_MONTHS = st.integers(min_value=-12 * 10_000, max_value=12 * 10_000)


def test_add_months_clamps_at_the_ends_of_the_calendar():
    assert add_months(dt.date(9999, 12, 1), 6) == dt.date.max
    assert add_months(dt.date(9999, 7, 31), 6) == dt.date.max
    assert add_months(dt.date(9999, 6, 30), 6) == dt.date(9999, 12, 30)
    assert add_months(dt.date.max, 1) == dt.date.max
    assert add_months(dt.date(1, 3, 31), -3) == dt.date.min
    assert add_months_exact(dt.date(9999, 12, 1), 1) is None
    assert add_months_exact(dt.date(1, 1, 1), -1) is None
    assert add_months_exact(dt.date(9999, 11, 30), 1) == dt.date(9999, 12, 30)
    m = Mentor(id="a", name="Ana", term_start=dt.date(9999, 12, 1), term_months=36)
    assert m.term_end() == dt.date.max


@given(day=ANY_DATE, months=ANY_MONTHS)
@example(day=dt.date.max, months=1)
@example(day=dt.date.min, months=-1)
@example(day=dt.date(9999, 12, 31), months=12 * 10_000)
@settings(max_examples=400)
def test_add_months_never_raises_and_is_exact_where_it_can_be(day, months):
    got = add_months(day, months)  # an OverflowError / ValueError here fails the test
    exact = add_months_exact(day, months)
    if exact is not None:
        assert got == exact
        assert (exact.year - day.year) * 12 + exact.month - day.month == months
        assert exact.day <= day.day  # only ever clamped to the month's last day
    else:
        assert got == (dt.date.max if months > 0 else dt.date.min)
    assert add_months(day, months) <= add_months(day, months + 1)  # monotonic


@given(day=ANY_DATE, days=st.integers(min_value=-4_000_000, max_value=4_000_000))
@example(day=dt.date.max, days=1)
@example(day=dt.date.min, days=-1)
def test_add_days_never_raises(day, days):
    got = add_days(day, days)
    try:
        expected = day + dt.timedelta(days=days)
    except OverflowError:
        expected = dt.date.max if days > 0 else dt.date.min
    assert got == expected


@given(start=ANY_DATE, months=st.integers(min_value=1, max_value=36))
def test_term_end_never_raises(start, months):
    end = Mentor(id="a", name="Ana", term_start=start, term_months=months).term_end()
    assert end is not None and (start < end or end == dt.date.max)


# ------------------------------------------------------------- schema_version 2

V1_PLAN = {
    "schema_version": 1,
    "kind": "plan",
    "profile": {"name": "Dana", "title": "Director"},
    "mentors": [
        {"id": "ana", "name": "Ana Lima", "status": "active", "term_start": "2026-06-02",
         "next_meeting": "2026-12-01"},
    ],
}  # fmt: skip


def test_a_version_1_plan_is_upgraded_and_the_original_kept(tmp_path):
    import json

    from prepcoach.models import SCHEMA_VERSION
    from prepcoach.store import Store
    from prepcoach.store.migrations import MIGRATIONS

    assert SCHEMA_VERSION == 2
    assert MIGRATIONS[1]("plan", V1_PLAN) == V1_PLAN | {"schema_version": 2}
    store = Store(tmp_path)
    tmp_path.joinpath("plan.json").write_text(json.dumps(V1_PLAN), "utf-8")
    original = tmp_path.joinpath("plan.json").read_bytes()
    plan = store.load_plan()
    m = plan.mentors[0]
    assert (m.next_meeting, m.next_meeting_time, m.status_history, m.term_ended) == (
        dt.date(2026, 12, 1), None, [], None,
    )  # fmt: skip
    assert json.loads(tmp_path.joinpath("plan.json").read_text())["schema_version"] == 2
    backups = list((tmp_path / "backups").iterdir())
    assert len(backups) == 1 and backups[0].read_bytes() == original
    assert any("upgraded from schema_version 1 to 2" in p for p in store.problems)


def test_term_end_is_the_day_a_stopped_term_ended():
    m = Mentor(id="a", name="Ana", status="ended", term_start=dt.date(2026, 3, 1))
    assert m.term_end() == dt.date(2026, 9, 1)
    assert m.model_copy(update={"term_ended": dt.date(2026, 5, 4)}).term_end() == dt.date(
        2026, 5, 4
    )


def test_booked_meeting_length_is_bounded():
    with pytest.raises(ValidationError):
        Mentor(id="a", name="Ana", next_meeting_minutes=5)
    assert Mentor(id="a", name="Ana", next_meeting_minutes=60).next_meeting_minutes == 60
