"""Shared screen frame: header (engine label), screen switcher, body, footer; data
reloads in a worker whenever the store changed since the screen was last shown."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header

from prepcoach.tui.keymap import keys
from prepcoach.tui.text import cell
from prepcoach.tui.widgets.nav import NavBar

if TYPE_CHECKING:
    from prepcoach.tui.app import PrepcoachApp
    from prepcoach.tui.state import Snapshot


class BaseScreen(Screen[None]):
    LABEL = ""
    MODE = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # A screen's keys are its row of the keymap table, named by its MODE; set before
        # Textual merges the class's bindings.
        if "MODE" in cls.__dict__ and "BINDINGS" not in cls.__dict__:
            cls.BINDINGS = keys(cls.MODE)
        super().__init_subclass__(**kwargs)

    def __init__(self) -> None:
        super().__init__()
        self._seen_version = -1

    @property
    def papp(self) -> PrepcoachApp:
        return cast("PrepcoachApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield NavBar(self.MODE)
        yield from self.compose_body()
        yield Footer()

    def cell(self, text: object, style: str = "", limit: int = 0, pad: int = 0) -> Text:
        """A DataTable cell showing ``text`` literally, styled with theme variables."""
        return cell(text, style, limit, pad, self.app.theme_variables)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def on_resize(self) -> None:
        self._theme_changed(None)

    def _theme_changed(self, _theme: object) -> None:
        data = getattr(self, "_last_data", None)
        if data is not None:
            self.show(data)

    def compose_body(self) -> Iterable[Widget]:
        return ()

    def on_screen_resume(self) -> None:
        if self._seen_version != self.papp.data_version:
            self._seen_version = self.papp.data_version
            if self.papp.painted:
                # after this frame is painted: the screen shows at once, data follows
                self.call_after_refresh(self.reload)
            else:
                # the app's first frame: load once it is on the terminal (App.on_ready),
                # so reading the data never competes with the first paint
                self.papp.after_first_paint(self.reload)

    def reload(self) -> None:
        """Read the store again (in a thread worker) and show the result."""
        self._seen_version = self.papp.data_version
        self.run_worker(self._load_in_thread, thread=True, exclusive=True, group="load")

    def _load_in_thread(self) -> None:
        app = self.papp
        try:
            data = self.load()
        except Exception as exc:  # shown, never a crash
            app.call_from_thread(app.fail, exc, "Could not load data")
            return
        app.call_from_thread(self._show_loaded, data)

    def _show_loaded(self, data: Any) -> None:
        if not self.is_attached:
            return
        self._last_data = data
        try:
            self.show(data)
        finally:
            self.papp.report_problems()

    # subclasses -------------------------------------------------------------

    def load(self) -> Any:
        """Runs in a worker thread: read what the screen needs (no widget access)."""
        return self.snapshot()

    def show(self, data: Any) -> None:
        """Runs on the UI thread with what ``load`` returned."""

    def snapshot(self, *, with_reviews: bool = True) -> Snapshot:
        from prepcoach.tui.state import load_snapshot

        return load_snapshot(self.papp.store, self.papp.today, with_reviews=with_reviews)
