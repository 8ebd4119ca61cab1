"""Focus and scrolling from the keyboard: the agenda pane scrolls, ctrl+l lands on the
add-item line, digits typed there are text."""

from __future__ import annotations

from textual.widgets import DataTable, Label, Select

from prepcoach.tui.widgets.editable_list import EditableList
from prepcoach.tui.widgets.scrolling import ScrollingMarkdown
from tui.helpers import SIZE, settle


async def _generated(pilot) -> None:
    screen = pilot.app.screen
    screen.query_one("#p-wins", EditableList).set_items(
        [f"Win number {n} with enough words to wrap the line" for n in range(6)]
    )
    screen.query_one("#p-questions", EditableList).set_items(
        [f"Question {n}: how do I handle this part of the hand-over?" for n in range(6)]
    )
    await pilot.press("ctrl+g")
    await settle(pilot)
    assert screen.agenda is not None


async def test_the_agenda_pane_takes_focus_and_scrolls_from_the_keyboard(make_app) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _generated(pilot)
        md = app.screen.query_one("#p-md", ScrollingMarkdown)
        assert md.has_focus  # focus moves to the agenda once it is drafted
        assert md.max_scroll_y > 0, "the agenda is longer than its pane"
        await pilot.press("down")
        await pilot.pause()
        assert md.scroll_y >= 1
        await pilot.press("end")
        await pilot.pause(0.3)
        assert md.scroll_y == md.max_scroll_y
        await pilot.press("home")
        await pilot.pause(0.3)
        assert md.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause(0.3)
        assert md.scroll_y > 1


async def test_ctrl_l_focuses_the_add_item_line_and_digits_type_there(make_app) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _generated(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        items = app.screen.query_one("#p-items", EditableList)
        assert items.input.has_focus
        await pilot.press("5", "space", "m", "i", "n", "enter")
        await settle(pilot)
        assert app.current_mode == "prep"
        assert items.items[-1] == "5 min"
        items.option_list.focus()
        await pilot.press("2")  # a digit on the list starts a new item
        await pilot.pause()
        assert app.current_mode == "prep" and items.input.value == "2"


async def test_keys_that_cannot_act_yet_say_why_every_time(make_app) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.set_focus(None)
        for key in ("ctrl+s", "ctrl+t", "ctrl+o", "ctrl+l", "ctrl+s"):
            before = len(app._notifications)
            await pilot.press(key)
            await pilot.pause()
            said = [n.message for n in list(app._notifications)[before:]]
            assert any("Generate the agenda first (ctrl+g)" in m for m in said), key


async def test_history_opens_on_the_session_list_and_counts_follow_a_tick(make_app) -> None:
    app = make_app("history")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        sessions = screen.query_one("#sessions", DataTable)
        assert sessions.has_focus
        summaries = screen._visible()
        row = next(i for i, s in enumerate(summaries) if s.open_action_items)
        sessions.move_cursor(row=row)
        await settle(pilot)
        key = summaries[row].id
        before = str(sessions.get_cell(key, "open"))
        screen.query_one("#h-actions", DataTable).focus()
        screen.query_one("#h-actions", DataTable).move_cursor(
            row=next(i for i, a in enumerate(screen.session.action_items) if not a.done)
        )
        await pilot.press("x")
        await pilot.pause()
        after = str(sessions.get_cell(key, "open"))
        assert int(after or 0) == int(before) - 1
        await settle(pilot)


async def test_help_lists_each_key_once_per_screen(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 200)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = str(app.screen.query_one("#help Static").render())
        prep = text.split("2 Prep", 1)[1].split("3 Outreach", 1)[0]
        escapes = [line for line in prep.splitlines() if line.strip().startswith("escape")]
        assert len(escapes) == 1 and "Cancel · Leave field" in escapes[0]


async def test_outreach_fields_follow_the_channel_and_kind(make_app) -> None:
    app = make_app("outreach")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        row = screen.query_one("#o-subject-row")
        label = screen.query_one("#o-ask-label", Label)
        assert row.display and "The one ask" in str(label.render())
        screen.query_one("#o-channel", Select).value = "slack"
        screen.query_one("#o-kind", Select).value = "wind-down"
        await settle(pilot)
        assert not row.display
        assert "The one ask" not in str(label.render())
        screen.query_one("#o-channel", Select).value = "email"
        await settle(pilot)
        assert row.display


async def test_help_wraps_a_keys_words_under_themselves(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        shown = app.screen.query_one("#help Static")
        lines = shown.render().wrapped(shown.content_region.width).plain.splitlines()
        f2 = next(i for i, line in enumerate(lines) if line.startswith("  F2 / ctrl+e"))
        words_at = lines[f2].index("switch")
        # the line is too long for the dialog at 80 columns: it goes on under its words
        assert not lines[f2].rstrip().endswith("(this run only)")
        assert lines[f2 + 1][:words_at].strip() == "" and lines[f2 + 1].strip()
        assert "(this run only)" in " ".join(line.strip() for line in lines[f2 : f2 + 2])
