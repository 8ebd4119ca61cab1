"""Start fast to the user's data: the dashboard's first data paint is the plan read
without pydantic; the full, validated read follows and still sets aside and names a
corrupt file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from textual.widgets import DataTable

import prepcoach.tui.screens.dashboard as dashboard_module
from prepcoach.store import Store
from prepcoach.tui.state import PENDING
from tui.helpers import SIZE, screen_text, settle

FIRST_PAINT = """
import asyncio, datetime as dt, json, sys
from pathlib import Path
from prepcoach.settings import load_settings
from prepcoach.tui.app import create_app
import prepcoach.tui.screens.dashboard as D

seen = []
_show = D.DashboardScreen.show


def show(self, data):
    if not seen:
        seen.append({
            "names": [v.mentor.name for v in data.mentors],
            "loaded": sorted(
                m for m in sys.modules
                if m.split(".")[0] in ("pydantic", "pydantic_core")
                or m in ("prepcoach.models", "prepcoach.store", "prepcoach.review")
            ),
        })
    _show(self, data)


D.DashboardScreen.show = show


async def main():
    settings = load_settings(data=sys.argv[1], config_dir=Path(sys.argv[2]), environ={})
    app = create_app(settings, today=dt.date(2026, 11, 24))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            await pilot.pause(0.02)
            if seen:
                break
        await app.workers.wait_for_complete()
        await pilot.pause()
        seen.append({"after": "pydantic" in sys.modules})


asyncio.run(main())
print(json.dumps(seen))
"""


def test_first_data_paint_imports_no_pydantic_models_or_store(
    sample_dir: Path, tmp_path: Path
) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(sample_dir), str(tmp_path / "config")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    first, after = json.loads(proc.stdout.strip().splitlines()[-1])
    assert "Priya Raman" in first["names"]
    assert first["loaded"] == []
    # the full read did happen afterwards (with the models)
    assert after == {"after": True}


async def said(pilot: Any, *words: str, seconds: float = 15.0) -> str:
    """The app's notifications once they say every one of ``words`` (the full read runs
    in a worker that a busy machine may start late), or as they are after ``seconds``."""
    messages = ""
    for _ in range(int(seconds / 0.05)):
        messages = " ".join(n.message for n in pilot.app._notifications)
        if all(w in messages for w in words):
            break
        await pilot.pause(0.05)
    return messages


def _record_shows(monkeypatch: Any) -> list[Any]:
    shown: list[Any] = []
    original = dashboard_module.DashboardScreen.show

    def show(self: Any, data: Any) -> None:
        shown.append(data)
        original(self, data)

    monkeypatch.setattr(dashboard_module.DashboardScreen, "show", show)
    return shown


async def test_corrupt_session_is_set_aside_and_named_after_the_light_paint(
    make_app: Any, store: Store, monkeypatch: Any
) -> None:
    bad = store.sessions_dir / "2026-11-20-broken.json"
    bad.write_text("{ not json", encoding="utf-8")
    shown = _record_shows(monkeypatch)
    app = make_app("dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        messages = await said(pilot, "2026-11-20-broken.json")  # the full read is done
        assert len(shown) >= 2
        light, full = shown[0], shown[-1]
        assert light.hints == [PENDING]  # the light paint came first
        assert [v.mentor.name for v in light.mentors] == [v.mentor.name for v in full.mentors]
        assert full.hints != [PENDING]
        assert "2026-11-20-broken.json" in messages
        text = screen_text(app)
        assert "Priya Raman" in text and "month 5 of 6" in text  # the full term clock
        assert app.screen.query_one("#mentors", DataTable).row_count == 3
    assert not bad.exists()
    assert list((store.root / "corrupt").rglob("2026-11-20-broken.json*"))


async def test_corrupt_plan_is_still_set_aside_and_reported(
    make_app: Any, store: Store, monkeypatch: Any
) -> None:
    store.plan_path.write_text('{"schema_version": 2, "kind": "plan", "mentors": [', "utf-8")
    shown = _record_shows(monkeypatch)
    app = make_app("dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert all(s.hints != [PENDING] for s in shown)  # no light paint of a broken plan
        messages = await said(pilot, "plan.json", "corrupt")
        assert "plan.json" in messages and "corrupt" in messages
        assert app.is_running
    assert not store.plan_path.exists()
    assert list((store.root / "corrupt").rglob("plan.json*"))


async def test_plan_the_light_reader_does_not_know_waits_for_the_full_read(
    make_app: Any, store: Store, monkeypatch: Any
) -> None:
    data = json.loads(store.plan_path.read_text("utf-8"))
    data["mentors"][0]["next_meeting"] = "soon"  # invalid: the full read sets it aside
    store.plan_path.write_text(json.dumps(data), "utf-8")
    shown = _record_shows(monkeypatch)
    app = make_app("dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown and all(s.hints != [PENDING] for s in shown)
        messages = await said(pilot, "plan.json", "next_meeting")
        assert "plan.json" in messages and "next_meeting" in messages
