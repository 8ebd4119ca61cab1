"""The one generation controller the screens share (Prep, Outreach, Review).

A screen mounts a ``GenerationController`` (it shows nothing) and hands it a
``Generation``: what to run against the services, and optionally a preview (the prompt's
size and cost) fetched first when the model engine is chosen. The controller runs it in
a thread worker (exclusive in group ``"gen"``: a new generation replaces the one running),
and posts messages that bubble up to the screen:

- ``GenerationStarted`` when it starts, ``GenerationPreview`` once the preview is read,
- ``GenerationText`` with the streamed text, batched on a timer (fast streams never
  flood the UI),
- one of ``GenerationFinished`` (with the result), ``GenerationFailed`` (with the error)
  or ``GenerationCancelled`` (``by_user`` when ``cancel()`` stopped it; otherwise the
  service reported the cancel).

Messages of a generation that was cancelled or replaced are dropped, so a screen only
hears about the job in ``controller.job``. Unmounting (leaving the app) cancels it.
"""

from __future__ import annotations

import itertools
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on, work
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget

from prepcoach.tui.text import plain

if TYPE_CHECKING:
    from prepcoach.services import Services
    from prepcoach.tui.app import PrepcoachApp

_ids = itertools.count(1)

OnText = Callable[[str], None]


@dataclass(frozen=True)
class Generation:
    """What to generate. ``run(services, on_text, cancel)`` returns the result;
    ``preview(services)`` (model engine only) is read first. ``request`` is what the
    screen made the generation from, handed back with every message."""

    run: Callable[[Services, OnText, threading.Event], Any]
    preview: Callable[[Services], Any] | None = None
    request: Any = None


def streamed(
    method: Callable[[Services], Callable[..., Any]],
    request: Any,
    *,
    preview: Callable[[Services], Callable[[Any], Any]] | None = None,
) -> Generation:
    """A generation calling a services method on ``request`` with the stream and cancel
    switch (``lambda s: s.agenda``); ``preview`` names the preview method the same way."""

    def run(services: Services, on_text: OnText, cancel: threading.Event) -> Any:
        return method(services)(request, on_text=on_text, cancel=cancel)

    def read_preview(services: Services) -> Any:
        assert preview is not None
        return preview(services)(request)

    return Generation(run=run, preview=read_preview if preview else None, request=request)


class Job:
    """One generation in flight: the cancel switch and a buffer the worker thread fills
    with streamed text, drained on the UI thread."""

    def __init__(self, generation: Generation) -> None:
        self.id = next(_ids)
        self.generation = generation
        self.cancel = threading.Event()
        self._lock = threading.Lock()
        self._chunks: list[str] = []
        self.received = 0  # characters streamed so far
        self.replaced = False  # a newer job took its place: nothing more of it is heard

    @property
    def request(self) -> Any:
        return self.generation.request

    def on_text(self, chunk: str) -> None:
        """Called from the worker thread for each streamed chunk."""
        if not chunk:
            return
        with self._lock:
            self._chunks.append(chunk)
            self.received += len(chunk)

    def drain(self) -> str:
        with self._lock:
            text = "".join(self._chunks)
            self._chunks.clear()
        return text


@dataclass
class GenerationMessage(Message):
    """Base of the controller's messages: ``job`` is the generation they are about."""

    job: Job

    @property
    def request(self) -> Any:
        return self.job.request


@dataclass
class GenerationStarted(GenerationMessage):
    pass


@dataclass
class GenerationPreview(GenerationMessage):
    preview: Any


@dataclass
class GenerationText(GenerationMessage):
    text: str


@dataclass
class GenerationFinished(GenerationMessage):
    result: Any


@dataclass
class GenerationFailed(GenerationMessage):
    error: BaseException


@dataclass
class GenerationCancelled(GenerationMessage):
    by_user: bool = field(kw_only=True)


@dataclass
class _FromWorker(Message, bubble=False):
    """A message from the worker thread, relayed by the controller if still current."""

    message: GenerationMessage


_ENDINGS = (GenerationFinished, GenerationFailed, GenerationCancelled)


class GenerationController(Widget):
    """Runs one generation at a time for the screen it is mounted in."""

    DEFAULT_CSS = "GenerationController { display: none; }"

    # every controller mounted now, in any screen of any mode (the app cancels them on quit)
    _mounted: ClassVar[weakref.WeakSet[GenerationController]] = weakref.WeakSet()

    @classmethod
    def mounted(cls, app: object) -> list[GenerationController]:
        """The controllers mounted in ``app`` (background screens included)."""
        return [c for c in list(cls._mounted) if c.is_attached and c.app is app]

    def on_mount(self) -> None:
        GenerationController._mounted.add(self)

    def __init__(self, *, id: str | None = None, flush_every: float = 1 / 15) -> None:
        super().__init__(id=id)
        self.job: Job | None = None
        self.flush_every = flush_every
        self._timer: Timer | None = None

    @property
    def running(self) -> bool:
        return self.job is not None

    def start(self, generation: Generation) -> Job:
        """Start ``generation``; one still running is cancelled and its messages dropped."""
        if self.job is not None:
            self.job.replaced = True
            self.job.cancel.set()
            self._stop(flush=False)
        job = Job(generation)
        self.job = job
        self._timer = self.set_interval(self.flush_every, self._flush)
        self.post_message(GenerationStarted(job))
        self._run(job)
        return job

    def cancel(self) -> Job | None:
        """Stop the running generation (the streamed text so far is posted first)."""
        job = self.job
        if job is None:
            return None
        job.cancel.set()
        self._stop()
        self.post_message(GenerationCancelled(job, by_user=True))
        return job

    def on_unmount(self) -> None:
        GenerationController._mounted.discard(self)
        if self.job is not None:
            self.job.cancel.set()
            self.job = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    # ------------------------------------------------------------- internals

    def _flush(self) -> None:
        job = self.job
        if job is None:
            return
        text = job.drain()
        if text:
            self.post_message(GenerationText(job, text))

    def _stop(self, *, flush: bool = True) -> None:
        """Post what is left of the stream (with ``flush``), stop the timer, forget the job."""
        if flush:
            self._flush()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.job = None

    @work(thread=True, exclusive=True, group="gen")
    def _run(self, job: Job) -> None:
        from prepcoach.services import Cancelled

        app = cast("PrepcoachApp", self.app)
        generation = job.generation
        message: GenerationMessage
        try:
            services = app.services
            if generation.preview is not None and app.runtime_config.use_llm:
                self.post_message(_FromWorker(GenerationPreview(job, generation.preview(services))))
            result = generation.run(services, job.on_text, job.cancel)
        except Cancelled:
            message = GenerationCancelled(job, by_user=False)
        except Exception as exc:  # shown by the screen, never a crash
            message = GenerationFailed(job, exc)
        else:
            message = GenerationFinished(job, result)
        self.post_message(_FromWorker(message))

    def _drop_replaced(self, message: GenerationMessage) -> None:
        """A replaced job's message that was already queued (streamed text flushed just
        before the new start) stops here: no screen hears of that job again."""
        if message.job.replaced:
            message.stop()

    on_generation_started = on_generation_preview = on_generation_text = _drop_replaced
    on_generation_finished = on_generation_failed = on_generation_cancelled = _drop_replaced

    @on(_FromWorker)
    def _relay(self, event: _FromWorker) -> None:
        message = event.message
        if message.job is not self.job:
            return  # cancelled or replaced meanwhile
        if isinstance(message, _ENDINGS):
            self._stop()
        self.post_message(message)


def working(verb: str, preview: Any = None, *, approx: bool = False) -> Content:
    """The status line while generating: ``verb``, the model's prompt size and cost once
    the preview is read (``approx`` says when the token count is an estimate), and the
    cancel key."""
    if preview is None:
        return Content.assemble((f"{verb}… ", "$accent bold"), ("esc cancels", "dim"))
    estimate = " (approx.)" if approx and not preview.tokens_exact else ""
    return Content.assemble(
        (f"{verb}… ", "$accent bold"),
        plain(
            f"{preview.model}: {preview.prompt_tokens:,} prompt tokens{estimate}, "
            f"{money(preview.estimated_cost_usd)} · "
        ),
        ("esc cancels", "dim"),
    )


def money(usd: float | None) -> str:
    if usd is None:
        return "cost unknown (no price for this model)"
    if usd == 0:
        return "local model, no cost"
    if usd < 0.01:
        return f"about ${usd:.4f}"
    return f"about ${usd:.2f}"
