"""A full disk and a read-only data directory: one clear line, exit 2, nothing lost.

Both run real prepcoach processes. The full disk is a file size limit (RLIMIT_FSIZE with
SIGXFSZ ignored, so writes fail with EFBIG as they would with ENOSPC). The read-only
directory is chmod 0555; tests run as root, and root ignores modes, so the child runs
without the capabilities that bypass them (see faults.helpers.unprivileged).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from faults.helpers import TODAY, cli, copy_sample, fsize_limit, one_line_error, unprivileged
from prepcoach.store import Store

BIG = "a long accomplishment " * 2000  # 44 kB: larger than the size limit below

WRITES = {
    "mentors add": ["mentors", "add", "Kim Park", "--notes", BIG],
    "mentors status": ["mentors", "status", "elena", "asked"],
    "objectives add": ["objectives", "add", "Learn to delegate", "--area", "toolkit"],
    "objectives met": ["objectives", "met", "1"],
    "agenda --save": [
        "agenda", "--mentor", "priya", "--offline", "--save", "--today", TODAY,
        "--accomplishment", BIG,
    ],
    "outreach --save": [
        "outreach", "--to", "Elena Sorensen", "--ask", "how you ran the platform reorg",
        "--offline", "--save", "--today", TODAY,
    ],
    "review --save": ["review", "--offline", "--save", "--today", TODAY],
}  # fmt: skip


def _user_files(root: Path) -> dict[str, bytes]:
    """Every file the user owns (the zero-byte lock file is prepcoach's, not data)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


@pytest.mark.parametrize("name", list(WRITES))
def test_disk_full_fails_cleanly_and_keeps_everything(tmp_path: Path, name: str) -> None:
    root = copy_sample(tmp_path / "data")
    before = _user_files(root)
    proc = cli(*WRITES[name], "--data", str(root), preexec=fsize_limit(100))
    line = one_line_error(proc, 2, "could not save")
    assert "File too large" in line and "Nothing was changed" in line
    assert _user_files(root) == before
    assert not [p for p in root.rglob("*.tmp")], "temp file left behind"


def _make_read_only(root: Path) -> None:
    for p in [root, *root.rglob("*")]:
        os.chmod(p, 0o555 if p.is_dir() else 0o444)


def _restore(root: Path) -> None:
    for p in [root, *root.rglob("*")]:
        os.chmod(p, 0o700 if p.is_dir() else 0o600)


@pytest.fixture
def read_only_data(tmp_path: Path):
    root = copy_sample(tmp_path / "data")
    Store(root).list_sessions()  # nothing to migrate or set aside: a clean directory
    _make_read_only(root)
    preexec = unprivileged([tmp_path])
    probe = cli("--version", preexec=preexec)
    assert probe.returncode == 0, probe.stderr
    yield root, preexec
    _restore(root)


def _probe_cannot_write(root: Path, preexec) -> None:
    """The child really is refused (else the test would prove nothing)."""
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-c", f"open({str(root / 'probe')!r}, 'w')"],
        preexec_fn=preexec,
        capture_output=True,
        text=True,
    )
    assert proc.returncode != 0 and "Permission denied" in proc.stderr, proc.stderr


@pytest.mark.parametrize("name", list(WRITES))
def test_read_only_data_dir_refuses_writes_cleanly(read_only_data, name: str) -> None:
    root, preexec = read_only_data
    _probe_cannot_write(root, preexec)
    before = _user_files(root)
    proc = cli(*WRITES[name], "--data", str(root), preexec=preexec)
    line = one_line_error(proc, 2)
    assert str(root) in line and "Permission denied" in line, line
    assert "Nothing was changed" in line and "--data" in line
    assert _user_files(root) == before


def test_read_only_data_dir_still_reads(read_only_data) -> None:
    root, preexec = read_only_data
    for argv in (
        ["mentors", "list", "--format", "json"],
        ["sessions", "list"],
        ["mentors", "show", "priya"],
        ["review", "--offline", "--today", TODAY],
        ["agenda", "--mentor", "priya", "--offline", "--today", TODAY],
    ):
        proc = cli(*argv, "--data", str(root), preexec=preexec)
        assert proc.returncode == 0, (argv, proc.stderr)
        assert "Traceback" not in proc.stderr


def test_read_only_data_dir_with_a_corrupt_file_lists_the_rest(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "data")
    bad = sorted((root / "sessions").glob("*.json"))[0]
    bad.write_text("{oops")
    _make_read_only(root)
    preexec = unprivileged([tmp_path])
    try:
        proc = cli("sessions", "list", "--format", "json", "--data", str(root), preexec=preexec)
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
        assert bad.name in proc.stderr and "left in place" in proc.stderr
        assert bad.read_text() == "{oops"
        assert stat.S_IMODE(root.stat().st_mode) == 0o555
    finally:
        _restore(root)


# ------------------------------------------------------------ one unreadable file


def _unreadable_setup(tmp_path: Path, kind: str):
    """Sample data with saved reviews; one file of ``kind`` made mode 000 (after the child's
    access is arranged, which may open modes up when it has to run as another user)."""
    from prepcoach.cli import main

    root = copy_sample(tmp_path / "data")
    assert main(["review", "--offline", "--save", "--today", TODAY, "--data", str(root)]) == 0
    folder = {"session": "sessions", "outreach": "outreach", "review": "reviews"}[kind]
    target = sorted((root / folder).glob("[!.]*.json"))[1]
    preexec = unprivileged([tmp_path])
    content = target.read_bytes()
    os.chmod(target, 0o000)
    return root, target, content, preexec


@pytest.mark.parametrize("kind", ["session", "outreach", "review"])
def test_one_unreadable_file_is_skipped_with_a_chmod_hint(tmp_path: Path, kind: str) -> None:
    root, target, content, preexec = _unreadable_setup(tmp_path, kind)
    rel = str(target.relative_to(root))
    try:
        probe = cli("--version", preexec=preexec)
        assert probe.returncode == 0, probe.stderr
        for argv in (
            ["sessions", "list", "--format", "json"],
            ["mentors", "list"],
            ["review", "--offline", "--today", TODAY],
            ["drafts", "list"],
        ):
            proc = cli(*argv, "--data", str(root), preexec=preexec)
            assert proc.returncode == 0, (argv, proc.stderr)
            assert "Traceback" not in proc.stderr
            if argv[0] == "sessions":  # every readable session is listed, only those
                listed = {s["id"] for s in json.loads(proc.stdout)}
                readable = {p.stem for p in (root / "sessions").glob("[!.]*.json")}
                assert listed == readable - {target.stem}
        # a command that reads every file of the kind warns once, naming the file and fix
        # (reviews are read only by doctor, below)
        reader = {"session": ["sessions", "list"], "outreach": ["drafts", "list"]}.get(kind)
        if reader is not None:
            proc = cli(*reader, "--data", str(root), preexec=preexec)
            warnings = [ln for ln in proc.stderr.splitlines() if "cannot be read" in ln]
            assert len(warnings) == 1, proc.stderr
            line = warnings[0]
            assert line.startswith(f"prepcoach: warning: {rel} cannot be read")
            assert "Permission denied" in line and "skipped and left as it is" in line
            assert f"chmod 600 {target}" in line
        # doctor: a warning, not a failure
        proc = cli("doctor", "--format", "json", "--data", str(root), preexec=preexec)
        report = json.loads(proc.stdout)
        rows = [c for c in report["checks"] if c["check"] == "data file"]
        assert [r["status"] for r in rows] == ["warn"], rows
        assert rows[0]["detail"].startswith(f"{rel} cannot be read")
        assert f"chmod 600 {target}" in rows[0]["detail"]
        assert next(c for c in report["checks"] if c["check"] == "data")["status"] == "ok"
        if kind == "session":  # asked for on its own: refused, one line, exit 2
            proc = cli("sessions", "show", target.stem, "--data", str(root), preexec=preexec)
            line = one_line_error(proc, 2, "cannot read")
            assert str(target) in line and f"chmod 600 {target}" in line
        # never moved, never changed
        assert stat.S_IMODE(target.stat().st_mode) == 0o000
        assert target.read_bytes() == content  # (the test runs as root: it may read it)
        assert not (root / "corrupt").exists()
    finally:
        os.chmod(target, 0o600)
