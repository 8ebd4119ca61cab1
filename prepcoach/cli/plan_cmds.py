"""Commands of this group (being built)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Add this group's subcommands to the top-level parser."""
