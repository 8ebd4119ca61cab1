"""Token counting offline, the hash check, the approximate fallback, trimming, cost."""

from __future__ import annotations

import base64
import gzip
import socket
from pathlib import Path

import pytest

from prepcoach import tokens


@pytest.fixture(autouse=True)
def _fresh_encoding():
    tokens.reset()
    yield
    tokens.reset()


def test_exact_counts_with_the_shipped_data_and_no_network(monkeypatch):
    def no_network(*a, **k):
        raise AssertionError("tokenizer tried to use the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    status = tokens.load()
    assert status.ok and status.sha256 == tokens.EXPECTED_SHA256
    assert tokens.is_exact()
    # known o200k_base ids: "Hello world" -> [13225, 2375]
    assert tokens._encoding.encode("Hello world") == [13225, 2375]
    assert tokens.count_text("Hello world") == 2
    # special-token text in user input is counted as plain text, never rejected
    assert tokens.count_text("<|endoftext|>") > 1


def test_count_messages_adds_per_message_overhead():
    one = tokens.count_messages([{"role": "user", "content": "Hello world"}])
    two = tokens.count_messages(
        [{"role": "system", "content": "Hello world"}, {"role": "user", "content": "Hello world"}]
    )
    assert one.exact
    # 3 reply priming + 3 per message + role + content
    assert one.tokens == 3 + 3 + tokens.count_text("user") + 2
    assert two.tokens - one.tokens == 3 + tokens.count_text("system") + 2


def test_hash_mismatch_falls_back_to_approximate_and_says_so(tmp_path, monkeypatch):
    bad = tmp_path / "o200k_base.tiktoken.gz"
    bad.write_bytes(gzip.compress(b"aGVsbG8= 0\n"))
    monkeypatch.setattr(tokens, "DATA_FILE", bad)
    status = tokens.load()
    assert not status.ok
    assert "expected" in status.message and "approximate" in status.message
    assert not tokens.is_exact()
    count = tokens.count_messages([{"role": "user", "content": "x" * 400}])
    assert not count.exact
    assert "approximate" in count.label()
    assert tokens.count_text("x" * 400) == 100


def test_missing_data_is_approximate(tmp_path, monkeypatch):
    monkeypatch.setattr(tokens, "DATA_FILE", tmp_path / "nope.gz")
    assert not tokens.load().ok
    assert "missing" in tokens.verify(tmp_path / "nope.gz").message
    assert not tokens.is_exact()


def test_trim_newest_keeps_newest_within_budget():
    blocks = [f"session number {i} " * 5 for i in range(100)]
    first, used = tokens.trim_newest(blocks, 200)
    assert 0 < first < 100
    assert used <= 200
    kept = blocks[first:]
    assert kept[-1] == blocks[-1]
    assert sum(tokens.count_text(b) for b in kept) == used
    # one more block would not fit
    assert used + tokens.count_text(blocks[first - 1]) > 200


def test_cost_estimate_and_unknown_model():
    prices = {"m": (1.0, 2.0)}
    assert tokens.estimate_cost(prices, "m", 1_000_000, 500_000) == pytest.approx(2.0)
    assert tokens.estimate_cost(prices, "other", 10) is None
    assert "unknown" in tokens.format_cost(None, "other")
    assert tokens.format_cost(0.00042, "m") == "≈ $0.0004"


def test_data_file_is_the_gzip_of_the_published_file():
    path = Path(tokens.DATA_FILE)
    assert path.name == "o200k_base.tiktoken.gz"
    assert tokens.verify().ok


def test_every_rank_is_read_as_tiktoken_reads_the_file():
    # tiktoken's own loader: one "<base64 token> <rank>" pair per line
    raw = gzip.decompress(Path(tokens.DATA_FILE).read_bytes())
    want = {}
    for line in raw.splitlines():
        if line:
            token, rank = line.split()
            want[base64.b64decode(token)] = int(rank)
    assert tokens.load().ok
    assert tokens._encoding._mergeable_ranks == want


def test_a_local_or_zero_price_model_costs_nothing():
    from prepcoach.tokens import estimate_cost, format_cost

    prices = {"*": (0.0, 0.0), "gpt-4o-mini": (0.15, 0.60)}
    assert estimate_cost(prices, "smollm2", 1000, 500) == 0.0
    assert format_cost(0.0, "smollm2") == "local model, no cost"
    assert estimate_cost(prices, "gpt-4o-mini", 1_000_000) == pytest.approx(0.15)
    assert estimate_cost({}, "smollm2", 1000) is None
