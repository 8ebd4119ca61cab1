"""Hostile names, titles and dates fed to the plan commands (in-process, as the shell would).

Never a crash: the exit code is 0, 1 or 2, no traceback; what was accepted comes back out
of `--format json` exactly as typed; Jinja syntax is never evaluated.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings

from badinput.strategies import ONE_MB, hostile
from prepcoach.cli import main

SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own exits must also be codes, not crashes
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert code in (0, 1, 2), (argv[:3], code, err[-2000:])
    assert "Traceback" not in err
    return code, out, err


@SETTINGS
@given(name=hostile, title=hostile, notes=hostile)
@example(name="[bold]x[/]", title="{{ 7*7 }}", notes="{% for x in y %}")
@example(name="\x1b[2J Ana", title="[/]", notes=ONE_MB)
@example(name="", title="", notes="")
def test_mentor_text_round_trips(capsys, name: str, title: str, notes: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = str(Path(tmp) / "d")
        code, _, err = run(
            capsys, "mentors", "add", "--data", data, f"--title={title}", f"--notes={notes}",
            "--", name,
        )  # fmt: skip
        if not name.strip():
            assert code == 2 and err.startswith("prepcoach:") and err.count("\n") == 1
            return
        assert code == 0, err[-2000:]
        code, out, _ = run(capsys, "mentors", "list", "--format", "json", "--data", data)
        assert code == 0
        (m,) = json.loads(out)
        # the name is trimmed of surrounding white space; everything else is kept as typed
        got = (m["name"], m["title"], m["notes"])
        assert got == (name.strip(), title, notes), "changed on the way"
        if "{{ 7*7 }}" in title:
            assert "49" not in m["title"]
        code, out, _ = run(capsys, "mentors", "show", "--format", "json", "--data", data, m["id"])
        assert code == 0 and json.loads(out)["name"] == name.strip()
        code, out, _ = run(capsys, "mentors", "show", "--data", data, m["id"])
        assert code == 0 and (not title.strip() or "{{" not in title or "{{" in out)


@SETTINGS
@given(title=hostile, done_when=hostile, why=hostile)
@example(title="{{ 7*7 }}", done_when="{% raw %}", why=ONE_MB)
def test_objective_text_round_trips(capsys, title: str, done_when: str, why: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = str(Path(tmp) / "d")
        code, _, err = run(
            capsys, "objectives", "add", "--area", "scope", "--data", data,
            f"--done-when={done_when}", f"--why={why}", "--", title,
        )  # fmt: skip
        if code != 0:
            assert code == 2 and err.startswith("prepcoach:") and not title.strip()
            return
        code, out, _ = run(capsys, "objectives", "list", "--format", "json", "--data", data)
        (o,) = json.loads(out)
        # trimmed of surrounding white space, otherwise exactly as typed
        got = (o["title"], o["done_when"], o["why"])
        assert got == (title.strip(), done_when.strip(), why.strip()), "changed on the way"
        run(capsys, "objectives", "list", "--data", data)
        code, _, _ = run(capsys, "objectives", "met", "--data", data, o["id"])
        assert code == 0


ODD_DATES = ["0001-01-01", "2024-02-29", "9999-12-31", "9999-06-30", "2023-02-29", "20x4-1-1", ""]


@pytest.mark.parametrize("start", ODD_DATES)
def test_odd_term_start_dates_never_crash(capsys, tmp_path: Path, start: str) -> None:
    data = str(tmp_path / "d")
    code, _, err = run(
        capsys, "mentors", "add", "Ana Lima", "--status", "active", "--term-start", start,
        "--data", data,
    )  # fmt: skip
    if start in ("2023-02-29", "20x4-1-1", ""):
        assert code == 2 and "is not a date" in err
        return
    if start == "9999-12-31":  # a six-month term would end after the year 9999
        assert code == 2 and "9999" in err, err
        return
    assert code == 0, err
    for argv in (
        ["mentors", "list", "--format", "json"],
        ["mentors", "show", "ana"],
        ["mentors", "ics", "ana"],
        ["sessions", "list"],
        ["objectives", "add", "Budget", "--area", "scope", "--mentor", "ana"],
        ["review", "--offline", "--today", "2026-11-24"],
        ["agenda", "--mentor", "ana", "--offline", "--today", "2026-11-24", "--save"],
        ["mentors", "list", "--today", "0001-01-01"],
    ):
        code, _, err = run(capsys, *argv, "--data", data)
        assert code == 0, (argv, err)


@pytest.mark.parametrize("status_start", ["9999-12-31", "9999-08-01"])
def test_status_change_with_a_term_past_year_9999_is_refused(capsys, tmp_path, status_start):
    data = str(tmp_path / "d")
    run(capsys, "mentors", "add", "Ana Lima", "--data", data)
    code, _, err = run(
        capsys, "mentors", "status", "ana", "active", "--term-start", status_start, "--data", data
    )
    assert code == 2 and "9999" in err
    code, _, err = run(capsys, "mentors", "list", "--data", data)
    assert code == 0, err
