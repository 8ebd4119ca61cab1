"""--redact against the real server: the request log shows no name left the machine, and the
answer shown has the names back (no placeholder left)."""

from __future__ import annotations

import json
import re

import pytest

from integration.contracts import agenda_of, missing_phrases, sent_text
from integration.harness import SAMPLE, TODAY, Run

QUESTION = "Should I bring Carla Nunes into the Q1 planning review?"
WIN = "Closed the Kestrel Logistics pilot with Aisha Mensah"
# Named only in the session notes and actions (not in the plan): must not leave either.
HISTORY_ONLY = ["Carla Nunes", "Shipper Experience"]
PLACEHOLDER = re.compile(r"\[(?:PERSON|ORG|NAME|EMAIL)_\d+(?:_[A-Z]+)?\]")


def plan_names() -> list[str]:
    plan = json.loads((SAMPLE / "plan.json").read_text("utf-8"))
    prof = plan["profile"]
    names = [prof["name"], prof["organisation"], prof["manager"], prof["email"]]
    names += prof.get("private_names", [])
    for m in plan["mentors"]:
        names += [m["name"], m["organisation"]]
    return [n for n in names if n]


@pytest.fixture(scope="module")
def redacted(server_8k, cli) -> Run:
    return cli(
        server_8k, "agenda", "--mentor", "Priya", "--minutes", "45", "--today", TODAY,
        "--question", QUESTION, "--accomplishment", WIN, "--redact", "--format", "json",
    )  # fmt: skip


def test_redacted_agenda_exits_0(redacted: Run):
    assert redacted.code == 0, redacted.explain()


def test_no_plan_name_reaches_the_server(redacted: Run):
    assert redacted.chats, redacted.explain()
    wire = sent_text(redacted)
    leaked = [n for n in plan_names() if n.lower() in wire.lower()]
    assert leaked == [], f"sent to the server: {leaked}"


def test_no_name_from_the_history_reaches_the_server(redacted: Run):
    assert redacted.chats, redacted.explain()
    wire = sent_text(redacted)
    leaked = [n for n in HISTORY_ONLY if n.lower() in wire.lower()]
    assert leaked == [], f"sent to the server: {leaked}"


def test_answer_has_the_names_back(redacted: Run):
    a = agenda_of(redacted)
    assert missing_phrases(a, [QUESTION, WIN]) == [], redacted.explain()
    shown = json.dumps(a, ensure_ascii=False)
    assert PLACEHOLDER.findall(shown) == [], shown[:1500]
