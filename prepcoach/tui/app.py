"""The prepcoach Textual app and the one factory that builds it.

``create_app(settings, store, services=None, llm=None, today=None, demo=False)`` is used
by the CLI (``prepcoach``, ``prepcoach demo``) and by the tests, which can hand in a
``Services`` (or an LLM client pointed at a loopback server) and a fixed "today".

Start fast: only textual is imported here. Each screen module is imported the first
time the user opens it; data is read after the first paint, in a worker.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen

from prepcoach.errors import PrepcoachError
from prepcoach.tui.runtime import RuntimeConfig
from prepcoach.tui.styles import APP_SHEET, screen_sheets

if TYPE_CHECKING:
    from prepcoach.services import Services
    from prepcoach.settings import Settings
    from prepcoach.store import Store

T = TypeVar("T")

# mode name -> (key, label, "module:Class")
SCREENS: dict[str, tuple[str, str, str]] = {
    "dashboard": ("1", "Dashboard", "prepcoach.tui.screens.dashboard:DashboardScreen"),
    "prep": ("2", "Prep", "prepcoach.tui.screens.prep:PrepScreen"),
    "outreach": ("3", "Outreach", "prepcoach.tui.screens.outreach:OutreachScreen"),
    "review": ("4", "Review", "prepcoach.tui.screens.review:ReviewScreen"),
    "history": ("5", "History", "prepcoach.tui.screens.history:HistoryScreen"),
    "team": ("6", "Team", "prepcoach.tui.screens.team:TeamScreen"),
    "plan": ("7", "Plan", "prepcoach.tui.screens.plan:PlanScreen"),
}


def _screen_factory(target: str) -> Callable[[], Screen[Any]]:
    def make() -> Screen[Any]:
        module_name, _, cls_name = target.partition(":")
        cls = getattr(importlib.import_module(module_name), cls_name)
        screen: Screen[Any] = cls()
        return screen

    return make


def _commands() -> Any:
    from prepcoach.tui.commands import PrepcoachCommands

    return PrepcoachCommands


@dataclass(frozen=True)
class Launch:
    """What the app is built from (``create_app`` fills it): the launch settings, the
    store and services when a caller has them (else opened on first use), a model
    client, a fixed day for tests, the demo flag and the screen to open on."""

    settings: Settings
    store: Store | None
    services: Services | None
    llm: Any
    today: dt.date | None
    demo: bool
    start: str


# Seconds after the first paint to read the other screens' stylesheets: after the full
# read of the data has had the main thread, before the user is likely to switch screens (a
# screen shown sooner reads its own sheet then).
SHEETS_AFTER = 0.5


class PrepcoachApp(App[None]):
    """Prep for mentor meetings: dashboard, prep, outreach, review, history, team, plan."""

    CSS_PATH = APP_SHEET
    COMMANDS = App.COMMANDS | {lambda: _commands()}
    TITLE = "prepcoach"
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        name: _screen_factory(target) for name, (_, _, target) in SCREENS.items()
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(key, f"app.goto('{name}')", label, show=False)
            for name, (key, label, _) in SCREENS.items()
        ),
        Binding("f1,question_mark", "app.help", "Help", show=False),
        # F2 works even while typing in a field (ctrl+e is "end of line" there)
        Binding(
            "f2",
            "app.toggle_offline",
            "Switch engine",
            show=False,
            priority=True,
            tooltip="Switch between the model and the offline engine",
        ),
        Binding("ctrl+e", "app.toggle_offline", "Switch engine", show=False),
    ]

    # the engine chosen now (F2 switches it; set in __init__); the launch settings never change
    runtime_config: reactive[RuntimeConfig] = reactive(cast("RuntimeConfig", None), init=False)

    def __init__(self, launch: Launch) -> None:
        start = launch.start if launch.start in SCREENS else "dashboard"
        # start straight in the first screen's mode (no blank default screen first)
        setattr(self, "DEFAULT_MODE", start)  # noqa: B010
        super().__init__()
        self.launch_settings = launch.settings
        self.set_reactive(PrepcoachApp.runtime_config, RuntimeConfig(launch.settings))
        self._store = launch.store
        self._services = launch.services
        self._llm = launch.llm
        self._today = launch.today
        self.demo = launch.demo
        self.start_mode = start
        # bumped on every write, so screens know to reload when shown again
        self.data_version = 0
        # set once the first frame is on the terminal (Textual's Ready event)
        self.painted = False
        self._after_paint: list[Callable[[], object]] = []
        self._show_engine()

    # ------------------------------------------------------------------ basics

    @property
    def settings(self) -> Settings:
        """The launch settings with the engine chosen now."""
        return self.runtime_config.settings

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    @property
    def store(self) -> Store:
        """The data directory's store (opened on first use, after the first paint)."""
        if self._store is None:
            from prepcoach.store import Store

            self._store = Store(self.settings.data_dir)
        return self._store

    @property
    def services(self) -> Services:
        """The generation services (built on first use, so startup never imports them)."""
        if self._services is None:
            from prepcoach.services import Services

            self._services = Services(self.settings, self.store, self._llm)
        return self._services

    def on_mount(self) -> None:
        if self.demo:
            self.notify(
                f"This is a demo copy of the sample data in {self.store.root}; "
                "nothing you change touches the original.",
                title="Demo",
                markup=False,
                timeout=8,
            )

    def on_ready(self) -> None:
        self.painted = True
        self._paint_whole_screen()
        pending, self._after_paint = self._after_paint, []
        for callback in pending:
            callback()
        self.set_timer(SHEETS_AFTER, self._read_screen_sheets)
        if not self.demo and not self._has_plan():
            self.run_worker(self._check_first_run, thread=True, group="first-run")

    def _paint_whole_screen(self) -> None:
        """Send the terminal the whole first screen now. The start screen (a mode) is laid
        out and rendered while the app mounts, before Textual lets it write, so that first
        frame is dropped; later updates repaint only what changed, and the rest of the
        screen (the user's data) would wait for the next full layout, some 40 ms on."""
        screen = self.screen
        compositor = screen._compositor
        compositor._dirty_regions.add(compositor.size.region)
        screen._compositor_refresh()

    def _read_screen_sheets(self) -> None:
        """Read every screen's own stylesheet a moment after the first frame is painted
        (that frame parses only app.tcss), so switching to a screen later reads no file."""
        sheet = self.stylesheet
        added = False
        for path in screen_sheets():
            if not sheet.has_source(str(path), ""):
                sheet.read(path)
                added = True
        if added:
            sheet.reparse()
            sheet.update(self)

    def _has_plan(self) -> bool:
        """Whether plan.json, read lightly (stdlib only), already holds a mentor, an
        objective or your name: then there is no first run to check for, and nothing
        imports the store and models while the dashboard's data is being painted."""
        from prepcoach.light import read_plan

        plan = read_plan(self.settings.data_dir)
        return plan is not None and bool(plan.mentors or plan.objectives or plan.profile.name)

    def _check_first_run(self) -> None:
        """On an empty or missing data directory, open the first-run setup."""
        from prepcoach.tui.screens.first_run import needs_setup

        if needs_setup(self.store):
            self.call_from_thread(self.action_setup)

    def action_setup(self) -> None:
        """The first-run setup: your profile, first mentor, first objective."""
        from prepcoach.tui.screens.first_run import FirstRunScreen

        if not any(isinstance(s, FirstRunScreen) for s in self.screen_stack):
            self.push_screen(FirstRunScreen())

    def after_first_paint(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the first frame is painted (at once if it already is)."""
        if self.painted:
            callback()
        else:
            self._after_paint.append(callback)

    def changed(self) -> None:
        """Call after any write to the store."""
        self.data_version += 1
        self.report_problems()

    def report_problems(self) -> None:
        """Show files the store set aside or migrated while loading."""
        problems = list(self.store.problems)
        self.store.problems.clear()
        for problem in problems:
            self.notify(problem, title="Data", severity="warning", markup=False, timeout=12)

    def fail(self, exc: BaseException, title: str = "Error") -> None:
        """Show an error as a notification (never a crash)."""
        is_ours = isinstance(exc, PrepcoachError)
        message = str(exc) if is_ours else f"{type(exc).__name__}: {exc}"
        if is_ours and "--offline" in message:
            # the CLI's way to switch engine; in the app it is a key
            message = message.replace("--offline", "the offline engine (F2)")
        self.notify(message, title=title, severity="error", markup=False, timeout=12)

    def guard(self, fn: Callable[[], T], title: str = "Error") -> T | None:
        """Run ``fn``; a data or engine error becomes a notification and None."""
        try:
            return fn()
        except (PrepcoachError, OSError, ValueError) as exc:
            self.fail(exc, title)
            return None
        finally:
            if self.store.problems:
                self.report_problems()

    # ------------------------------------------------------------------ actions

    async def action_quit(self) -> None:
        """Quit at once: running generations are cancelled first (their streams close in
        the background), so leaving never waits for a slow model."""
        from prepcoach.tui.generation import GenerationController

        for controller in GenerationController.mounted(self):
            controller.cancel()
        self.exit()

    def action_goto(self, mode: str) -> None:
        if mode in SCREENS and self.current_mode != mode:
            self.switch_mode(mode)

    def _show_engine(self) -> None:
        self.sub_title = self.runtime_config.engine_label + (" · demo copy" if self.demo else "")

    def action_toggle_offline(self) -> None:
        """Switch between the model and the offline engine for this run (not saved)."""
        if not self.settings.api_key and self._llm is None:
            self.notify(
                "No API key is set, so the offline engine is the only one. Set "
                "OPENAI_API_KEY (and OPENAI_BASE_URL for a local server) to use a model.",
                title="Engine",
                markup=False,
                timeout=8,
            )
            return
        if any(w.group == "gen" and w.is_running for w in self.workers):
            self.notify(
                "A draft is being written; switch the engine once it is done (or cancel it).",
                title="Engine",
                markup=False,
            )
            return
        self.runtime_config = self.runtime_config.switched()
        now = "the offline engine" if self.settings.offline else f"model {self.settings.model}"
        self.notify(f"Now using {now}.", title="Engine", markup=False)

    def watch_runtime_config(self) -> None:
        self._services = None  # rebuilt on next use, for the engine chosen now
        self._show_engine()

    def action_help(self) -> None:
        from prepcoach.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_outreach(self, *, generate: bool = False, **prefill: Any) -> None:
        """Open the Outreach screen with fields filled in (used by Review, Dashboard and
        Team); with ``generate`` the draft is written straight away."""
        self.switch_mode("outreach")
        screen = self.screen

        def fill() -> None:
            prefill_fn = getattr(screen, "prefill", None)
            if prefill_fn is not None:
                prefill_fn(**prefill)
                if generate:
                    screen.action_generate()  # type: ignore[attr-defined]

        self.call_after_refresh(fill)

    def open_prep(self, mentor_id: str) -> None:
        self.switch_mode("prep")
        choose = getattr(self.screen, "choose_mentor", None)
        if choose is not None:
            self.call_after_refresh(choose, mentor_id)


def create_app(
    settings: Settings,
    store: Store | None = None,
    services: Services | None = None,
    llm: Any = None,
    *,
    today: dt.date | None = None,
    demo: bool = False,
    start: str = "dashboard",
) -> PrepcoachApp:
    """Build the app. ``store`` defaults to the settings' data directory (opened lazily).
    Tests pass ``services`` or ``llm`` (a client on a loopback server) and a fixed
    ``today`` so output is stable."""
    return PrepcoachApp(Launch(settings, store, services, llm, today, demo, start))
