"""The real model server for the integration suite: llama-cpp-python's OpenAI-compatible
server running SmolLM2-135M on 127.0.0.1, a free port, and a chosen context length.

``start_llama(n_ctx, log_dir)`` returns a running ``LlamaServer`` once ``/v1/models`` answers,
or raises ``ServerUnavailable`` with the reason (llama-cpp-python missing, model missing or
corrupt, the process died, no answer in time) and the tail of the server's log.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from integration.model import ModelUnavailable, ensure_model

ALIAS = "smollm2"  # the model name the server answers to (``--model_alias``)
START_TIMEOUT = 180.0


class ServerUnavailable(RuntimeError):
    """The real server could not be started or reached."""


class ServerNotInstalled(ServerUnavailable):
    """llama-cpp-python[server] is not importable by the Python that would run it."""


@dataclass
class LlamaServer:
    process: subprocess.Popen[bytes] | None
    url: str  # scheme://host:port, no path
    n_ctx: int | None
    model: str
    log_path: Path | None

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get_models(url: str, api_key: str = "sk-local", timeout: float = 5.0) -> list[str]:
    """The model ids ``GET {url}/v1/models`` lists; raises ``OSError`` when it does not answer."""
    req = urllib.request.Request(
        url.rstrip("/") + "/v1/models", headers={"Authorization": f"Bearer {api_key}"}
    )
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        data = json.loads(resp.read().decode("utf-8"))
    return [str(m.get("id")) for m in data.get("data", [])]


def _log_tail(path: Path | None, lines: int = 15) -> str:
    if path is None or not path.is_file():
        return ""
    tail = path.read_text("utf-8", "replace").strip().splitlines()[-lines:]
    return "\n  server log (last lines):\n    " + "\n    ".join(tail)


def start_llama(n_ctx: int, log_dir: Path) -> LlamaServer:
    python = os.environ.get("PREPCOACH_LLAMA_PYTHON") or sys.executable
    probe = subprocess.run(
        [python, "-c", "import llama_cpp.server, uvicorn"], capture_output=True, text=True
    )
    if probe.returncode != 0:
        raise ServerNotInstalled(
            f"llama-cpp-python[server] is not importable by {python}: "
            f"{probe.stderr.strip().splitlines()[-1:] or probe.returncode}. Install it with "
            "the CMAKE_ARGS in .ci/run (`bash .ci/run` does), or point "
            "PREPCOACH_LLAMA_PYTHON at a Python that has it."
        )
    try:
        model = ensure_model()
    except ModelUnavailable as exc:
        raise ServerUnavailable(f"the test model is unavailable: {exc}") from None
    port = free_port()
    log_path = log_dir / f"llama-server-{n_ctx}.log"
    threads = str(os.cpu_count() or 2)
    cmd = [
        python, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", ALIAS,
        "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx),
        "--n_threads", threads, "--n_threads_batch", threads,
    ]  # fmt: skip
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    server = LlamaServer(proc, f"http://127.0.0.1:{port}", n_ctx, ALIAS, log_path)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerUnavailable(
                f"the llama.cpp server exited with code {proc.returncode} while starting "
                f"(n_ctx {n_ctx})." + _log_tail(log_path)
            )
        try:
            if ALIAS in get_models(server.url, timeout=2.0):
                return server
        except (OSError, ValueError):
            pass
        time.sleep(0.5)
    server.stop()
    raise ServerUnavailable(
        f"the llama.cpp server did not answer /v1/models within {START_TIMEOUT:.0f}s "
        f"(n_ctx {n_ctx})." + _log_tail(log_path)
    )


def external_server(url: str, api_key: str) -> LlamaServer:
    """A server someone else runs (Ollama, vLLM, ...) at ``url`` (``.../v1`` or its root)."""
    root = url.rstrip("/").removesuffix("/v1")
    try:
        models = get_models(root, api_key, timeout=10.0)
    except (OSError, ValueError) as exc:
        raise ServerUnavailable(f"PREPCOACH_TEST_BASE_URL={url} did not answer: {exc}") from None
    model = os.environ.get("PREPCOACH_TEST_MODEL") or (models[0] if models else "")
    if not model:
        raise ServerUnavailable(
            f"{url} lists no models: set PREPCOACH_TEST_MODEL to the one to use."
        )
    return LlamaServer(None, root, None, model, None)
