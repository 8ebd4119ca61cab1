"""``Meetings.booked_minutes``: the length of the booked meeting being prepared."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from prepcoach.errors import NotFoundError
from prepcoach.services import Services
from prepcoach.settings import load_settings
from prepcoach.store import Store

TODAY = dt.date(2026, 11, 20)  # Priya: booked 2026-12-01 for 60 minutes


def services(root: Path) -> Services:
    return Services(load_settings(data=root, offline=True), Store(root))


def test_the_booked_length_by_name_or_mentor(sample_dir: Path) -> None:
    svc = services(sample_dir)
    assert svc.booked_minutes("Priya", TODAY) == 60
    assert svc.booked_minutes(svc.plan().mentor("priya-raman"), TODAY) == 60


def test_no_length_when_none_booked_or_the_booking_passed(sample_dir: Path) -> None:
    svc = services(sample_dir)
    assert svc.booked_minutes("Marcus", TODAY) is None  # booked, no length
    assert svc.booked_minutes("Priya", dt.date(2026, 12, 2)) is None


def test_an_unknown_mentor_is_not_found(sample_dir: Path) -> None:
    with pytest.raises(NotFoundError):
        services(sample_dir).booked_minutes("Nobody", TODAY)
