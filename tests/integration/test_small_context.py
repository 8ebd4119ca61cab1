"""A 2,048-token context (n_ctx 2048) still yields an agenda: history trimmed to fit."""

from __future__ import annotations

import pytest

from integration.contracts import agenda_of, missing_phrases
from integration.harness import TODAY, Run

QUESTION = "How do I hand the migration program to Tomás without losing momentum?"
WIN = "Finance signed off the FY27 plan"


@pytest.fixture(scope="module")
def small(server_2k, cli) -> Run:
    # Priya has the longest history in the sample data: it cannot all fit in 2,048 tokens.
    return cli(
        server_2k, "agenda", "--mentor", "Priya", "--minutes", "45", "--today", TODAY,
        "--question", QUESTION, "--accomplishment", WIN, "--format", "json",
    )  # fmt: skip


def test_small_context_agenda_exits_0(small: Run):
    assert small.code == 0, small.explain()


def test_small_context_agenda_is_whole(small: Run):
    a = agenda_of(small)
    assert sum(i["minutes"] for i in a["items"]) == a["minutes"] == 45, small.explain()
    assert missing_phrases(a, [QUESTION, WIN]) == [], small.explain()


def test_small_context_request_fitted(small: Run):
    """The last request the server answered was accepted (it fitted the context)."""
    assert small.chats, small.explain()
    assert small.chats[-1].status == 200, small.explain()
