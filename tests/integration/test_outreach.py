"""outreach against the real server: a first request and a follow-up; the draft given passes
`prepcoach lint`, and stdout holds that one draft."""

from __future__ import annotations

import pytest

from integration.contracts import repeated_format_refusals, uncapped_requests
from integration.harness import TODAY, Run, Target

FIRST = [
    "outreach", "--to", "Sam Okafor", "--title", "SVP Platform", "--ask",
    "how you set up your staff meeting after the reorg", "--channel", "email",
]  # fmt: skip
FOLLOW_UP = [
    "outreach", "--kind", "follow-up", "--mentor", "Priya", "--to", "Priya Raman",
    "--context", "I used your budget-review framing with finance and the plan passed",
]  # fmt: skip


@pytest.fixture(scope="module")
def first_request(server_8k, cli) -> Run:
    return cli(server_8k, *FIRST, "--today", TODAY, "--format", "json")


@pytest.fixture(scope="module")
def follow_up(server_8k, cli) -> Run:
    return cli(server_8k, *FOLLOW_UP, "--today", TODAY, "--format", "json")


def _passes_lint(run: Run, target: Target, cli, kind: str) -> None:
    data = run.json()  # one JSON document: one draft, not every attempt
    draft = data["draft"]
    assert draft["outreach_kind"] == kind
    text = f"Subject: {draft['subject']}\n\n{draft['body']}" if draft["subject"] else draft["body"]
    checked = cli(target, "lint", "-", "--channel", draft["channel"], "--kind", kind, stdin=text)
    assert checked.code == 0, f"{checked.stdout}\n--- the draft ---\n{text}\n" + run.explain()
    assert data["violations"] == [], run.explain()


def test_first_request_exits_0(first_request: Run):
    assert first_request.code == 0, first_request.explain()


def test_first_request_draft_passes_lint(first_request: Run, server_8k, cli):
    _passes_lint(first_request, server_8k, cli, "first-request")


def test_first_request_caps_the_reply_and_asked_the_server(first_request: Run):
    assert first_request.chats, first_request.explain()
    assert uncapped_requests(first_request, cap=1024) == [], first_request.explain()
    assert repeated_format_refusals(first_request) == [], first_request.explain()


def test_follow_up_exits_0(follow_up: Run):
    assert follow_up.code == 0, follow_up.explain()


def test_follow_up_draft_passes_lint(follow_up: Run, server_8k, cli):
    _passes_lint(follow_up, server_8k, cli, "follow-up")
