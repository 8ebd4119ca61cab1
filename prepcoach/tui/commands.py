"""Command palette entries for every action: go to each screen, help, and each screen's
own actions, whichever screen the palette was opened from ("Prep: Generate" from the
dashboard opens Prep and generates once Prep has its data)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

# Actions that only make sense on the screen you are looking at (escape: stop the
# generation running there, leave the field you are in).
HERE_ONLY = frozenset({"cancel", "leave"})


def bindings(node: Any) -> Iterator[Binding]:
    """The described bindings of a screen (an instance or its class), first one per action."""
    klass = node if isinstance(node, type) else type(node)
    seen: set[str] = set()
    for cls in klass.__mro__:
        if not cls.__module__.startswith("prepcoach."):
            continue  # Textual's own (tab, copy) are general keys, listed once in Help
        for item in cls.__dict__.get("BINDINGS", ()):
            binding = item if isinstance(item, Binding) else Binding(*item)
            if not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            yield binding


def screen_class(target: str) -> type[Any]:
    module_name, _, cls_name = target.partition(":")
    cls: type[Any] = getattr(importlib.import_module(module_name), cls_name)
    return cls


def key_label(binding: Binding) -> str:
    key = binding.key_display or binding.key.split(",")[0]
    return {"slash": "/", "escape": "esc"}.get(key, key)


class PrepcoachCommands(Provider):
    """Go to a screen; run any screen's action (switching to that screen first)."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        from prepcoach.tui.app import SCREENS

        app: Any = self.app
        here = self.screen
        out: list[tuple[str, str, Callable[[], Any]]] = []
        for name, (key, label, _) in SCREENS.items():
            out.append((f"Go to {label}", f"key {key}", partial(app.action_goto, name)))
        out.append(("Help", "keys and what each screen does (? or F1)", app.action_help))
        out.append(
            (
                "Set up: profile, first mentor, first objective",
                "the first-run steps",
                app.action_setup,
            )
        )
        for name, (key, label, target) in SCREENS.items():
            cls = screen_class(target)
            is_here = isinstance(here, cls)
            for binding in bindings(cls):
                if binding.action.startswith("app."):
                    continue
                if is_here and here.check_action(binding.action, ()) is False:
                    continue  # e.g. Cancel while nothing is being generated
                if not is_here and binding.action in HERE_ONLY:
                    continue
                where = "" if is_here else f" · opens {label} ({key})"
                help_text = f"{binding.tooltip or binding.description} · {key_label(binding)}"
                out.append(
                    (
                        f"{label}: {binding.description}",
                        help_text + where,
                        partial(self._run, name, binding.action),
                    )
                )
        return out

    def _run(self, mode: str, action: str) -> None:
        """Run ``action`` on the ``mode`` screen, opening it first when needed and waiting
        for its data (a screen opened just now is still loading)."""
        app: Any = self.app
        if app.current_mode != mode:
            app.action_goto(mode)
        screen = app.screen

        def run() -> None:
            if not screen.is_attached:
                return
            state = screen.check_action(action, ())
            if state is False:
                return
            method = getattr(screen, f"action_{action}", None)
            if method is not None:
                # a disabled (dimmed) action runs too: it says what it needs first
                screen.call_later(method)

        when_loaded = getattr(screen, "when_loaded", None)
        if when_loaded is not None:
            when_loaded(run)
        else:
            run()

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)
