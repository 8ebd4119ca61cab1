"""Settings: precedence and sources, and config.toml checks that name the bad key."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepcoach.errors import UsageError
from prepcoach.settings import load_settings


def _cfg(tmp_path: Path, text: str) -> Path:
    cfg = tmp_path / "cfg"
    cfg.mkdir(exist_ok=True)
    (cfg / "config.toml").write_text(text, "utf-8")
    return cfg


def test_precedence_flag_env_config_default(tmp_path: Path) -> None:
    cfg = _cfg(tmp_path, 'model = "from-config"\ntimeout = 30\n')
    s = load_settings(config_dir=cfg, environ={})
    assert (s.model, s.sources["model"]) == ("from-config", "config.toml")
    assert s.timeout == 30.0
    s = load_settings(config_dir=cfg, environ={"PREPCOACH_MODEL": "from-env"})
    assert (s.model, s.sources["model"]) == ("from-env", "env PREPCOACH_MODEL")
    s = load_settings(model="from-flag", config_dir=cfg, environ={"PREPCOACH_MODEL": "e"})
    assert (s.model, s.sources["model"]) == ("from-flag", "--model")
    s = load_settings(config_dir=tmp_path / "none", environ={})
    assert s.sources["model"] == "default"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('modle = "x"\n', ['unknown setting "modle"', 'Did you mean "model"']),
        ("frobnicate = 1\n", ['unknown setting "frobnicate"', "Known settings:"]),
        ("model = 3\n", ['setting "model"', "must be a string", "not 3"]),
        ('timeout = "soon"\n', ['setting "timeout"', "must be a number,"]),
        ("timeout = true\n", ['setting "timeout"', "not True"]),
        ("history_budget = 2.5\n", ['setting "history_budget"', "whole number"]),
        ("timeout = 0\n", ["timeout from", "config.toml", "from 0.1 to 3600", "not 0"]),
        ("max_retries = 99\n", ["max_retries", "from 0 to 10"]),
        ("[prices.m]\ninput = 1\n", ['price for "m"', "input", "output"]),
        ("[prices.m]\ninput = -1\noutput = 2\n", ['price for "m"']),
        ('[prices.m]\ninput = "1"\noutput = 2\n', ['price for "m"']),
        ("[prices.m]\ninput = 1\noutput = 2\ncached = 1\n", ["unknown keys (cached)"]),
        ('OPENAI_API_KEY = "sk-x"\n', ['Did you mean "api_key"']),
        ('data_dir = " "\n', ['"data_dir"', "is empty"]),
        ('base_url = "not a url"\n', ["base_url from", "http:// or https://"]),
    ],
)
def test_bad_config_names_the_key(tmp_path: Path, text: str, words: list[str]) -> None:
    cfg = _cfg(tmp_path, text)
    with pytest.raises(UsageError) as info:
        load_settings(config_dir=cfg, environ={})
    said = f"{info.value.message} {info.value.hint or ''}"
    for word in words:
        assert word in said, said


def test_bad_env_number_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as info:
        load_settings(config_dir=tmp_path, environ={"PREPCOACH_TIMEOUT": "abc"})
    assert "timeout from env PREPCOACH_TIMEOUT" in info.value.message


def test_good_config_is_accepted(tmp_path: Path) -> None:
    cfg = _cfg(
        tmp_path,
        'model = "m"\nbase_url = "http://127.0.0.1:9/v1"\ntimeout = 2.5\nhistory_budget = 1200\n'
        'max_retries = 0\n[prices."m"]\ninput = 1\noutput = 2.5\n',
    )
    s = load_settings(config_dir=cfg, environ={})
    assert (s.model, s.timeout, s.history_token_budget, s.max_retries) == ("m", 2.5, 1200, 0)
    assert s.prices["m"] == (1.0, 2.5)


def test_bad_config_exits_2_from_the_cli(
    tmp_path: Path, sample_dir: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prepcoach.cli import main

    monkeypatch.setenv("PREPCOACH_CONFIG_DIR", str(_cfg(tmp_path, "model = 3\n")))
    argv = ["agenda", "--data", str(sample_dir), "--mentor", "priya", "--question", "x"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert 'setting "model"' in err and "Traceback" not in err


def test_config_errors_never_show_the_key(tmp_path: Path) -> None:
    cfg = _cfg(tmp_path, 'api_key = ["sk-SECRET123"]\n')
    with pytest.raises(UsageError) as info:
        load_settings(config_dir=cfg, environ={})
    said = f"{info.value.message} {info.value.hint or ''}"
    assert "SECRET" not in said and 'setting "api_key"' in said and "a list" in said


def test_empty_data_flag_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as info:
        load_settings(data="", config_dir=tmp_path, environ={})
    assert "--data is empty" in info.value.message


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8080/v1", True),
        ("http://127.3.4.5/v1", True),
        ("http://localhost:11434/v1", True),
        ("http://[::1]:8000/v1", True),
        ("https://api.openai.com/v1", False),
        ("http://10.0.0.5:8000/v1", False),
    ],
)
def test_an_endpoint_on_this_machine_is_free(tmp_path, url, local):
    s = load_settings(data=tmp_path, config_dir=tmp_path / "cfg", environ={"OPENAI_BASE_URL": url})
    assert s.is_local is local
    assert (s.price_for("smollm2") == (0.0, 0.0)) is local
    assert s.price_for("gpt-4o-mini") == (0.15, 0.60)  # a named price still applies


def test_the_stream_clocks_are_settings(tmp_path):
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "config.toml").write_text("timeout = 200\nfirst_token_timeout = 90\nidle_timeout = 20\n")
    s = load_settings(data=tmp_path, config_dir=cfg, environ={"PREPCOACH_IDLE_TIMEOUT": "15"})
    assert (s.timeout, s.first_token_timeout, s.idle_timeout) == (200, 90, 15)
    assert s.sources["idle_timeout"] == "env PREPCOACH_IDLE_TIMEOUT"
    with pytest.raises(UsageError):
        load_settings(data=tmp_path, config_dir=cfg, environ={"PREPCOACH_IDLE_TIMEOUT": "0"})
