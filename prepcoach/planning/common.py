"""Helpers every plan operation shares: turning a validation error into a usage error,
and reading a list of support areas as typed."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ValidationError

from prepcoach.errors import UsageError
from prepcoach.models import SUPPORT_AREAS

# Statuses in which a mentor has a running term (meetings are expected).
IN_TERM_STATUSES: tuple[str, ...] = ("active", "renewed")
# Statuses in which the term is over before its natural end.
STOPPED_STATUSES: tuple[str, ...] = ("loosened", "ended")


def invalid_input(exc: ValidationError) -> UsageError:
    """The first problem of a pydantic validation error, as a usage error."""
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err.get("loc", ())) or "value"
    return UsageError(f"invalid {loc}: {err.get('msg', 'invalid value')}.")


def parse_areas(text: str | Sequence[str] | None) -> list[str]:
    """'scope, politics' or ['scope', 'politics'] -> checked list of support areas."""
    if text is None:
        return []
    parts = text.split(",") if isinstance(text, str) else [p for t in text for p in t.split(",")]
    areas: list[str] = []
    for raw in parts:
        area = raw.strip().lower()
        if not area:
            continue
        if area not in SUPPORT_AREAS:
            raise UsageError(
                f'unknown support area "{raw.strip()}".',
                hint="Use one or more of: " + ", ".join(SUPPORT_AREAS) + ".",
            )
        if area not in areas:
            areas.append(area)
    return areas
