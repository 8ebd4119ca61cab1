"""The app-level engine switch (F2, ctrl+e) and the first load after the first paint."""

from __future__ import annotations

from pathlib import Path

from prepcoach.settings import load_settings
from prepcoach.store import Store
from prepcoach.tui.app import create_app
from tui.helpers import SIZE, TODAY, settle


async def test_switch_engine_with_a_key(sample_dir: Path, tmp_path: Path) -> None:
    settings = load_settings(
        data=sample_dir, config_dir=tmp_path / "c", environ={"OPENAI_API_KEY": "sk-x"}
    )
    app = create_app(settings, Store(sample_dir), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.sub_title.startswith("model gpt-4o-mini")
        assert app.services.use_llm
        await pilot.press("ctrl+e")
        assert app.sub_title.startswith("offline engine (switched with F2)")
        assert not app.services.use_llm
        await pilot.press("ctrl+e")
        assert app.sub_title.startswith("model gpt-4o-mini") and app.services.use_llm


async def test_switch_engine_without_a_key_explains(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        assert any("No API key is set" in n for n in notes)
        assert app.sub_title.startswith("offline engine (no API key set)")


async def test_first_load_waits_for_the_first_paint(make_app, monkeypatch) -> None:
    from prepcoach.tui.screens.dashboard import DashboardScreen

    app = make_app()
    seen: list[bool] = []
    real = DashboardScreen.load

    def load(self: DashboardScreen) -> object:
        seen.append(app.painted)
        return real(self)

    monkeypatch.setattr(DashboardScreen, "load", load)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # the data was read after the first frame, then the tables were mounted
        assert app.screen.query("#mentors")
    assert seen == [True]


async def test_engine_is_not_switched_during_a_generation(sample_dir: Path, tmp_path: Path) -> None:
    import threading

    settings = load_settings(
        data=sample_dir, config_dir=tmp_path / "c", environ={"OPENAI_API_KEY": "sk-x"}
    )
    app = create_app(settings, Store(sample_dir), today=TODAY)
    release = threading.Event()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.run_worker(lambda: release.wait(5), thread=True, group="gen")
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert not app.settings.offline and app.sub_title.startswith("model")
        assert any("being written" in n.message for n in app._notifications)
        release.set()
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+e")
        assert app.settings.offline


async def test_f2_switches_the_engine_even_in_a_text_field(
    sample_dir: Path, tmp_path: Path
) -> None:
    from textual.widgets import Input

    settings = load_settings(
        data=sample_dir, config_dir=tmp_path / "c", environ={"OPENAI_API_KEY": "sk-x"}
    )
    app = create_app(settings, Store(sample_dir), today=TODAY, start="outreach")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = app.screen.query(Input).first()
        field.focus()
        await pilot.pause()
        await pilot.press("f2")
        assert app.settings.offline and app.sub_title.startswith("offline engine")


async def test_the_engine_choice_is_runtime_state_and_launch_settings_stay(
    sample_dir: Path, tmp_path: Path
) -> None:
    settings = load_settings(
        data=sample_dir, config_dir=tmp_path / "c", environ={"OPENAI_API_KEY": "sk-x"}
    )
    app = create_app(settings, Store(sample_dir), today=TODAY)
    seen: list[bool] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.watch(app, "runtime_config", lambda config: seen.append(config.use_llm), init=False)
        before = app.services
        await pilot.press("f2")
        await pilot.pause()
        assert app.launch_settings is settings and not settings.offline
        assert app.runtime_config.offline and app.settings is app.runtime_config.settings
        assert app.services is not before and not app.services.use_llm
        assert seen == [False]
