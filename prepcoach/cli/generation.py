"""What every generating command (agenda, outreach, review) shares: streaming model text,
progress on a terminal, the banner naming the engine, tokens and cost, and ``--dry-run``.

Token count and estimated cost go to stderr before any model call; ``--dry-run`` prints
the exact messages instead and sends nothing.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from prepcoach.cli.common import (
    add_data_flag,
    add_format_flag,
    add_generation_flags,
    add_today_flag,
)
from prepcoach.cli.output import note, print_json, print_text
from prepcoach.textsafe import sanitize

if TYPE_CHECKING:
    import argparse

    from prepcoach.services import Preview, Services


def add_command_flags(p: argparse.ArgumentParser) -> None:
    """The flags every generating command takes: data, format, engine, dry run, today."""
    add_data_flag(p)
    add_format_flag(p)
    add_generation_flags(p)
    add_today_flag(p)


class Out:
    """Streams text to stdout, remembering whether the last thing written ended a line."""

    def __init__(self) -> None:
        self.wrote = False
        self.ends_with_newline = True

    def __call__(self, text: str) -> None:
        text = sanitize(text)
        if not text:
            return
        sys.stdout.write(text)
        sys.stdout.flush()
        self.wrote = True
        self.ends_with_newline = text.endswith("\n")

    def newline(self) -> None:
        if self.wrote and not self.ends_with_newline:
            sys.stdout.write("\n")
            self.ends_with_newline = True


class Progress:
    """Model progress on stderr (agenda items as they arrive), only on a terminal."""

    def __init__(self, label: str) -> None:
        self.tty = sys.stderr.isatty()
        self.label = label
        self.started = False

    def __call__(self, text: str) -> None:
        if not self.tty:
            return
        if not self.started:
            sys.stderr.write(f"prepcoach: {self.label}\n")
            self.started = True
        sys.stderr.write("  " + sanitize(text).replace("\n", "\n  ").rstrip(" "))
        sys.stderr.flush()


def _waiting(seconds: float) -> None:
    """How long the first token has been awaited, on one line of a terminal's stderr."""
    if seconds < 0:
        sys.stderr.write("\r\033[K")
    else:
        sys.stderr.write(f"\rprepcoach: waiting for the model's first token… {seconds:.0f} s")
    sys.stderr.flush()


def show_engine_notes() -> None:
    """The model engine's notes (history trimmed, the offline composer standing in) go to
    stderr; the wait for the first token shows as progress when stderr is a terminal."""
    from prepcoach.engines.llm import notices

    notices.set_sinks(note=note, wait=_waiting if sys.stderr.isatty() else None)


def announce(svc: Services, preview: Preview, what: str) -> None:
    """Before generating: which engine, and for a model the tokens and estimated cost."""
    if preview.engine == "llm":
        from prepcoach.engines.llm import LLM

        show_engine_notes()
        url = LLM(svc.settings).base_url
        redacted = " (names redacted)" if preview.redacted else ""
        note(f"{what} with {preview.model} at {url}{redacted}: {preview.summary()}")
    else:
        note(f"{what} by the {svc.settings.engine_label}")


def print_dry_run(previews: list[Preview], fmt: str) -> None:
    if fmt == "json":
        data: Any = [p.to_json() for p in previews]
        print_json(data[0] if len(data) == 1 else data)
        return
    for p in previews:
        where = "the offline engine (nothing would be sent)" if p.engine == "offline" else p.model
        head = f"# Dry run: {p.job}" + (f" ({p.mentor})" if p.mentor else "")
        lines = [
            head,
            "",
            f"Engine: {where}. Nothing was sent.",
            f"Prompt: {p.summary()}.",
        ]
        if p.redacted:
            lines.append("Names are replaced by placeholders; the answer would be restored.")
        lines.append("")
        for m in p.messages:
            lines += [f"----- {m['role']} -----", m["content"].rstrip("\n"), ""]
        print_text("\n".join(lines))


def usage_line(usage: Any) -> str:
    """Tokens used and their estimated cost, after a model call."""
    from prepcoach.tokens import format_cost

    cost = (
        format_cost(usage.estimated_cost_usd, "")
        if usage.estimated_cost_usd is not None
        else "cost unknown"
    )
    return f"used {usage.prompt_tokens:,} prompt + {usage.completion_tokens:,} reply tokens, {cost}"
