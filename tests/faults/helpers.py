"""Helpers shared by the fault, bad-input and security suites: real prepcoach processes."""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_sessions"
TODAY = "2026-11-24"  # the sample data's "now"


def full_run() -> bool:
    return os.environ.get("PREPCOACH_FULL") == "1"


def rounds(reduced: int, full: int) -> int:
    """Loop count: ``full`` when PREPCOACH_FULL=1 (the long run), else ``reduced`` (CI)."""
    return full if full_run() else reduced


def child_env(**extra: str) -> dict[str, str]:
    """The test's (isolated) environment plus this checkout on PYTHONPATH."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("PREPCOACH_FULL", None)
    env.update(extra)
    return env


def cli(
    *argv: str,
    env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
    stdin: str | None = None,
    timeout: float = 60,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m prepcoach ARGV...` in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "prepcoach", *argv],
        env=env or child_env(),
        preexec_fn=preexec,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
    )


def spawn(code: str, *argv: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """`python -c CODE ARGV...` importing this checkout, stdout/stderr piped."""
    return subprocess.Popen(
        [sys.executable, "-c", code, *argv],
        env=env or child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def one_line_error(proc: subprocess.CompletedProcess[str], code: int = 2, *needles: str) -> str:
    """A failure that is one clear `prepcoach: ...` line on stderr, no traceback."""
    err = proc.stderr
    assert proc.returncode == code, (proc.returncode, proc.stdout[-2000:], err[-3000:])
    assert "Traceback" not in err, err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    last = lines[-1] if lines else ""
    assert last.startswith("prepcoach: "), err
    for needle in needles:
        assert needle in last, (needle, last)
    return last


def copy_sample(dst: Path) -> Path:
    shutil.copytree(SAMPLE, dst, ignore=shutil.ignore_patterns(".*", "drafts", "corrupt"))
    return dst


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every regular file under ``root`` (relative path -> content)."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


# --------------------------------------------------------------- unprivileged


_PR_CAPBSET_DROP = 24
# CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER: what lets root ignore file modes
_DAC_CAPS = (1, 2, 3)
NOBODY = 65534


def _drop_dac_caps() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in _DAC_CAPS:
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _capdrop_works() -> bool:
    try:
        proc = subprocess.run(
            [sys.executable, "-c", "pass"], preexec_fn=_drop_dac_caps, capture_output=True
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return proc.returncode == 0


def unprivileged(paths: Iterable[Path] = ()) -> Callable[[], None] | None:
    """A ``preexec_fn`` that makes the child obey file modes, or None when we are not root.

    Tests run as root here and in CI, and root ignores chmod. As root the child loses the
    capabilities that bypass file modes (it stays uid 0, so it can still run the venv
    wherever CI put it); where that is not possible it runs as uid 65534 instead, and
    ``paths`` are opened up (mode o+rX) for it to read.
    """
    if os.geteuid() != 0:
        return None
    if _capdrop_works():
        return _drop_dac_caps
    for root in paths:
        for p in [root, *root.rglob("*")]:
            extra = 0o005 if p.is_dir() else 0o004
            os.chmod(p, (p.stat().st_mode & 0o7777) | extra)
        for parent in root.parents:
            os.chmod(parent, (parent.stat().st_mode & 0o7777) | 0o001)

    def become_nobody() -> None:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)

    return become_nobody


def fsize_limit(limit: int) -> Callable[[], None]:
    """A ``preexec_fn``: files cannot grow past ``limit`` bytes (EFBIG, as on a full disk)."""
    import resource

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # ignored dispositions survive exec
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply
