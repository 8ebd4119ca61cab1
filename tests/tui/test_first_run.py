"""First run: an empty data directory opens the setup; each step is written only when
saved, any step can be skipped; and from first launch to a saved agenda for a booked
meeting with key presses only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from prepcoach.settings import Settings, load_settings
from prepcoach.store import Store
from prepcoach.tui.app import PrepcoachApp, create_app
from prepcoach.tui.screens.first_run import FirstRunScreen
from tui.helpers import SIZE, TODAY, screen_text, settle


@pytest.fixture
def empty_settings(tmp_path: Path) -> Settings:
    return load_settings(data=tmp_path / "fresh", config_dir=tmp_path / "config", environ={})


@pytest.fixture
def empty_app(empty_settings: Settings) -> Any:
    def make(start: str = "dashboard") -> PrepcoachApp:
        return create_app(empty_settings, Store(empty_settings.data_dir), today=TODAY, start=start)

    return make


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*text)


async def open_setup(pilot: Any) -> FirstRunScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, FirstRunScreen), "the setup opens on an empty data directory"
    return screen


async def choose(pilot: Any, downs: int) -> None:
    """Open the focused Select and pick the option ``downs`` below the current one."""
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(*(["down"] * downs), "enter")
    await pilot.pause()


async def setup_mentor_step(pilot: Any, name: str) -> None:
    """Step 2 by keys: name, title, organisation, relation, levels, one area, active."""
    await type_text(pilot, name)
    await pilot.press("enter")
    await type_text(pilot, "VP Engineering")
    await pilot.press("enter", "enter")  # organisation left empty; on to Relation
    await pilot.press("tab", "tab")  # levels above: 2 as offered; on to the areas
    await pilot.press("space")  # scope
    await pilot.press("tab")  # status
    await choose(pilot, 2)  # prospect -> asked -> active


async def test_empty_dir_opens_setup_and_nothing_is_written_before_a_step_is_saved(
    empty_app: Any, empty_settings: Settings
) -> None:
    app = empty_app()
    plan_path = empty_settings.data_dir / "plan.json"
    async with app.run_test(size=SIZE) as pilot:
        await open_setup(pilot)
        assert "Step 1 of 3" in screen_text(app)
        await type_text(pilot, "Sam [b]Lee[/b]")
        await pilot.pause()
        assert not plan_path.exists(), "typing writes nothing"
        await pilot.press("ctrl+n")  # skip with something typed: asks first
        await pilot.pause()
        assert "What you typed in this step is not saved" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#f-name", Input).value == "Sam [b]Lee[/b]"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Step 2 of 3" in screen_text(app)
    plan = Store(empty_settings.data_dir).load_plan()
    assert plan.profile.name == "Sam [b]Lee[/b]"  # as typed: markup kept, not stripped
    assert plan.mentors == [] and plan.objectives == []


async def test_every_step_can_be_skipped_and_the_hint_leads_with_what_is_missing(
    empty_app: Any, empty_settings: Settings
) -> None:
    app = empty_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_setup(pilot)
        for _ in range(3):
            await pilot.press("ctrl+n")  # nothing typed: skipped at once
            await pilot.pause()
        await settle(pilot)
        assert not isinstance(app.screen, FirstRunScreen)
        text = screen_text(app)
        assert "Next: Add your first mentor (7 Plan, then a)." in text
    assert not (empty_settings.data_dir / "plan.json").exists()


async def test_a_bad_step_is_refused_in_the_form_with_what_was_typed_kept(
    empty_app: Any, empty_settings: Settings
) -> None:
    app = empty_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_setup(pilot)
        await pilot.press("ctrl+n")  # no profile
        await pilot.pause()
        await pilot.press("tab")  # no name; on to the title
        await type_text(pilot, "CTO")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "a mentor needs a name" in screen_text(app)
        assert app.screen.query_one("#f-title", Input).value == "CTO"
        assert "Step 2 of 3" in screen_text(app)
    assert Store(empty_settings.data_dir).load_plan().mentors == []


async def test_from_first_launch_to_a_saved_agenda_for_the_booked_meeting(
    empty_app: Any, empty_settings: Settings
) -> None:
    """The done-when test: only key presses (and one click into the question field)."""
    booked = dt.date(2026, 12, 3)
    app = empty_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_setup(pilot)
        # 1: about you
        await type_text(pilot, "Sam Lee")
        await pilot.press("enter")
        await type_text(pilot, "Engineering Manager")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # 2: the first mentor
        await setup_mentor_step(pilot, "Ana Lima")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Step 3 of 3" in screen_text(app)
        # 3: the first objective (linked to Ana, as offered)
        await type_text(pilot, "Lead the Q1 reorg")
        await pilot.press("enter")
        await type_text(pilot, "The reorg plan is signed off")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FirstRunScreen)

        # book the meeting on the Plan screen
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert "Next meeting with Ana Lima" in screen_text(app)
        await pilot.press("ctrl+u")  # clear the date offered
        await type_text(pilot, booked.isoformat())
        await pilot.press("enter")
        await type_text(pilot, "10:30")
        await pilot.press("enter")
        await type_text(pilot, "45")
        await pilot.press("enter")  # the last field: saves
        await settle(pilot)
        assert "2026-12-03 10:30" in screen_text(app)

        # Prep: a question, generate offline, save
        await pilot.press("2")
        await settle(pilot)
        await pilot.click("#p-questions-input")
        await type_text(pilot, "How do I tell my team about the reorg?")
        await pilot.press("enter")
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)

    store = Store(empty_settings.data_dir)
    plan = store.load_plan()
    assert plan.profile.name == "Sam Lee"
    assert [m.name for m in plan.mentors] == ["Ana Lima"]
    ana = plan.mentors[0]
    assert ana.status == "active" and ana.support_areas == ["scope"]
    assert ana.next_meeting == booked and ana.next_meeting_minutes == 45
    assert [o.mentors for o in plan.objectives] == [["ana-lima"]]
    assert plan.objectives[0].done_when == "The reorg plan is signed off"
    sessions = store.sessions_for("ana-lima")
    assert [s.date for s in sessions] == [booked]
    assert [q.text for q in sessions[0].questions] == ["How do I tell my team about the reorg?"]
    assert sessions[0].agenda is not None and sessions[0].agenda.engine == "offline"


async def test_no_setup_over_existing_data(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, FirstRunScreen)
        assert "Next: Add your first mentor" not in screen_text(app)


async def test_the_setup_footer_shows_its_own_keys_not_the_dashboards(empty_app) -> None:
    app = empty_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        footer = screen_text(app).splitlines()[-1]
        assert "Save step" in footer and "Skip step" in footer and "Close setup" in footer
        # the dashboard's keys do nothing while the setup is open: never offered
        assert "Prep mentor" not in footer and "Nudge" not in footer
