"""Scale: 10,000 sessions across 20 mentors, the things a user does every day.

Each measurement runs in a fresh process (so its peak RSS is its own), on one generated
data directory (realistic sessions: agenda, questions, action items, notes; 20 active
mentors in their term, three objectives each):

  list cold    Store.list_sessions() with no listing cache (parses every file)
  list warm    Store.list_sessions() with the cache in place (`prepcoach sessions list`)
  dashboard    prepcoach.tui.state.load_snapshot(): what the TUI dashboard computes on
               open (term clocks, readiness, review.analyse per mentor in a term, gaps)
  review all   Services.review() for all 20 mentors, offline engine (rules + message)
  agenda build Services.preview_agenda() for one mentor with 500 sessions of history:
               the exact prompt, trimmed to the token budget, and its token count
  baseline     the imports alone (python + prepcoach + pydantic), for scale

Targets (per operation, this machine class): list warm <= 1 s, dashboard <= 2 s,
review all <= 3 s, agenda build <= 1 s, peak RSS <= 300 MB for every operation.
Exit 1 if a target is missed.

    python benchmarks/bench_scale.py [--sessions 10000] [--mentors 20] [--repeat 3]
                                     [--keep DIR] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TODAY = dt.date(2001, 6, 20)  # generated history runs from 2000-01-01 for 500 days
TARGETS = {  # seconds
    "list warm": 1.0,
    "dashboard": 2.0,
    "review all": 3.0,
    "agenda build": 1.0,
}
RSS_TARGET_MB = 300.0
ORDER = ("baseline", "list cold", "list warm", "dashboard", "review all", "agenda build")


def _bench_store() -> object:
    """The realistic session generator shared with bench_store.py."""
    spec = importlib.util.spec_from_file_location(
        "bench_store", REPO / "benchmarks" / "bench_store.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def generate(root: Path, sessions: int, mentors: int) -> None:
    from prepcoach.models import SUPPORT_AREAS, Mentor, Objective, Plan
    from prepcoach.store import Store

    make_session = _bench_store().make_session  # type: ignore[attr-defined]
    rng = random.Random(7)
    ids = [f"mentor-{i:02d}" for i in range(mentors)]
    plan = Plan(
        mentors=[
            Mentor(
                id=m,
                name=f"Mentor {i:02d}",
                title="VP Engineering",
                organisation="Example Co",
                status="active",
                support_areas=[SUPPORT_AREAS[i % 6], SUPPORT_AREAS[(i + 2) % 6]],
                term_start=dt.date(2001, 1 + i % 5, 1 + i),
                next_meeting=TODAY + dt.timedelta(days=1 + i % 20),
            )
            for i, m in enumerate(ids)
        ],
        objectives=[
            Objective(
                id=f"obj-{i:02d}-{k}",
                title=f"Objective {k} for mentor {i}",
                done_when="Measurable result agreed with my manager",
                support_area=SUPPORT_AREAS[(i + k) % 6],
                mentors=[m],
                status="met" if k == 0 and i % 3 == 0 else "open",
            )
            for i, m in enumerate(ids)
            for k in range(3)
        ],
    )
    Store(root).save_plan(plan)
    sdir = root / "sessions"
    sdir.mkdir(mode=0o700, exist_ok=True)
    start = dt.date(2000, 1, 1)
    for n in range(sessions):
        mentor = ids[n % mentors]
        day = start + dt.timedelta(days=n // mentors)
        doc = make_session(rng, mentor, day, n)
        doc["id"] = f"{day.isoformat()}-{mentor}"
        doc["objective_progress"] = [
            {"objective_id": f"obj-{n % mentors:02d}-1", "note": "moved", "progressed": n % 4 != 0}
        ]
        path = sdir / f"{doc['id']}.json"
        path.write_text(json.dumps(doc, indent=2) + "\n")  # test data: no fsync needed
        os.chmod(path, 0o600)


def measure(root: Path, what: str) -> dict:
    """In a fresh process: one operation, its wall time and the process's peak RSS."""
    from prepcoach.settings import load_settings
    from prepcoach.store import Store

    store = Store(root)
    settings = load_settings(data=root, offline=True, environ={}, config_dir=root / "no-config")
    t0 = time.perf_counter()
    if what == "baseline":
        import prepcoach.services  # noqa: F401

        n = 0
    elif what in ("list cold", "list warm"):
        n = len(store.list_sessions())
    elif what == "dashboard":
        from prepcoach.tui.state import load_snapshot

        snap = load_snapshot(store, TODAY)
        n = sum(1 for v in snap.mentors if v.review is not None)
    elif what == "review all":
        from prepcoach.services import Services

        n = len(Services(settings, store).review(None, today=TODAY))
    elif what == "agenda build":
        from prepcoach.services import AgendaRequest, Services

        req = AgendaRequest(
            mentor="mentor-07",
            accomplishments=["Shipped the migration"],
            questions=["How do I defend the headcount ask?"],
            today=TODAY,
        )
        preview = Services(settings, store).preview_agenda(req)
        n = preview.prompt_tokens
    else:
        raise SystemExit(f"unknown measurement {what}")
    elapsed = time.perf_counter() - t0
    assert not store.problems, store.problems
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"what": what, "seconds": elapsed, "items": n, "peak_rss_mb": rss_kb / 1024}


def run_child(root: Path, what: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", what, "--keep", str(root)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sessions", type=int, default=10_000)
    ap.add_argument("--mentors", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", metavar="DIR", help="generate into (or reuse) DIR")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.keep), args.measure)))
        return 0

    tmp = None
    if args.keep:
        root = Path(args.keep)
    else:
        tmp = tempfile.mkdtemp(prefix="prepcoach-scale-")
        root = Path(tmp) / "data"
    try:
        if not (root / "plan.json").exists():
            t0 = time.perf_counter()
            generate(root, args.sessions, args.mentors)
            print(
                f"generated {args.sessions:,} sessions / {args.mentors} mentors in "
                f"{time.perf_counter() - t0:.1f} s",
                file=sys.stderr,
            )
        results: dict[str, list[dict]] = {w: [] for w in ORDER}
        for _ in range(args.repeat):
            for what in ORDER:
                if what == "list cold":
                    (root / "sessions" / ".index.json").unlink(missing_ok=True)
                results[what].append(run_child(root, what))
        rows = []
        failed = False
        for what in ORDER:
            runs = results[what]
            secs = statistics.median(r["seconds"] for r in runs)
            rss = max(r["peak_rss_mb"] for r in runs)
            target = TARGETS.get(what)
            ok = (target is None or secs <= target) and rss <= RSS_TARGET_MB
            failed |= not ok
            rows.append(
                {
                    "what": what,
                    "median_s": round(secs, 3),
                    "peak_rss_mb": round(rss, 1),
                    "items": runs[0]["items"],
                    "target_s": target,
                    "ok": ok,
                }
            )
        if args.json:
            print(json.dumps(rows, indent=2))
        else:
            print(
                f"{args.sessions:,} sessions, {args.mentors} mentors; median of {args.repeat} "
                "runs, each in a fresh process; RSS = max peak"
            )
            print(f"{'operation':<14}{'median':>9}{'target':>9}{'peak RSS':>11}  items  ok")
            for r in rows:
                tgt = f"{r['target_s']:.1f} s" if r["target_s"] else "-"
                print(
                    f"{r['what']:<14}{r['median_s']:>7.3f} s{tgt:>9}{r['peak_rss_mb']:>8.1f} MB"
                    f"  {r['items']:>5}  {'yes' if r['ok'] else 'NO'}"
                )
        return 1 if failed else 0
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
