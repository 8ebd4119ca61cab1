"""Checks on what prepcoach printed and sent, shared by the integration tests."""

from __future__ import annotations

import json
from typing import Any

from integration.harness import Run

# Words in an error body that say the request's shape (response_format) was refused.
FORMAT_WORDS = ("response_format", "json_schema", "schema")


def agenda_of(run: Run) -> dict[str, Any]:
    data = run.json()
    agenda = data.get("agenda")
    assert isinstance(agenda, dict), run.explain()
    return agenda


def item_texts(agenda: dict[str, Any]) -> list[str]:
    return [f"{i.get('title', '')}\n{i.get('detail', '')}" for i in agenda.get("items", [])]


def missing_phrases(agenda: dict[str, Any], phrases: list[str]) -> list[str]:
    """The phrases no agenda item holds verbatim (the user's words are kept as typed)."""
    texts = item_texts(agenda)
    return [p for p in phrases if not any(p in t for t in texts)]


def sent_text(run: Run) -> str:
    """Everything the server received during ``run``: paths and bodies, JSON unescaped."""
    parts = []
    for r in run.requests:
        parts.append(r.path)
        body = r.json()
        parts.append(json.dumps(body, ensure_ascii=False) if body is not None else r.body)
    return "\n".join(parts)


def repeated_format_refusals(run: Run) -> list[str]:
    """Requests sent again unchanged after the server refused their response_format."""
    seen: set[str] = set()
    repeated = []
    for r in run.chats:
        refused = r.status != 200 and any(w in r.reply.lower() for w in FORMAT_WORDS)
        fmt = json.dumps((r.json() or {}).get("response_format"), sort_keys=True)
        if refused:
            if fmt in seen:
                repeated.append(f"{r.status} for response_format {fmt[:80]}")
            seen.add(fmt)
    return repeated


def uncapped_requests(run: Run, cap: int) -> list[str]:
    """Chat requests without ``max_tokens`` (the field llama.cpp honours) or above ``cap``."""
    out = []
    for r in run.chats:
        body = r.json() or {}
        limit = body.get("max_tokens")
        if not isinstance(limit, int) or limit > cap:
            out.append(
                f"max_tokens={limit!r} max_completion_tokens={body.get('max_completion_tokens')!r}"
            )
    return out
