"""The Plan screen: editing mentors, objectives, statuses, bookings and the profile from
the keyboard; destructive actions ask first; ctrl+z restores exactly; a CLI process
editing the plan meanwhile loses nothing."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

from textual.widgets import DataTable, Input, OptionList, Static

from prepcoach.models import Plan
from prepcoach.store import Store
from prepcoach.tui.screens.plan import PlanScreen
from prepcoach.tui.screens.plan.status import StatusScreen
from prepcoach.tui.widgets.confirm import ConfirmScreen
from prepcoach.tui.widgets.form import FormScreen
from tui.helpers import SIZE, screen_text, settle


def dump(plan: Plan) -> dict[str, Any]:
    return plan.model_dump(mode="json")


def run_cli(store: Store, *args: str) -> None:
    """The prepcoach CLI in a process of its own, on the same data directory."""
    cli = [sys.executable, "-m", "prepcoach", "--data", str(store.root), *args]
    proc = subprocess.run(cli, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


async def open_plan(pilot: Any) -> PlanScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PlanScreen)
    return screen


async def to_row(pilot: Any, table_id: str, key: str) -> None:
    table = pilot.app.screen.query_one(f"#{table_id}", DataTable)
    table.focus()
    await pilot.pause()
    assert key in table.rows, f"no row {key}"
    table.move_cursor(row=0)
    while PlanScreen.selected(table) != key:
        await pilot.press("down")
        await pilot.pause()


async def test_key_7_opens_plan_and_existing_keys_still_work(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await open_plan(pilot)
        text = screen_text(app)
        assert "7 Plan" in text and "Priya Raman" in text and "Dana Whitfield" in text
        for key, mode in (("6", "team"), ("1", "dashboard"), ("7", "plan")):
            await pilot.press(key)
            await settle(pilot)
            assert app.current_mode == mode


async def test_remove_asks_first_and_undo_restores_exactly(make_app: Any, store: Store) -> None:
    before = dump(store.load_plan())
    app = make_app("plan")
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        await to_row(pilot, "pl-mentors", "priya-raman")
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "stay on disk (never deleted)" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert dump(store.load_plan()) == before, "no answer, no change"
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        plan = store.load_plan()
        assert plan.mentor("priya-raman") is None
        assert all("priya-raman" not in o.mentors for o in plan.objectives)
        assert store.sessions_for("priya-raman"), "her sessions stay"
        table = app.screen.query_one("#pl-mentors", DataTable)
        assert "priya-raman" not in table.rows
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert dump(store.load_plan()) == before
        assert "Undone: removing Priya Raman" in screen_text(app)


async def test_status_offers_only_allowed_moves_and_force_asks_first(
    make_app: Any, store: Store
) -> None:
    before = dump(store.load_plan())
    app = make_app("plan")
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        await to_row(pilot, "pl-mentors", "elena-sorensen")  # a prospect
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StatusScreen)
        options = app.screen.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids == ["asked", "active", "ended", "__force"]
        await pilot.press("end", "enter")  # force…: the statuses past the rules
        await pilot.pause()
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids == ["renewed", "loosened"]
        await pilot.press("enter")  # renewed, forced
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "recorded as forced" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert dump(store.load_plan()) == before
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")  # asked, the first allowed move
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        elena = store.load_plan().mentor("elena-sorensen")
        assert elena is not None and elena.status == "asked"
        assert elena.status_history[-1].previous == "prospect"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert dump(store.load_plan()) == before


async def test_many_edits_undone_one_by_one_restore_the_plan_exactly(
    make_app: Any, store: Store
) -> None:
    before = dump(store.load_plan())
    app = make_app("plan")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plan(pilot)
        # book Marcus's meeting
        await to_row(pilot, "pl-mentors", "marcus-bell")
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+u", *"2026-12-10", "enter", *"9:15", "enter", *"30", "ctrl+s")
        await settle(pilot)
        marcus = store.load_plan().mentor("marcus-bell")
        assert marcus is not None and marcus.next_meeting == dt.date(2026, 12, 10)
        assert marcus.next_meeting_time == dt.time(9, 15)
        # edit his title (text kept as typed, markup and all)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-title", Input).focus()
        await pilot.press("ctrl+u", *"SVP [red]Ops[/]", "ctrl+s")
        await settle(pilot)
        assert store.load_plan().mentor("marcus-bell").title == "SVP [red]Ops[/]"  # type: ignore[union-attr]
        # drop an objective (asks), mark another met
        await to_row(pilot, "pl-objectives", "career-direction")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("down", "m")
        await settle(pilot)
        # your profile
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Dana W.", "ctrl+s")
        await settle(pilot)
        plan = store.load_plan()
        assert plan.profile.name == "Dana W."
        assert [o.status for o in plan.objectives][2:] == ["dropped", "met"]
        assert len(screen.undo_stack) == 5
        for _ in range(5):
            await pilot.press("ctrl+z")
            await settle(pilot)
        assert dump(store.load_plan()) == before
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert dump(store.load_plan()) == before


async def test_add_mentor_and_objective_linked_to_it(make_app: Any, store: Store) -> None:
    app = make_app("plan")
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Bo [bold]Chen[/bold]", "ctrl+s")
        await settle(pilot)
        assert "Bo [bold]Chen[/bold]" in screen_text(app)  # shown literally
        await pilot.press("tab", "a")
        await pilot.pause()
        await pilot.press(*"Learn to run a staff meeting", "ctrl+s")
        await settle(pilot)
        await to_row(pilot, "pl-objectives", "learn-to-run-a-staff-meeting")
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("end", "space", "ctrl+s")  # Bo, the last mentor
        await settle(pilot)
    plan = store.load_plan()
    bo = next(m for m in plan.mentors if m.name == "Bo [bold]Chen[/bold]")
    objective = plan.objective("learn-to-run-a-staff-meeting")
    assert objective is not None and objective.mentors == [bo.id]


async def test_a_cli_edit_while_the_tui_runs_is_kept_and_shown(make_app: Any, store: Store) -> None:
    app = make_app("plan")
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        # the TUI has read the plan; another process adds a mentor meanwhile
        run_cli(store, "mentors", "add", "Bo Chen", "--areas", "technical")
        # then the TUI edits the plan it showed: the CLI's mentor is kept
        await to_row(pilot, "pl-mentors", "elena-sorensen")
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        names = [m.name for m in store.load_plan().mentors]
        assert "Bo Chen" in names and "Elena Sorensen" not in names
        # a CLI edit with nothing done in the TUI shows up by itself
        run_cli(store, "objectives", "add", "Shell-made objective", "--area", "viewpoint")
        await pilot.pause(1.5)
        await settle(pilot)
        assert "Shell-made objective" in screen_text(app)
        assert "Bo Chen" in screen_text(app)
        # undoing the TUI's removal keeps the CLI's edits too
        await pilot.press("ctrl+z")
        await settle(pilot)
    plan = store.load_plan()
    assert plan.objective("shell-made-objective") is not None
    assert {"Bo Chen", "Elena Sorensen"} <= {m.name for m in plan.mentors}


async def test_booking_refuses_a_past_date_in_the_form(make_app: Any, store: Store) -> None:
    before = dump(store.load_plan())
    app = make_app("plan")
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("ctrl+u", *"2026-01-05", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "has passed" in screen_text(app)
        await pilot.press("ctrl+u", *"soon", "ctrl+s")
        await pilot.pause()
        assert "is not a date like" in screen_text(app)
        await pilot.press("escape")  # something typed: asks before closing
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
    assert dump(store.load_plan()) == before


async def test_palette_and_help_list_the_plan_screen(make_app: Any) -> None:
    from prepcoach.tui.commands import PrepcoachCommands
    from prepcoach.tui.screens.first_run import FirstRunScreen

    app = make_app("dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = PrepcoachCommands(app.screen)
        commands = {title: run for title, _, run in provider._commands()}
        for title in ("Go to Plan", "Plan: Book", "Plan: Undo", "Plan: Status"):
            assert title in commands, title
        commands["Plan: Book"]()  # from the dashboard: opens Plan, then the booking form
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "Next meeting with Priya Raman" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        commands["Set up: profile, first mentor, first objective"]()
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        help_text = str(app.screen.query_one("#help Static", Static).content)
        assert "7 Plan" in help_text and "ctrl+z undoes" in help_text
