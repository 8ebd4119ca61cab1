"""The one way a command that uses the data directory runs.

``command(handler)`` gives the function a parser calls: it builds the settings from the
command's options, opens the store (the data directory must exist unless the command
may create it), hands both to the handler in a ``Context`` (with the services built on
first use), and always reports files the store set aside or migrated, even when the
handler fails.

Commands that never open the data directory (``lint``, ``prompts list|show``, ``doctor``
which diagnoses a broken setup, the TUI which loads the store after its first paint) do
not go through it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from prepcoach.cli.common import add_data_flag, report_problems, settings_from, store_from

if TYPE_CHECKING:
    import argparse

    from prepcoach.services import Services
    from prepcoach.settings import Settings
    from prepcoach.store import Store


class Context:
    """What a command works with: settings, the store and the services over both."""

    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings = settings
        self.store = store
        self._services: Services | None = None

    @property
    def services(self) -> Services:
        """The services (the same API the TUI uses), built on first use."""
        if self._services is None:
            from prepcoach.services import Services

            self._services = Services(self.settings, self.store)
        return self._services


Handler = Callable[["argparse.Namespace", Context], int]
Command = Callable[["argparse.Namespace"], int]


def command(handler: Handler, *, must_exist: bool = True, listing: bool = False) -> Command:
    """``handler`` as a parser's ``func``. ``must_exist``: the data directory has to be
    there (reading commands: a mistyped --data says so instead of showing an empty plan);
    commands that create data (adding a mentor, saving a first request) pass False.
    ``listing``: a list command, which on a fresh install (the default data directory not
    created yet) shows an empty list; a directory named by --data or PREPCOACH_HOME must
    still exist."""

    def run(args: argparse.Namespace) -> int:
        settings = settings_from(args)
        fresh = listing and settings.sources.get("data_dir") == "platform default"
        store = store_from(settings, must_exist=must_exist and not fresh)
        try:
            return handler(args, Context(settings, store))
        finally:
            report_problems(store)

    run.__name__ = getattr(handler, "__name__", "run")
    run.__doc__ = handler.__doc__
    return run


def action_parser(
    group: Any,
    name: str,
    handler: Handler,
    help_text: str,
    description: str = "",
    *,
    creates: bool = False,
    listing: bool = False,
) -> argparse.ArgumentParser:
    """An action of a command group (`mentors list`, ...) with ``--data``, run through
    ``command``; ``creates``: it may create the data directory; ``listing``: see
    ``command``."""
    p: argparse.ArgumentParser = group.add_parser(
        name, help=help_text, description=description or help_text[:1].upper() + help_text[1:]
    )
    add_data_flag(p)
    p.set_defaults(func=command(handler, must_exist=not creates, listing=listing))
    return p


def command_group(
    sub: Any, name: str, help_text: str, description: str, dest: str = "action"
) -> Any:
    """A command with actions (`mentors list|show|...`): its parser under ``sub`` and the
    subparsers its actions are added to; the chosen action is stored in ``dest``."""
    group = sub.add_parser(name, help=help_text, description=description)
    return group.add_subparsers(dest=dest, metavar="ACTION", required=True)
