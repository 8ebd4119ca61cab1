"""Undoing a mentor change on the Plan screen puts the earlier record back in one locked
write of plan.json (no remove-then-add a CLI edit could fall between)."""

from __future__ import annotations

from typing import Any

from prepcoach.store import Store
from tui.helpers import SIZE, settle
from tui.screens.test_plan import dump, open_plan, to_row


async def test_undo_of_a_mentor_edit_is_one_write(make_app: Any, store: Store) -> None:
    app, before = make_app(), dump(store.load_plan())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("7")  # from the dashboard to the Plan screen
        await open_plan(pilot)
        await to_row(pilot, "pl-mentors", "priya-raman")
        await pilot.press("e", "ctrl+u", *"Priya R. [b]Raman[/b]", "ctrl+s")  # a rename
        await settle(pilot)
        assert store.load_plan().mentors[0].name == "Priya R. [b]Raman[/b]"
        writes: list[str] = []
        update_plan = store.update_plan

        def counted(change: Any) -> Any:
            writes.append("plan.json")
            return update_plan(change)

        store.update_plan = counted  # type: ignore[method-assign]
        await pilot.press("ctrl+z")
        await settle(pilot)
    assert writes == ["plan.json"]
    assert dump(store.load_plan()) == before
