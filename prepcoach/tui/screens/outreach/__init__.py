"""The Outreach screen: draft, check, save and send one message (see ``screen``)."""

from prepcoach.tui.screens.outreach.screen import OutreachScreen

__all__ = ["OutreachScreen"]
