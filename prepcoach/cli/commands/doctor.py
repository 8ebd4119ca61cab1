"""`prepcoach doctor`: checks the setup and says what to fix.

Config, API key (presence and source only, never the key), endpoint and model,
tokenizer, prompt templates, data directory and files. Exit 1 if a check failed. A broken
config is itself a check, so doctor builds its settings itself rather than through the
run wrapper.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prepcoach.cli.common import add_data_flag, add_format_flag, settings_from
from prepcoach.cli.output import print_json, print_text
from prepcoach.errors import EXIT_CHECK_FAILED, PrepcoachError
from prepcoach.text import plural

if TYPE_CHECKING:
    from prepcoach.settings import Settings


class Checks:
    def __init__(self) -> None:
        self.rows: list[dict[str, str]] = []

    def add(self, name: str, status: str, detail: str, fix: str = "") -> None:
        self.rows.append({"check": name, "status": status, "detail": detail, "fix": fix})

    @property
    def failed(self) -> bool:
        return any(r["status"] == "fail" for r in self.rows)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r["status"] == status)

    def verdict(self) -> str:
        """The last line: failures and warnings counted ("No failures; 2 warnings.")."""
        fails, warns = self.count("fail"), self.count("warn")
        if fails:
            also = f" and {plural(warns, 'warning')}" if warns else ""
            return f"{plural(fails, 'check')} failed{also}: see the fixes above."
        if warns:
            return f"No failures; {plural(warns, 'warning')}: see the fixes above."
        return "All checks passed."


HELP = "check config, key, endpoint, model, tokenizer, prompts and data"
DESCRIPTION = (
    "Checks the setup and says what to fix. Never shows the API key. Exit 1 if a check failed."
)


def cmd_doctor(args: argparse.Namespace) -> int:
    checks = Checks()
    from prepcoach.settings import default_config_dir, load_settings

    try:
        settings = settings_from(args)
    except PrepcoachError as exc:
        checks.add("config", "fail", exc.message, exc.hint or "Fix the config file.")
        # carry on without the file, so the other checks still run
        real_dir = default_config_dir()
        fallback = load_settings(data=args.data, config_dir=Path(os.devnull) / "none")
        sources = {**fallback.sources, "config_file": "invalid, ignored for the checks below"}
        settings = dataclasses.replace(fallback, config_dir=real_dir, sources=sources)
    else:
        cfg = settings.config_file
        state = "found" if cfg.exists() else "not present (defaults and environment used)"
        checks.add("config", "ok", f"{cfg}: {state}")
    rows = settings.describe()

    # key: presence and source only
    if settings.api_key:
        checks.add("api key", "ok", f"set (from {settings.sources.get('api_key') or '?'})")
    else:
        checks.add(
            "api key",
            "info",
            "not set: the offline engine is used",
            "Set OPENAI_API_KEY (any value for local servers such as Ollama) to use a model.",
        )

    _check_endpoint(settings, checks, args.timeout)
    _check_tokenizer(checks)
    _check_prompts(settings, checks)
    _check_data(settings, checks)

    if args.format == "json":
        print_json(
            {
                "ok": not checks.failed,
                "failures": checks.count("fail"),
                "warnings": checks.count("warn"),
                "settings": [{"setting": s, "value": v, "source": src} for s, v, src in rows],
                "checks": checks.rows,
            }
        )
    else:
        lines = ["# prepcoach doctor", "", "Settings:"]
        w = max(len(s) for s, _, _ in rows)
        lines += [f"  {s:<{w}}  {v}  ({src})" for s, v, src in rows]
        lines += ["", "Checks:"]
        marks = {"ok": "ok  ", "fail": "FAIL", "warn": "warn", "info": "info"}
        for r in checks.rows:
            lines.append(f"  {marks.get(r['status'], r['status'])}  {r['check']}: {r['detail']}")
            if r["fix"] and r["status"] != "ok":
                lines.append(f"        fix: {r['fix']}")
        lines.append("")
        lines.append(checks.verdict())
        print_text("\n".join(lines))
    return EXIT_CHECK_FAILED if checks.failed else 0


def _check_endpoint(settings: Settings, checks: Checks, timeout: float) -> None:
    if not settings.api_key and not settings.base_url:
        checks.add("endpoint", "info", "not checked (no API key or base URL configured)")
        return
    from prepcoach.engines.llm import LLM

    llm = LLM(settings)
    try:
        models = llm.list_models(timeout=timeout)
    except PrepcoachError as exc:
        checks.add("endpoint", "fail", exc.message, exc.hint)
        return
    checks.add("endpoint", "ok", f"{llm.base_url} answered; {plural(len(models), 'model')} offered")
    if not models:
        checks.add("model", "warn", f'"{settings.model}": the server lists no models to check')
    elif settings.model in models:
        checks.add("model", "ok", f'"{settings.model}" is offered')
    else:
        shown = ", ".join(models[:8]) + (" …" if len(models) > 8 else "")
        lenient = settings.is_local and len(models) == 1
        checks.add(
            "model",
            "warn" if lenient else "fail",
            f'"{settings.model}" is not among the models offered ({shown})'
            + ("; a local server with one model often answers to any name" if lenient else ""),
            "Pick one with --model, PREPCOACH_MODEL or `model = ...` in config.toml.",
        )
    _check_model_facts(llm, checks)
    price = settings.price_for()
    if price == (0.0, 0.0):
        why = "an endpoint on this machine" if settings.is_local else "price 0 in config.toml"
        checks.add("prices", "ok", f"local model, no cost ({why})")
    elif price is None:
        checks.add(
            "prices",
            "info",
            f'no price for "{settings.model}": costs show as unknown',
            f'Add [prices."{settings.model}"] input = ..., output = ... to config.toml.',
        )


def _check_model_facts(llm: Any, checks: Checks) -> None:
    """The structured output the server takes (one tiny request per mode until one is
    taken) and its context window, where it says it."""
    from prepcoach.engines.llm.facts import MODE_LABELS

    try:
        mode = llm.probe_structured()
    except PrepcoachError as exc:
        checks.add("structured output", "warn", f"not learned: {exc.message}", exc.hint)
    else:
        fix = "" if mode != "text" else "Replies are read as JSON from plain text."
        checks.add("structured output", "ok", f"{mode}: {MODE_LABELS[mode]}", fix)
    window = llm.context_window()
    if window:
        source = llm.facts.context_source
        checks.add("context window", "ok", f"{window:,} tokens (from {source})")
    else:
        checks.add(
            "context window",
            "info",
            "not stated by the server; learned from its error if a prompt is too long "
            "(the history is then trimmed to fit)",
        )


def _check_tokenizer(checks: Checks) -> None:
    from prepcoach import tokens

    status = tokens.load()
    if status.ok:
        checks.add("tokenizer", "ok", f"{status.message} ({status.path.name})")
        return
    fix = "Reinstall prepcoach; until then token counts are approximate (chars/4)."
    checks.add("tokenizer", "fail", status.message, fix)


def _check_prompts(settings: Settings, checks: Checks) -> None:
    from prepcoach.templating import Prompts

    prompts = Prompts(settings.prompts_dir)
    infos = prompts.list_templates()
    user = [i for i in infos if i.origin.startswith("user")]
    problems = []
    from prepcoach.services import sample_contexts

    for job, context in sample_contexts().items():
        try:
            prompts.messages(job, context)
            if job == "outreach":
                prompts.render("outreach.repair.j2", context)
        except PrepcoachError as exc:
            problems.append(str(exc))
    if problems:
        checks.add("prompts", "fail", problems[0], "Fix or remove the template named above.")
    else:
        detail = f"{plural(len(infos), 'template')} parse"
        if user:
            detail += f"; yours: {', '.join(i.name for i in user)}"
        checks.add("prompts", "ok", detail)


def _check_data(settings: Settings, checks: Checks) -> None:
    from prepcoach.store import Store

    root = settings.data_dir
    if not root.exists():
        checks.add(
            "data dir",
            "info",
            f"{root} does not exist yet (created on the first save)",
            'Add a mentor with `prepcoach mentors add "NAME"`, or try `prepcoach demo`.',
        )
        return
    if not root.is_dir():
        checks.add("data dir", "fail", f"{root} is not a directory", "Point --data elsewhere.")
        return
    mode = stat.S_IMODE(root.stat().st_mode)
    if not os.access(root, os.W_OK | os.X_OK):
        checks.add("data dir", "fail", f"{root} is not writable", f"Fix with: chmod u+rwx {root}")
    elif mode & 0o077:
        checks.add(
            "data dir",
            "warn",
            f"{root} is readable by others (mode {mode:03o})",
            f"chmod 700 {root}",
        )
    else:
        checks.add("data dir", "ok", f"{root} (mode {mode:03o})")
    loose = []
    for path in root.rglob("*.json"):
        try:
            if stat.S_IMODE(path.stat().st_mode) & 0o077:
                loose.append(path.name)
        except OSError:
            continue
    if loose:
        checks.add(
            "file modes",
            "warn",
            f"{plural(len(loose), 'file')} readable by others (e.g. {loose[0]})",
            f"chmod 600 the files under {root}",
        )
    store = Store(root)
    try:
        plan = store.load_plan()
        sessions = store.list_sessions()
        drafts = store.list_outreach()
        reviews = store.list_reviews()
    except PrepcoachError as exc:
        checks.add("data", "fail", exc.message, exc.hint)
        return
    checks.add(
        "data",
        "ok",
        f"{plural(len(plan.mentors), 'mentor')}, {plural(len(plan.objectives), 'objective')}, "
        f"{plural(len(sessions), 'session')}, {plural(len(drafts), 'outreach draft')}, "
        f"{plural(len(reviews), 'review')}",
    )
    set_aside = root / "corrupt"
    if store.problems:
        for p in store.problems:
            if "moved to" in p:
                hint = "Look at the file named; fix it and move it back."
            elif "upgraded" in p:
                hint = "Nothing to do; the original is kept as named."
            else:
                hint = ""  # a skipped file: the line itself says what to do
            checks.add("data file", "warn", p, hint)
    elif set_aside.is_dir() and any(set_aside.rglob("*")):
        n = sum(1 for p in set_aside.rglob("*") if p.is_file())
        checks.add(
            "set aside",
            "info",
            f"{plural(n, 'unreadable file')} kept in {set_aside}",
            "Fix them and move them back, or delete them when no longer needed.",
        )


def register(sub: Any) -> None:
    p = sub.add_parser("doctor", help=HELP, description=DESCRIPTION)
    p.add_argument(
        "--timeout", type=float, default=5.0, help="seconds to wait for the endpoint (default 5)"
    )
    add_data_flag(p)
    add_format_flag(p)
    p.set_defaults(func=cmd_doctor)
