"""Start fast: importing the CLI, the services and the TUI app never imports openai.

Also no tokenizer data, jinja2 environment or network at import time.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys


def test_openai_is_not_imported_by_the_entry_points():
    modules = ["prepcoach.cli", "prepcoach.services", "prepcoach.cli.commands.agenda"]
    if importlib.util.find_spec("prepcoach.tui.app") is not None:
        modules.append("prepcoach.tui.app")
    code = (
        "import json, sys\n"
        f"for m in {modules!r}:\n"
        "    __import__(m)\n"
        "from prepcoach.cli import build_parser\n"
        "build_parser()\n"
        "print(json.dumps({\n"
        "    'openai': 'openai' in sys.modules,\n"
        "    'httpx': any(k.startswith('httpx') for k in sys.modules),\n"
        "    'tiktoken': 'tiktoken' in sys.modules,\n"
        "}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    loaded = json.loads(proc.stdout)
    assert loaded == {"openai": False, "httpx": False, "tiktoken": False}, loaded


def test_offline_agenda_never_imports_openai(tmp_path):
    import shutil
    from pathlib import Path

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "sample_sessions", data)
    code = (
        "import sys, io, contextlib\n"
        "from prepcoach.cli import main\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        f"    rc = main(['agenda', '--data', {str(data)!r}, '--mentor', 'Priya',\n"
        "               '--question', 'How?', '--today', '2026-11-25'])\n"
        "assert rc == 0, rc\n"
        "print('openai' in sys.modules)\n"
    )
    env = {"PREPCOACH_CONFIG_DIR": str(tmp_path / "cfg"), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


def test_services_and_engines_import_no_model_client_templates_or_tokenizer():
    modules = [
        "prepcoach.services",
        "prepcoach.engines.base",
        "prepcoach.engines.offline_engine",
        "prepcoach.engines.llm",
    ]
    code = (
        "import json, sys\n"
        f"for m in {modules!r}:\n"
        "    __import__(m)\n"
        "heavy = ('openai', 'httpx', 'jinja2', 'tiktoken')\n"
        "print(json.dumps(sorted(k for k in sys.modules if k.split('.')[0] in heavy)))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []
