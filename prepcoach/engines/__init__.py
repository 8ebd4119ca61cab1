"""Engines turn inputs into agendas, outreach drafts and reviews.

- ``prepcoach.engines.offline``: the deterministic composer (no network), the default when
  no API key is configured and what ``--offline`` forces.
- ``prepcoach.engines.llm``: the OpenAI-compatible client (imports ``openai`` lazily).

Nothing is imported here, so importing one engine never loads the other.
"""
