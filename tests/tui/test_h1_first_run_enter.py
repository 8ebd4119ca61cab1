"""First run driven by enter alone: finishing a step with enter in its last field moves
to the next step with focus on its first field, and every field keeps its own text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input

from prepcoach.settings import load_settings
from prepcoach.store import Store
from prepcoach.tui.app import PrepcoachApp, create_app
from prepcoach.tui.screens.first_run import FirstRunScreen
from tui.helpers import SIZE, TODAY, screen_text, settle


async def type_step(
    pilot: Any, app: PrepcoachApp, step: int, typed: dict[str, str], submit: str
) -> None:
    """On step ``step`` (0-based), with focus on its first field, type each text with
    enter between them; check every field holds its own text; then press ``submit``."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert f"Step {step + 1} of 3" in screen_text(app)
    focused = app.focused
    assert isinstance(focused, Input) and focused.id == f"f-{next(iter(typed))}"
    texts = list(typed.values())
    for text in texts[:-1]:
        await pilot.press(*text, "enter")
    await pilot.press(*texts[-1])
    form = app.screen.query_one(f"#setup-{step}")
    assert {k: form.query_one(f"#f-{k}", Input).value for k in typed} == typed
    await pilot.press(submit)


async def test_enter_through_every_field_saves_each_step_with_its_own_text(
    tmp_path: Path,
) -> None:
    settings = load_settings(data=tmp_path / "empty", config_dir=tmp_path / "cfg", environ={})
    app = create_app(settings, Store(settings.data_dir), today=TODAY)
    profile = ["Sam Lee", "Engineering Manager", "Lumen", "Jo Park", "sam@lumen.example"]
    keys = ["name", "title", "organisation", "manager", "email"]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        # step 1: enter in its last field (email) saves it and opens step 2
        await type_step(pilot, app, 0, dict(zip(keys, profile, strict=True)), "enter")
        mentor = {"name": "Ana Lima", "title": "VP Engineering", "organisation": "Lumen"}
        await type_step(pilot, app, 1, mentor, "ctrl+s")
        objective = {"title": "Lead the Q1 reorg", "done_when": "The plan is signed off"}
        await type_step(pilot, app, 2, objective, "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FirstRunScreen)
    plan = Store(settings.data_dir).load_plan()
    p = plan.profile
    assert [p.name, p.title, p.organisation, p.manager, p.email] == profile
    assert [(m.name, m.title, m.organisation) for m in plan.mentors] == [
        ("Ana Lima", "VP Engineering", "Lumen")
    ]
    assert [(o.title, o.done_when) for o in plan.objectives] == [
        ("Lead the Q1 reorg", "The plan is signed off")
    ]


async def test_text_typed_in_one_burst_with_enters_fills_each_field(tmp_path: Path) -> None:
    """A terminal delivers fast typing (or a script's keys) in one read: every key is
    queued before the first enter is handled. Enter still moves on first, so the text
    after it lands in the next field."""
    from textual import events

    settings = load_settings(data=tmp_path / "empty", config_dir=tmp_path / "cfg", environ={})
    app = create_app(settings, Store(settings.data_dir), today=TODAY)
    typed = {"name": "Robin [QA] Okoye", "title": "Head of QA", "organisation": "Acme"}
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        burst = "\r".join(typed.values())
        for ch in burst:
            key = "enter" if ch == "\r" else events.Key(ch, ch).key
            app.post_message(events.Key(key, None if ch == "\r" else ch))
        await pilot.pause()
        await pilot.pause()
        form = app.screen.query_one("#setup-0")
        assert {k: form.query_one(f"#f-{k}", Input).value for k in typed} == typed


async def test_ctrl_s_straight_after_a_burst_saves_every_key_typed_before_it(
    tmp_path: Path,
) -> None:
    """ctrl+s is a priority key: handled as it arrives, ahead of the keys the field has
    not taken in yet. The save waits for them, so the step is saved as typed, and a
    second ctrl+s in the same burst saves it once (it does not skip the next step)."""
    from textual import events

    settings = load_settings(data=tmp_path / "empty", config_dir=tmp_path / "cfg", environ={})
    app = create_app(settings, Store(settings.data_dir), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        for ch in "Robin [QA] Okoye\rHead of QA":
            key = "enter" if ch == "\r" else events.Key(ch, ch).key
            app.post_message(events.Key(key, None if ch == "\r" else ch))
        app.post_message(events.Key("ctrl+s", None))
        app.post_message(events.Key("ctrl+s", None))
        await settle(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Step 2 of 3" in screen_text(app)
    profile = Store(settings.data_dir).load_plan().profile
    assert (profile.name, profile.title) == ("Robin [QA] Okoye", "Head of QA")


async def test_ctrl_s_straight_after_a_burst_in_a_form_dialog_keeps_the_last_keys(
    make_app: Any,
) -> None:
    """The same for a Plan form (add a mentor): the saved name is all of what was typed."""
    from textual import events

    from prepcoach.tui.widgets.form import FormScreen

    app = make_app("plan")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        for ch in "Lee Chan":
            app.post_message(events.Key(events.Key(ch, ch).key, ch))
        app.post_message(events.Key("ctrl+s", None))
        await settle(pilot)
        await app.workers.wait_for_complete()
        assert not isinstance(app.screen, FormScreen)
    names = [m.name for m in app.services.store.load_plan().mentors]
    assert names.count("Lee Chan") == 1, names
