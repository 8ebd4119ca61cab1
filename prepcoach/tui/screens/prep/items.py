"""The Prep screen's pieces that are not widgets: the welcome text, the form data and
the agenda items as editable ``"<minutes> min · <title>"`` lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from prepcoach.models import AgendaItem, Mentor, Objective, Plan
from prepcoach.text import plural
from prepcoach.tui.text import one_line

WELCOME = """\
## Prepare the next meeting

1. Pick the mentor and the meeting length above.
2. Add **wins** (what you did since last time) and **questions** (what you want to ask).
   Type, then enter. On a list: enter edits, delete removes, shift+↑/↓ moves.
3. **ctrl+g** drafts a time-boxed agenda; unresolved questions and open action items
   from earlier sessions are carried over automatically.
4. **ctrl+l** edits the items, **ctrl+s** saves the session,
   **ctrl+t** copies, **ctrl+o** exports Markdown.

What you type is kept as a draft, even if you quit.
"""

ITEM_RE = re.compile(r"^\s*(\d{1,3})\s*(?:min|m)?\s*[·:|\-–]\s*(.+?)\s*$")


@dataclass
class PrepData:
    plan: Plan
    mentor: Mentor | None
    carried: list[Any] = field(default_factory=list)  # prepcoach.agenda.CarryOver
    objectives: list[Objective] = field(default_factory=list)
    draft: dict[str, Any] | None = None


def item_line(item: AgendaItem) -> str:
    return f"{item.minutes} min · {one_line(item.title)}"


def parse_items(lines: list[str], original: list[AgendaItem]) -> list[AgendaItem]:
    """Agenda items from edited ``"<minutes> min · <title>"`` lines; kind, detail,
    objective and source are kept from the original item with the same title."""
    pool = list(original)
    out: list[AgendaItem] = []
    for line in lines:
        m = ITEM_RE.match(line)
        minutes, title = (int(m.group(1)), m.group(2)) if m else (0, line.strip())
        match = next((o for o in pool if o.title.strip() == title.strip()), None)
        if match is not None:
            pool.remove(match)
            out.append(match.model_copy(update={"minutes": minutes}))
        else:
            out.append(AgendaItem(title=title, minutes=minutes, kind="question"))
    return out


def loaded_line(wins: int, questions: int) -> str:
    """``Loaded 2 wins and 1 question saved for this meeting.``"""
    parts = [plural(n, word) for n, word in ((wins, "win"), (questions, "question")) if n]
    return f"Loaded {' and '.join(parts)} saved for this meeting."
