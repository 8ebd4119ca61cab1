"""`prepcoach outreach`: repaired and streamed drafts, saving, the offline banner."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from fakeserver import FakeOpenAI

from cli.helpers import GOOD, TODAY, draft_ids, run
from prepcoach.cli import main


def test_outreach_repaired_and_streamed(capsys, sample_dir, server):
    bad = GOOD.replace("Could we have", "You'd be a great mentor. Could we have")
    server.push(FakeOpenAI.text(bad), FakeOpenAI.text(GOOD))
    code, out, err = run(
        capsys,
        "outreach",
        "--data",
        str(sample_dir),
        "--to",
        "Elena Sorensen",
        "--ask",
        "how she chose between VP and CTO",
        "--save",
        *TODAY,
    )
    assert code == 0
    assert "no-mentor-word" in err and "passes." in err
    # stdout holds the final draft only: no earlier attempt, separator or footer
    assert out.startswith("Subject: Question on") and "---" not in out
    assert "mentor" not in out and "passes" not in out
    saved = json.loads(next((sample_dir / "outreach").glob("*elena*first-request*")).read_text())
    assert saved["engine"] == "llm" and "mentor" not in saved["body"]


def test_outreach_save_prints_the_id_and_how_to_mark_it_sent(sample_dir, capsys):
    before = set(draft_ids(sample_dir))
    to = ["--to", "Jonah Whitaker", "--ask", "how you set up your first staff meeting"]
    rc = main(["outreach", "--data", str(sample_dir), "--offline", *to, "--save", *TODAY])
    assert rc == 0
    [new] = set(draft_ids(sample_dir)) - before
    err = capsys.readouterr().err
    assert f"saved draft {new}" in err and f"prepcoach drafts sent {new}" in err


def test_offline_banner_still_comes_when_all_is_well(capsys, sample_dir):
    code, _, err = run(
        capsys,
        "outreach",
        "--data",
        str(sample_dir),
        "--to",
        "Elena",
        "--ask",
        "the VP interview loop",
    )
    assert code == 0 and "first-request draft by the offline engine" in err


PIPED = [
    ("first-request", "Elena Sorensen", "How did you handle your first reorg as a VP?"),
    (
        "first-request",
        "Elena Sorensen",
        "Should I pitch [Project Falcon] to Rob before the [Q1] review?",
    ),
    ("recommendation", "Jonah Whitaker", "someone who has run a platform reorg at scale"),
    ("renewal", "Priya Raman", "getting the carrier migration funded"),
    ("wind-down", "Marcus Bell", ""),
    ("follow-up", "Priya Raman", "the vendor cost comparison"),
]


@pytest.mark.parametrize(("kind", "to", "ask"), PIPED)
@pytest.mark.parametrize("channel", ["email", "linkedin", "slack"])
def test_outreach_piped_into_lint_passes(sample_dir, kind, to, ask, channel):
    """stdout of `prepcoach outreach` is the draft alone: `| prepcoach lint -` passes."""
    base = [sys.executable, "-m", "prepcoach", "--data", str(sample_dir)]
    argv = [*base, "outreach", "--offline", "--to", to, "--kind", kind, "--channel", channel]
    argv += ["--ask", ask] if ask else []
    env = dict(os.environ)
    env.pop("OPENAI_API_KEY", None)
    made = subprocess.run([*argv, "--today", "2026-11-24"], capture_output=True, text=True, env=env)
    assert made.returncode == 0, made.stderr
    if ask:
        assert ask in made.stdout  # the user's words as typed, brackets and all
    assert "offline draft" in made.stderr and "passes" not in made.stdout
    checked = subprocess.run(
        [*base, "lint", "-", "--kind", kind, "--channel", channel],
        input=made.stdout,
        capture_output=True,
        text=True,
        env=env,
    )
    assert checked.returncode == 0, checked.stdout + made.stdout


def first_request_to_elena(capsys, sample_dir, ask):  # type: ignore[no-untyped-def]
    argv = ["outreach", "--data", str(sample_dir), "--offline", "--to", "Elena Sorensen"]
    return run(capsys, *argv, "--ask", ask, *TODAY)


@pytest.mark.parametrize("ask", ["advice", "leadership", "pick your brain", "x"])
def test_a_vague_ask_is_refused_with_examples(capsys, sample_dir, ask):
    code, out, err = first_request_to_elena(capsys, sample_dir, ask)
    assert code == 2 and out == ""
    assert "too vague" in err and err.count("--ask") >= 2


def test_a_banned_word_in_the_ask_is_named(capsys, sample_dir):
    code, out, err = first_request_to_elena(capsys, sample_dir, "would you mentor me on the reorg")
    assert code == 2 and out == "" and '"mentor"' in err


def test_json_carries_the_model_attempt_when_the_offline_draft_replaces_it(
    capsys, sample_dir, server
):
    bad = GOOD.replace("Could we have", "You'd be a great mentor. Could we have")
    server.push(FakeOpenAI.text(bad), FakeOpenAI.text(bad), FakeOpenAI.text(bad))
    code, out, _ = run(
        capsys,
        "outreach",
        "--data",
        str(sample_dir),
        "--to",
        "Elena Sorensen",
        "--ask",
        "how you chose between VP and CTO",
        "--format",
        "json",
        *TODAY,
    )
    data = json.loads(out)
    assert code == 0 and data["replaced_by_offline"] is True
    assert data["draft"]["engine"] == "offline" and data["violations"] == []
    assert data["model_attempt"]["draft"]["engine"] == "llm"
    assert any(v["rule"] == "no-mentor-word" for v in data["model_attempt"]["violations"])


def test_a_follow_up_with_nothing_to_say_asks_for_context(capsys, sample_dir):
    argv = ["outreach", "--data", str(sample_dir), "--offline", "--kind", "follow-up", *TODAY]
    code, out, err = run(capsys, *argv, "--to", "Elena Sorensen")
    assert code == 2 and out == "" and "no session with them yet" in err and "--context" in err
    code, out, _ = run(capsys, *argv, "--to", "Elena Sorensen", "--context", "I tried the pilot.")
    assert code == 0 and "I tried the pilot." in out


def test_a_first_request_prompt_carries_nothing_from_the_plan(capsys, sample_dir, server):
    code, out, _ = run(
        capsys,
        "outreach",
        "--data",
        str(sample_dir),
        "--to",
        "Elena Sorensen",
        "--ask",
        "how you chose between VP and CTO",
        "--dry-run",
        *TODAY,
    )
    assert code == 0 and "how you chose between VP and CTO" in out
    assert "carrier-data migration" not in out and "CTO at a smaller company" not in out
