"""Shared by the CLI tests: the test key, fixed dates and texts, running a command."""

from __future__ import annotations

from pathlib import Path

from prepcoach.cli import main

KEY = "sk-test-CLI-NEVER-PRINT-90ab7c"
TODAY = ["--today", "2026-11-25"]
Q1 = "How do I hand the budget process to my new finance partner?"
Q2 = "Should I ask for a quarterly check-in after the term?"

GOOD = """Subject: Question on choosing VP or CTO

Hi Elena,

Nadia Farouk suggested I write to you. I lead platform engineering at Lumen Freight.

Could we have a 20-minute call about how you chose between a VP Eng role and a CTO role?

If now isn't a good time, no worries at all.

Thanks,
Dana"""
CLASSIC_BAD = """Hi Marcus,

Would you be my mentor? I'd love to meet every month for the next six months to pick your
brain about leadership, my career and whatever comes up. Let me know when works.

Dana"""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert KEY not in out + err
    return code, out, err


def agenda_reply() -> dict:
    return {
        "summary": "Budget hand-off and what comes after the term.",
        "items": [
            {
                "title": "Opening",
                "minutes": 2,
                "kind": "opening",
                "detail": "",
                "objective_id": None,
            },
            {"title": Q1, "minutes": 30, "kind": "question", "detail": "", "objective_id": None},
            {"title": Q2, "minutes": 20, "kind": "question", "detail": "", "objective_id": None},
            {"title": "Close", "minutes": 3, "kind": "close", "detail": "", "objective_id": None},
        ],
    }


def draft_ids(sample_dir: Path) -> list[str]:
    return sorted(x.stem for x in (sample_dir / "outreach").glob("*.json"))


def sample_session_ids(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "sessions").glob("*.json") if not p.name.startswith("."))
