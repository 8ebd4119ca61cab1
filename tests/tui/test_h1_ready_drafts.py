"""Readiness on the dashboard counts what is typed in Prep and kept as a draft, not only
saved prep: a win entered and a question still being typed make the mentor ready."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable

from prepcoach.store import Store
from tui.helpers import SIZE, settle


def ready_cell(app: Any, mentor_id: str) -> str:
    table = app.screen.query_one("#mentors", DataTable)
    return str(table.get_row(mentor_id)[-1])


async def test_unsaved_prep_draft_counts_as_ready(make_app: Any, store: Store) -> None:
    app = make_app()
    saved_before = [s.id for s in store.list_sessions("priya-raman")]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "✗" in ready_cell(app, "priya-raman")
        await pilot.press("enter")  # prep Priya, the first row
        await settle(pilot)
        await pilot.click("#p-wins-input")
        await pilot.press(*"Closed the FY27 budget on time", "enter")
        await pilot.click("#p-questions-input")
        await pilot.press(*"How do I hand the budget over?")  # typed, not entered
        await pilot.press("escape", "1")  # straight back, before the draft is written
        await pilot.pause(0.8)
        await settle(pilot)
        assert "✓" in ready_cell(app, "priya-raman")
        assert "✗" in ready_cell(app, "marcus-bell")  # nothing typed for Marcus
    assert [s.id for s in store.list_sessions("priya-raman")] == saved_before, "not saved"


def test_one_win_and_one_question_read_singular(store: Store) -> None:
    from prepcoach.tui import drafts
    from prepcoach.tui.state import readiness
    from tui.helpers import TODAY

    draft = {"accomplishments": ["Shipped it"], "questions": [], "pending_question": "Why?"}
    drafts.save(store, drafts.prep_name("marcus-bell"), draft)
    marcus = store.load_plan().mentor("marcus-bell")
    assert marcus is not None
    assert readiness(store, marcus, [], TODAY) == (
        True,
        "ready: 1 win, 1 question",
        "1 win, 1 q",
    )
