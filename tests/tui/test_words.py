"""Words on screen: what things are called."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from prepcoach.tui.screens.review import message_label


def test_a_loosen_review_message_is_never_called_a_wind_down() -> None:
    rec = cast(Any, SimpleNamespace(recommendation="loosen"))
    assert "wind-down" not in message_label(rec)
    assert message_label(rec) == "lighter-rhythm"
