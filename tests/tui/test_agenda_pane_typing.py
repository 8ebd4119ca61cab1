"""Text typed while the agenda pane has focus is never dropped: it goes to the clipboard
and the pane says where typing belongs."""

from __future__ import annotations

from tui.helpers import SIZE, settle


async def test_typing_on_the_agenda_pane_is_kept_and_said(make_app) -> None:
    app = make_app("prep")
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#p-md").focus()
        await pilot.press(*"Shipped v2")
        for _ in range(50):  # the burst ends 0.8 s after the last key
            await pilot.pause(0.1)
            if copied:
                break
        assert copied == ["Shipped v2"]
        said = [n.message for n in app._notifications]
        assert any("takes no typing" in m and "Shipped v2" in m for m in said), said
        assert app.current_mode == "prep"


async def test_a_digit_first_still_switches_screen(make_app) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#p-md").focus()
        await pilot.press("5")
        await settle(pilot)
        assert app.current_mode == "history"
