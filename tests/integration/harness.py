"""The real CLI run as a subprocess against a server behind the recording proxy."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from integration.recorder import Exchange, Recorder
from integration.server import LlamaServer

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_sessions"
TODAY = "2026-11-25"  # the sample data's clocks (terms, carry-over) are fixed as of this day
CLI_TIMEOUT = float(os.environ.get("PREPCOACH_TEST_CLI_TIMEOUT", "300"))
API_KEY = os.environ.get("PREPCOACH_TEST_API_KEY", "sk-local")
# (label, seconds, exit code or None for a timeout) of every CLI run, for the summary.
TIMINGS: list[tuple[str, float, int | None]] = []
# Variables of the developer's own setup that must not reach the CLI under test.
DROPPED = ("OPENAI_", "PREPCOACH_HOME", "PREPCOACH_MODEL", "PREPCOACH_CONFIG_DIR")


@dataclass
class Target:
    """A server the CLI talks to, through the recording proxy."""

    name: str
    server: LlamaServer
    recorder: Recorder

    @property
    def base_url(self) -> str:
        return self.recorder.url + "/v1"


@dataclass
class Run:
    """One CLI run: what it printed, how it ended, what the server received meanwhile."""

    args: tuple[str, ...]
    code: int | None  # None: killed after CLI_TIMEOUT
    stdout: str
    stderr: str
    seconds: float
    requests: list[Exchange] = field(default_factory=list)

    @property
    def chats(self) -> list[Exchange]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def json(self) -> Any:
        assert self.code == 0, self.explain()
        try:
            return json.loads(self.stdout)
        except ValueError as exc:
            msg = f"stdout is not one JSON document ({exc}).\n" + self.explain()
            raise AssertionError(msg) from None

    def explain(self) -> str:
        """What a failing assertion shows: the command, exit, time, stderr and the exchanges."""
        ended = "timed out" if self.code is None else f"exit {self.code}"
        lines = [f"prepcoach {' '.join(self.args)}: {ended} after {self.seconds:.1f}s"]
        lines.append("stderr: " + (self.stderr.strip()[-2000:] or "(empty)"))
        lines.append(f"stdout: {self.stdout.strip()[:800] or '(empty)'}")
        for r in self.requests:
            body = r.json() if r.method == "POST" else None
            fmt = body.get("response_format") if isinstance(body, dict) else None
            lines.append(
                f"  {r.method} {r.path} -> {r.status} in {r.seconds:.1f}s"
                + (f" response_format={json.dumps(fmt)[:80]}" if fmt else "")
                + (f" reply={r.reply[:200]!r}" if r.status != 200 else "")
            )
        return "\n".join(lines)


def prepcoach_command() -> list[str]:
    """The installed console script next to this Python, as a user runs it."""
    script = Path(sys.executable).parent / "prepcoach"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "prepcoach"]


def child_env(target: Target, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(DROPPED)}
    env.update(
        OPENAI_BASE_URL=target.base_url,
        OPENAI_API_KEY=API_KEY,
        PREPCOACH_MODEL=target.server.model,
        PREPCOACH_CONFIG_DIR=str(home / "config"),
        XDG_CONFIG_HOME=str(home / "xdg-config"),
        XDG_DATA_HOME=str(home / "xdg-data"),
        NO_COLOR="1",
        # a CPU model on 2 busy cores may read a 2k-token prompt for minutes: the stream
        # clocks get most of the run's time (the defaults suit a machine of one's own)
        PREPCOACH_TIMEOUT=f"{CLI_TIMEOUT:g}",
        PREPCOACH_FIRST_TOKEN_TIMEOUT=f"{CLI_TIMEOUT * 0.6:g}",
    )
    return env


def private_sample(home: Path) -> Path:
    """A copy of the sample data with the modes prepcoach gives its own data (0700/0600)."""
    data = home / "data"
    shutil.copytree(SAMPLE, data, ignore=shutil.ignore_patterns(".*", "drafts", "corrupt"))
    for path in [data, *data.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    return data


def run_cli(target: Target, home: Path, *args: str, stdin: str | None = None) -> Run:
    data = private_sample(home)
    mark = target.recorder.mark()
    t0 = time.monotonic()
    wall = time.time()
    try:
        done = subprocess.run(
            [*prepcoach_command(), "--data", str(data), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=child_env(target, home),
            timeout=CLI_TIMEOUT,
            check=False,
        )
        code, out, err = done.returncode, done.stdout, done.stderr
    except subprocess.TimeoutExpired as exc:
        code, out = None, _text(exc.stdout)
        err = _text(exc.stderr) + f"\n[killed after {CLI_TIMEOUT:.0f}s]"
    seconds = time.monotonic() - t0
    TIMINGS.append((f"{target.name}: prepcoach {' '.join(args)}"[:90], seconds, code))
    # only what this run sent: a request of an earlier run killed at its time limit may be
    # kept only when the server finally answers it, during this run
    mine = [r for r in target.recorder.since(mark) if r.started >= wall - 0.5]
    return Run(tuple(args), code, out, err, seconds, mine)


def _text(raw: bytes | str | None) -> str:
    if raw is None:
        return ""
    return raw if isinstance(raw, str) else raw.decode("utf-8", "replace")
