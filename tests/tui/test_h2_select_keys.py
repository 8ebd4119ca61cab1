"""Printable keys on a focused Select pick by type-ahead or say why nothing was picked
(and keep what was typed); the Select, the Minutes field and scroll panes show focus."""

from __future__ import annotations

from textual.widgets import Input, Select

from tui.helpers import SIZE, settle


async def test_typing_on_the_mentor_picker_picks_by_first_letters(make_app, monkeypatch) -> None:
    # one burst however busy the machine: keys a loaded runner spaces past 0.8 s stay one word
    monkeypatch.setattr("prepcoach.tui.widgets.select.TYPE_AHEAD_SECONDS", 3.0)
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.mentor_id == "priya-raman"
        screen.query_one("#p-mentor", Select).focus()
        await pilot.press("m", "a")
        await settle(pilot)
        assert screen.mentor_id == "marcus-bell"
        assert screen.query_one("#p-mentor", Select).value == "marcus-bell"
        select = screen.query_one("#p-mentor", Select)
        for _ in range(60):  # the burst ends: a match says nothing
            await pilot.pause(0.1)
            if not select.typed:  # type: ignore[attr-defined]
                break
        assert not [n for n in app._notifications if "Typed on a picker" in (n.title or "")]


async def _type_on_picker(pilot, text: str) -> Select[str]:
    """Focus Prep's mentor picker, type ``text`` and let the burst end."""
    await settle(pilot)
    select = pilot.app.screen.query_one("#p-mentor", Select)
    select.focus()
    await pilot.press(*text)
    for _ in range(50):  # the burst ends 0.8 s after the last key (later on a busy machine)
        await pilot.pause(0.1)
        if not select.typed:  # type: ignore[attr-defined]
            break
    await settle(pilot)
    return select


async def test_a_question_typed_on_the_picker_is_kept_and_said(make_app) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        select = await _type_on_picker(pilot, "Why 3 wins?")  # a digit never switches
        assert app.screen is screen
        assert screen.mentor_id == "priya-raman" and select.value == "priya-raman"
        assert app.clipboard == "Why 3 wins?"
        said = " ".join(n.message for n in app._notifications)
        assert 'No mentor starts with "Why 3 wins?"' in said
        assert "clipboard" in said


async def test_a_partial_match_then_more_typing_puts_the_mentor_back(make_app, monkeypatch) -> None:
    # one burst however busy the machine (a split burst would pick Marcus and stop there)
    monkeypatch.setattr("prepcoach.tui.widgets.select.TYPE_AHEAD_SECONDS", 3.0)
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await _type_on_picker(pilot, "Marcus said no")
        assert app.screen.mentor_id == "priya-raman"
        assert app.clipboard == "Marcus said no"


async def test_space_still_opens_the_menu(make_app) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        select = app.screen.query_one("#p-mentor", Select)
        select.focus()
        await pilot.press("space")
        await pilot.pause()
        assert select.expanded


async def test_focus_cues_on_select_minutes_and_panes(make_app) -> None:
    from textual.widgets._select import SelectCurrent

    app = make_app("review")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        detail = app.screen.query_one("#r-detail")
        before = detail.styles.border_top
        detail.focus()
        await pilot.pause()
        assert detail.styles.border_top != before
        await pilot.press("2")  # Prep
        await settle(pilot)
        screen = app.screen
        current = screen.query_one("#p-mentor", Select).query_one(SelectCurrent)
        minutes = screen.query_one("#p-minutes", Input)
        screen.set_focus(None)
        await pilot.pause()
        plain_select, plain_minutes = current.styles.background, minutes.styles.background
        screen.query_one("#p-mentor", Select).focus()
        await pilot.pause()
        assert current.styles.background != plain_select
        assert current.styles.text_style.bold
        minutes.focus()
        await pilot.pause()
        assert minutes.styles.background != plain_minutes
        assert minutes.styles.text_style.bold
