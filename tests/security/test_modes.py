"""Data files 0600 and directories 0700 after every kind of write, even with umask 0."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from faults.helpers import TODAY, child_env, copy_sample, spawn

WRITER = r"""
import contextlib, datetime as dt, io, json, sys
from pathlib import Path
from prepcoach.cli import main
from prepcoach.models import Session
from prepcoach.store import Store
from prepcoach.tui import drafts

root, out, today = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
d = ["--data", root]
steps = [
    ["mentors", "add", "Kim Park", "--status", "active", *d],
    ["mentors", "status", "elena", "asked", *d],
    ["objectives", "add", "Delegate more", "--area", "toolkit", "--mentor", "kim", *d],
    ["objectives", "met", "1", *d],
    ["agenda", "--mentor", "priya", "--offline", "--save", "--today", today, *d],
    ["outreach", "--to", "Ana Lima", "--ask", "how you ran the reorg", "--offline", "--save",
     "--today", today, *d],
    ["review", "--offline", "--save", "--today", today, *d],
    ["sessions", "export", "2026-06-09", "-o", str(out / "export.md"), *d],
    ["mentors", "ics", "priya", "-o", str(out / "term.ics"), *d],
    ["sessions", "list", *d],  # sets the corrupt file aside, migrates the v0 one
]
for argv in steps:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as e:
        code = main(argv)
    if code not in (0, 1):
        sys.exit(f"{argv}: {code} {e.getvalue()}")
store = Store(Path(root))
for i in range(101):  # enough sessions for the listing cache (sessions/.index.json)
    store.save_session(Session(mentor="kim-park", date=dt.date(2027, 1, 1) + dt.timedelta(i)))
store.list_sessions()
drafts.save(store, drafts.prep_name("priya-raman"), {"accomplishments": ["a"], "questions": []})
print("ok")
"""


def test_every_write_is_private_even_with_umask_0(tmp_path: Path) -> None:
    data = copy_sample(tmp_path / "parent" / "data")
    for p in [data.parent, data, *data.rglob("*")]:  # start from loose modes
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
    (data / "sessions" / "broken.json").write_text("{oops")
    (data / "sessions" / "old.json").write_text(
        json.dumps({"mentor": "Priya Raman", "date": "2026-05-01", "questions": ["q?"]})
    )
    before = {str(p.relative_to(data)): p.read_bytes() for p in data.rglob("*") if p.is_file()}
    before_dirs = {str(p.relative_to(data)) for p in data.rglob("*") if p.is_dir()}
    out = tmp_path / "exports"
    out.mkdir()
    old = os.umask(0)
    try:
        proc = spawn(WRITER, str(data), str(out), TODAY, env=child_env())
        stdout, stderr = proc.communicate(timeout=120)
    finally:
        os.umask(old)
    assert proc.returncode == 0 and stdout.strip() == "ok", stderr
    written = {"plan.json", ".lock", ".index.json", "prep-priya-raman.json", "old.json"}
    assert written <= {p.name for p in data.rglob("*")}
    for sub in ("reviews", "outreach", "corrupt", "backups", "drafts"):
        assert (data / sub).is_dir(), sub
    # every file prepcoach created or rewrote is 0600 (sample files it never touched keep
    # the user's 0644, and a file set aside is moved as it was, into the 0700 corrupt/);
    # every directory it created is 0700
    loose = [
        f"{rel} {stat.S_IMODE(p.stat().st_mode):o}"
        for p in data.rglob("*")
        if p.is_file()
        and p.parent.parent.name != "corrupt"
        and before.get(rel := str(p.relative_to(data))) != p.read_bytes()
        and stat.S_IMODE(p.stat().st_mode) != 0o600
    ]
    assert loose == []
    dirs = [
        f"{rel} {stat.S_IMODE(p.stat().st_mode):o}"
        for p in data.rglob("*")
        if p.is_dir()
        and (rel := str(p.relative_to(data))) not in before_dirs
        and stat.S_IMODE(p.stat().st_mode) != 0o700
    ]
    assert dirs == []
    for f in (out / "export.md", out / "term.ics"):
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
