"""Outreach rules, each shown passing or failing with its reason, recomputed as you type."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from prepcoach.tui.text import Hanging, plain


class LintPanel(Static):
    def __init__(self, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.border_title = "Rules"
        self.failed: list[str] = []
        self.passed: list[str] = []
        self.reasons: dict[str, str] = {}  # failed rule -> why

    def check(self, body: str, *, subject: str, channel: str, kind: str) -> None:
        from prepcoach.lint import RULES, applicable_rules, lint_outreach

        try:
            applicable = set(applicable_rules(kind, channel))
            violations = lint_outreach(body, channel=channel, kind=kind, subject=subject)
        except ValueError as exc:
            self.update(plain(str(exc), "$error"))
            return
        reasons = {v.rule: v.reason for v in violations}
        lines: list[Content] = []
        self.failed, self.passed = [], []
        empty = not body.strip()
        if empty:
            lines.append(plain("Each rule is checked as you type:", "dim"))
        for name, description in RULES:
            if name not in applicable:
                continue
            if empty:  # nothing written yet: what will be checked, not a row of failures
                (self.failed if name in reasons else self.passed).append(name)
                lines.append(Content.assemble(("· ", "dim"), (name, "bold")))
                lines.append(plain(f"  {description}", "dim"))
                continue
            if name in reasons:
                self.failed.append(name)
                lines.append(Content.assemble(("✗ ", "$error bold"), (name, "$error bold")))
                lines.append(plain(f"  {reasons[name]}", "dim" if empty else ""))
            else:
                self.passed.append(name)
                lines.append(Content.assemble(("✓ ", "$success"), (name, "$success")))
        skipped = [n for n, _ in RULES if n not in applicable]
        if skipped:
            lines.append(plain(f"n/a for {kind}/{channel}: {', '.join(skipped)}", "dim italic"))
        self.reasons = {name: reasons[name] for name in self.failed}
        self.update(Hanging(lines))
        n = len(self.failed)
        if empty:
            self.border_subtitle = "nothing written yet"
        else:
            self.border_subtitle = "all pass" if not n else f"{n} to fix"
        self.set_class(bool(n) and not empty, "-failing")
