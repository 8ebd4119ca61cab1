"""Token counting, history trimming and cost estimates, fully offline.

The ``o200k_base`` encoding data ships in ``prepcoach/data/o200k_base.tiktoken.gz`` (a gzip of
the file tiktoken would download). Before use, the sha256 of the decompressed bytes is checked
against the hash tiktoken publishes in ``tiktoken_ext/openai_public.py``; the Encoding is then
built directly, so ``tiktoken.get_encoding`` (which downloads) is never called.

If the data is missing or does not match, counts fall back to an approximation (characters / 4)
and every count says so (``exact=False``). The encoding is loaded lazily, once per process, the
first time something is counted (about 0.4 s, most of it in tiktoken building its
encoder).
"""

from __future__ import annotations

import binascii
import gzip
import hashlib
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ENCODING_NAME = "o200k_base"
DATA_FILE = Path(__file__).resolve().parent / "data" / "o200k_base.tiktoken.gz"
# As published in tiktoken_ext/openai_public.py for o200k_base.
EXPECTED_SHA256 = "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"

# Copied from tiktoken_ext/openai_public.py (o200k_base).
_PAT_STR = "|".join(
    [
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""\p{N}{1,3}""",
        r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
        r"""\s*[\r\n]+""",
        r"""\s+(?!\S)""",
        r"""\s+""",
    ]
)
_SPECIAL_TOKENS = {"<|endoftext|>": 199999, "<|endofprompt|>": 200018}

# Chat formatting overhead (OpenAI's published rule of thumb for recent chat models):
# every message costs 3 tokens on top of its content, and the reply is primed with 3 more.
TOKENS_PER_MESSAGE = 3
TOKENS_REPLY_PRIMING = 3


@dataclass(frozen=True)
class TokenizerStatus:
    """Result of loading the tokenizer data (shown by `doctor`)."""

    ok: bool
    path: Path
    sha256: str
    message: str


@dataclass(frozen=True)
class Count:
    tokens: int
    exact: bool

    def label(self) -> str:
        return f"{self.tokens:,} tokens" + ("" if self.exact else " (approximate)")


_lock = threading.Lock()
_encoding: Any = None
_status: TokenizerStatus | None = None


def _read_data(path: Path) -> tuple[bytes | None, TokenizerStatus]:
    try:
        raw = gzip.decompress(path.read_bytes())
    except FileNotFoundError:
        return None, TokenizerStatus(
            False, path, "", f"tokenizer data {path} is missing; token counts are approximate."
        )
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        return None, TokenizerStatus(
            False, path, "", f"tokenizer data {path} is unreadable ({exc}); counts are approximate."
        )
    digest = hashlib.sha256(raw).hexdigest()
    if digest != EXPECTED_SHA256:
        return None, TokenizerStatus(
            False,
            path,
            digest,
            f"tokenizer data {path} has sha256 {digest[:12]}…, expected {EXPECTED_SHA256[:12]}…; "
            "not used, token counts are approximate. Reinstall prepcoach.",
        )
    return raw, TokenizerStatus(True, path, digest, f"{ENCODING_NAME}, sha256 verified")


def _build(raw: bytes) -> Any:
    import tiktoken

    # "<base64 token> <rank>" per line. The bytes are hash-checked, so the fields pair up;
    # decoding them pairwise with map() takes half the time of a loop over lines.
    fields = iter(raw.split())
    ranks = dict(zip(map(binascii.a2b_base64, fields), map(int, fields), strict=True))
    return tiktoken.Encoding(
        ENCODING_NAME,
        pat_str=_PAT_STR,
        mergeable_ranks=ranks,
        special_tokens=dict(_SPECIAL_TOKENS),
    )


def verify(path: Path | None = None) -> TokenizerStatus:
    """Check the data file's hash without building the encoding."""
    return _read_data(path or DATA_FILE)[1]


def load() -> TokenizerStatus:
    """Load the encoding once per process and return how that went."""
    global _encoding, _status
    with _lock:
        if _status is None:
            raw, status = _read_data(DATA_FILE)
            if raw is not None:
                try:
                    _encoding = _build(raw)
                except Exception as exc:  # hashed data that still does not parse
                    status = TokenizerStatus(
                        False, DATA_FILE, status.sha256, f"cannot build encoding: {exc}"
                    )
            _status = status
        return _status


def reset() -> None:
    """Forget the loaded encoding (tests)."""
    global _encoding, _status
    with _lock:
        _encoding = None
        _status = None


def is_exact() -> bool:
    load()
    return _encoding is not None


def count_text(text: str) -> int:
    load()
    if _encoding is None:
        return approx_count(text)
    return len(_encoding.encode(text, disallowed_special=()))


def approx_count(text: str) -> int:
    """The fallback: about four characters per token."""
    return (len(text) + 3) // 4


def count_messages(messages: Sequence[Mapping[str, str]]) -> Count:
    """Prompt tokens for a chat request, including per-message overhead."""
    total = TOKENS_REPLY_PRIMING
    for m in messages:
        total += TOKENS_PER_MESSAGE + count_text(m.get("role", "")) + count_text(m["content"])
    return Count(total, is_exact())


def trim_newest(
    blocks: Sequence[str], budget: int, counter: Callable[[str], int] | None = None
) -> tuple[int, int]:
    """How many of ``blocks`` (oldest first) fit in ``budget`` tokens, keeping the newest.

    Returns ``(first_kept_index, tokens_used)``: ``blocks[first_kept_index:]`` fit. Only the
    blocks that are kept (plus one) are ever counted, so the cost does not grow with history.
    """
    count = counter or count_text
    used = 0
    i = len(blocks)
    while i > 0:
        n = count(blocks[i - 1])
        if used + n > budget:
            break
        used += n
        i -= 1
    return i, used


def estimate_cost(
    prices: Mapping[str, tuple[float, float]],
    model: str,
    prompt_tokens: int,
    completion_tokens: int = 0,
) -> float | None:
    """USD for the given token counts; None when the model has no price in the table (the
    ``"*"`` row, set to zero for a local server, applies to every model without its own)."""
    price = prices.get(model) or prices.get("*")
    if price is None:
        return None
    p_in, p_out = price
    return (prompt_tokens * p_in + completion_tokens * p_out) / 1_000_000


def format_cost(cost: float | None, model: str) -> str:
    if cost == 0:
        return "local model, no cost"
    if cost is None:
        return f'cost unknown (no price for "{model}"; add [prices."{model}"] to config.toml)'
    if cost < 0.01:
        return f"≈ ${cost:.4f}"
    return f"≈ ${cost:.2f}"
