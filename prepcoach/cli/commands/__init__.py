"""One module per command, each building its parser next to its handler.

``COMMANDS`` lists them in the order `prepcoach --help` shows them. A command module
imports only light modules at module scope (argparse, vocab, text, ``prepcoach.cli``'s
helpers); its handler imports the store, the services and the engines when it runs, so
building every parser stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

COMMANDS = (
    "tui",
    "profile",
    "mentors",
    "objectives",
    "sessions",
    "reviews",
    "agenda",
    "outreach",
    "review",
    "drafts",
    "lint",
    "prompts",
    "doctor",
)


def register_all(sub: Any) -> None:
    """Add every command's parser to the top-level parser's subcommands."""
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(sub)
