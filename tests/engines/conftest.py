"""Fixtures for the LLM client tests: a real loopback OpenAI-compatible server."""

from __future__ import annotations

from fakeserver import llm_env, server, settings

__all__ = ["llm_env", "server", "settings"]
