"""Prep and Outreach with the real services: offline engine, and a model on a real
loopback OpenAI-compatible server (streamed replies, cancel, token estimate)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fakeserver import FakeOpenAI
from textual.widgets import Input, Log, TextArea

from prepcoach.settings import load_settings
from prepcoach.store import Store
from prepcoach.tui.app import create_app
from prepcoach.tui.widgets.editable_list import EditableList
from tui.helpers import SIZE, TODAY, screen_text, settle

KEY = "sk-test-tui-NEVER-SHOWN"


async def _fill_prep(pilot, wins: list[str], questions: list[str]) -> None:
    screen = pilot.app.screen
    for selector, items in (("#p-wins", wins), ("#p-questions", questions)):
        lst = screen.query_one(selector, EditableList)
        for text in items:
            lst.input.value = text
            lst.input.focus()
            await pilot.press("enter")


async def test_prep_generate_offline_then_save_creates_the_session(make_app, store) -> None:
    before = {p.name for p in store.sessions_dir.glob("*.json")}
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _fill_prep(pilot, ["Budget accepted as submitted"], ["How do I hand over?"])
        await pilot.press("ctrl+g")
        await settle(pilot)
        screen = app.screen
        assert screen.agenda is not None and screen.agenda.engine == "offline"
        assert screen.agenda.total() == screen.agenda.minutes == 60  # as booked
        text = screen_text(app)
        assert "Drafted by offline engine" in text
        assert "60 of 60 min" in text
        assert (store.root / "drafts" / "prep-priya-raman.json").exists()
        await pilot.press("ctrl+t")
        assert "Agenda: Priya Raman" in (app.clipboard or "")
        await pilot.press("ctrl+s")
        await settle(pilot)
    new = {p.name for p in store.sessions_dir.glob("*.json")} - before
    assert len(new) == 1
    data = json.loads((store.sessions_dir / new.pop()).read_text("utf-8"))
    assert data["mentor"] == "priya-raman"
    assert data["accomplishments"] == ["Budget accepted as submitted"]
    assert [q["text"] for q in data["questions"]] == ["How do I hand over?"]
    assert data["agenda"]["items"]
    assert not (store.root / "drafts" / "prep-priya-raman.json").exists()


async def test_prep_saving_twice_keeps_one_session(make_app, store) -> None:
    before = {p.name for p in store.sessions_dir.glob("*.json")}
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _fill_prep(pilot, ["Budget accepted"], ["How do I hand over?"])
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        new = {p.name for p in store.sessions_dir.glob("*.json")} - before
        assert len(new) == 1
        session_id = app.screen.saved["priya-raman"][0]
        await pilot.press("ctrl+s")  # nothing changed
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any(f"Already saved as session {session_id}" in m for m in messages)
        await _fill_prep(pilot, ["Hired the SRE lead"], [])
        await pilot.press("ctrl+s")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any(f"Updated session {session_id}" in m for m in messages)
        assert f"Updated session {session_id}" in screen_text(app)
    after = {p.name for p in store.sessions_dir.glob("*.json")} - before
    assert after == new
    saved = store.load_session(session_id)
    assert saved.date.isoformat() == "2026-12-01"  # the meeting's date
    assert saved.accomplishments == ["Budget accepted", "Hired the SRE lead"]


async def test_prep_export_defaults_to_the_meeting_date_in_the_data_dir(make_app, store) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _fill_prep(pilot, ["A win"], ["A question"])
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        prompt = app.screen.query_one("#prompt-input", Input)
        expected = store.root / "exports" / "agenda-priya-raman-2026-12-01.md"
        assert prompt.value == str(expected)
        assert str(expected) in screen_text(app) or "exports" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
    assert expected.read_text("utf-8").startswith("# Agenda: Priya Raman")


async def test_prep_edit_items_changes_what_is_saved(make_app, store) -> None:
    before = {s.id for s in store.list_sessions()}
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _fill_prep(pilot, ["A win"], ["A question"])
        await pilot.press("ctrl+g")
        await settle(pilot)
        screen = app.screen
        first = screen.agenda.items[0].title
        await pilot.press("ctrl+l")
        await settle(pilot)
        items = screen.query_one("#p-items", EditableList)
        assert items.input.has_focus  # ready to add an item
        items.option_list.focus()
        await pilot.pause()
        await pilot.press("delete")
        await settle(pilot)
        assert screen.agenda.items[0].title != first
        assert "⚠" in str(screen.query_one("#p-right").border_subtitle)
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = [s for s in store.all_sessions() if s.id not in before]
    assert len(saved) == 1 and saved[0].agenda is not None
    assert first not in [i.title for i in saved[0].agenda.items]


async def test_prep_export_writes_markdown_and_never_overwrites(make_app, tmp_path) -> None:
    target = tmp_path / "out" / "agenda.md"
    target.parent.mkdir()
    target.write_text("mine", "utf-8")
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _fill_prep(pilot, ["A win"], ["A question"])
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        prompt = app.screen.query_one("#prompt-input", Input)
        prompt.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
    assert target.read_text("utf-8") == "mine"
    written = target.with_name("agenda-2.md").read_text("utf-8")
    assert written.startswith("# Agenda: Priya Raman")


def _llm_app(sample_dir: Path, tmp_path: Path, server: FakeOpenAI, start: str):
    settings = load_settings(
        data=sample_dir,
        config_dir=tmp_path / "config",
        environ={"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": server.url},
    )
    return create_app(settings, Store(sample_dir), today=TODAY, start=start)


def _item(title: str, minutes: int, kind: str, detail: str = "") -> dict:
    return {
        "title": title,
        "minutes": minutes,
        "kind": kind,
        "detail": detail,
        "objective_id": None,
    }


def _agenda_reply() -> dict:
    return {
        "summary": "Wrap-up of the term.",
        "items": [
            _item("Opening", 5, "opening"),
            _item("How do I hand over? [bold]x[/]", 30, "question", "\x1b[31mred\x1b[0m"),
            _item("Close", 10, "close"),
        ],
    }


async def test_prep_against_loopback_model_streams_and_saves(sample_dir, tmp_path, server) -> None:
    server.push(FakeOpenAI.json(_agenda_reply(), chunk=9, delay=0.01))
    app = _llm_app(sample_dir, tmp_path, server, "prep")
    assert "model gpt-4o-mini" in app.sub_title
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _fill_prep(pilot, ["Budget accepted"], ["How do I hand over?"])
        await pilot.press("ctrl+g")
        await settle(pilot)
        screen = app.screen
        assert screen.agenda is not None and screen.agenda.engine == "llm"
        streamed = "\n".join(screen.query_one("#p-stream", Log).lines)
        assert "\x1b" not in streamed
        text = screen_text(app)
        assert "tokens" in text and KEY not in text
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert server.chat_requests, "the model was called"
    sessions = [s for s in Store(sample_dir).all_sessions() if s.engine == "llm"]
    assert len(sessions) == 1


async def test_cancel_against_a_stalled_model_keeps_the_input(sample_dir, tmp_path, server):
    server.push(FakeOpenAI.hang_after('{"summary": "x", "items": [', 20))
    app = _llm_app(sample_dir, tmp_path, server, "prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _fill_prep(pilot, ["Budget accepted"], ["How do I hand over?"])
        await pilot.press("ctrl+g")
        for _ in range(50):
            await pilot.pause(0.05)
            if server.chat_requests:
                break
        assert app.screen.generating
        await pilot.press("escape")
        await settle(pilot)
        screen = app.screen
        assert not screen.generating and screen.agenda is None
        assert screen.query_one("#p-wins", EditableList).items == ["Budget accepted"]
        assert "Cancelled" in screen_text(app)


async def test_model_error_is_a_notification_and_input_is_kept(sample_dir, tmp_path, server):
    server.push(FakeOpenAI.error(401, "Incorrect API key provided", code="invalid_api_key"))
    app = _llm_app(sample_dir, tmp_path, server, "outreach")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one("#o-to", Input).value = "Elena Sorensen"
        screen.query_one("#o-ask", Input).value = "how you chose between VP and CTO"
        screen.query_one("#o-body", TextArea).text = "keep me"
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("y")  # replace the typed text (asked first)
        await settle(pilot)
        assert app.is_running
        assert screen.query_one("#o-body", TextArea).text == "keep me"
        messages = " ".join(n.message for n in app._notifications)
        assert "key" in messages.lower()
        assert KEY not in messages


def test_openai_is_not_imported_by_the_tui_offline(sample_dir: Path, tmp_path: Path) -> None:
    """Start, paint every screen and generate offline: openai never loads."""
    code = """
import asyncio, datetime as dt, pathlib, sys
from prepcoach.settings import load_settings
from prepcoach.store import Store
from prepcoach.tui.app import SCREENS, create_app
s = load_settings(data=sys.argv[1], config_dir=pathlib.Path(sys.argv[2]), environ={})
app = create_app(s, Store(s.data_dir), today=dt.date(2026, 11, 24))
async def main():
    async with app.run_test(size=(80, 24)) as pilot:
        for mode in [*SCREENS, "prep"]:
            app.action_goto(mode)
            await pilot.pause(0.1)
            await app.workers.wait_for_complete()
        await pilot.press("ctrl+g")
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        assert app.screen.agenda is not None
asyncio.run(main())
print("openai" in sys.modules)
"""
    out = subprocess.run(
        [sys.executable, "-c", code, str(sample_dir), str(tmp_path / "cfg")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "False"
