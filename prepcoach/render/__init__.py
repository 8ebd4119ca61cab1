"""Presenters: the product's records as Markdown, shared by the CLI and the TUI.

Pure functions of the records (no store, no printing). The text they return still holds
whatever the user or a model wrote; the caller sanitises it for a terminal.
"""

from __future__ import annotations

from prepcoach.render.markdown import (
    agenda_markdown,
    cell,
    draft_markdown,
    mentor_markdown,
    review_label,
    review_markdown,
    rule_failures,
    session_markdown,
    table,
)
from prepcoach.render.plan import (
    capture_markdown,
    profile_markdown,
    reviews_table,
    team_markdown,
)

__all__ = [
    "agenda_markdown",
    "capture_markdown",
    "cell",
    "draft_markdown",
    "mentor_markdown",
    "profile_markdown",
    "review_label",
    "review_markdown",
    "reviews_table",
    "rule_failures",
    "session_markdown",
    "table",
    "team_markdown",
]
