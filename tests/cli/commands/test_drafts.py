"""`prepcoach drafts list|show|sent|answered`: reminders, prefixes, bad ids and dates."""

from __future__ import annotations

import datetime as dt
import json

from cli.helpers import CLASSIC_BAD, TODAY, draft_ids, run
from prepcoach.cli import main


def test_drafts_list_flags_reminders_with_days_and_nudge(sample_dir, capsys):
    rc = main(["drafts", "list", "--data", str(sample_dir), *TODAY])
    out = capsys.readouterr().out
    assert rc == 0
    for d in draft_ids(sample_dir):
        assert d in out
    assert "2026-11-05-jonah-whitaker-recommendation" in out
    line = next(x for x in out.splitlines() if x.startswith("- ⚑"))
    assert "jonah-whitaker" in line and "19 days ago" in line and "Nudge: Hi Jonah" in line

    rc = main(["drafts", "list", "--data", str(sample_dir), "--format", "json", *TODAY])
    data = json.loads(capsys.readouterr().out)
    assert rc == 0 and data["reminder_days"] == 10
    rows = {r["id"]: r for r in data["drafts"]}
    assert set(rows) == set(draft_ids(sample_dir))
    jonah = rows["2026-11-05-jonah-whitaker-recommendation"]
    assert jonah["status"] == "sent" and jonah["sent_on"] == "2026-11-06"
    assert jonah["reminder"]["days_since_sent"] == 19
    assert jonah["reminder"]["nudge"].startswith("Hi Jonah")
    assert all(r["reminder"] is None for i, r in rows.items() if r["status"] != "sent")
    # nine days after sending: no reminder yet
    main(["drafts", "list", "--data", str(sample_dir), "--format", "json", "--today", "2026-11-15"])
    data = json.loads(capsys.readouterr().out)
    assert all(r["reminder"] is None for r in data["drafts"])


def test_drafts_sent_then_answered_by_prefix(sample_dir, capsys):
    did = "2026-11-20-elena-sorensen-first-request"
    assert did in draft_ids(sample_dir)
    d = str(sample_dir)
    assert main(["drafts", "sent", did[:16], "--data", d, "--on", "2026-11-21"]) == 0
    assert "marked sent on 2026-11-21" in capsys.readouterr().out
    main(["drafts", "list", "--data", d, "--format", "json", "--today", "2026-12-05"])
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)["drafts"]}
    assert rows[did]["status"] == "sent" and rows[did]["reminder"]["days_since_sent"] == 14
    argv = ["drafts", "answered", did, "--data", d, "--on", "2026-12-06", "--today", "2026-12-07"]
    assert main(argv) == 0
    assert "marked answered on 2026-12-06" in capsys.readouterr().out
    main(["drafts", "list", "--data", d, "--format", "json", "--today", "2026-12-20"])
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)["drafts"]}
    assert rows[did]["status"] == "answered" and rows[did]["reminder"] is None
    assert rows[did]["answered_on"] == "2026-12-06"


def test_drafts_bad_ids_and_dates_exit_2_with_suggestions(sample_dir, capsys):
    d = str(sample_dir)
    before = {p.name: p.read_bytes() for p in (sample_dir / "outreach").glob("*.json")}
    assert main(["drafts", "show", "2026-11-05-jonah-whitaker-recomendation", "--data", d]) == 2
    err = capsys.readouterr().err
    assert 'Did you mean "2026-11-05-jonah-whitaker-recommendation"' in err
    assert main(["drafts", "sent", "2026", "--data", d]) == 2  # ambiguous prefix
    assert "matches several drafts" in capsys.readouterr().err
    assert main(["drafts", "sent", "2026-11-20", "--data", d, "--on", "2026-11-01"]) == 2
    assert "cannot have been sent on 2026-11-01" in capsys.readouterr().err
    assert main(["drafts", "answered", "2026-11-05", "--data", d, "--on", "2026-11-01"]) == 2
    assert main(["drafts", "sent", "2026-11-20", "--data", d, "--on", "tomorrow"]) == 2
    assert main(["drafts", "frob", "--data", d]) == 2
    after = {p.name: p.read_bytes() for p in (sample_dir / "outreach").glob("*.json")}
    assert after == before  # nothing written on a bad request


def test_drafts_show_prints_subject_body_and_lint(sample_dir, capsys, tmp_path):
    d = str(sample_dir)
    rc = main(["drafts", "show", "2026-10-16-priya", "--data", d])
    out = capsys.readouterr().out
    assert rc == 0
    assert "Subject: Budget advice paid off" in out and "Hi Priya," in out
    assert "Checks: all 7 rules for a follow-up on email pass." in out
    # a draft that breaks rules: exit 1, each violation named
    from prepcoach.models import OutreachDraft
    from prepcoach.store import Store

    bad = Store(sample_dir).save_outreach(
        OutreachDraft(
            to="Marcus Bell",
            body=CLASSIC_BAD,
            subject="Hi",
            created=dt.date(2026, 11, 24),
        )
    )
    rc = main(["drafts", "show", bad.id, "--data", d, "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 1 and data["clean"] is False
    assert {"no-mentor-word", "subject", "no-long-term"} <= {v["rule"] for v in data["violations"]}
    rc = main(["drafts", "show", bad.id, "--data", d])
    out = capsys.readouterr().out
    assert rc == 1 and "✗ no-mentor-word" in out and f"prepcoach drafts sent {bad.id}" in out


def test_drafts_list_on_an_empty_data_dir(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["drafts", "list", "--data", str(tmp_path / "empty")]) == 0
    assert "No outreach drafts saved yet" in capsys.readouterr().out
    assert main(["drafts", "show", "x", "--data", str(tmp_path / "empty")]) == 2
    assert "none saved yet" in capsys.readouterr().err


def test_drafts_cannot_be_marked_sent_or_answered_in_the_future(sample_dir, capsys):
    import datetime as _dt

    future = (_dt.date.today() + _dt.timedelta(days=3)).isoformat()
    draft_id = "2026-11-20-elena-sorensen-first-request"
    for verb in ("sent", "answered"):
        code, out, err = run(
            capsys, "drafts", verb, draft_id, "--on", future, "--data", str(sample_dir)
        )
        assert code == 2 and out == "" and "is in the future" in err and err.count("\n") == 1
