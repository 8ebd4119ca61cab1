"""The one module that imports ``openai``, and only when a model is first called (importing
it costs about 0.4 s, which the CLI's --help and the TUI's first paint never pay)."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from prepcoach.errors import EngineError

if TYPE_CHECKING:
    from openai import OpenAI as OpenAIClient  # noqa: F401  (the client type, for annotations)


def openai_module() -> ModuleType:
    """The ``openai`` package, imported on first use."""
    try:
        import openai
    except ImportError:  # pragma: no cover - openai is a dependency
        raise EngineError(
            "the openai package is not installed.",
            hint="Reinstall prepcoach, or use --offline.",
        ) from None
    return openai
