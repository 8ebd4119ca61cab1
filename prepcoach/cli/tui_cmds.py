"""Commands of this group (being built)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    """Add this group's subcommands to the top-level parser."""


def run_tui(args: argparse.Namespace) -> int:
    raise NotImplementedError
