"""A mentor asked and not answered: `prepcoach outreach` to them drafts the nudge on the
first request sent (a bump, the same ask once more, no second introduction), never a
second first request."""

from __future__ import annotations

import json

import pytest
from cli.helpers import run

ASK = "how you chose between a VP and a CTO offer"


def _asked(capsys, sample_dir) -> list[str]:  # type: ignore[no-untyped-def]
    """Elena sent a first request on 2026-11-10 (she is "asked" now)."""
    data = ["--data", str(sample_dir), "--offline"]
    code, out, err = run(
        capsys, "outreach", *data, "--to", "Elena Sorensen", "--ask", ASK, "--save",
        "--format", "json", "--today", "2026-11-10",
    )  # fmt: skip
    assert code == 0, err
    saved = json.loads(out)["saved_id"]
    code, _, err = run(capsys, "drafts", "sent", saved, "--on", "2026-11-10", *data[:2])
    assert code == 0, err
    return data


@pytest.mark.parametrize("channel", ["email", "slack"])
def test_an_asked_mentor_gets_the_nudge_with_the_ask_sent(capsys, sample_dir, channel):
    data = _asked(capsys, sample_dir)
    code, out, err = run(
        capsys, "outreach", *data, "--to", "Elena Sorensen", "--channel", channel,
        "--today", "2026-11-25",
    )  # fmt: skip
    assert code == 0, err
    assert "I'm bumping my earlier note in case it got buried." in out
    assert ASK in out and "I'm Dana" not in out  # the same ask, no second introduction
    # stderr names what this is, not a "first-request draft"
    assert "nudge draft: Elena Sorensen was asked on 2026-11-10 and has not answered" in err
    assert "first-request draft" not in err


def test_the_nudge_keeps_an_ask_the_user_gives_and_shows_in_json(capsys, sample_dir):
    data = _asked(capsys, sample_dir)
    other = "how you handled your first skip-level meeting"
    code, out, err = run(
        capsys, "outreach", *data, "--to", "Elena Sorensen", "--ask", other,
        "--format", "json", "--today", "2026-11-25",
    )  # fmt: skip
    assert code == 0, err
    body = json.loads(out)["draft"]["body"]
    assert "bumping my earlier note" in body and other in body


def test_a_prospect_still_gets_a_first_request(capsys, sample_dir):
    code, out, err = run(
        capsys, "outreach", "--data", str(sample_dir), "--offline", "--to", "Elena Sorensen",
        "--ask", ASK, "--today", "2026-11-25",
    )  # fmt: skip
    assert code == 0, err
    assert "bumping" not in out and "I'm Dana" in out
