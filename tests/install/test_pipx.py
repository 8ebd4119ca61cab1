"""Installs as users install: the built wheel installed with pipx into a temporary HOME, so
the package lands under ``~/.local`` (a dot-folder), then run from there.

pipx installs from the package registry (it drives pip, or uv when uv sits next to it).
The test FAILS when pipx or the registry cannot be reached, unless ``PREPCOACH_INSTALL_TEST=0``
(then it is skipped with that reason). ``PREPCOACH_TEST_WHEEL`` names a wheel already built
(``.ci/run`` passes the one it built); otherwise the test builds one from this checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-25"
INSTALL_TIMEOUT = 900


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """(the installed ``prepcoach`` script, the environment of the temporary HOME)."""
    if os.environ.get("PREPCOACH_INSTALL_TEST") == "0":
        pytest.skip("PREPCOACH_INSTALL_TEST=0: the pipx install test is switched off")
    root = tmp_path_factory.mktemp("pipx")
    home = root / "home"
    home.mkdir()
    # The user's own environment, with HOME moved: no XDG or pipx paths from the caller, so
    # pipx, prepcoach and platformdirs all use their defaults under the new HOME.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("XDG_", "PIPX_", "PREPCOACH_", "OPENAI_", "VIRTUAL_ENV"))
    }
    env["HOME"] = str(home)
    env["PATH"] = f"{home}/.local/bin:{env.get('PATH', '')}"
    wheel = os.environ.get("PREPCOACH_TEST_WHEEL") or _build_wheel(root / "dist")
    pipx = [sys.executable, "-m", "pipx"]
    probe = subprocess.run([*pipx, "--version"], capture_output=True, text=True, env=env)
    if probe.returncode != 0:
        pytest.fail(
            f"pipx is not available to {sys.executable} ({probe.stderr.strip()[-200:]}): "
            "`pip install '.[dev]'` installs it.",
            pytrace=False,
        )
    done = subprocess.run(
        [*pipx, "install", "--python", sys.executable, str(wheel)],
        capture_output=True,
        text=True,
        env=env,
        timeout=INSTALL_TIMEOUT,
    )
    script = home / ".local" / "bin" / "prepcoach"
    if done.returncode != 0 or not script.exists():
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        pytest.fail(f"`pipx install {wheel}` failed (exit {done.returncode}):\n{tail}", False)
    return script, env


def _build_wheel(dist: Path) -> Path:
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(REPO), "-w", str(dist)],
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
    )
    wheels = sorted(dist.glob("prepcoach-*.whl"))
    if done.returncode != 0 or not wheels:
        pytest.fail(f"building the wheel failed: {done.stderr.strip()[-800:]}", pytrace=False)
    return wheels[-1]


def _run(installed: tuple[Path, dict[str, str]], *args: str) -> subprocess.CompletedProcess[str]:
    script, env = installed
    return subprocess.run(
        [str(script), *args], capture_output=True, text=True, env=env, cwd=env["HOME"], timeout=120
    )


def test_installed_under_a_dot_folder(installed):
    script, env = installed
    assert "/.local/" in str(script.resolve()) or "/.local/" in str(script)
    done = subprocess.run(
        [str(script.parent.parent / "share" / "pipx" / "venvs" / "prepcoach" / "bin" / "python"),
         "-c", "import prepcoach, pathlib; print(pathlib.Path(prepcoach.__file__).parent)"],
        capture_output=True, text=True, env=env, cwd=env["HOME"],
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "/.local/share/pipx/" in done.stdout, done.stdout


def test_prompts_list_shows_every_packaged_template(installed):
    done = _run(installed, "prompts", "list")
    assert done.returncode == 0, done.stderr
    packaged = sorted(p.name for p in (REPO / "prompts").glob("*.j2"))
    listed = [ln.split()[0] for ln in done.stdout.splitlines() if ln.split()[-1:] == ["packaged"]]
    assert listed == packaged, done.stdout


def test_doctor_passes(installed):
    done = _run(installed, "doctor")
    assert done.returncode == 0, done.stdout + done.stderr
    line = next(ln for ln in done.stdout.splitlines() if "prompts:" in ln)
    assert line.split()[0] == "ok" and " 0 templates" not in line, done.stdout


def test_offline_agenda_on_the_sample_data(installed, tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(REPO / "sample_sessions", data, ignore=shutil.ignore_patterns(".*"))
    question = "How do I push back on the Q1 date?"
    done = _run(
        installed, "agenda", "--offline", "--data", str(data), "--mentor", "Marcus",
        "--question", question, "--minutes", "30", "--today", TODAY, "--format", "json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    agenda = json.loads(done.stdout)["agenda"]
    assert sum(i["minutes"] for i in agenda["items"]) == 30
    assert any(i["title"] == question for i in agenda["items"]), agenda
