"""The LLM engine and its client, for any OpenAI-compatible endpoint.

- ``client``: the Chat Completions client (``LLM``, ``make_llm``): streaming, our own
  retries, structured-output fallbacks. It imports ``openai`` only inside functions.
- ``errors``: every failure in plain words (``EngineError``), the key never shown.
- ``replies``: the pydantic reply models and how a reply is read as JSON.
- ``stream``: streamed JSON shown as readable text, placeholders restored.
- ``repair``: the one lint-repair loop (outreach drafts and review messages).
- ``engine``: ``LLMEngine``, the ``prepcoach.engines.base.Engine`` a model drives.

The retry policy's numbers live here and are read at each wait.
"""

from __future__ import annotations

# Backoff: BACKOFF_BASE * 2**n seconds with +-50% jitter, at most BACKOFF_CAP per wait.
BACKOFF_BASE = 0.5
BACKOFF_CAP = 20.0
# A server asking us to wait longer than this gets a message instead of a frozen command.
MAX_RETRY_AFTER = 30.0

from prepcoach.engines.llm.client import (  # noqa: E402
    LLM,
    MODES,
    ChatResult,
    FormatRefused,
    extract_json,
    make_llm,
    strict_schema,
)
from prepcoach.engines.llm.engine import LLMEngine  # noqa: E402
from prepcoach.engines.llm.replies import (  # noqa: E402
    AgendaItemReply,
    AgendaReply,
    ReviewMessageReply,
)

__all__ = [
    "BACKOFF_BASE",
    "BACKOFF_CAP",
    "LLM",
    "MAX_RETRY_AFTER",
    "MODES",
    "AgendaItemReply",
    "AgendaReply",
    "ChatResult",
    "FormatRefused",
    "LLMEngine",
    "ReviewMessageReply",
    "extract_json",
    "make_llm",
    "strict_schema",
]
