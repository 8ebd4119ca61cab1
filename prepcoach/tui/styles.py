"""The TUI's stylesheets: ``app.tcss`` (the rules every screen shares, and the
dashboard's) and one ``.tcss`` per other screen, next to its module, named by that
screen's ``CSS_PATH``. The first frame parses only ``app.tcss``; the app reads the
others a moment after it (``screen_sheets``), so no later screen switch reads a file (a
screen shown before that reads its own, as Textual does for any screen's CSS_PATH)."""

from __future__ import annotations

from pathlib import Path

TUI_DIR = Path(__file__).resolve().parent
APP_SHEET = TUI_DIR / "app.tcss"


def sheet(module_file: str, name: str) -> str:
    """The absolute path of the stylesheet ``name`` next to ``module_file`` (a screen's
    ``CSS_PATH``: absolute, so a subclass elsewhere finds it too)."""
    return str(Path(module_file).resolve().with_name(name))


def screen_sheets() -> list[Path]:
    """Every screen's own stylesheet (all but ``app.tcss``), in a fixed order."""
    return sorted(p for p in TUI_DIR.rglob("*.tcss") if p != APP_SHEET)
