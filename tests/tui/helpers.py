"""Helpers for the TUI tests: fixed today, screen text, waiting, a slow fake service."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

from prepcoach.models import Agenda, AgendaItem, OutreachDraft, TokenUsage
from prepcoach.services import (
    AgendaRequest,
    AgendaResult,
    Cancelled,
    OutreachRequest,
    OutreachResult,
    Services,
)
from prepcoach.settings import Settings
from prepcoach.store import Store
from prepcoach.tui.app import PrepcoachApp

# The sample data's "now": Priya's term ends Dec 2, Marcus drifts, Elena not yet asked.
TODAY = dt.date(2026, 11, 24)
SIZE = (80, 24)


async def settle(pilot: Any) -> None:
    """Let workers finish and the screen repaint."""
    import contextlib

    from textual.worker import WorkerCancelled

    await pilot.pause()
    for _ in range(3):
        # an exclusive worker replaced by a newer one (e.g. a mentor picked twice) is
        # expected; the rest are waited for on the next round
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)


def screen_text(app: PrepcoachApp) -> str:
    """Everything on the screen as plain text (what a user would read)."""
    return "\n".join(
        "".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()
    )


class SlowServices(Services):
    """Streams a reply slowly and honours cancel, like a slow model (for cancel tests)."""

    def __init__(self, settings: Settings, store: Store, *, delay: float = 0.05) -> None:
        super().__init__(settings, store)
        self.delay = delay
        self.started = threading.Event()
        self.cancelled = threading.Event()
        self.calls = 0

    def _stream(self, on_text: Any, cancel: threading.Event | None, n: int = 400) -> None:
        self.calls += 1
        self.started.set()
        for i in range(n):
            if cancel is not None and cancel.is_set():
                self.cancelled.set()
                raise Cancelled()
            if on_text:
                on_text(f"chunk {i} [bold]not bold[/] ")
            time.sleep(self.delay)

    def agenda(
        self,
        req: AgendaRequest,
        *,
        on_text: Any = None,
        cancel: threading.Event | None = None,
    ) -> AgendaResult:
        self._stream(on_text, cancel)
        agenda = Agenda(
            mentor=req.mentor,
            minutes=req.minutes,
            items=[AgendaItem(title="Slow item", minutes=req.minutes, kind="question")],
        )
        return AgendaResult(agenda=agenda, preview=None, usage=TokenUsage())

    def outreach(
        self,
        req: OutreachRequest,
        *,
        on_text: Any = None,
        cancel: threading.Event | None = None,
    ) -> OutreachResult:
        self._stream(on_text, cancel)
        return OutreachResult(
            draft=OutreachDraft(to=req.to, body="slow body", subject="Slow subject here"),
            violations=[],
            attempts=1,
        )
