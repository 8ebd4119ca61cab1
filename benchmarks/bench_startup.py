"""Data shown: `prepcoach --data D` with the user's data on screen vs a bare Textual app.

The main figure is "data shown": from launch until a mentor's name from the data is on the
dashboard (read from the tmux pane), against a bare Textual app's first paint (Header,
Static, Footer; same venv). Both run side by side in one run, alternating, each in a fresh
tmux pane polled with `tmux capture-pane`, for two data directories: the sample data and a
generated one with 10,000 sessions (20 mentors; `bench_scale.generate`). The first
prepcoach run on each warms the store's listing cache, as the user's previous run would.
"First paint" (the dashboard frame: the screen switcher line) is reported next to it.

A second, load-robust figure for both: the CPU time each process has used when
its first frame is on the terminal (Textual's Ready event) and, for prepcoach, when the
dashboard first shows data, read with getrusage by a small wrapper that exits then.

Usage: python benchmarks/bench_startup.py [--runs N] [--target 1.5] [--sessions 10000]
Needs tmux. Exit 1 if, for either data directory, the ratio of the medians (data shown /
bare first paint) is above the target.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Static


class Bare(App):
    def compose(self):
        yield Header()
        yield Static("bare app ready")
        yield Footer()


Bare().run()
"""


# Wrappers for the CPU-time figure: at the first paint (Ready) or once the dashboard has
# first shown data, append the process's CPU seconds so far to the file named in argv[1]
# (read at that moment: work that goes on after it, such as the full read, is not counted)
# and exit.
CPU_REPORT = """
import resource


def report():
    _r = resource.getrusage(resource.RUSAGE_SELF)
    with open(OUT, "a") as _fh:
        _fh.write(f"{_r.ru_utime + _r.ru_stime:.4f}\\n")
"""
CPU_BARE = (
    "import sys\nOUT = sys.argv[1]\n"
    + CPU_REPORT
    + BARE.replace(
        "yield Footer()\n",
        "yield Footer()\n\n    def on_ready(self):\n        report()\n        self.exit()\n",
    )
)
CPU_PREP = (
    """
import sys
OUT, MODE, DATA = sys.argv[1], sys.argv[2], sys.argv[3]
"""
    + CPU_REPORT
    + """
import prepcoach.tui.app as A

_ready = A.PrepcoachApp.on_ready


def on_ready(self):
    _ready(self)
    if MODE == "paint":
        report()
        self.exit()


A.PrepcoachApp.on_ready = on_ready
if MODE == "data":
    import prepcoach.tui.screens.dashboard as D

    _show = D.DashboardScreen.show
    _done = []

    def show(self, data):
        _show(self, data)  # (the first call is the first data paint)

        def painted():
            if not _done:
                _done.append(True)
                report()
                self.app.exit()

        self.call_after_refresh(painted)

    D.DashboardScreen.show = show
from prepcoach.cli import main

main(["--data", DATA])
"""
)


def cpu_seconds(cmd: list[str], out: Path, env: dict[str, str], timeout: float) -> float:
    """Run ``cmd`` (a wrapper that appends its CPU time to ``out``) in a tmux pane."""
    out.unlink(missing_ok=True)
    name = f"pccpu{os.getpid()}{time.monotonic_ns() % 100000}"
    shell = " ".join(_quote(c) for c in cmd)
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", "100", "-y", "30", shell],
        check=True,
        env=env,
    )
    start = time.perf_counter()
    try:
        while not out.exists() or not out.read_text().strip():
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{cmd[-1]}: no CPU figure in {timeout}s")
            time.sleep(0.01)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    return float(out.read_text().split()[0])


def sample_dir() -> Path:
    for candidate in (REPO / "sample_sessions",):
        if (candidate / "plan.json").is_file():
            return candidate
    import prepcoach

    return Path(prepcoach.__file__).resolve().parent / "sample_sessions"


def first_seen(
    cmd: list[str], markers: list[str], env: dict[str, str], timeout: float
) -> list[float]:
    """Seconds from launch until each marker is on screen (in order of ``markers``)."""
    name = f"pcbench{os.getpid()}{time.monotonic_ns() % 100000}"
    shell = " ".join(_quote(c) for c in cmd)
    found: dict[str, float] = {}
    start = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", "100", "-y", "30", shell],
        check=True,
        env=env,
    )
    try:
        while len(found) < len(markers):
            now = time.perf_counter() - start
            if now > timeout:
                raise TimeoutError(f"{cmd[-1]}: {set(markers) - set(found)} not seen in {timeout}s")
            out = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True
            ).stdout
            for m in markers:
                if m not in found and m in out:
                    found[m] = now
            time.sleep(0.003)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    return [found[m] for m in markers]


def _quote(s: str) -> str:
    return "'" + s.replace("'", "'\\''") + "'"


def ten_thousand(root: Path, sessions: int) -> str:
    """Generate ``sessions`` sessions across 20 mentors into ``root``; a mentor's name."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_scale", REPO / "benchmarks" / "bench_scale.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.generate(root, sessions, 20)
    return "Mentor 00"


def alternate(
    bare_cmd: list[str],
    prep_cmd: list[str],
    name: str,
    runs: int,
    env: dict[str, str],
    timeout: float,
) -> tuple[list[float], list[float], list[float]]:
    """``runs`` alternations of the bare app and prepcoach (order swapped every other
    round): bare first paints, prepcoach first paints, prepcoach data shown."""
    bare_t: list[float] = []
    paint_t: list[float] = []
    data_t: list[float] = []
    for i in range(runs):
        order = ["bare", "prep"] if i % 2 == 0 else ["prep", "bare"]
        for which in order:
            if which == "bare":
                bare_t += first_seen(bare_cmd, ["bare app ready"], env, timeout)
            else:
                p, d = first_seen(prep_cmd, ["1 Dashboard", name], env, timeout)
                paint_t.append(p)
                data_t.append(d)
    return bare_t, paint_t, data_t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15, help="alternations per data dir (default 15)")
    ap.add_argument("--target", type=float, default=1.5, help="max data-shown ratio (default 1.5)")
    ap.add_argument("--sessions", type=int, default=10_000, help="sessions in the large data dir")
    ap.add_argument("--timeout", type=float, default=30.0)
    args = ap.parse_args()
    if shutil.which("tmux") is None:
        print("bench_startup: tmux is needed", file=sys.stderr)
        return 2

    tmp = Path(tempfile.mkdtemp(prefix="pcbench-"))
    keeper = f"pcbench-keep-{os.getpid()}"
    # one idle session keeps the tmux server up between runs (no restart in the timings)
    subprocess.run(["tmux", "new-session", "-d", "-s", keeper, "sleep 3600"], check=True)
    try:
        sample = tmp / "sample"
        shutil.copytree(sample_dir(), sample)
        large = tmp / "large"
        large.mkdir()
        large_name = ten_thousand(large, args.sessions)
        bare = tmp / "bare.py"
        bare.write_text(BARE, "utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "PREPCOACH_"))}
        env["PREPCOACH_CONFIG_DIR"] = str(tmp / "config")
        env["TERM"] = env.get("TERM", "xterm-256color")
        py = sys.executable
        bare_cmd = [py, str(bare)]
        # Bytecode as an installed copy has it (pip compiles on install): an editable
        # checkout run with PYTHONDONTWRITEBYTECODE=1 would otherwise compile every
        # prepcoach module from source at each start, which no installed user pays.
        import compileall

        import prepcoach

        compileall.compile_dir(Path(prepcoach.__file__).parent, quiet=1)
        cases = [
            ("sample data", sample, "Priya Raman"),
            (f"{args.sessions:,} sessions", large, large_name),
        ]
        # warm the OS file cache, the bytecode and each data dir's listing cache once
        first_seen(bare_cmd, ["bare app ready"], env, args.timeout)
        for _, data, name in cases:
            first_seen([py, "-m", "prepcoach", "--data", str(data)], [name], env, 120)
        load_before = os.getloadavg()
        results = []
        for label, data, name in cases:
            prep_cmd = [py, "-m", "prepcoach", "--data", str(data)]
            results.append(
                (label, *alternate(bare_cmd, prep_cmd, name, args.runs, env, args.timeout))
            )

        cpu_bare_py = tmp / "cpu_bare.py"
        cpu_bare_py.write_text(CPU_BARE, "utf-8")
        cpu_prep_py = tmp / "cpu_prep.py"
        cpu_prep_py.write_text(CPU_PREP, "utf-8")
        out = tmp / "cpu.txt"
        cpu: dict[str, list[float]] = {"bare": []}
        for _ in range(args.runs):
            cpu["bare"].append(cpu_seconds([py, str(cpu_bare_py), str(out)], out, env, 30))
            for label, data, _ in cases:
                for mode in ("paint", "data"):
                    cmd = [py, str(cpu_prep_py), str(out), mode, str(data)]
                    cpu.setdefault(f"{label} {mode}", []).append(
                        cpu_seconds(cmd, out, env, args.timeout)
                    )
        load_after = os.getloadavg()

        print(
            f"{args.runs} alternations per data dir, tmux 100x30, python {sys.version.split()[0]}, "
            f"{os.cpu_count()} CPUs, load average {load_before[0]:.2f} before, "
            f"{load_after[0]:.2f} after"
        )
        ok = True
        for label, bare_t, paint_t, data_t in results:
            b, p, d = (statistics.median(x) for x in (bare_t, paint_t, data_t))
            met = d / b <= args.target
            ok = ok and met
            print(f"{label}:")
            print(f"  bare Textual app, first paint:  median {b * 1000:7.1f} ms")
            print(f"  prepcoach, first paint:         median {p * 1000:7.1f} ms  ({p / b:.2f}x)")
            print(
                f"  prepcoach, data shown:          median {d * 1000:7.1f} ms  ({d / b:.2f}x)"
                f"  target <= {args.target:.2f}x: {'met' if met else 'NOT met'}"
            )
        cb = statistics.median(cpu["bare"])
        print("CPU time used by then (getrusage, medians):")
        print(f"  bare app, first paint:          {cb * 1000:7.1f} ms")
        for label, _, _ in cases:
            cp, cd = (statistics.median(cpu[f"{label} {m}"]) for m in ("paint", "data"))
            print(f"  {label}:")
            print(f"    prepcoach, first paint:       {cp * 1000:7.1f} ms  ({cp / cb:.2f}x)")
            print(f"    prepcoach, data shown:        {cd * 1000:7.1f} ms  ({cd / cb:.2f}x)")
        return 0 if ok else 1
    finally:
        subprocess.run(["tmux", "kill-session", "-t", keeper], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
