"""The generating commands, in-process via prepcoach.cli.main and once as a subprocess."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import socket
import subprocess
import sys

import pytest
from fakeserver import FakeOpenAI

from prepcoach.cli import main
from prepcoach.engines import llm as llm_mod

KEY = "sk-test-CLI-NEVER-PRINT-90ab7c"
TODAY = ["--today", "2026-11-25"]
Q1 = "How do I hand the budget process to my new finance partner?"
Q2 = "Should I ask for a quarterly check-in after the term?"

GOOD = """Subject: Question on choosing VP or CTO

Hi Elena,

Nadia Farouk suggested I write to you. I lead platform engineering at Lumen Freight.

Could we have a 20-minute call about how you chose between a VP Eng role and a CTO role?

If now isn't a good time, no worries at all.

Thanks,
Dana"""
CLASSIC_BAD = """Hi Marcus,

Would you be my mentor? I'd love to meet every month for the next six months to pick your
brain about leadership, my career and whatever comes up. Let me know when works.

Dana"""


@pytest.fixture
def server(monkeypatch):
    with FakeOpenAI() as s:
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        monkeypatch.setenv("OPENAI_BASE_URL", s.url)
        monkeypatch.setattr(llm_mod, "BACKOFF_BASE", 0.01)
        yield s


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert KEY not in out + err
    return code, out, err


def agenda_reply() -> dict:
    return {
        "summary": "Budget hand-off and what comes after the term.",
        "items": [
            {
                "title": "Opening",
                "minutes": 2,
                "kind": "opening",
                "detail": "",
                "objective_id": None,
            },
            {"title": Q1, "minutes": 30, "kind": "question", "detail": "", "objective_id": None},
            {"title": Q2, "minutes": 20, "kind": "question", "detail": "", "objective_id": None},
            {"title": "Close", "minutes": 3, "kind": "close", "detail": "", "objective_id": None},
        ],
    }


# ------------------------------------------------------------------ offline


def test_offline_agenda_json_sums_and_holds_every_question(capsys, sample_dir):
    code, out, err = run(
        capsys,
        "agenda",
        "--data",
        str(sample_dir),
        "--mentor",
        "Priya",
        "--question",
        Q1,
        "--question",
        Q2,
        "--minutes",
        "45",
        "--format",
        "json",
        *TODAY,
    )
    assert code == 0
    data = json.loads(out)
    agenda = data["agenda"]
    assert sum(i["minutes"] for i in agenda["items"]) == 45
    titles = " ".join(i["title"] + i["detail"] for i in agenda["items"])
    assert Q1 in titles and Q2 in titles
    assert data["engine"] == "offline"
    assert any(i["kind"] == "carried_over" for i in agenda["items"])
    assert "offline engine (no API key set)" in err


def test_offline_agenda_markdown_is_labelled_and_save_stores_it(capsys, sample_dir):
    code, out, err = run(
        capsys,
        "agenda",
        "--data",
        str(sample_dir),
        "--mentor",
        "marcus",
        "--question",
        Q1,
        "--offline",
        "--save",
        *TODAY,
    )
    assert code == 0
    # the default meeting length is 45 minutes (as in the TUI)
    assert out.startswith("# Agenda: Marcus Bell, 45 minutes")
    assert "Offline draft" in out
    assert out.lower().count("offline") == 1  # labelled once, not again in the summary
    assert "saved session" in err
    saved = sorted((sample_dir / "sessions").glob("*marcus-bell*.json"))[-1]
    session = json.loads(saved.read_text())
    assert session["engine"] == "offline" and session["agenda"]["minutes"] == 45


def test_review_gives_three_different_recommendations(capsys, sample_dir):
    code, out, _ = run(capsys, "review", "--data", str(sample_dir), "--format", "json", *TODAY)
    assert code == 0
    recs = {r["mentor"]: r for r in json.loads(out)}
    assert len({r["recommendation"] for r in recs.values()}) == 3
    assert all(r["reasons"] and r["message"] for r in recs.values())


def test_unknown_mentor_is_exit_2_with_a_hint(capsys, sample_dir):
    code, _, err = run(capsys, "agenda", "--data", str(sample_dir), "--mentor", "Prya")
    assert code == 2 and 'no mentor "Prya"' in err and "Priya Raman" in err


# --------------------------------------------------------------------- lint


def test_lint_rejects_the_classic_bad_ask_naming_each_rule(capsys, tmp_path):
    f = tmp_path / "ask.txt"
    f.write_text(CLASSIC_BAD)
    code, out, _ = run(capsys, "lint", str(f))
    assert code == 1
    for rule in ("no-mentor-word", "bounded-time", "no-long-term", "easy-decline", "subject"):
        assert rule in out
    code, out, _ = run(capsys, "lint", str(f), "--format", "json")
    assert code == 1 and not json.loads(out)["clean"]


def test_lint_accepts_a_good_ask_from_stdin(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode())))
    code, out, _ = run(capsys, "lint", "-")
    assert code == 0 and "clean" in out


@pytest.mark.parametrize("content", [None, b"\xff\xfe\x00bad", "dir", b"", b"  \n\n"])
def test_lint_unreadable_input_is_exit_2(capsys, tmp_path, content):
    f = tmp_path / "x.txt"
    if content == "dir":
        f.mkdir()
    elif content is not None:
        f.write_bytes(content)
    code, _, err = run(capsys, "lint", str(f))
    assert code == 2 and err.startswith("prepcoach: ")


# ------------------------------------------------------------------ prompts


def test_prompts_list_show_render(capsys, sample_dir, tmp_path):
    user = tmp_path / "config" / "prompts"
    user.mkdir(parents=True)
    (user / "review.user.j2").write_text('{% extends "default/review.user.j2" %}\n')
    code, out, _ = run(capsys, "prompts", "list")
    assert code == 0
    assert "agenda.system.j2" in out
    assert re.search(r"review\.user\.j2 +user \(overrides packaged\)", out)
    assert re.search(r"agenda\.user\.j2 +packaged", out)
    code, out, err = run(capsys, "prompts", "show", "default/agenda.user.j2")
    assert code == 0 and "{% block questions %}" in out and "packaged" in err
    code, out, _ = run(
        capsys,
        "prompts",
        "render",
        "agenda",
        "--data",
        str(sample_dir),
        "--mentor",
        "Priya",
        "--question",
        Q1,
        *TODAY,
    )
    assert code == 0 and "----- system -----" in out and Q1 in out and "Nothing was sent" in out


def test_broken_user_template_is_exit_2_naming_file_and_line(capsys, sample_dir, tmp_path):
    user = tmp_path / "config" / "prompts"
    user.mkdir(parents=True)
    (user / "agenda.user.j2").write_text("Hello\n{{ mentor.name }\n")
    code, _, err = run(
        capsys, "agenda", "--data", str(sample_dir), "--mentor", "Priya", "--dry-run", *TODAY
    )
    assert code == 2 and "agenda.user.j2, line 2" in err and "syntax error" in err


# ---------------------------------------------------------------- LLM path


def test_llm_agenda_prints_tokens_and_cost_first(capsys, sample_dir, server):
    server.push(FakeOpenAI.json(agenda_reply()))
    code, out, err = run(
        capsys,
        "agenda",
        "--data",
        str(sample_dir),
        "--mentor",
        "Priya",
        "--question",
        Q1,
        "--question",
        Q2,
        "--minutes",
        "45",
        *TODAY,
    )
    assert code == 0
    assert "prompt tokens for gpt-4o-mini" in err and "$" in err
    assert "Drafted by gpt-4o-mini" in out and "Total: 45 of 45 minutes." in out
    assert len(server.chat_requests) == 1


def test_dry_run_makes_no_request(capsys, sample_dir, server):
    for argv in (
        ["agenda", "--mentor", "Priya", "--question", Q1],
        ["outreach", "--to", "Elena Sorensen", "--ask", "VP or CTO"],
        ["review"],
    ):
        code, out, _ = run(capsys, *argv, "--data", str(sample_dir), "--dry-run", *TODAY)
        assert code == 0 and "Nothing was sent" in out
    code, out, _ = run(
        capsys,
        "agenda",
        "--data",
        str(sample_dir),
        "--mentor",
        "Priya",
        "--dry-run",
        "--format",
        "json",
        *TODAY,
    )
    assert json.loads(out)["messages"][0]["role"] == "system"
    assert server.requests == []


def test_redact_through_the_cli(capsys, sample_dir, server):
    from prepcoach.redact import Redactor
    from prepcoach.store import Store

    ph = {v: k for k, v in Redactor.from_plan(Store(sample_dir).load_plan()).placeholders().items()}
    reply = agenda_reply()
    reply["items"][1]["title"] = f"Ask {ph['Priya Raman']} how {ph['Rob Castellano']} sees it"
    server.push(FakeOpenAI.json(reply, chunk=4))
    code, out, _ = run(
        capsys,
        "agenda",
        "--data",
        str(sample_dir),
        "--mentor",
        "Priya",
        "--question",
        Q1,
        "--redact",
        *TODAY,
    )
    assert code == 0
    assert "Ask Priya Raman how Rob Castellano sees it" in out
    sent = server.chat_requests[0].text
    assert "Priya" not in sent and "Castellano" not in sent and "Dana" not in sent


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
    assert "no-mentor-word" in err and "--- revised draft ---" in out
    assert out.rstrip().endswith("passes.")
    assert out.split("--- revised draft ---")[1].strip().startswith("Subject: Question on")
    saved = json.loads(next((sample_dir / "outreach").glob("*elena*first-request*")).read_text())
    assert saved["engine"] == "llm" and "mentor" not in saved["body"]


ERRORS = [
    (FakeOpenAI.error(401, f"Incorrect API key provided: {KEY}"), "rejected the API key"),
    (
        FakeOpenAI.error(429, "quota", code="insufficient_quota", type="insufficient_quota"),
        "no quota left",
    ),
    (FakeOpenAI.error(500, "boom"), "internal error (500)"),
    (FakeOpenAI.slow(5), "(timeout)"),
    (FakeOpenAI.garbled(), "could not read"),
    (FakeOpenAI.error(404, "model 'gpt-4o-mini' not found"), 'no model "gpt-4o-mini"'),
]


@pytest.mark.parametrize(("reply", "words"), ERRORS)
def test_endpoint_errors_are_one_line_exit_2(capsys, sample_dir, server, monkeypatch, reply, words):
    monkeypatch.setenv("PREPCOACH_TIMEOUT", "0.5")
    server.default = reply
    code, out, err = run(
        capsys, "agenda", "--data", str(sample_dir), "--mentor", "Priya", "--question", Q1, *TODAY
    )
    assert code == 2
    last = err.strip().splitlines()[-1]
    assert last.startswith("prepcoach: ") and words in last
    assert out == ""


def test_connection_refused_names_the_url(capsys, sample_dir, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setattr(llm_mod, "BACKOFF_BASE", 0.01)
    code, _, err = run(
        capsys, "outreach", "--data", str(sample_dir), "--to", "Elena", "--ask", "VP or CTO", *TODAY
    )
    assert code == 2
    assert f"127.0.0.1:{port}/v1 (connection refused)" in err


def test_key_in_no_file_after_a_full_run(capsys, sample_dir, server, tmp_path):
    server.default = None
    server.push(FakeOpenAI.json(agenda_reply()), FakeOpenAI.text(GOOD))
    run(capsys, "agenda", "--data", str(sample_dir), "--mentor", "Priya", "--save", *TODAY)
    run(
        capsys,
        "outreach",
        "--data",
        str(sample_dir),
        "--to",
        "Elena",
        "--ask",
        "VP or CTO",
        "--save",
        *TODAY,
    )
    server.default = FakeOpenAI.json({"subject": "Thanks", "message": "Thank you."})
    run(capsys, "review", "--data", str(sample_dir), "--save", *TODAY)
    run(capsys, "doctor", "--data", str(sample_dir))
    for p in tmp_path.rglob("*"):
        if p.is_file():
            assert KEY.encode() not in p.read_bytes(), p


# ------------------------------------------------------------------- doctor


def test_doctor_ok_against_the_server(capsys, sample_dir, server):
    code, out, _ = run(capsys, "doctor", "--data", str(sample_dir))
    assert code == 0, out
    assert "api key: set (from env OPENAI_API_KEY)" in out
    assert '"gpt-4o-mini" is offered' in out and "sha256 verified" in out
    assert "3 mentors" in out


def test_doctor_fails_on_unknown_model_and_unreachable(capsys, sample_dir, server, monkeypatch):
    monkeypatch.setenv("PREPCOACH_MODEL", "no-such-model")
    code, out, _ = run(capsys, "doctor", "--data", str(sample_dir), "--format", "json")
    data = json.loads(out)
    assert code == 1 and not data["ok"]
    assert any(c["check"] == "model" and c["status"] == "fail" for c in data["checks"])
    server.close()
    code, out, _ = run(capsys, "doctor", "--data", str(sample_dir))
    assert code == 1 and "FAIL  endpoint" in out and "fix:" in out


def test_doctor_without_key_is_fine(capsys, tmp_path):
    code, out, _ = run(capsys, "doctor", "--data", str(tmp_path / "none"))
    assert code == 0 and "offline engine is used" in out


# --------------------------------------------------------------- subprocess


def test_subprocess_offline_agenda(sample_dir, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env["PREPCOACH_CONFIG_DIR"] = str(tmp_path / "cfg")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "prepcoach",
            "agenda",
            "--data",
            str(sample_dir),
            "--mentor",
            "Priya",
            "--question",
            Q1,
            "--minutes",
            "45",
            "--format",
            "json",
            *TODAY,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert sum(i["minutes"] for i in json.loads(proc.stdout)["agenda"]["items"]) == 45
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "prepcoach",
            "agenda",
            "--data",
            str(sample_dir),
            "--minutes",
            "0",
            "--mentor",
            "Priya",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_doctor_names_a_broken_user_template_and_bad_config(capsys, tmp_path):
    cfg = tmp_path / "config"
    (cfg / "prompts").mkdir(parents=True)
    (cfg / "prompts" / "review.user.j2").write_text("hi\n{{ nope }}\n")
    code, out, _ = run(capsys, "doctor", "--data", str(tmp_path / "d"))
    assert code == 1
    assert "FAIL  prompts" in out and "review.user.j2, line 2" in out
    (cfg / "config.toml").write_text('model = "unterminated\n')
    code, out, _ = run(capsys, "doctor", "--data", str(tmp_path / "d"))
    assert code == 1 and "FAIL  config" in out and "not valid TOML" in out
    assert "FAIL  prompts" in out  # the other checks still ran


# ---------------------------------------------------------------------- drafts


def _draft_ids(sample_dir) -> list[str]:
    return sorted(x.stem for x in (sample_dir / "outreach").glob("*.json"))


def test_outreach_save_prints_the_id_and_how_to_mark_it_sent(sample_dir, capsys):
    before = set(_draft_ids(sample_dir))
    to = ["--to", "Jonah Whitaker", "--ask", "how you set up your first staff meeting"]
    rc = main(["outreach", "--data", str(sample_dir), "--offline", *to, "--save", *TODAY])
    assert rc == 0
    [new] = set(_draft_ids(sample_dir)) - before
    err = capsys.readouterr().err
    assert f"saved draft {new}" in err and f"prepcoach drafts sent {new}" in err


def test_drafts_list_flags_reminders_with_days_and_nudge(sample_dir, capsys):
    rc = main(["drafts", "list", "--data", str(sample_dir), *TODAY])
    out = capsys.readouterr().out
    assert rc == 0
    for d in _draft_ids(sample_dir):
        assert d in out
    assert "2026-11-05-jonah-whitaker-recommendation" in out
    line = next(x for x in out.splitlines() if x.startswith("- ⚑"))
    assert "jonah-whitaker" in line and "19 days ago" in line and "Nudge: Hi Jonah" in line

    rc = main(["drafts", "list", "--data", str(sample_dir), "--format", "json", *TODAY])
    data = json.loads(capsys.readouterr().out)
    assert rc == 0 and data["reminder_days"] == 10
    rows = {r["id"]: r for r in data["drafts"]}
    assert set(rows) == set(_draft_ids(sample_dir))
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
    assert did in _draft_ids(sample_dir)
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


@pytest.mark.parametrize(
    "argv",
    [
        ["drafts", "list"],
        ["drafts", "show", "x"],
        ["drafts", "sent", "x"],
        ["review"],
        ["agenda", "--mentor", "Priya"],
        ["prompts", "render", "agenda", "--mentor", "Priya"],
    ],
)
def test_reading_commands_name_a_missing_data_dir(tmp_path, capsys, argv):
    missing = tmp_path / "typo"
    code, out, err = run(capsys, *argv, "--data", str(missing))
    assert code == 2 and out == ""
    assert f"data directory {missing} (from --data) does not exist." in err
    assert "offline engine" not in err and not missing.exists()


def test_review_cli_marks_a_message_that_still_breaks_rules(server, sample_dir, capsys):
    bad = {"subject": "Thanks", "message": "Hi Priya, let's circle back on our synergy. Dana"}
    server.default = FakeOpenAI.json(bad)
    rc = main(["review", "--mentor", "Priya", "--data", str(sample_dir), *TODAY])
    out = capsys.readouterr().out
    assert rc == 1
    assert "Still breaks" in out and "✗ no-jargon" in out and "✗ subject" in out
    assert len(server.chat_requests) == 3


# ------------------------------------------------------- new-user review fixes


def test_saving_the_same_meeting_twice_updates_it(capsys, sample_dir):
    argv = ["agenda", "--data", str(sample_dir), "--mentor", "Priya", "--save", *TODAY]
    before = len(list((sample_dir / "sessions").glob("*.json")))
    code, _, err = run(capsys, *argv, "--question", Q1)
    assert code == 0 and "saved session 2026-12-01-priya-raman" in err
    code, out, err = run(capsys, *argv, "--question", Q2, "--format", "json")
    assert code == 0
    assert "updated session 2026-12-01-priya-raman (this meeting was already saved)" in err
    assert "saved session" not in err
    assert "also on the agenda: 1 question saved earlier for this meeting" in err
    data = json.loads(out)
    assert data["session_id"] == "2026-12-01-priya-raman" and data["session_updated"] is True
    assert len(list((sample_dir / "sessions").glob("*.json"))) == before + 1
    stored = json.loads((sample_dir / "sessions" / "2026-12-01-priya-raman.json").read_text())
    assert [q["text"] for q in stored["questions"]] == [Q1, Q2]  # nothing lost


@pytest.mark.parametrize("minutes", ["0", "1", "9", "241", "600", "-5", "x"])
def test_minutes_out_of_bounds_is_exit_2_with_the_range(capsys, sample_dir, minutes):
    code, out, err = run(
        capsys, "agenda", "--data", str(sample_dir), "--mentor", "Priya", "--minutes", minutes
    )
    assert code == 2 and out == ""
    assert "--minutes" in err and ("10 to 240" in err or "whole number" in err)
    assert "offline engine" not in err  # nothing was generated


@pytest.mark.parametrize("minutes", [10, 240])
def test_minutes_at_the_bounds_sum_with_one_close(capsys, sample_dir, minutes):
    qs = [f"Question {k} about the platform budget hand-over?" for k in range(14)]
    argv = ["agenda", "--data", str(sample_dir), "--mentor", "Priya", "--format", "json"]
    for q in qs:
        argv += ["--question", q]
    code, out, _ = run(capsys, *argv, "--minutes", str(minutes), *TODAY)
    assert code == 0
    items = json.loads(out)["agenda"]["items"]
    assert sum(i["minutes"] for i in items) == minutes
    text = "\n".join(i["title"] + "\n" + i["detail"] for i in items)
    closes = sum(1 for i in items if i["kind"] == "close")
    closes += sum(1 for line in text.splitlines() if line.startswith("- Close"))
    assert closes == 1


def test_default_minutes_in_help_and_render(capsys, sample_dir):
    assert main(["agenda", "--help"]) == 0
    assert "10 to 240 minutes (default 45)" in " ".join(capsys.readouterr().out.split())
    code, out, _ = run(
        capsys, "prompts", "render", "agenda", "--data", str(sample_dir), "--mentor", "Priya",
        *TODAY,
    )  # fmt: skip
    assert code == 0 and "Meeting: 45 minutes with Priya Raman" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["outreach", "--to", "Elena"],  # a first request needs --ask
        ["outreach", "--to", "Elena", "--kind", "renewal", "--mentor", "Nobody"],
        ["agenda", "--mentor", "Nobody"],
        ["review", "--mentor", "Nobody"],
    ],
)
def test_bad_input_is_reported_before_any_banner(capsys, sample_dir, argv):
    code, out, err = run(capsys, *argv, "--data", str(sample_dir))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("prepcoach: ")
    assert "engine" not in err and "draft by" not in err


def test_offline_banner_still_comes_when_all_is_well(capsys, sample_dir):
    code, _, err = run(
        capsys, "outreach", "--data", str(sample_dir), "--to", "Elena", "--ask", "the VP role"
    )
    assert code == 0 and "first-request draft by the offline engine" in err


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


def test_prompts_show_takes_short_names(capsys):
    code, out, err = run(capsys, "prompts", "show", "agenda")
    assert code == 0
    assert out.startswith("----- agenda.system.j2 -----\n")
    assert "\n----- agenda.user.j2 -----\n" in out and "{% block questions %}" in out
    assert "agenda.system.j2: packaged" in err and "agenda.user.j2: packaged" in err
    code, out, _ = run(capsys, "prompts", "show", "agenda.user")
    assert code == 0 and out.startswith("{#") and "-----" not in out
    code, out, err = run(capsys, "prompts", "show", "wind-down")
    assert code == 0 and "outreach-wind-down.j2" in err
    code, out, _ = run(capsys, "prompts", "show", "default/review")
    assert code == 0 and "----- default/review.system.j2 -----" in out


def test_prompts_show_ambiguous_and_unknown_names(capsys):
    code, out, err = run(capsys, "prompts", "show", "repair")
    assert code == 2 and out == ""
    assert "outreach.repair.j2" in err and "review.repair.j2" in err and "several" in err
    code, out, err = run(capsys, "prompts", "show", "agnda")
    assert code == 2 and 'Did you mean "agenda"' in err


def test_doctor_counts_warnings_and_failures(capsys, sample_dir, tmp_path):
    sample_dir.chmod(0o700)
    for path in sample_dir.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)
    (sample_dir / "plan.json").chmod(0o644)  # readable by others: one warning
    code, out, _ = run(capsys, "doctor", "--data", str(sample_dir))
    assert code == 0
    assert "warn  file modes" in out
    assert out.rstrip().endswith("No failures; 1 warning: see the fixes above.")
    assert "All checks passed." not in out
    code, out, _ = run(capsys, "doctor", "--data", str(sample_dir), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["ok"] and data["warnings"] == 1 and data["failures"] == 0
    a_file = tmp_path / "not-a-dir"
    a_file.write_text("x")
    code, out, _ = run(capsys, "doctor", "--data", str(a_file))
    assert code == 1 and out.rstrip().endswith("1 check failed: see the fixes above.")


def test_doctor_all_clean(capsys, tmp_path):
    code, out, _ = run(capsys, "doctor", "--data", str(tmp_path / "none"))
    assert code == 0 and out.rstrip().endswith("All checks passed.")


def test_no_hedged_plurals_in_outputs(capsys, sample_dir, tmp_path):
    one = tmp_path / "one.txt"
    one.write_text(GOOD.replace("20-minute call", "call"))  # breaks exactly one rule
    outputs = []
    code, out, err = run(capsys, "lint", str(one))
    assert code == 1 and out.startswith("1 rule broken")
    outputs.append(out + err)
    for argv in (
        ["review", "--data", str(sample_dir), *TODAY],
        ["drafts", "list", "--data", str(sample_dir), *TODAY],
        ["doctor", "--data", str(sample_dir)],
        ["agenda", "--data", str(sample_dir), "--mentor", "Marcus", *TODAY],
    ):
        outputs.append("".join(run(capsys, *argv)[1:]))
    for text in outputs:
        assert "(s)" not in text, text
        assert not re.search(r"\b1 (?:rules|days|minutes|words|files|sessions|mentors)\b", text)


def test_every_subcommand_has_help_and_a_description():
    import argparse

    from prepcoach.cli import build_parser

    missing = []

    def walk(parser: argparse.ArgumentParser, path: list[str]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                helps = {a.dest: a.help for a in action._choices_actions}
                for name, sub in action.choices.items():
                    if not helps.get(name) or not sub.description:
                        missing.append(" ".join([*path, name]))
                    walk(sub, [*path, name])

    walk(build_parser(), [])
    assert missing == []


@pytest.mark.parametrize("argv", [["drafts", "list"], ["prompts", "list"], ["prompts", "show"]])
def test_sub_subcommand_help_has_a_description(capsys, argv):
    assert main([*argv, "--help"]) == 0
    out = capsys.readouterr().out
    head = out.split("\n\n")
    assert head[0].startswith("usage: prepcoach " + " ".join(argv))
    assert not head[1].startswith(("options:", "positional arguments:"))


def test_a_literal_double_dash_value_is_kept(capsys, tmp_path):
    data = str(tmp_path / "d")
    code, _, _ = run(
        capsys, "objectives", "add", "--area", "scope", "--data", data, "--done-when=--",
        "--", "Own the budget",
    )  # fmt: skip
    assert code == 0
    code, out, _ = run(capsys, "objectives", "list", "--format", "json", "--data", data)
    assert json.loads(out)[0]["done_when"] == "--"


def test_drafts_cannot_be_marked_sent_or_answered_in_the_future(sample_dir, capsys):
    import datetime as _dt

    future = (_dt.date.today() + _dt.timedelta(days=3)).isoformat()
    draft_id = "2026-11-20-elena-sorensen-first-request"
    for verb in ("sent", "answered"):
        code, out, err = run(
            capsys, "drafts", verb, draft_id, "--on", future, "--data", str(sample_dir)
        )
        assert code == 2 and out == "" and "is in the future" in err and err.count("\n") == 1
