"""Command palette entries for every action: the screens, and each binding of the
screen the palette was opened from (so nothing is reachable only by a key)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content


def _bindings(node: Any) -> Iterator[Binding]:
    seen: set[str] = set()
    for cls in type(node).__mro__:
        for item in cls.__dict__.get("BINDINGS", ()):
            binding = item if isinstance(item, Binding) else Binding(*item)
            if not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            yield binding


class PrepcoachCommands(Provider):
    """Go to a screen; run any action of the current screen."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        from prepcoach.tui.app import SCREENS

        app: Any = self.app
        screen = self.screen
        out: list[tuple[str, str, Callable[[], Any]]] = []
        for name, (key, label, _) in SCREENS.items():
            out.append(
                (f"Go to {label}", f"key {key}", partial(app.action_goto, name)),
            )
        out.append(("Help", "keys and what each screen does (? or F1)", app.action_help))
        screen_label = getattr(screen, "LABEL", type(screen).__name__)
        for binding in _bindings(screen):
            key = binding.key_display or binding.key.split(",")[0]
            if binding.action.startswith("app."):
                continue
            out.append(
                (
                    f"{screen_label}: {binding.description}",
                    binding.tooltip or f"key {key}",
                    partial(screen.run_action, binding.action),
                )
            )
        return out

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)
