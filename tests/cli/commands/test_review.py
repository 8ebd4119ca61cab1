"""`prepcoach review`: recommendations, labels, messages that still break rules."""

from __future__ import annotations

import json

from fakeserver import FakeOpenAI

from cli.helpers import TODAY, run
from prepcoach.cli import main


def test_review_gives_three_different_recommendations(capsys, sample_dir):
    code, out, _ = run(capsys, "review", "--data", str(sample_dir), "--format", "json", *TODAY)
    assert code == 0
    recs = {r["mentor"]: r for r in json.loads(out)}
    assert len({r["recommendation"] for r in recs.values()}) == 3
    assert all(r["reasons"] and r["message"] for r in recs.values())


def test_review_cli_marks_a_message_that_still_breaks_rules(server, sample_dir, capsys):
    bad = {"subject": "Thanks", "message": "Hi Priya, let's circle back on our synergy. Dana"}
    server.default = FakeOpenAI.json(bad)
    # --no-fallback: the model's message is kept, marked, instead of the offline one
    argv = ["review", "--mentor", "Priya", "--no-fallback", "--data", str(sample_dir), *TODAY]
    rc = main(argv)
    out = capsys.readouterr().out
    assert rc == 1
    assert "Still breaks" in out and "✗ no-jargon" in out and "✗ subject" in out
    assert len(server.chat_requests) == 3


def test_review_is_labelled_offline_once(capsys, sample_dir):
    code, out, err = run(capsys, "review", "--data", str(sample_dir), *TODAY)
    assert code == 0
    assert out.count("Offline review") == 1 and out.startswith("_Offline review")
    assert out.count("# Review: ") == 3
    assert "review by the offline engine" in err


def test_review_move_on_message_closes_the_meetings(capsys, sample_dir):
    code, out, _ = run(
        capsys, "review", "--data", str(sample_dir), "--mentor", "Marcus", "--today", "2026-11-20"
    )
    assert code == 0 and "# Review: Marcus Bell: move on" in out
    assert "bring our regular meetings to a close" in out
    assert "something looser" not in out and "open door" not in out


def test_llm_review_prompt_states_the_decision_and_its_goal(capsys, sample_dir):
    code, out, _ = run(
        capsys, "review", "--data", str(sample_dir), "--mentor", "Marcus", "--dry-run",
        "--today", "2026-11-20",
    )  # fmt: skip
    assert code == 0
    assert "Decision: move_on (message kind: wind-down)." in out
    assert "The message must close the regular meetings warmly" in out
    assert "wind-down with the decision move_on" in out  # the system part explains it


def test_review_writes_to_a_file_and_never_replaces_one_without_force(capsys, sample_dir, tmp_path):
    target = tmp_path / "review.md"
    args = ["review", "--mentor", "Priya", "--data", str(sample_dir), *TODAY]
    code, out, err = run(capsys, *args, "-o", str(target))
    assert code == 0 and out == ""
    assert "Priya" in target.read_text("utf-8") and f"wrote the review to {target}" in err
    before = target.read_bytes()
    saved = sorted((sample_dir / "reviews").glob("*.json"))
    code, out, err = run(capsys, *args, "--save", "-o", str(target))
    assert code == 2 and "already exists" in err and "--force" in err
    # refused before anything was generated or saved
    assert target.read_bytes() == before
    assert sorted((sample_dir / "reviews").glob("*.json")) == saved
    code, _, _ = run(capsys, *args, "--format", "json", "-o", str(target), "--force")
    assert code == 0
    assert json.loads(target.read_text("utf-8"))[0]["recommendation"]
