"""Engines turn a prepared job into its text: agendas, outreach drafts, review messages.

- ``prepcoach.engines.base``: the ``Engine`` protocol and its typed tasks and outputs.
- ``prepcoach.engines.offline_engine``: ``OfflineEngine``, over the deterministic composer
  in ``prepcoach.engines.offline`` (no network); the default when no API key is configured
  and what ``--offline`` forces.
- ``prepcoach.engines.llm``: ``LLMEngine`` and the OpenAI-compatible client (imports
  ``openai`` lazily).

Nothing is imported here, so importing one engine never loads the other.
"""
