"""``SessionFacts``: what meeting counts, drift, meeting moments and reviews read of a
session."""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class SessionFacts(Protocol):
    """What meeting counts, drift, meeting moments and reviews read of a session. A full
    ``Session`` has it, and so does its listing summary (``store.SessionSummary``), so the
    dashboard can review 10,000 sessions without parsing them."""

    @property
    def id(self) -> str: ...
    @property
    def mentor(self) -> str: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def captured(self) -> bool: ...
    @property
    def moved(self) -> bool: ...
