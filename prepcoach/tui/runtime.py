"""What may change while the app runs (never saved): the engine chosen with F2.

The launch settings are frozen; ``RuntimeConfig`` holds them with the engine chosen now.
The app keeps one in its ``runtime_config`` reactive (watch it to hear of a switch), and
everything that asks "which engine runs" reads it there.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepcoach.settings import Settings

SWITCHED_REASON = "switched with F2"


@dataclass(frozen=True)
class RuntimeConfig:
    settings: Settings  # the launch settings with the engine chosen now

    @property
    def use_llm(self) -> bool:
        return self.settings.use_llm

    @property
    def offline(self) -> bool:
        return self.settings.offline

    @property
    def engine_label(self) -> str:
        return self.settings.engine_label

    def switched(self) -> RuntimeConfig:
        """The other engine: the offline one instead of the model, or back."""
        settings = dataclasses.replace(
            self.settings, offline=not self.settings.offline, offline_reason=SWITCHED_REASON
        )
        return RuntimeConfig(settings)
