"""Damaged files of every kind (plan, session, outreach, review) met through the CLI.

Corrupt, empty, truncated, wrong-type (a list, a bare string, a field of the wrong type):
the file is named, set aside byte for byte under corrupt/, and everything else loads
(exit 0 with a warning). A file from a newer schema version is refused (exit 2; `doctor`
reports a failed check, exit 1) and left exactly as it was.
"""

from __future__ import annotations

import json
import os
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


@pytest.mark.parametrize("kind", KINDS)
def test_future_version_file_is_refused_and_untouched(
    data: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _target(data, kind)
    path.write_bytes(_damage(kind, "future", path.read_bytes()))
    st = path.stat()
    before = (path.read_bytes(), st.st_mtime_ns, st.st_ino, st.st_mode)

    code, out, err = _run(data, kind, capsys)
    if kind in ("plan", "session"):
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and str(path) in err
        assert "newer prepcoach" in err and "schema_version 99" in err
    else:
        assert code == 1, "doctor: a failed check"
        report = json.loads(out)
        row = next(c for c in report["checks"] if c["check"] == "data")
        assert row["status"] == "fail" and str(path) in row["detail"]
        assert "newer prepcoach" in row["detail"]
    st = path.stat()
    assert (path.read_bytes(), st.st_mtime_ns, st.st_ino, st.st_mode) == before
    assert not (data / "corrupt").exists() and not (data / "backups").exists()

    # a write that would read it is refused too, and still nothing changes
    if kind == "plan":
        assert main(["mentors", "add", "Kim Park", "--data", str(data)]) == 2
    elif kind == "session":
        argv = ["agenda", "--mentor", "priya", "--offline", "--save", "--today", TODAY]
        assert main([*argv, "--data", str(data)]) == 2
    capsys.readouterr()
    st = path.stat()
    assert (path.read_bytes(), st.st_mtime_ns, st.st_ino, st.st_mode) == before
    assert os.path.exists(path)
