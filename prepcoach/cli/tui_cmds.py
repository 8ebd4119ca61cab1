"""The TUI commands' names at the path tests/tui imports them from; they live in
``prepcoach.cli.commands.tui``."""

from __future__ import annotations

from prepcoach.cli.commands.tui import run_demo, run_tui, sample_source

__all__ = ["run_demo", "run_tui", "sample_source"]
