"""`prepcoach agenda`: the booked meeting's length is the default; --minutes wins."""

from __future__ import annotations

import json

import pytest

from cli.helpers import TODAY, run


def _agenda(capsys, sample_dir, *extra: str) -> tuple[int, dict, str]:
    code, out, err = run(
        capsys, "agenda", "--data", str(sample_dir), "--format", "json", *extra
    )  # fmt: skip
    return code, json.loads(out) if code == 0 else {}, err


def test_booked_length_is_used_when_minutes_is_not_given(capsys, sample_dir):
    # Priya's next meeting is booked on 2026-12-01 for 60 minutes
    code, data, err = _agenda(capsys, sample_dir, "--mentor", "Priya", *TODAY)
    assert code == 0
    agenda = data["agenda"]
    assert agenda["minutes"] == 60
    assert sum(i["minutes"] for i in agenda["items"]) == 60
    assert "60 minutes, as booked" in err


def test_explicit_minutes_wins_over_the_booked_length(capsys, sample_dir):
    code, data, err = _agenda(capsys, sample_dir, "--mentor", "Priya", "--minutes", "30", *TODAY)
    assert code == 0
    assert data["agenda"]["minutes"] == 30
    assert sum(i["minutes"] for i in data["agenda"]["items"]) == 30
    assert "as booked" not in err


def test_booked_meeting_without_a_length_keeps_the_default(capsys, sample_dir):
    # Marcus's next meeting is booked with no length
    code, data, err = _agenda(capsys, sample_dir, "--mentor", "Marcus", *TODAY)
    assert code == 0 and data["agenda"]["minutes"] == 45
    assert "as booked" not in err


def test_saved_session_takes_the_booked_length(capsys, sample_dir):
    code, out, _ = run(
        capsys, "agenda", "--data", str(sample_dir), "--mentor", "Priya", "--save", *TODAY
    )  # fmt: skip
    assert code == 0 and out.startswith("# Agenda: Priya Raman, 60 minutes")
    saved = json.loads((sample_dir / "sessions" / "2026-12-01-priya-raman.json").read_text())
    assert saved["minutes"] == 60 and saved["agenda"]["minutes"] == 60


def test_a_passed_booking_is_not_the_meeting_prepared(capsys, sample_dir):
    # on 2026-12-05 the booked 2026-12-01 meeting is past: the next one is not booked
    code, data, err = _agenda(capsys, sample_dir, "--mentor", "Priya", "--today", "2026-12-05")
    assert code == 0 and data["agenda"]["minutes"] == 45
    assert "as booked" not in err


def test_booked_length_for_a_meeting_already_captured_is_not_reused(capsys, sample_dir):
    run(capsys, "agenda", "--data", str(sample_dir), "--mentor", "Priya", "--save", *TODAY)
    code, _, err = run(
        capsys, "sessions", "capture", "2026-12-01-priya-raman", "--note", "went well",
        "--data", str(sample_dir), "--today", "2026-12-01",
    )  # fmt: skip
    assert code == 0, err
    code, data, err = _agenda(capsys, sample_dir, "--mentor", "Priya", "--today", "2026-12-01")
    assert code == 0 and data["agenda"]["minutes"] == 45


@pytest.mark.parametrize("minutes", ["0", "abc", "241"])
def test_bad_minutes_still_exit_2_with_a_booking(capsys, sample_dir, minutes):
    code, out, err = run(
        capsys, "agenda", "--data", str(sample_dir), "--mentor", "Priya", "--minutes", minutes,
        *TODAY,
    )  # fmt: skip
    assert code == 2 and out == ""
    assert "--minutes" in err


def test_unknown_mentor_with_no_minutes_is_exit_2(capsys, sample_dir):
    code, _, err = run(capsys, "agenda", "--data", str(sample_dir), "--mentor", "Nobody", *TODAY)
    assert code == 2 and "Nobody" in err


def test_explicit_minutes_wins_in_prompts_render(capsys, sample_dir):
    code, out, _ = run(
        capsys, "prompts", "render", "agenda", "--data", str(sample_dir), "--mentor", "Priya",
        "--minutes", "20", *TODAY,
    )  # fmt: skip
    assert code == 0 and "Meeting: 20 minutes with Priya Raman" in out
