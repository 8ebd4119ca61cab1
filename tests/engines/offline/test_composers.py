"""The outreach composer table: one composer per kind, and compose_outreach goes through it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from prepcoach.engines.offline import OutreachInput, compose_outreach
from prepcoach.engines.offline import composers as composers_mod
from prepcoach.engines.offline.letter import Draft
from prepcoach.models import Profile
from prepcoach.vocab import OUTREACH_KINDS


def test_every_outreach_kind_has_exactly_one_composer() -> None:
    assert sorted(composers_mod.COMPOSERS) == sorted(OUTREACH_KINDS)
    assert len(set(composers_mod.COMPOSERS.values())) == len(OUTREACH_KINDS)


def test_compose_outreach_uses_the_kind_s_table_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake(inp: OutreachInput) -> Iterator[Draft]:
        yield Draft("A subject", "Hi Ana,\n\nThanks for the call on Tuesday.\n\nThanks,\nDana")

    monkeypatch.setitem(composers_mod.COMPOSERS, "follow-up", fake)
    draft = compose_outreach(
        OutreachInput(
            kind="follow-up",
            to="Ana Ruiz",
            title="",
            organisation="",
            channel="email",
            ask="",
            profile=Profile(name="Dana Whitfield"),
            mentor=None,
            objectives=[],
            context="",
            history=[],
            today=dt.date(2026, 11, 24),
        )
    )
    assert draft.body == "Hi Ana,\n\nThanks for the call on Tuesday.\n\nThanks,\nDana"
    assert draft.subject == "A subject"
