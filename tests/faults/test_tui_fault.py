"""The TUI meets a failing model server: an error notification, and the typed input kept."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakeserver import FakeOpenAI
from textual.widgets import Input
from tui.helpers import SIZE, TODAY, settle

from prepcoach.engines.llm import LLM
from prepcoach.settings import load_settings
from prepcoach.store import Store
from prepcoach.tui.app import create_app
from prepcoach.tui.widgets.editable_list import EditableList

KEY = "sk-test-TUI-0b5e"


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as s:
        yield s


async def _type_into(pilot, selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector, Input).focus()
    await pilot.press(*text)
    await pilot.press("enter")


async def test_server_error_shows_a_notification_and_keeps_the_input(
    server: FakeOpenAI, sample_dir: Path, tmp_path: Path
) -> None:
    server.default = FakeOpenAI.error(500, "the model server fell over")
    settings = load_settings(
        data=sample_dir,
        config_dir=tmp_path / "config",
        environ={"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": server.url},
    )
    settings = dataclasses.replace(settings, max_retries=1)
    store = Store(sample_dir)
    app = create_app(settings, store, llm=LLM(settings), today=TODAY, start="prep")
    notes: list[tuple[str, str]] = []
    async with app.run_test(size=SIZE) as pilot:
        original = app.notify

        def spy(message: str, *a, **kw):  # type: ignore[no-untyped-def]
            notes.append((str(message), str(kw.get("severity", ""))))
            return original(message, *a, **kw)

        app.notify = spy  # type: ignore[method-assign]
        await settle(pilot)
        await _type_into(pilot, "#p-wins-input", "Closed the hiring plan")
        await _type_into(pilot, "#p-questions-input", "How do I defend headcount?")
        await pilot.press("ctrl+g")
        for _ in range(60):
            await settle(pilot)
            if any(sev == "error" for _, sev in notes):
                break
        errors = [m for m, sev in notes if sev == "error"]
        assert errors, notes
        assert "internal error (500)" in errors[0] and KEY not in errors[0]
        screen = app.screen
        assert not getattr(screen, "generating", False)
        assert screen.query_one("#p-wins", EditableList).items == ["Closed the hiring plan"]
        assert screen.query_one("#p-questions", EditableList).items == [
            "How do I defend headcount?"
        ]
    assert len(server.chat_requests) == 2  # tried, retried once, then told the user
