"""`prepcoach agenda`: offline and model agendas, saving, meeting length."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from fakeserver import FakeOpenAI

from cli.helpers import Q1, Q2, TODAY, agenda_reply, run
from prepcoach.cli import main


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


def test_unknown_mentor_is_exit_2_with_a_hint(capsys, sample_dir):
    code, _, err = run(capsys, "agenda", "--data", str(sample_dir), "--mentor", "Prya")
    assert code == 2 and 'no mentor "Prya"' in err and "Priya Raman" in err


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
    # Priya's next meeting is booked for 60 minutes: the prompt says so
    assert code == 0 and "Meeting: 60 minutes with Priya Raman" in out


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


def test_llm_agenda_repairs_are_said_on_stderr_not_stdout(capsys, sample_dir, server):
    reply = agenda_reply()
    reply["items"] = [i for i in reply["items"] if i["title"] != Q2]  # the model drops Q2
    server.push(FakeOpenAI.json(reply))
    code, out, err = run(
        capsys, "agenda", "--data", str(sample_dir), "--mentor", "Priya",
        "--question", Q1, "--question", Q2, "--minutes", "45", *TODAY,
    )  # fmt: skip
    assert code == 0
    assert f"prepcoach: agenda: The model left out your question '{Q2}'" in err
    assert "The model left out" not in out and f"**{Q2}**" in out
