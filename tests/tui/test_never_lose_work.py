"""Never losing work: quitting mid-generation, regenerating over edits, pasting lines,
relaunching, corrupt data."""

from __future__ import annotations

import time
from pathlib import Path

from fakeserver import FakeOpenAI
from textual import events
from textual.widgets import Input, TextArea

from prepcoach.settings import load_settings
from prepcoach.store import Store
from prepcoach.tui.app import create_app
from prepcoach.tui.widgets.confirm import ConfirmScreen
from prepcoach.tui.widgets.editable_list import EditableList
from tui.helpers import SIZE, TODAY, screen_text, settle


def _llm_app(sample_dir: Path, tmp_path: Path, server: FakeOpenAI, start: str):
    settings = load_settings(
        data=sample_dir,
        config_dir=tmp_path / "config",
        environ={"OPENAI_API_KEY": "sk-test-tui", "OPENAI_BASE_URL": server.url},
    )
    return create_app(settings, Store(sample_dir), today=TODAY, start=start)


async def test_quit_during_a_slow_stream_exits_within_a_second(sample_dir, tmp_path, server):
    server.push(FakeOpenAI.slow(15))
    app = _llm_app(sample_dir, tmp_path, server, "prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        wins = app.screen.query_one("#p-wins", EditableList)
        wins.set_items(["Budget accepted"])
        await pilot.press("ctrl+g")
        for _ in range(100):
            await pilot.pause(0.05)
            if server.chat_requests:
                break
        assert app.screen.generating
        job = app.screen.generator.job
        started = time.monotonic()
        await pilot.press("ctrl+q")
    assert time.monotonic() - started < 1.0
    assert job is not None and job.cancel.is_set()


async def test_quit_cancels_a_generation_on_a_screen_in_the_background(
    sample_dir, tmp_path, server
):
    server.push(FakeOpenAI.slow(15))
    app = _llm_app(sample_dir, tmp_path, server, "prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prep = app.screen
        prep.query_one("#p-wins", EditableList).set_items(["Budget accepted"])
        await pilot.press("ctrl+g")
        for _ in range(100):
            await pilot.pause(0.05)
            if server.chat_requests:
                break
        job = prep.generator.job
        app.set_focus(None)
        await pilot.press("1")  # the dashboard; the agenda keeps streaming behind it
        await pilot.pause()
        assert job is not None and not job.cancel.is_set()
        started = time.monotonic()
        await pilot.press("ctrl+q")
    assert time.monotonic() - started < 1.0
    assert job.cancel.is_set()


async def test_a_multi_line_paste_adds_one_item_per_line(make_app) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        wins = app.screen.query_one("#p-wins", EditableList)
        wins.set_items([])
        wins.input.focus()
        await pilot.press("2", " ")
        wins.input.post_message(events.Paste("more hires\n\n  Budget accepted  \nOffsite booked"))
        await pilot.pause()
        assert wins.items == ["2 more hires", "Budget accepted", "Offsite booked"]
        assert wins.pending == ""
        # one line is an ordinary paste into the field
        wins.input.post_message(events.Paste("just one line"))
        await pilot.pause()
        assert wins.pending == "just one line" and len(wins.items) == 3
        # pasting on the list itself starts new items too
        questions = app.screen.query_one("#p-questions", EditableList)
        questions.set_items(["first"])
        questions.option_list.focus()
        questions.option_list.post_message(events.Paste("How do I hand over?\nWho owns Q1?"))
        await pilot.pause()
        await pilot.pause()
        assert questions.items == ["first", "How do I hand over?", "Who owns Q1?"]


async def _outreach_drafted(pilot) -> None:
    screen = pilot.app.screen
    screen.query_one("#o-to", Input).value = "Elena Sorensen"
    screen.query_one("#o-ask", Input).value = "how you chose between VP and CTO"
    await pilot.press("ctrl+g")
    await settle(pilot)
    assert screen.query_one("#o-body", TextArea).text.strip()


async def test_redrafting_an_edited_message_asks_and_ctrl_z_brings_it_back(make_app) -> None:
    app = make_app("outreach")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _outreach_drafted(pilot)
        screen = app.screen
        body = screen.query_one("#o-body", TextArea)
        body.text = "My own careful words."
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert body.text == "My own careful words."
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert body.text.strip() and body.text != "My own careful words."
        body.focus()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert body.text == "My own careful words."


async def test_redrafting_keeps_a_typed_subject_unless_cleared(make_app) -> None:
    app = make_app("outreach")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _outreach_drafted(pilot)
        screen = app.screen
        subject = screen.query_one("#o-subject", Input)
        drafted = subject.value
        assert drafted
        await pilot.press("ctrl+g")  # nothing edited: no question, a new draft
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        subject.value = "Picking your brain on VP vs CTO"
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert subject.value == "Picking your brain on VP vs CTO"
        assert "Kept your subject (clear it for a new one)." in " ".join(screen_text(app).split())
        subject.value = ""
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert subject.value == drafted


async def test_regenerating_hand_edited_agenda_items_asks_and_ctrl_z_puts_them_back(
    make_app,
) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one("#p-wins", EditableList).set_items(["Budget accepted"])
        await pilot.press("ctrl+g")
        await settle(pilot)
        first = len(screen.agenda.items)
        await pilot.press("ctrl+l")
        await settle(pilot)
        screen.query_one("#p-items", EditableList).option_list.focus()
        await pilot.pause()
        await pilot.press("delete")  # an item removed by hand
        await pilot.pause()
        edited = screen.agenda
        assert len(edited.items) == first - 1 and screen.items_edited
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert screen.agenda == edited
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert len(screen.agenda.items) == first and not screen.items_edited
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.agenda == edited and screen.items_edited


async def test_a_win_typed_before_a_mentor_is_picked_is_kept(make_app, store) -> None:
    plan = store.load_plan()
    store.save_plan(plan.model_copy(update={"mentors": []}))
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.mentor_id is None
        wins = screen.query_one("#p-wins", EditableList)
        wins.input.focus()
        for key in "2 more hires":
            await pilot.press("space" if key == " " else key)
        await pilot.press("enter")
        await pilot.press(*"Offsite".lower())
        assert wins.items == ["2 more hires"]
        store.save_plan(plan)  # a mentor is added (e.g. from the CLI), then shown here
        app.changed()
        screen.reload()
        await settle(pilot)
        assert screen.mentor_id is not None
        assert wins.items == ["2 more hires"] and wins.pending == "offsite"


async def test_after_a_relaunch_prep_shows_the_saved_agenda(make_app, store) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#p-wins", EditableList).set_items(["Budget accepted"])
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = app.screen.agenda
    again = make_app("prep")
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = again.screen
        assert screen.agenda is not None
        assert [i.title for i in screen.agenda.items] == [i.title for i in saved.items]
        assert screen.check_action("copy", ()) is True
        assert screen.check_action("export", ()) is True
        await pilot.press("ctrl+t")
        assert "Agenda:" in (again.clipboard or "")
