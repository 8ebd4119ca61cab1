"""The Prep screen: pick the mentor, list wins and questions, generate, edit and save
the agenda (see ``screen``)."""

from prepcoach.tui.screens.prep.items import PrepData, item_line, parse_items
from prepcoach.tui.screens.prep.screen import PrepScreen

__all__ = ["PrepData", "PrepScreen", "item_line", "parse_items"]
