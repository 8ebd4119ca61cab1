"""Review clock: term month, meetings expected by cadence, drift."""

from __future__ import annotations

import datetime as dt

from review_builders import TODAY, mentor, sess

from prepcoach.review import drift_sessions, meetings_expected, term_ended, term_month


def test_term_clock() -> None:
    m = mentor()
    assert term_month(m, dt.date(2026, 6, 2)) == (1, 6)
    assert term_month(m, dt.date(2026, 7, 1)) == (1, 6)
    assert term_month(m, dt.date(2026, 7, 2)) == (2, 6)
    assert term_month(m, TODAY) == (6, 6)
    assert term_month(m, dt.date(2027, 3, 1)) == (6, 6)
    assert term_ended(m, dt.date(2026, 12, 2)) and not term_ended(m, TODAY)
    assert term_month(m, dt.date(2026, 5, 1)) is None
    assert term_month(mentor(term_start=None), TODAY) is None


def test_meetings_expected_by_cadence() -> None:
    m = mentor()
    assert meetings_expected(m, dt.date(2026, 6, 2)) == 1
    assert meetings_expected(m, TODAY) == 6
    assert meetings_expected(m, dt.date(2027, 6, 1)) == 6  # capped at the term
    assert meetings_expected(mentor(cadence="biweekly"), dt.date(2026, 6, 30)) == 3
    assert meetings_expected(mentor(term_start=None), TODAY) == 0


def test_drift_counts_recent_sessions_without_progress_or_actions() -> None:
    hist = [
        sess("2026-08-01", True),
        sess("2026-09-01", False),
        sess("2026-10-01", False, True),
        sess("2026-10-20", False),
        sess("2026-11-10", False),
    ]
    assert drift_sessions(hist, TODAY) == 2
    assert drift_sessions(hist, dt.date(2026, 10, 5)) == 0
    assert drift_sessions([], TODAY) == 0


def test_drift_is_two_of_the_last_three_held_or_three_in_a_row() -> None:
    from prepcoach.review import drift

    m = mentor()
    # 2 of the last 3 moved nothing, not in a row
    hist = [
        sess("2026-08-01", True),
        sess("2026-09-01", False),
        sess("2026-10-01", True),
        sess("2026-11-10", False),
    ]
    d = drift(m, hist, TODAY)
    assert d is not None and (d.window, d.without_progress, d.in_a_row) == (3, 2, 1)
    assert not d.stalled and d.count == 2
    assert d.sessions == ("2026-11-10-m", "2026-09-01-m")
    assert d.sentence == (
        "2 of your last 3 meetings with Mia had no objective progress and no new action items."
    )
    # only one of the last three: no drift
    assert drift(m, [*hist[:3], sess("2026-11-10", True)], TODAY) is None
    # four in a row: stalled, the whole run named
    run = [sess(day, False) for day in ("2026-08-01", "2026-09-01", "2026-10-01", "2026-11-10")]
    d = drift(m, [sess("2026-07-01", True), *run], TODAY)
    assert d is not None and d.stalled and d.count == 4 and len(d.sessions) == 4
    assert d.sentence.startswith("Your last 4 meetings with Mia had no objective progress")
    # an action item counts as movement; other mentors' sessions are ignored
    assert drift(m, [sess("2026-10-01", False, True), sess("2026-11-10", False)], TODAY) is None
    assert drift(m, [sess("2026-10-01", False, mentor_id="x"), *run[-1:]], TODAY) is None


def test_a_planned_prep_is_no_meeting_held_and_no_drift() -> None:
    from prepcoach.review import drift, meetings_held

    m = mentor()
    hist = [sess("2026-10-01", True), sess("2026-11-10", False)]
    planned = [sess("2026-11-24", False), sess("2026-12-01", False)]  # today and later
    assert drift(m, hist, TODAY) is None
    assert drift(m, [*hist, *planned], TODAY) is None
    assert meetings_held(m, [*hist, *planned], TODAY) == 2
    # once its date has passed, the prep is a meeting held (and may drift)
    later = dt.date(2026, 11, 25)
    assert meetings_held(m, [*hist, *planned], later) == 3
    d = drift(m, [*hist, *planned], later)
    assert d is not None and d.without_progress == 2
    # captured today: held today
    captured = planned[0].model_copy(update={"notes": "Talked budgets."})
    assert meetings_held(m, [*hist, captured], TODAY) == 3


def test_the_term_sentence_is_in_the_tense_of_the_day() -> None:
    """On the term's last day it ends today; only after it did it end."""
    from review_builders import MONTHLY, obj, plan_with

    from prepcoach.review import fact_sentences, review_facts

    m = mentor()
    p = plan_with(m, [obj("a", "met")])
    hist = [sess(d, True) for d in MONTHLY]
    last_day = fact_sentences(review_facts(p, m, hist, dt.date(2026, 12, 2)))[0]
    assert last_day == "The 6-month term that started on 2026-06-02 ends today (2026-12-02)."
    after = fact_sentences(review_facts(p, m, hist, dt.date(2026, 12, 3)))[0]
    assert after == "The 6-month term that started on 2026-06-02 ended on 2026-12-02."
    before = fact_sentences(review_facts(p, m, hist, dt.date(2026, 12, 1)))[0]
    assert "ends on 2026-12-02" in before and "ended" not in before
