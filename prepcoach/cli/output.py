"""Writing a command's result: Markdown or JSON to stdout, notes to stderr, exports to a file.

Text from users and models is sanitised on the way out, so a terminal never acts on an
escape sequence stored in a note or written by a model.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from prepcoach.errors import UsageError
from prepcoach.textsafe import sanitize

# DEL and the C1 controls (json escapes only C0): \u-escaped so a terminal never acts on
# them, while json.loads still gives back exactly what was stored.
_JSON_CONTROLS = re.compile("[\x7f-\x9f\u2028\u2029]")


def print_json(obj: Any) -> None:
    text = json.dumps(obj, indent=2, ensure_ascii=False, default=str)
    text = _JSON_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.write(text + "\n")


def print_json_rows(rows: list[dict[str, Any]]) -> None:
    """A JSON array with one compact object per line: valid JSON, grep-friendly, and
    fast for 10,000 rows (json's C encoder; ``indent`` would force the Python one)."""
    if not rows:
        sys.stdout.write("[]\n")
        return
    body = ",\n".join(json.dumps(r, ensure_ascii=False, default=str) for r in rows)
    sys.stdout.write("[\n" + body + "\n]\n")


def print_text(text: str) -> None:
    """Print human-readable output; escape sequences in user or model text are removed."""
    text = sanitize(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def note(text: str) -> None:
    """A line for the user on stderr (what ran, what was saved)."""
    print(f"prepcoach: {text}", file=sys.stderr)


def warn(lines: list[str]) -> None:
    for line in lines:
        print(f"prepcoach: warning: {line}", file=sys.stderr)


def check_output(path: str | None, force: bool) -> None:
    """Refuse an existing -o FILE before anything is generated or saved."""
    if path in (None, "-") or force:
        return
    target = Path(path).expanduser()
    if target.exists() and not target.is_dir():
        raise UsageError(
            f"{target} already exists; nothing was generated or written.",
            hint="Pass --force to replace it, or choose another file with -o.",
        )


def write_output(path: str | None, data: bytes, force: bool, what: str) -> None:
    """Write an export to ``path`` (atomic, 0600) or stdout when path is None or '-'."""
    if path in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from prepcoach.store import atomic_write_bytes

    target = Path(path).expanduser()
    if target.is_dir():
        raise UsageError(f"{target} is a directory.", hint="Give a file name with -o.")
    if target.exists() and not force:
        raise UsageError(
            f"{target} already exists; nothing was written.",
            hint="Pass --force to replace it, or choose another file with -o.",
        )
    atomic_write_bytes(target, data)
    print(f"wrote {what} to {target}", file=sys.stderr)


def emit_json(obj: Any, path: str | None, force: bool, what: str) -> None:
    """``obj`` as indented JSON: to ``-o path`` (see ``write_output``), else printed."""
    if not path:
        print_json(obj)
        return
    text = json.dumps(obj, indent=2, ensure_ascii=False, default=str) + "\n"
    write_output(path, text.encode("utf-8"), force, what)


def emit_text(text: str, path: str | None, force: bool, what: str) -> None:
    """Markdown ``text``: to ``-o path`` (see ``write_output``), else printed."""
    if not path:
        print_text(text)
        return
    text = text if text.endswith("\n") else text + "\n"
    write_output(path, text.encode("utf-8"), force, what)


class _Record(Protocol):
    def model_dump(self, *, mode: str) -> dict[str, Any]: ...


def print_record(fmt: str, record: _Record, markdown: Callable[[], str]) -> None:
    """A saved record (``show``): its JSON with ``--format json``, else its Markdown."""
    if fmt == "json":
        print_json(record.model_dump(mode="json"))
    else:
        print_text(markdown())


def violations_json(violations: list[Any]) -> list[dict[str, str]]:
    """Lint violations as JSON rows (rule and reason)."""
    return [{"rule": v.rule, "reason": v.reason} for v in violations]
