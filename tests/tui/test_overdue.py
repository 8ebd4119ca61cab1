"""A booked meeting whose day has passed with nothing captured leads the dashboard's hints,
and the mentor's Next never shows a past date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from prepcoach.settings import load_settings
from prepcoach.store import Store
from prepcoach.tui.app import create_app
from prepcoach.tui.state import load_snapshot

from .helpers import settle

AFTER_BOOKED = dt.date(2026, 12, 2)  # Priya's booked meeting is 2026-12-01


def test_a_passed_booked_meeting_is_a_capture_hint(sample_dir: Path) -> None:
    snap = load_snapshot(Store(sample_dir), AFTER_BOOKED, with_reviews=False)
    assert snap.overdue == ["capture your meeting with Priya Raman on 2026-12-01"]
    assert snap.hints[0] == "Capture your meeting with Priya Raman on 2026-12-01 (5 History)."
    # the day before, nothing is overdue
    before = load_snapshot(Store(sample_dir), dt.date(2026, 11, 30), with_reviews=False)
    assert before.overdue == []


async def test_the_next_column_never_shows_a_past_date(sample_dir: Path, tmp_path: Path) -> None:
    settings = load_settings(data=sample_dir, config_dir=tmp_path / "c", environ={})
    app = create_app(settings, Store(sample_dir), today=AFTER_BOOKED)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#mentors")
        row = [str(c) for c in table.get_row("priya-raman")]
        assert "capture" in row and not any("Dec 01" in c for c in row)
