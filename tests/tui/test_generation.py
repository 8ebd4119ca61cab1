"""The generation controller: messages in order, cancel, one generation at a time, quit."""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

from textual import on
from textual.binding import Binding
from textual.screen import Screen

from prepcoach.services import Cancelled
from prepcoach.tui.generation import (
    Generation,
    GenerationCancelled,
    GenerationController,
    GenerationFailed,
    GenerationFinished,
    GenerationMessage,
    GenerationPreview,
    GenerationStarted,
    GenerationText,
    Job,
)
from prepcoach.tui.runtime import RuntimeConfig
from tui.helpers import SIZE, settle


class Host(Screen[None]):
    """A screen with a controller that writes down every message it hears."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self) -> None:
        super().__init__()
        self.controller = GenerationController()
        self.heard: list[GenerationMessage] = []

    def compose(self) -> Any:
        yield self.controller

    def action_cancel(self) -> None:
        self.controller.cancel()

    @on(GenerationStarted)
    @on(GenerationPreview)
    @on(GenerationText)
    @on(GenerationFinished)
    @on(GenerationFailed)
    @on(GenerationCancelled)
    def _heard(self, message: GenerationMessage) -> None:
        self.heard.append(message)

    def names(self, job: object = None) -> list[str]:
        return [type(m).__name__ for m in self.heard if job is None or m.job is job]


def blocking(started: threading.Event) -> Generation:
    """Streams one chunk, then waits until cancelled (like a slow model)."""

    def run(_services: Any, on_text: Any, cancel: threading.Event) -> str:
        on_text("first words ")
        started.set()
        cancel.wait(5)
        raise Cancelled()

    return Generation(run=run, request="slow")


def quick(text: str, result: object) -> Generation:
    def run(_services: Any, on_text: Any, _cancel: threading.Event) -> object:
        on_text(text)
        return result

    return Generation(run=run, request="quick")


async def _host(pilot: Any) -> Host:
    await settle(pilot)
    host = Host()
    await pilot.app.push_screen(host)
    await pilot.pause()
    return host


async def _slow_job(pilot: Any) -> tuple[Host, Job]:
    """A host screen running a generation that streams a little, then waits for cancel."""
    host = await _host(pilot)
    started = threading.Event()
    job = host.controller.start(blocking(started))
    await pilot.pause()
    assert started.wait(5)
    return host, job


async def test_a_generation_posts_started_text_and_finished(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        host = await _host(pilot)
        job = host.controller.start(quick("streamed text", {"answer": 42}))
        assert host.controller.running and host.controller.job is job
        await settle(pilot)
        assert host.names() == ["GenerationStarted", "GenerationText", "GenerationFinished"]
        text, finished = host.heard[1], host.heard[2]
        assert isinstance(text, GenerationText) and text.text == "streamed text"
        assert isinstance(finished, GenerationFinished) and finished.result == {"answer": 42}
        assert finished.request == "quick"
        assert not host.controller.running


async def test_a_failure_is_posted_with_the_error(make_app) -> None:
    def run(*_: Any) -> None:
        raise ValueError("the engine broke")

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        host = await _host(pilot)
        host.controller.start(Generation(run=run))
        await settle(pilot)
        assert host.names() == ["GenerationStarted", "GenerationFailed"]
        failed = host.heard[-1]
        assert isinstance(failed, GenerationFailed) and "engine broke" in str(failed.error)


async def test_escape_cancels_and_keeps_what_was_streamed(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        host, job = await _slow_job(pilot)
        await pilot.press("escape")
        assert job.cancel.is_set() and not host.controller.running
        await settle(pilot)
        # the worker's own Cancelled (raised once it saw the switch) is not posted again
        assert host.names() == ["GenerationStarted", "GenerationText", "GenerationCancelled"]
        text, cancelled = host.heard[1], host.heard[2]
        assert isinstance(text, GenerationText) and text.text == "first words "
        assert isinstance(cancelled, GenerationCancelled) and cancelled.by_user


async def test_a_second_generation_replaces_the_first(make_app) -> None:
    app = make_app()
    started = threading.Event()
    async with app.run_test(size=SIZE) as pilot:
        host = await _host(pilot)
        first = host.controller.start(blocking(started))
        await pilot.pause()
        assert started.wait(5)
        heard = host.names(first)  # its start, and its first words if a flush came already
        host.controller._flush()  # words streamed just before the second start, still queued
        second = host.controller.start(quick("again", "second result"))
        assert first.cancel.is_set()  # the first one's thread is told to stop
        await settle(pilot)
        # nothing more is heard of the first one: no end, and its last words are dropped
        assert heard in (["GenerationStarted"], ["GenerationStarted", "GenerationText"])
        assert host.names(first) == heard
        assert host.names(second) == ["GenerationStarted", "GenerationText", "GenerationFinished"]
        gen_workers = [w for w in app.workers if w.group == "gen"]
        assert all(not w.is_running for w in gen_workers)


async def test_the_preview_is_read_only_for_the_model_engine(make_app, settings) -> None:
    seen: list[str] = []

    def preview(_services: Any) -> str:
        seen.append("preview")
        return "12 prompt tokens"

    generation = Generation(run=lambda *_: "done", preview=preview)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        host = await _host(pilot)
        host.controller.start(generation)  # offline: no preview
        await settle(pilot)
        assert seen == [] and "GenerationPreview" not in host.names()
        with_key = dataclasses.replace(settings, api_key="sk-test", offline=False)
        app.runtime_config = RuntimeConfig(with_key)
        host.controller.start(generation)
        await settle(pilot)
        assert seen == ["preview"]
        previews = [m for m in host.heard if isinstance(m, GenerationPreview)]
        assert [p.preview for p in previews] == ["12 prompt tokens"]


async def test_quitting_cancels_the_running_generation(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        _host_screen, job = await _slow_job(pilot)
        await pilot.press("ctrl+q")
    assert job.cancel.is_set()
