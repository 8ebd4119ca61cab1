"""`prepcoach outreach`: repaired and streamed drafts, saving, the offline banner."""

from __future__ import annotations

import json

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
