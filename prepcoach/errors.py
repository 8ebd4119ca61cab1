"""Errors that reach the user as one clear message and an exit code.

0 success, 1 a rule or check failed, 2 bad usage or bad input.
"""

from __future__ import annotations

import threading

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2


class PrepcoachError(Exception):
    """An error with a user-facing message; never shown as a traceback."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, hint: str = "", exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class UsageError(PrepcoachError):
    """Bad usage or bad input (exit 2)."""


class NotFoundError(UsageError):
    """A mentor, objective, session or template that does not exist (exit 2)."""


class StoreError(PrepcoachError):
    """The data directory cannot be read or written (exit 2)."""


class FutureSchemaError(StoreError):
    """A file written by a newer prepcoach (exit 2, file left untouched).

    ``path`` and ``version`` let a listing skip the file and say why instead."""

    def __init__(
        self, message: str, *, hint: str = "", path: str = "", version: int | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.path = path
        self.version = version


class UnreadableFileError(StoreError):
    """A data file the operating system will not let us read (e.g. mode 000): exit 2 when
    it is the one file asked for; a listing skips it with a warning instead.

    ``reason`` is the system's wording ("Permission denied"); ``hint`` says how to fix it."""

    def __init__(self, message: str, *, hint: str = "", path: str = "", reason: str = "") -> None:
        super().__init__(message, hint=hint)
        self.path = path
        self.reason = reason


class CheckFailed(PrepcoachError):
    """A rule or check failed (exit 1)."""

    exit_code = EXIT_CHECK_FAILED


class EngineError(PrepcoachError):
    """The model endpoint failed (bad key, unknown model, unreachable, ...): exit 2,
    with a message that says what to fix."""


class Cancelled(Exception):
    """The user cancelled a generation; nothing was saved, inputs are untouched.

    Defined here (not in services) so the engines can raise it without importing services.
    """


def check_cancel(cancel: threading.Event | None) -> None:
    """Raise ``Cancelled`` when ``cancel`` is set."""
    if cancel is not None and cancel.is_set():
        raise Cancelled()
