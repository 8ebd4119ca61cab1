"""Damaged files of every kind (plan, session, outreach, review) met through the CLI.

Corrupt, empty, truncated, wrong-type (a list, a bare string, a field of the wrong type):
the file is named, set aside byte for byte under corrupt/, and everything else loads
(exit 0 with a warning). A plan.json from a newer schema version is refused (exit 2); a
newer session, draft or review is skipped by listings with a warning (exit 0; `doctor`
reports it as a warning) and refused when asked for on its own. Either way it is left
exactly as it was.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faults.helpers import TODAY, copy_sample
from prepcoach.cli import main

KINDS = ("plan", "session", "outreach", "review")

# kind -> (field, value of the wrong type)
WRONG_FIELD = {
    "plan": ("profile", "Dana Whitfield"),  # a string where an object is expected
    "session": ("agenda", "talk about the budget"),  # a string where an object is expected
    "outreach": ("to", {"name": "Elena"}),  # an object where a string is expected
    "review": ("reasons", "too many to list"),  # a string where a list is expected
}


def _damage(kind: str, fault: str, original: bytes) -> bytes:
    if fault == "garbage":
        return b"\x00\x9f<html>not json {{"
    if fault == "empty":
        return b""
    if fault == "truncated":
        return original[: len(original) // 2]
    if fault == "list":
        return b'[{"schema_version": 1}, 2, 3]'
    if fault == "string":
        return b'"just a string"'
    doc = json.loads(original)
    if fault == "wrong-field":
        field, value = WRONG_FIELD[kind]
        doc[field] = value
    elif fault == "future":
        doc["schema_version"] = 99
        doc["added_later"] = {"x": 1}
    return json.dumps(doc, indent=2).encode()


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    root = copy_sample(tmp_path / "data")
    assert main(["review", "--offline", "--save", "--today", TODAY, "--data", str(root)]) == 0
    capsys.readouterr()
    return root


def _target(root: Path, kind: str) -> Path:
    if kind == "plan":
        return root / "plan.json"
    folder = {"session": "sessions", "outreach": "outreach", "review": "reviews"}[kind]
    return sorted((root / folder).glob("[!.]*.json"))[1]


def _count(root: Path, kind: str) -> int:
    folder = {"session": "sessions", "outreach": "outreach", "review": "reviews"}[kind]
    return len(list((root / folder).glob("[!.]*.json")))


def _run(root: Path, kind: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The command that reads this kind of file, and the rest with it."""
    if kind in ("plan", "session"):
        argv = ["sessions", "list", "--format", "json"]
    else:
        argv = ["doctor", "--format", "json"]
    code = main([*argv, "--data", str(root)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


FAULTS = ("garbage", "empty", "truncated", "list", "string", "wrong-field")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fault", FAULTS)
def test_bad_file_is_named_set_aside_and_the_rest_loads(
    data: Path, kind: str, fault: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _target(data, kind)
    rel = str(path.relative_to(data))
    bad = _damage(kind, fault, path.read_bytes())
    path.write_bytes(bad)
    n_sessions = _count(data, "session")
    others = 0 if kind == "plan" else _count(data, kind) - 1

    code, out, err = _run(data, kind, capsys)
    assert code == 0, err
    if kind in ("plan", "session"):
        assert err.startswith(f"prepcoach: warning: {rel} is unreadable"), err
        assert err.count("\n") == 1
        listed = json.loads(out)
        assert len(listed) == n_sessions - (kind == "session")  # the rest still loads
        if kind == "plan":  # no plan: sessions are listed by mentor id
            assert {s["mentor_name"] for s in listed} == {"priya-raman", "marcus-bell"}
    else:
        report = json.loads(out)
        warnings = [c["detail"] for c in report["checks"] if c["check"] == "data file"]
        assert len(warnings) == 1 and warnings[0].startswith(f"{rel} is unreadable")
        data_row = next(c for c in report["checks"] if c["check"] == "data")
        noun = "outreach drafts" if kind == "outreach" else "reviews"
        assert f"{others} {noun}" in data_row["detail"] and data_row["status"] == "ok"
        assert "10 sessions" in data_row["detail"]

    # set aside byte for byte, never deleted or overwritten
    assert not path.exists()
    kept = list((data / "corrupt" / Path(rel).parent).glob(path.name + ".*"))
    assert [p.read_bytes() for p in kept] == [bad]
    # and the next run is clean
    code, _, err = _run(data, kind, capsys)
    assert code == 0 and err == ""


def _fingerprint(path: Path) -> tuple[bytes, int, int, int]:
    st = path.stat()
    return path.read_bytes(), st.st_mtime_ns, st.st_ino, st.st_mode


def test_future_version_plan_is_refused_and_untouched(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the plan nothing can be shown right: every command stops (exit 2)."""
    path = _target(data, "plan")
    path.write_bytes(_damage("plan", "future", path.read_bytes()))
    before = _fingerprint(path)

    code, out, err = _run(data, "plan", capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(path) in err
    assert "newer prepcoach" in err and "schema_version 99" in err
    assert "pip install -U . in your clone, or pip install -U prepcoach" in err
    # a write that would read it is refused too, and still nothing changes
    assert main(["mentors", "add", "Kim Park", "--data", str(data)]) == 2
    capsys.readouterr()
    assert _fingerprint(path) == before
    assert not (data / "corrupt").exists() and not (data / "backups").exists()


@pytest.mark.parametrize("kind", ["session", "outreach", "review"])
def test_future_version_file_is_skipped_named_and_untouched(
    data: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """One session, draft or review from a newer prepcoach does not stop the others: a
    listing skips it with a warning that says to upgrade; the file is never moved or
    rewritten. Asked for on its own (sessions show) it is refused (exit 2)."""
    path = _target(data, kind)
    rel = str(path.relative_to(data))
    path.write_bytes(_damage(kind, "future", path.read_bytes()))
    before = _fingerprint(path)
    n_sessions = _count(data, "session")
    others = _count(data, kind) - 1

    code, out, err = _run(data, kind, capsys)
    assert code == 0, err
    upgrade = "Upgrade prepcoach to read it (pip install -U . in your clone, or pip install -U"
    if kind == "session":
        assert err.startswith(f"prepcoach: warning: {rel} was written by a newer prepcoach")
        assert err.count("\n") == 1
        assert "schema_version 99" in err and "skipped and left as it is" in err
        assert upgrade in err
        listed = json.loads(out)
        assert len(listed) == n_sessions - 1 and path.stem not in {s["id"] for s in listed}
    else:
        report = json.loads(out)
        warnings = [c["detail"] for c in report["checks"] if c["check"] == "data file"]
        assert len(warnings) == 1, warnings
        assert warnings[0].startswith(f"{rel} was written by a newer prepcoach")
        assert "schema_version 99" in warnings[0] and upgrade in warnings[0]
        data_row = next(c for c in report["checks"] if c["check"] == "data")
        noun = "outreach drafts" if kind == "outreach" else "reviews"
        assert f"{others} {noun}" in data_row["detail"] and data_row["status"] == "ok"
    assert _fingerprint(path) == before
    assert not (data / "corrupt").exists() and not (data / "backups").exists()

    # the commands that read every file of this kind still work, and leave it alone
    if kind == "session":
        argv = ["agenda", "--mentor", "priya", "--offline", "--save", "--today", TODAY]
        assert main([*argv, "--data", str(data)]) == 0
        assert main(["mentors", "list", "--data", str(data)]) == 0
        # asked for on its own: refused, one line, exit 2
        capsys.readouterr()
        assert main(["sessions", "show", path.stem, "--data", str(data)]) == 2
        _, err = capsys.readouterr()
        assert err.count("\n") == 1 and str(path) in err and "newer prepcoach" in err
    else:
        assert main(["review", "--offline", "--today", TODAY, "--data", str(data)]) == 0
        assert main(["drafts", "list", "--data", str(data)]) == 0
    capsys.readouterr()
    assert _fingerprint(path) == before
    assert not (data / "corrupt").exists() and not (data / "backups").exists()


def test_a_term_running_past_the_year_9999_never_gives_a_traceback(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hand-edited plan.json whose term ends after 9999-12-31 (the CLI refuses to set
    one): everything shows it cut at 9999-12-31; only the calendar export is refused."""
    plan = data / "plan.json"
    doc = json.loads(plan.read_bytes())
    doc["mentors"][0].update(status="active", term_start="9999-12-01", cadence="monthly")
    doc["mentors"][1].update(status="active", term_start="9999-11-01", cadence="quarterly")
    plan.write_text(json.dumps(doc, indent=2))
    first, second = doc["mentors"][0]["id"], doc["mentors"][1]["id"]
    for argv in (
        ["mentors", "list", "--format", "json"],
        ["mentors", "show", first],
        ["sessions", "list"],
        ["review", "--offline"],
        ["review", "--offline", "--today", "9999-12-31"],
        ["agenda", "--mentor", first, "--offline", "--today", "9999-12-31"],
        ["agenda", "--mentor", second, "--offline", "--today", "9999-12-31"],
        ["doctor"],
    ):
        code = main([*argv, "--data", str(data)])
        out, err = capsys.readouterr()
        assert code == 0, (argv, err)
        assert "Traceback" not in err
        if argv[:2] == ["mentors", "list"]:
            row = next(m for m in json.loads(out) if m["id"] == first)
            assert row["term_end"] == "9999-12-31"
    assert main(["mentors", "ics", first, "--data", str(data)]) == 2
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "would end after the year 9999" in err
    assert main(["mentors", "status", first, "ended", "--data", str(data)]) == 0
