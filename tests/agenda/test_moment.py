"""Which moment in the term a meeting is: first, midpoint, drifting, last, ordinary."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from prepcoach.agenda import meeting_drift, meeting_moment
from prepcoach.models import ActionItem, Mentor, ObjectiveProgress, Session

D = dt.date
START = D(2026, 1, 5)  # a six-month monthly term: 2026-01-05 to 2026-07-05, middle 04-05


def mentor(**kw) -> Mentor:  # type: ignore[no-untyped-def]
    base = {"id": "m", "name": "Mina Ortiz", "status": "active", "term_start": START}
    return Mentor(**{**base, **kw})


def held(day: D, moved: bool = True) -> Session:
    progress = [ObjectiveProgress(objective_id="o", progressed=True)] if moved else []
    return Session(id=f"{day}-m", mentor="m", date=day, objective_progress=progress)


MONTHLY = [held(D(2026, 1, 5)), held(D(2026, 2, 5)), held(D(2026, 3, 5))]


def test_first_meeting_of_a_term_and_of_a_renewal() -> None:
    m = mentor(next_meeting=D(2026, 1, 5))
    assert meeting_moment(m, [], D(2026, 1, 2)).kind == "first"
    # a renewal: the earlier term's sessions do not count for the new one
    renewed = mentor(status="renewed", term_start=D(2026, 7, 6), next_meeting=D(2026, 7, 8))
    moment = meeting_moment(renewed, MONTHLY, D(2026, 7, 7))
    assert moment.kind == "first" and moment.label == "first meeting: set up the term"
    # no term agreed yet, no session yet: still the first meeting
    assert meeting_moment(mentor(term_start=None), [], D(2026, 1, 2)).kind == "first"


def test_midpoint_is_the_one_meeting_nearest_the_middle() -> None:
    m = mentor(next_meeting=D(2026, 4, 6))
    moment = meeting_moment(m, MONTHLY, D(2026, 4, 1))
    assert moment.kind == "midpoint" and moment.label == "midpoint: check progress"
    # once that meeting is held, the next one is ordinary
    after = mentor(next_meeting=D(2026, 5, 6))
    assert meeting_moment(after, [*MONTHLY, held(D(2026, 4, 6))], D(2026, 5, 1)).kind == (
        "ordinary"
    )
    # and the one before it is ordinary too
    before = mentor(next_meeting=D(2026, 3, 5))
    assert meeting_moment(before, MONTHLY[:2], D(2026, 3, 1)).kind == "ordinary"


def test_drifting_two_of_the_last_three_or_three_in_a_row() -> None:
    m = mentor(next_meeting=D(2026, 4, 6))
    two_of_three = [held(D(2026, 1, 5), False), held(D(2026, 2, 5)), held(D(2026, 3, 5), False)]
    moment = meeting_moment(m, two_of_three, D(2026, 4, 1))
    assert moment.kind == "drifting" and moment.drift is not None
    assert moment.drift.sentence() == (
        "2 of the last 3 meetings (2026-01-05, 2026-03-05) moved no objective forward and "
        "left no new action items"
    )
    in_a_row = [held(D(2026, 1, 5), False), held(D(2026, 2, 5), False)]
    drift = meeting_drift(m, in_a_row, D(2026, 4, 1))
    assert drift is not None and drift.sentence().startswith("The last 2 meetings")
    # a new action item is movement: one stalled session of three is not drift
    acted = Session(id="a", mentor="m", date=D(2026, 3, 5), action_items=[ActionItem(text="x")])
    assert (
        meeting_drift(m, [held(D(2026, 1, 5)), held(D(2026, 2, 5), False), acted], D(2026, 4, 1))
        is None
    )


def test_last_meeting_when_the_next_falls_at_or_past_the_term_end() -> None:
    m = mentor(next_meeting=D(2026, 6, 8))  # the one after (07-08) is past 07-05
    history = [*MONTHLY, held(D(2026, 4, 6)), held(D(2026, 5, 5))]
    assert meeting_moment(m, history, D(2026, 6, 1)).kind == "last"
    # the term is over: the meeting is the last one, whatever else is true
    over = mentor(next_meeting=None)
    assert meeting_moment(over, [], D(2026, 7, 20)).kind == "last"


def test_no_moment_without_regular_meetings() -> None:
    for status in ("prospect", "asked", "loosened", "ended"):
        assert meeting_moment(mentor(status=status), [], D(2026, 1, 2)).kind == "ordinary"


def test_sample_data_mentors_show_their_moment(tmp_path: Path) -> None:
    from prepcoach.store import Store
    from prepcoach.tui.state import load_snapshot

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parents[2] / "sample_sessions", data)
    snap = load_snapshot(Store(data), D(2026, 11, 23), with_reviews=False)
    cells = {v.mentor.name.split()[0]: (v.readiness, v.moment) for v in snap.mentors}
    # Priya: near the end of her term, objectives met; Marcus: coffee talk; Elena: a prospect
    assert cells["Priya"][0].startswith("last meeting: wrap up the term; ")
    assert cells["Priya"][1] == "last"
    assert cells["Marcus"][0].startswith("drifting: one sharp question; ")
    assert cells["Marcus"][1] == "drift"
    assert cells["Elena"] == ("-", "")
