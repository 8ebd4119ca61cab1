"""Word tables the lint rules and the ask classifier share, and the one way a table
becomes a regular expression: each set of words is written once, as plain words.

``one_of("how what why")`` is ``(?:how|what|why)``; a table with commas holds phrases
(``one_of("one, a single, one-off")``). ``pattern(...)`` joins regex parts into one
case-insensitive pattern.
"""

from __future__ import annotations

import re

WH = "how what why when where which who whom whose whether"
MODALS = "would could can will might"
AUXILIARIES = (
    "do does did is are was were will would should shall can could may might must have has had am"
)
SUBJECT_PRONOUNS = "i you we they he she it"
ARTICLES = "a an the"
POSSESSIVES = "my our your their his her its"
DEMONSTRATIVES = "this that these those"


def one_of(table: str) -> str:
    """A non-capturing group matching any phrase of ``table`` (split on commas when it
    has any, else on whitespace), tried in table order."""
    parts = [p.strip() for p in table.split(",")] if "," in table else table.split()
    return "(?:" + "|".join(p for p in parts if p) + ")"


def pattern(*parts: str) -> re.Pattern[str]:
    """``parts`` joined into one case-insensitive pattern."""
    return re.compile("".join(parts), re.IGNORECASE)
