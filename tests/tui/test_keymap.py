"""The keymap table: every screen takes its row, and every key names a real action."""

from __future__ import annotations

import re

import pytest

from prepcoach.tui.app import SCREENS
from prepcoach.tui.commands import bindings, screen_class
from prepcoach.tui.keymap import KEYMAP

APP_ACTIONS = re.compile(r"^app\.")


@pytest.mark.parametrize("name", sorted(SCREENS))
def test_each_screen_takes_its_row(name: str) -> None:
    cls = screen_class(SCREENS[name][2])
    assert name in KEYMAP, f"no keymap row for the {name} screen"
    assert [b.action for b in cls.BINDINGS] == [k.action for k in KEYMAP[name]]


@pytest.mark.parametrize("name", sorted(SCREENS))
def test_every_key_names_an_action_of_its_screen(name: str) -> None:
    cls = screen_class(SCREENS[name][2])
    for binding in bindings(cls):
        method = binding.action.split("(")[0]
        assert APP_ACTIONS.match(method) or hasattr(cls, f"action_{method}"), (
            f"{name}: {binding.key} -> {binding.action} has no action_{method}"
        )


def test_no_key_is_given_twice_on_one_screen() -> None:
    for name, row in KEYMAP.items():
        seen: dict[str, str] = {}
        for k in row:
            for key in k.keys.split(","):
                if key in seen and key != "escape":  # escape: cancel a job, else leave
                    raise AssertionError(f"{name}: {key} is both {seen[key]} and {k.action}")
                seen[key] = k.action
