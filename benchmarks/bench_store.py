"""Store benchmark: 10,000 sessions across 20 mentors in a temporary data directory.

Reports, each measured in a fresh process (so peak RSS is that operation's own):
  - list cold:    Store.list_sessions() with no index (parses every file, writes the index)
  - list warm:    Store.list_sessions() with the index in place
  - history:      Store.sessions_for(one mentor): full sessions of one mentor
  - cli list:     `prepcoach sessions list --format json` end to end (interpreter start included)

Target (issue 2): listing 10,000 sessions <= 1 s.

    python benchmarks/bench_store.py [--sessions 10000] [--mentors 20] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
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

TOPICS = [
    "the reorg announcement and how to frame it for my leads",
    "pushing back on the Q3 date without sounding like I'm sandbagging",
    "whether to hire a second EM or promote from within",
    "how the exec staff actually decides headcount",
    "the platform migration losing to features again",
    "giving feedback to a staff engineer who outranks the team lead",
    "my first budget cycle at director level",
    "saying no to the COO's pet project",
]


def make_session(rng: random.Random, mentor: str, day: dt.date, n: int) -> dict:
    """One realistic session (about 2-3 kB of JSON: agenda, questions, actions, notes)."""
    from prepcoach.models import (
        ActionItem,
        Agenda,
        AgendaItem,
        ObjectiveProgress,
        Question,
        Session,
        TokenUsage,
    )

    topics = rng.sample(TOPICS, 3)
    items = [AgendaItem(title="Check-in", minutes=3, kind="opening")]
    items += [
        AgendaItem(title=t.capitalize(), minutes=8, kind="question", detail=f"Context: {t}.")
        for t in topics
    ]
    items.append(AgendaItem(title="Actions and next date", minutes=3, kind="close"))
    s = Session(
        mentor=mentor,
        date=day,
        minutes=30,
        accomplishments=[f"Shipped milestone {n} of the migration", "Ran the skip-level round"],
        questions=[
            Question(text=f"How should I handle {t}?", resolved=rng.random() < 0.6) for t in topics
        ],
        agenda=Agenda(mentor=mentor, minutes=30, items=items, engine="offline"),
        notes=" ".join(f"We talked about {t}." for t in topics) * 2,
        action_items=[
            ActionItem(text=f"Draft a one-pager on {topics[0]}", due=day + dt.timedelta(days=14)),
            ActionItem(text="Send the intro", owner="mentor", done=rng.random() < 0.5),
        ],
        objective_progress=[
            ObjectiveProgress(objective_id="budget", note="moved", progressed=True)
        ],
        engine="offline",
        tokens=TokenUsage(prompt_tokens=1800, completion_tokens=450),
    )
    return s.model_dump(mode="json")


def generate(root: Path, sessions: int, mentors: int) -> None:
    from prepcoach.models import Mentor, Plan
    from prepcoach.store import Store

    rng = random.Random(42)
    mentor_ids = [f"mentor-{i:02d}" for i in range(mentors)]
    Store(root).save_plan(
        Plan(mentors=[Mentor(id=m, name=f"Mentor {i:02d}") for i, m in enumerate(mentor_ids)])
    )
    sdir = root / "sessions"
    sdir.mkdir(mode=0o700, exist_ok=True)
    start = dt.date(2000, 1, 1)
    for n in range(sessions):
        mentor = mentor_ids[n % mentors]
        day = start + dt.timedelta(days=n // mentors)
        doc = make_session(rng, mentor, day, n)
        doc["id"] = f"{day.isoformat()}-{mentor}"
        # plain writes: generating test data needs no fsync
        path = sdir / f"{doc['id']}.json"
        path.write_text(json.dumps(doc, indent=2) + "\n")
        os.chmod(path, 0o600)


def measure(root: Path, what: str) -> dict:
    """Runs in a fresh process: one operation, its wall time and the process's peak RSS."""
    from prepcoach.store import Store

    store = Store(root)
    t0 = time.perf_counter()
    if what in ("cold", "warm"):
        n = len(store.list_sessions())
    elif what == "history":
        n = len(store.sessions_for("mentor-07"))
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


def cli_list(root: Path) -> tuple[float, int]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    t0 = time.perf_counter()
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "prepcoach",
            "sessions",
            "list",
            "--format",
            "json",
            "--data",
            str(root),
        ],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    return time.perf_counter() - t0, len(json.loads(out))


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sessions", type=int, default=10_000)
    ap.add_argument("--mentors", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--keep", type=Path, help="data directory to use and keep (default: a temp dir)"
    )
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.measure:
        print(json.dumps(measure(args.keep, args.measure)))
        return 0

    tmp = None
    if args.keep:
        root = args.keep
    else:
        tmp = tempfile.mkdtemp(prefix="prepcoach-bench-")
        root = Path(tmp) / "data"
    try:
        index = root / "sessions" / ".index.json"
        if not (root / "sessions").is_dir():
            t0 = time.perf_counter()
            generate(root, args.sessions, args.mentors)
            print(
                f"generated {args.sessions} sessions / {args.mentors} mentors "
                f"in {time.perf_counter() - t0:.1f} s"
            )
        files = list((root / "sessions").glob("[!.]*.json"))
        size = sum(p.stat().st_size for p in files)
        print(
            f"data: {len(files)} session files, {size / 1e6:.1f} MB "
            f"({size / max(len(files), 1) / 1024:.1f} kB each)"
        )

        results: dict[str, list[dict]] = {"cold": [], "warm": [], "history": []}
        for _ in range(args.repeat):
            index.unlink(missing_ok=True)
            results["cold"].append(run_child(root, "cold"))
            results["warm"].append(run_child(root, "warm"))
            results["history"].append(run_child(root, "history"))
        cli = [cli_list(root) for _ in range(args.repeat)]

        print(f"\nmedian of {args.repeat} runs, each in a fresh process:")
        labels = {
            "cold": "list, cold (no index)",
            "warm": "list, warm (index)",
            "history": "one mentor's history",
        }
        for what, runs in results.items():
            secs = statistics.median(r["seconds"] for r in runs)
            rss = max(r["peak_rss_mb"] for r in runs)
            print(
                f"  {labels[what]:<24} {secs * 1000:8.1f} ms  {runs[0]['items']:>6} items  "
                f"peak RSS {rss:6.1f} MB"
            )
        secs = statistics.median(c[0] for c in cli)
        print(
            f"  {'cli sessions list (json)':<24} {secs * 1000:8.1f} ms  {cli[0][1]:>6} items  "
            "(whole command, interpreter start included)"
        )
        warm = statistics.median(r["seconds"] for r in results["warm"])
        cold = statistics.median(r["seconds"] for r in results["cold"])
        print(
            f"\ncold/warm ratio {cold / warm:.1f}x; target listing <= 1 s: "
            f"warm {'OK' if warm <= 1 else 'MISSED'}, cold {'OK' if cold <= 1 else 'MISSED'}"
        )
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
