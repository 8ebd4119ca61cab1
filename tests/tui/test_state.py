"""The dashboard's data (``load_snapshot``) reads the listing's session facts: the same
reviews, moments and capture hints as the full sessions give, without parsing a file."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from prepcoach.agenda import meeting_moment
from prepcoach.models import (
    ActionItem,
    Mentor,
    ObjectiveProgress,
    Plan,
    Question,
    Session,
)
from prepcoach.planning import overdue_captures
from prepcoach.review import analyse
from prepcoach.store import SessionSummary, Store, recovery
from prepcoach.tui.state import load_snapshot

START = dt.date(2026, 1, 5)


def _variant(n: int, mentor: str) -> Session:
    """A session of one of six shapes: planned, held by date only, notes, an answer,
    objective progress (moved or not), action items."""
    s = Session(mentor=mentor, date=START + dt.timedelta(days=7 * (n // 3)))
    shape = n % 6
    if shape == 1:
        s.notes = "Talked about the reorg."
    elif shape == 2:
        s.questions = [Question(text="How do I say no?", answer="Name the trade-off.")]
    elif shape == 3:
        s.objective_progress = [ObjectiveProgress(objective_id="o1", progressed=n % 4 == 0)]
    elif shape == 4:
        s.action_items = [ActionItem(text="Draft the memo")]
    elif shape == 5:
        s.questions = [Question(text="Still open?")]
    return s


@pytest.mark.parametrize("n", range(12))
def test_a_summary_has_the_sessions_facts(n: int) -> None:
    s = _variant(n, "m1")
    s.id = f"s{n}"
    summary = SessionSummary.of(s)
    assert (summary.captured, summary.moved) == (s.captured, s.moved)
    assert SessionSummary.from_json(summary.to_json()) == summary


def _data(root: Path, sessions: int) -> Store:
    store = Store(root)
    mentors = [
        Mentor(
            id=f"m{i}",
            name=f"Mentor {i}",
            status=("active", "renewed", "loosened", "ended")[i],
            term_start=START + dt.timedelta(days=30 * i),
            next_meeting=dt.date(2026, 6, 1) + dt.timedelta(days=9 * i),
        )
        for i in range(4)
    ]
    store.save_plan(Plan(mentors=mentors))
    store.sessions_dir.mkdir(mode=0o700, exist_ok=True)
    for n in range(sessions):
        s = _variant(n, f"m{n % 4}")
        s.id = f"{s.date.isoformat()}-{n:04d}"
        path = store.sessions_dir / f"{s.id}.json"
        path.write_text(s.model_dump_json(indent=2))
        os.chmod(path, 0o600)
    return store


DAYS = [dt.date(2026, 3, 1), dt.date(2026, 6, 20), dt.date(2026, 9, 1), dt.date(2027, 6, 1)]


@pytest.mark.parametrize("sessions", [40, 160])  # below and above the listing cache's size
def test_the_dashboard_decides_as_the_full_sessions_do(tmp_path: Path, sessions: int) -> None:
    store = _data(tmp_path / "d", sessions)
    plan = store.load_plan()
    for today in DAYS:
        snap = load_snapshot(Store(store.root), today)
        everything = []
        for view in snap.mentors:
            m = view.mentor
            full = store.sessions_for(m.id)
            everything.extend(full)
            assert view.review is not None
            want = analyse(plan, m, full, today)
            assert view.review.model_dump(exclude={"id"}) == want.model_dump(exclude={"id"})
            assert view.moment == meeting_moment(m, full, today).short
        assert snap.overdue == [o.message for o in overdue_captures(plan, everything, today)]
    # the days chosen show what is checked: drift, planned preps, overdue captures
    reasons = " ".join(r for v in snap.mentors if v.review for r in v.review.reasons)
    assert "no objective progress" in reasons or "drift" in reasons


def test_with_the_listing_cache_no_session_file_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _data(tmp_path / "d", 160)
    assert len(store.list_sessions()) == 160  # writes the cache
    kinds: list[str] = []
    real = recovery.parse

    def counting(path: Path, raw: bytes, model: type, kind: str):  # type: ignore[no-untyped-def]
        kinds.append(kind)
        return real(path, raw, model, kind)

    monkeypatch.setattr(recovery, "parse", counting)
    snap = load_snapshot(Store(store.root), DAYS[1])
    assert "session" not in kinds, kinds
    assert all(v.review is not None for v in snap.mentors)
