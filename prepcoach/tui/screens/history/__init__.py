"""The History screen: sessions, their detail, action items and the capture (see
``screen``)."""

from prepcoach.tui.screens.history.screen import HistoryScreen
from prepcoach.tui.screens.history.view import HistoryData, fold, session_text

__all__ = ["HistoryData", "HistoryScreen", "fold", "session_text"]
