"""Prep and Outreach: typing, drafts kept, generation streamed and cancellable, saving."""

from __future__ import annotations

import json

from textual.widgets import Input, Log, Markdown, TextArea

from prepcoach.store import Store
from prepcoach.tui.widgets.editable_list import EditableList
from prepcoach.tui.widgets.lint_panel import LintPanel
from tui.helpers import SIZE, SlowServices, screen_text, settle


async def _type_into(pilot, selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector, Input).focus()
    await pilot.press(*text)
    await pilot.press("enter")


async def test_prep_keyboard_editing_add_edit_reorder_delete(make_app) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _type_into(pilot, "#p-questions-input", "first")
        await _type_into(pilot, "#p-questions-input", "second")
        await _type_into(pilot, "#p-questions-input", "third")
        questions = app.screen.query_one("#p-questions", EditableList)
        assert questions.items == ["first", "second", "third"]
        questions.option_list.focus()
        await pilot.pause()
        await pilot.press("shift+up")  # highlighted "third" moves above "second"
        await pilot.pause()
        assert questions.items == ["first", "third", "second"]
        await pilot.press("up")
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert questions.items == ["third", "second"]
        await pilot.press("enter")  # edit "third"
        assert questions.input.has_focus
        questions.input.value = ""
        await pilot.press(*"THIRD", "enter")
        assert questions.items == ["THIRD", "second"]


async def test_prep_draft_survives_quit_and_is_restored(make_app, store: Store) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _type_into(pilot, "#p-wins-input", "Shipped the budget")
        await _type_into(pilot, "#p-questions-input", "How do I hand over?")
        app.screen.query_one("#p-questions-input", Input).focus()
        await pilot.press(*"half typed")  # not entered yet: kept too
        await pilot.pause(0.5)
    path = store.root / "drafts" / "prep-priya-raman.json"
    data = json.loads(path.read_text("utf-8"))
    assert data["accomplishments"] == ["Shipped the budget"]
    assert data["questions"] == ["How do I hand over?"]
    assert data["pending_question"] == "half typed"
    assert path.stat().st_mode & 0o777 == 0o600

    again = make_app("prep")
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        wins = again.screen.query_one("#p-wins", EditableList)
        questions = again.screen.query_one("#p-questions", EditableList)
        assert wins.items == ["Shipped the budget"]
        assert questions.items == ["How do I hand over?"]
        assert questions.pending == "half typed"
        assert "Restored your draft" in screen_text(again)


async def test_dashboard_readiness_follows_the_prep_draft(make_app) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _type_into(pilot, "#p-wins-input", "Budget accepted")
        await _type_into(pilot, "#p-questions-input", "What next?")
        await pilot.pause(0.5)
        app.screen.query_one("#p-carried").focus()
        await pilot.press("1")
        await settle(pilot)
        assert app.current_mode == "dashboard"
        assert "last ✓ ready" in screen_text(app)  # Priya: her last meeting, prepared


async def test_cancel_stops_a_slow_stream_and_keeps_the_input(make_app, settings, store) -> None:
    services = SlowServices(settings, store)
    app = make_app("prep", services=services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _type_into(pilot, "#p-wins-input", "A win")
        await _type_into(pilot, "#p-questions-input", "A question")
        await pilot.press("ctrl+g")
        assert services.started.wait(5)
        await pilot.pause(0.3)
        screen = app.screen
        assert screen.generating
        assert "esc" in screen_text(app).lower()  # the cancel key is visible
        assert screen.query_one("#p-stream", Log).line_count >= 1
        await pilot.press("escape")
        await pilot.pause(0.3)
        assert not screen.generating
        assert services.cancelled.wait(5)  # the worker saw the cancel and stopped
        await settle(pilot)
        assert screen.agenda is None
        assert screen.query_one("#p-wins", EditableList).items == ["A win"]
        assert screen.query_one("#p-questions", EditableList).items == ["A question"]
        assert "Cancelled" in screen_text(app)
        # streamed model text is shown as text: the markup in it is not interpreted
        log_text = "\n".join(screen.query_one("#p-stream", Log).lines)
        assert "[bold]not bold[/]" in log_text


async def test_outreach_cancel_restores_the_message(make_app, settings, store) -> None:
    services = SlowServices(settings, store)
    app = make_app("outreach", services=services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one("#o-to", Input).value = "Elena Sorensen"
        screen.query_one("#o-ask", Input).value = "how you ran your first budget cycle"
        screen.query_one("#o-body", TextArea).text = "my own words"
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("y")  # replace my own words (asked first)
        assert services.started.wait(5)
        await pilot.pause(0.3)
        assert "chunk" in screen.query_one("#o-body", TextArea).text
        await pilot.press("escape")
        assert services.cancelled.wait(5)
        await settle(pilot)
        assert screen.query_one("#o-body", TextArea).text == "my own words"
        assert screen.query_one("#o-to", Input).value == "Elena Sorensen"


async def test_outreach_lint_panel_reacts_to_edits(make_app) -> None:
    app = make_app("outreach")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        panel = screen.query_one("#o-lint", LintPanel)
        body = screen.query_one("#o-body", TextArea)
        screen.query_one("#o-subject", Input).value = "Your first budget cycle"
        body.text = (
            "Hi Sam,\n\nNadia suggested I write. I run platform engineering at Lumen "
            "Freight. Would you have 20 minutes to tell me how you ran your first budget "
            "cycle as a CTO? If now isn't a good time, no worries at all.\n\nThanks,\nDana"
        )
        await pilot.pause(0.4)
        assert "no-mentor-word" in panel.passed
        clean_failures = list(panel.failed)
        body.focus()
        body.move_cursor(body.document.end)
        await pilot.press(*" Could you be my mentor?")
        await pilot.pause(0.4)
        assert "no-mentor-word" in panel.failed
        assert "no-mentor-word" not in clean_failures
        assert "✗ no-mentor-word" in screen_text(app)


CLEAN = (
    "Hi Sam,\n\nNadia suggested I write. I run platform engineering at Lumen "
    "Freight. Would you have 20 minutes to tell me how you ran your first budget "
    "cycle as a CTO? If now isn't a good time, no worries at all.\n\nThanks,\nDana"
)


async def _fill_outreach(pilot, body: str, subject: str = "Your first budget cycle") -> None:
    screen = pilot.app.screen
    screen.query_one("#o-to", Input).value = "Sam Lee"
    screen.query_one("#o-ask", Input).value = "how you ran your first budget cycle"
    screen.query_one("#o-subject", Input).value = subject
    screen.query_one("#o-body", TextArea).text = body
    await pilot.pause(0.4)


async def test_outreach_mark_sent_saves_with_date(make_app, store: Store) -> None:
    app = make_app("outreach")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _fill_outreach(pilot, CLEAN)
        assert app.screen.query_one("#o-lint", LintPanel).failed == []
        await pilot.press("ctrl+b")  # all rules pass: no question asked
        await settle(pilot)
        assert type(app.screen).__name__ == "OutreachScreen"
        assert "Marked sent on 2026-11-24" in screen_text(app)
    sent = [d for d in store.list_outreach() if d.to == "Sam Lee"]
    assert len(sent) == 1
    assert sent[0].status == "sent" and sent[0].sent_on is not None
    assert sent[0].sent_on.isoformat() == "2026-11-24"
    assert sent[0].violations == []


async def test_outreach_mark_sent_with_broken_rules_asks_first(make_app, store: Store) -> None:
    app = make_app("outreach")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        await _fill_outreach(pilot, CLEAN + " You would be a great mentor.")
        screen.query_one("#o-body", TextArea).focus()
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert type(app.screen).__name__ == "ConfirmScreen"
        text = screen_text(app)
        assert "breaks" in text and "no-mentor-word" in text
        await pilot.press("enter")  # the safe answer has focus: not sent
        await settle(pilot)
        assert app.screen is screen
        assert not [d for d in store.list_outreach() if d.to == "Sam Lee"]
        assert "Not marked sent" in screen_text(app)
        await pilot.press("ctrl+b")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert not [d for d in store.list_outreach() if d.to == "Sam Lee"]
        await pilot.press("ctrl+b")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen
    sent = [d for d in store.list_outreach() if d.to == "Sam Lee"]
    assert len(sent) == 1 and sent[0].status == "sent"
    assert "no-mentor-word" in sent[0].violations


async def test_outreach_status_line_follows_the_text(make_app) -> None:
    app = make_app("outreach")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        await _fill_outreach(pilot, CLEAN)
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved_id = screen.current.id
        assert f"Saved as {saved_id}" in screen_text(app)
        body = screen.query_one("#o-body", TextArea)
        body.focus()
        body.move_cursor(body.document.end)
        await pilot.press(*" A mentor like you.")
        await pilot.pause(0.4)
        status = str(screen.query_one("#o-status").render())
        assert "Saved as" not in status
        assert f"Edited since {saved_id}" in status
        assert "1 rule to fix: no-mentor-word" in status
        for _ in " A mentor like you.":
            await pilot.press("backspace")
        await pilot.pause(0.4)
        status = str(screen.query_one("#o-status").render())
        assert f"Saved as {saved_id}" in status  # the text is as saved again
        assert "no-mentor-word" not in status
        body.move_cursor(body.document.end)
        await pilot.press(*" Thanks again.")
        await pilot.pause(0.4)
        status = str(screen.query_one("#o-status").render())
        assert "not saved" in status and "All rules pass" in status


async def test_markup_and_escape_sequences_are_shown_as_text(make_app) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        wins = app.screen.query_one("#p-wins", EditableList)
        for text in ("[bold]x[/]", "[/]", "\x1b[31mred\x1b[0m", "[@click=app.quit]q[/]"):
            wins.input.value = text
            wins.input.focus()
            await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        assert wins.items == ["[bold]x[/]", "[/]", "red", "[@click=app.quit]q[/]"]
        text = screen_text(app)
        assert "[bold]x[/]" in text and "[/]" in text
        assert "\x1b" not in text
        # nothing in the list got styled bold or red by the user's text
        options = wins.option_list
        for i in range(options.option_count):
            prompt = options.get_option_at_index(i).prompt
            assert not getattr(prompt, "spans", [])
        # and a click on the fake link does not quit
        await pilot.click("#p-wins-items")
        await settle(pilot)
        assert app.is_running


async def test_prep_edit_result_reorder_and_retime(make_app, settings, store) -> None:
    """The agenda result is editable: items re-timed, re-ordered; total tracked."""
    from prepcoach.models import Agenda, AgendaItem
    from prepcoach.tui.screens.prep import item_line, parse_items

    items = [
        AgendaItem(title="Check-in", minutes=3, kind="opening"),
        AgendaItem(title="Budget [bold]win[/]", minutes=5, kind="win", objective_id="b"),
    ]
    lines = [item_line(i) for i in items]
    assert lines == ["3 min · Check-in", "5 min · Budget [bold]win[/]"]
    edited = parse_items(["10 min · Budget [bold]win[/]", "2 min · Check-in", "4 - New"], items)
    assert [(i.title, i.minutes, i.kind) for i in edited] == [
        ("Budget [bold]win[/]", 10, "win"),
        ("Check-in", 2, "opening"),
        ("New", 4, "question"),
    ]
    assert edited[0].objective_id == "b"
    assert Agenda(mentor="m", minutes=16, items=edited).total() == 16


async def test_prep_markdown_view_shows_welcome(make_app) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen.query_one("#p-md"), Markdown)
        assert "Prepare the next meeting" in screen_text(app)


async def test_outreach_new_message_and_new_recipient_never_rewrite_a_saved_draft(
    make_app, store: Store
) -> None:
    from textual.widgets import Select

    saved = {d.id: d for d in store.list_outreach()}
    elena = next(d for d in saved.values() if d.to == "Elena Sorensen")
    app = make_app("outreach")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        select = screen.query_one("#o-saved", Select)
        select.value = elena.id
        await settle(pilot)
        assert screen.query_one("#o-to", Input).value == "Elena Sorensen"
        assert screen.current is not None and screen.current.id == elena.id
        # "new message" in the selector: a blank form, no saved draft behind it
        select.clear()
        await settle(pilot)
        assert screen.query_one("#o-to", Input).value == ""
        assert screen.current is None and screen.mentor is None
        # open it again, then change the recipient: a new message, Elena's stays
        select.value = elena.id
        await settle(pilot)
        to = screen.query_one("#o-to", Input)
        to.value = "Sam Okafor"
        await settle(pilot)
        assert screen.current is None and screen.mentor is None and screen.context == ""
        assert "stays as it was" in screen_text(app)
        await pilot.press("ctrl+g")
        await settle(pilot)
        body = screen.query_one("#o-body", TextArea).text
        referrer = svc_referrer(store, elena.mentor)
        assert not referrer or referrer not in body
        await pilot.press("ctrl+s")
        await settle(pilot)
    after = {d.id: d for d in store.list_outreach()}
    assert after[elena.id] == elena  # untouched
    new = [d for d in after.values() if d.id not in saved]
    assert len(new) == 1 and new[0].to == "Sam Okafor"


def svc_referrer(store: Store, mentor_id: str | None) -> str:
    plan = store.load_plan()
    m = plan.mentor(mentor_id) if mentor_id else None
    return (m.recommended_by or "") if m else ""


async def test_review_draft_for_move_on_closes_the_meetings(make_app) -> None:
    app = make_app("review")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "MOVE ON" in screen_text(app)
        await pilot.press("down")  # Marcus Bell: move on
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert type(app.screen).__name__ == "OutreachScreen"
        body = app.screen.query_one("#o-body", TextArea).text
        assert "Marcus" in body
        assert "to a close" in body and "looser" not in body
