"""Prompt size and speed: history trimmed to a token budget, and a fast offline start.

Measures, side by side in one run:
  1. agenda prompt tokens for 10, 1,000 and 10,000 past sessions with one mentor
     (flat at the history budget once the history is longer than the budget);
  2. the prompt build time at 10,000 sessions: from sessions already in memory (rendering,
     trimming, counting) and end to end through the store (the index, then only the
     sessions the prompt needs are parsed), next to what parsing every file and running
     carry-over on every session (the old path's first steps) cost;
  3. `prepcoach agenda --offline` wall time on the sample data in a fresh process, checking
     that openai was not imported, next to the time `import openai` alone takes.

Run: python benchmarks/bench_prompt.py [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from prepcoach.agenda import carried_over  # noqa: E402
from prepcoach.models import (  # noqa: E402
    ActionItem,
    Mentor,
    Objective,
    ObjectiveProgress,
    Plan,
    Question,
    Session,
)
from prepcoach.services import AgendaRequest, Services  # noqa: E402
from prepcoach.settings import load_settings  # noqa: E402
from prepcoach.store import SessionSummary, Store, dump_model  # noqa: E402

TODAY = dt.date(2026, 11, 25)


def make_data(root: Path, n: int) -> None:
    """A plan with one mentor and ``n`` realistic sessions, written directly (setup only)."""
    plan = Plan(
        mentors=[Mentor(id="ana-lima", name="Ana Lima", status="active", support_areas=["scope"])],
        objectives=[
            Objective(
                id="budget",
                title="Run the budget cycle myself",
                done_when="Plan accepted without rewrites",
                support_area="scope",
                mentors=["ana-lima"],
            )
        ],
    )
    (root / "sessions").mkdir(parents=True)
    (root / "plan.json").write_bytes(dump_model(plan))
    start = TODAY - dt.timedelta(days=n + 1)
    for i in range(n):
        day = start + dt.timedelta(days=i)
        s = Session(
            mentor="ana-lima",
            date=day,
            minutes=45,
            accomplishments=[f"Shipped release {i} of the billing service on time"],
            questions=[
                Question(
                    text=f"How should I frame the headcount ask number {i} for finance?",
                    resolved=True,
                    answer="Argue the deltas, not the total; show the cost of not doing it.",
                )
            ],
            action_items=[ActionItem(text=f"Send the one-pager v{i}", done=True)],
            objective_progress=[ObjectiveProgress(objective_id="budget", note="Moved forward")],
            notes="We talked through the finance review and who decides what. " * 2,
        )
        (root / "sessions" / f"{day.isoformat()}-ana-lima-{i}.json").write_bytes(dump_model(s))


class MemoryStore(Store):
    """The store with sessions already parsed (to time prompt building alone)."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self._cache: dict[str, list[Session]] = {}
        self._summaries: dict[str | None, list[SessionSummary]] = {}
        self._sessions: dict[str, Session] = {}
        self._plan = super().load_plan()

    def load_plan(self) -> Plan:
        return self._plan

    def list_sessions(self, mentor: str | None = None) -> list[SessionSummary]:
        if mentor not in self._summaries:
            self._summaries[mentor] = super().list_sessions(mentor)
        return self._summaries[mentor]

    def load_session(self, session_id: str) -> Session:
        if session_id not in self._sessions:
            self._sessions[session_id] = super().load_session(session_id)
        return self._sessions[session_id]

    def sessions_for(self, mentor: str) -> list[Session]:
        if mentor not in self._cache:
            self._cache[mentor] = super().sessions_for(mentor)
        return self._cache[mentor]


def settings_objectives(store: Store) -> list[Objective]:
    return list(store.load_plan().objectives)


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1,000 instead of 10,000 sessions")
    args = ap.parse_args()
    sizes = [10, 1_000] if args.quick else [10, 1_000, 10_000]
    biggest = sizes[-1]
    tmp = Path(tempfile.mkdtemp(prefix="prepcoach-bench-"))
    os.environ["PREPCOACH_CONFIG_DIR"] = str(tmp / "config")
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "PREPCOACH_HOME"):
        os.environ.pop(var, None)
    try:
        req = AgendaRequest(
            mentor="Ana", questions=["How do I hand the budget to my finance partner?"], today=TODAY
        )
        print("agenda prompt size by history length (one mentor)")
        print(f"{'sessions':>9}  {'prompt tokens':>13}  {'in prompt':>9}  {'omitted':>8}")
        results = {}
        for n in sizes:
            root = tmp / f"d{n}"
            make_data(root, n)
            settings = load_settings(data=root)
            p = Services(settings, Store(root)).preview_agenda(req)
            results[n] = p
            print(
                f"{n:>9,}  {p.prompt_tokens:>13,}  {p.history_sessions:>9,}  "
                f"{p.history_omitted:>8,}"
            )
        budget = load_settings(data=tmp).history_token_budget
        print(f"history budget: {budget:,} tokens; exact counts: {results[biggest].tokens_exact}")

        root = tmp / f"d{biggest}"
        settings = load_settings(data=root)
        mem = MemoryStore(root)
        svc = Services(settings, mem)
        svc.preview_agenda(req)  # parse once, warm the tokenizer and templates
        t_mem = best_of(lambda: svc.preview_agenda(req), 5)
        t_store = best_of(lambda: Services(settings, Store(root)).preview_agenda(req), 3)
        # For scale: what the agenda used to do first, parse every session of the mentor
        # and look for carry-over in all of them (it now reads the index and parses only
        # the sessions it needs).
        t_parse_all = best_of(lambda: Store(root).sessions_for("ana-lima"), 3)
        every = mem.sessions_for("ana-lima")
        t_carry_all = best_of(lambda: carried_over(every, settings_objectives(mem)), 3)
        print(f"\nprompt build at {biggest:,} sessions")
        print(f"  from parsed sessions (render, trim, count): {t_mem * 1000:8.1f} ms")
        print(f"  end to end through the store ({biggest:,} files): {t_store * 1000:8.1f} ms")
        print("  for scale, the old path's first steps:")
        print(f"    parse every session file:                 {t_parse_all * 1000:8.1f} ms")
        print(f"    carried_over over every session:          {t_carry_all * 1000:8.1f} ms")

        sample = tmp / "sample"
        shutil.copytree(REPO / "sample_sessions", sample)
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        code = (
            "import sys, io, contextlib, time\n"
            "t0 = time.perf_counter()\n"
            "from prepcoach.cli import main\n"
            "buf = io.StringIO()\n"
            "with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(io.StringIO()):\n"
            f"    rc = main(['agenda', '--offline', '--data', {str(sample)!r}, '--mentor',\n"
            "               'Priya', '--question', 'How do I hand off the budget?',\n"
            "               '--minutes', '45', '--today', '2026-11-25'])\n"
            "print(rc, 'openai' in sys.modules, time.perf_counter() - t0)\n"
        )
        walls, inner, imported = [], [], []
        for _ in range(5):
            t0 = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
            ).stdout.split()
            walls.append(time.perf_counter() - t0)
            assert out[0] == "0", out
            imported.append(out[1] == "True")
            inner.append(float(out[2]))
        t_openai = []
        for _ in range(5):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import openai"], check=True, env=env)
            t_openai.append(time.perf_counter() - t0)
        t_bare = []
        for _ in range(5):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], check=True, env=env)
            t_bare.append(time.perf_counter() - t0)
        med = statistics.median
        print("\n`prepcoach agenda --offline` on sample_sessions (fresh process, median of 5)")
        print(f"  wall time, process start to exit:   {med(walls) * 1000:8.1f} ms")
        print(f"  in-process (import + command):      {med(inner) * 1000:8.1f} ms")
        print(f"  openai imported:                    {any(imported)}")
        print(f"  for scale, `python -c pass`:        {med(t_bare) * 1000:8.1f} ms")
        print(f"  for scale, `import openai` alone:   {med(t_openai) * 1000:8.1f} ms")
        print(
            json.dumps(
                {
                    "prompt_tokens": {str(n): results[n].prompt_tokens for n in sizes},
                    "history_budget": budget,
                    "build_ms_memory": round(t_mem * 1000, 1),
                    "build_ms_store": round(t_store * 1000, 1),
                    "parse_all_ms": round(t_parse_all * 1000, 1),
                    "carried_over_all_ms": round(t_carry_all * 1000, 1),
                    "offline_agenda_wall_ms": round(med(walls) * 1000, 1),
                    "openai_imported": any(imported),
                    "import_openai_ms": round(med(t_openai) * 1000, 1),
                }
            )
        )
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
