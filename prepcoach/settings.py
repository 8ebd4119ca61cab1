"""Settings: where data and config live, which model to call, and where each value came from.

Precedence, highest first: command-line flag, environment variable, TOML config file
(``<config dir>/config.toml``), built-in default. The API key is kept in memory only and
is never written anywhere; ``describe()`` reports whether it is set and where it came from,
never its value.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prepcoach.errors import UsageError

APP_NAME = "prepcoach"
DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_BASE_URL = "https://api.openai.com/v1"

# USD per 1M tokens (input, output). Editable in config.toml under [prices."model-name"].
# The price row that applies to every model without its own (set to zero for a local server).
ANY_MODEL = "*"
DEFAULT_PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-5": (1.25, 10.00),
    "gpt-5-mini": (0.25, 2.00),
    "gpt-5-nano": (0.05, 0.40),
}


def is_local_url(url: str) -> bool:
    """Whether ``url`` points at this machine: localhost, 127.0.0.0/8 or ::1."""
    import ipaddress
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_config_dir() -> Path:
    env = os.environ.get("PREPCOACH_CONFIG_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def resolve_data_dir(flag: str | os.PathLike[str] | None) -> tuple[Path, str]:
    """Data directory and where it came from: --data, PREPCOACH_HOME, platform default."""
    if flag:
        return Path(flag).expanduser(), "--data"
    env = os.environ.get("PREPCOACH_HOME")
    if env:
        return Path(env).expanduser(), "env PREPCOACH_HOME"
    return default_data_dir(), "platform default"


@dataclass(frozen=True)
class Settings:
    """Launch settings, fixed for the run. What changes while the app runs (the TUI's
    engine switch) is runtime state kept by the interface, never written back here."""

    data_dir: Path
    config_dir: Path
    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 300.0  # the whole reply
    first_token_timeout: float = 120.0  # until the first token (a CPU model reads the prompt)
    idle_timeout: float = 60.0  # between tokens once the reply streams
    max_retries: int = 3
    history_token_budget: int = 3000
    offline: bool = False
    offline_reason: str = "--offline"  # what made it offline, for the engine label
    redact: bool = False
    fallback: bool = True  # an unusable model reply falls back to the offline composer
    prices: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(DEFAULT_PRICES))
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def prompts_dir(self) -> Path:
        return self.config_dir / "prompts"

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def use_llm(self) -> bool:
        """A model is called only when a key is configured and --offline is not given.

        Local servers (Ollama, LM Studio) accept any key: set OPENAI_API_KEY to a dummy value.
        """
        return not self.offline and bool(self.api_key)

    @property
    def engine_label(self) -> str:
        if self.use_llm:
            return f"model {self.model}"
        if self.offline:
            return f"offline engine ({self.offline_reason})"
        return "offline engine (no API key set)"

    def price_for(self, model: str | None = None) -> tuple[float, float] | None:
        return self.prices.get(model or self.model) or self.prices.get(ANY_MODEL)

    @property
    def is_local(self) -> bool:
        """The endpoint is on this machine (localhost, 127.0.0.0/8, ::1): it costs nothing."""
        return is_local_url(self.base_url or DEFAULT_BASE_URL)

    def describe(self) -> list[tuple[str, str, str]]:
        """(setting, value, source) rows for `doctor`; the key's value is never shown."""
        key_state = "set" if self.api_key else "not set"
        return [
            ("data dir", str(self.data_dir), self.sources.get("data_dir", "default")),
            ("config file", str(self.config_file), self.sources.get("config_file", "default")),
            ("prompts dir", str(self.prompts_dir), "config dir"),
            ("api key", key_state, self.sources.get("api_key", "-") or "-"),
            (
                "base url",
                self.base_url or DEFAULT_BASE_URL,
                self.sources.get("base_url", "default"),
            ),
            ("model", self.model, self.sources.get("model", "default")),
            ("timeout", f"{self.timeout:g}s", self.sources.get("timeout", "default")),
            (
                "first token",
                f"{self.first_token_timeout:g}s",
                self.sources.get("first_token_timeout", "default"),
            ),
            ("idle", f"{self.idle_timeout:g}s", self.sources.get("idle_timeout", "default")),
            ("engine", self.engine_label, "derived"),
        ]


# config.toml keys: the types a value may have, how to say it, and an example line
# (prices is a table, its rows checked in load_settings)
CONFIG_KEYS: dict[str, tuple[tuple[type, ...], str, str]] = {
    "data_dir": ((str,), "a string in quotes", 'data_dir = "~/notes/prepcoach"'),
    "model": ((str,), "a string in quotes", 'model = "gpt-4o-mini"'),
    "base_url": ((str,), "a string in quotes", 'base_url = "http://localhost:11434/v1"'),
    "api_key": (
        (str,),
        "a string in quotes",
        'api_key = "sk-..." (or set OPENAI_API_KEY instead)',
    ),
    "timeout": ((int, float), "a number", "timeout = 300"),
    "first_token_timeout": ((int, float), "a number", "first_token_timeout = 120"),
    "idle_timeout": ((int, float), "a number", "idle_timeout = 60"),
    "history_budget": ((int,), "a whole number", "history_budget = 3000"),
    "max_retries": ((int,), "a whole number", "max_retries = 3"),
    "prices": ((dict,), "a table", '[prices."my-model"] with input = 0.15 and output = 0.60'),
}


# environment variable names someone may write in config.toml, and the key meant
_ENV_NAMES = {
    "openai_api_key": "api_key",
    "openai_base_url": "base_url",
    "prepcoach_model": "model",
    "prepcoach_home": "data_dir",
    "prepcoach_timeout": "timeout",
    "prepcoach_first_token_timeout": "first_token_timeout",
    "prepcoach_idle_timeout": "idle_timeout",
    "prepcoach_history_budget": "history_budget",
}


def _check_config(cfg: dict[str, Any], path: Path) -> None:
    """Unknown keys and values of the wrong type are errors that name the key (never the
    value of api_key)."""
    import difflib

    for key, value in cfg.items():
        if key not in CONFIG_KEYS:
            close = [_ENV_NAMES[key.lower()]] if key.lower() in _ENV_NAMES else []
            close = close or difflib.get_close_matches(key, list(CONFIG_KEYS), n=1)
            hint = f'Did you mean "{close[0]}"? ' if close else ""
            raise UsageError(
                f'unknown setting "{key}" in {path}.',
                hint=f"{hint}Known settings: {', '.join(CONFIG_KEYS)}.",
            )
        types, want, example = CONFIG_KEYS[key]
        if isinstance(value, bool) or not isinstance(value, types):
            shown = f"a {type(value).__name__}" if key == "api_key" else repr(value)
            raise UsageError(
                f'setting "{key}" in {path} must be {want}, not {shown}.',
                hint=f"For example: {example}",
            )


def _number(name: str, raw: Any, source: str, kind: type, low: float, high: float) -> Any:
    """A number setting within [low, high]; the message names the setting and its source."""
    try:
        value = kind(raw)
    except (TypeError, ValueError):
        value = None
    if value is None or not (low <= value <= high):
        word = "a whole number" if kind is int else "a number"
        raise UsageError(
            f"{name} from {source} must be {word} from {low:g} to {high:g}, not {raw!r}."
        )
    return value


def _read_config(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    import tomllib  # only when there is a config file to read

    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(
            f"config file {path} is not valid TOML: {exc}.",
            hint="Fix or move the file, then run the command again.",
        ) from None
    except OSError as exc:
        raise UsageError(f"cannot read config file {path}: {exc.strerror}.") from None


def load_settings(
    *,
    data: str | os.PathLike[str] | None = None,
    model: str | None = None,
    offline: bool = False,
    redact: bool = False,
    fallback: bool = True,
    config_dir: Path | None = None,
    environ: dict[str, str] | None = None,
) -> Settings:
    """Build settings from flags, environment and config file, recording each source."""
    env = os.environ if environ is None else environ
    sources: dict[str, str] = {}
    cfg_dir = config_dir or default_config_dir()
    cfg_path = cfg_dir / "config.toml"
    sources["config_file"] = "exists" if cfg_path.exists() else "not present"
    cfg = _read_config(cfg_path)
    _check_config(cfg, cfg_path)

    if data is not None and not str(data).strip():
        raise UsageError("--data is empty.", hint="Name a data directory, or leave --data out.")
    if data:
        data_dir, sources["data_dir"] = Path(data).expanduser(), "--data"
    elif env.get("PREPCOACH_HOME"):
        data_dir, sources["data_dir"] = Path(env["PREPCOACH_HOME"]).expanduser(), "env"
    elif isinstance(cfg.get("data_dir"), str):
        data_dir, sources["data_dir"] = Path(cfg["data_dir"]).expanduser(), "config.toml"
    else:
        data_dir, sources["data_dir"] = default_data_dir(), "platform default"
    if sources["data_dir"] == "env":
        sources["data_dir"] = "env PREPCOACH_HOME"

    def pick(name: str, flag: Any, env_key: str, cfg_key: str, default: Any) -> Any:
        if flag not in (None, ""):
            sources[name] = f"--{name}"
            return flag
        if env.get(env_key):
            sources[name] = f"env {env_key}"
            return env[env_key]
        if cfg.get(cfg_key) not in (None, ""):
            sources[name] = "config.toml"
            return cfg[cfg_key]
        sources[name] = "default"
        return default

    chosen_model = str(pick("model", model, "PREPCOACH_MODEL", "model", DEFAULT_MODEL))
    base_url = pick("base_url", None, "OPENAI_BASE_URL", "base_url", None)
    api_key = pick("api_key", None, "OPENAI_API_KEY", "api_key", None)
    if sources["api_key"] == "default":
        sources["api_key"] = ""

    def where(name: str) -> str:
        src = sources.get(name, "default")
        return str(cfg_path) if src == "config.toml" else src

    if base_url and not str(base_url).strip().lower().startswith(("http://", "https://")):
        raise UsageError(
            f"base_url from {where('base_url')} must be an http:// or https:// address, "
            f"not {str(base_url)!r}.",
            hint="For example: http://localhost:11434/v1 (Ollama) or https://api.openai.com/v1.",
        )
    raw_timeout = pick("timeout", None, "PREPCOACH_TIMEOUT", "timeout", 300.0)
    timeout = _number("timeout", raw_timeout, where("timeout"), float, 0.1, 3600)
    waits = {}
    for name, default in (("first_token_timeout", 120.0), ("idle_timeout", 60.0)):
        raw = pick(name, None, f"PREPCOACH_{name.upper()}", name, default)
        waits[name] = min(timeout, _number(name, raw, where(name), float, 0.1, 3600))
    raw_budget = pick(
        "history_token_budget", None, "PREPCOACH_HISTORY_BUDGET", "history_budget", 3000
    )
    budget = _number("history_budget", raw_budget, where("history_token_budget"), int, 200, 200_000)
    retries = _number("max_retries", cfg.get("max_retries", 3), str(cfg_path), int, 0, 10)

    if isinstance(cfg.get("data_dir"), str) and not cfg["data_dir"].strip():
        raise UsageError(
            f'setting "data_dir" in {cfg_path} is empty.', hint="Remove it or name a directory."
        )
    prices = dict(DEFAULT_PRICES)
    if is_local_url(str(base_url or DEFAULT_BASE_URL)):
        prices[ANY_MODEL] = (0.0, 0.0)  # a model on this machine costs nothing
    for name, row in (cfg.get("prices") or {}).items():
        try:
            if isinstance(row, dict) and set(row) > {"input", "output"}:
                extra = ", ".join(sorted(set(row) - {"input", "output"}))
                raise UsageError(
                    f'price for "{name}" in {cfg_path} has unknown keys ({extra}); '
                    "only `input` and `output` (USD per 1M tokens)."
                )
            if not isinstance(row, dict) or set(row) != {"input", "output"}:
                raise KeyError(name)
            pair = (row["input"], row["output"])
            if any(isinstance(v, bool) or not isinstance(v, int | float) or v < 0 for v in pair):
                raise ValueError(name)
            prices[str(name)] = (float(pair[0]), float(pair[1]))
        except (KeyError, TypeError, ValueError):
            raise UsageError(
                f'price for "{name}" in {cfg_path} needs numbers `input` and `output` '
                "(USD per 1M tokens)."
            ) from None

    return Settings(
        data_dir=data_dir,
        config_dir=cfg_dir,
        model=chosen_model,
        base_url=str(base_url) if base_url else None,
        api_key=str(api_key) if api_key else None,
        timeout=timeout,
        first_token_timeout=waits["first_token_timeout"],
        idle_timeout=waits["idle_timeout"],
        max_retries=retries,
        history_token_budget=budget,
        offline=offline,
        redact=redact,
        fallback=fallback,
        prices=prices,
        sources=sources,
    )
