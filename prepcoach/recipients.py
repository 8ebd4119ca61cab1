"""Who an outreach message is to, and what it asks.

Pure rules shared by the interfaces: when two spellings name the same recipient, which
mentor a recipient is, which kinds of message need the one ask, and the ask that goes
with a review's recommendation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from prepcoach.vocab import ASK_KINDS

if TYPE_CHECKING:
    from prepcoach.models import Mentor

# A first request and a recommendation exist to ask one specific thing; the other kinds
# (renewal, wind-down, follow-up) carry their purpose in the kind itself.
ASK_REQUIRED_KINDS: frozenset[str] = ASK_KINDS


def needs_ask(kind: str) -> bool:
    """A message of ``kind`` cannot be drafted without the one ask."""
    return kind in ASK_REQUIRED_KINDS


def same_recipient(a: str, b: str) -> bool:
    """``a`` and ``b`` name the same recipient (case and spacing aside)."""
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def is_named(mentor: Mentor, to: str) -> bool:
    """``to`` is ``mentor``'s name (case and surrounding spaces aside)."""
    return mentor.name.lower() == to.strip().lower()


def mentor_for(mentors: Iterable[Mentor], to: str) -> Mentor | None:
    """The mentor the message is to, when ``to`` is exactly a mentor's name (any case)."""
    return next((m for m in mentors if m.name.lower() == to.lower()), None)


def review_ask(mentor: Mentor, recommendation: str) -> str:
    """The ask of the message that goes with a review's ``recommendation``."""
    asks = {
        "renew": f"another {mentor.term_months}-month term, same {mentor.cadence} rhythm",
        "loosen": "shift to an occasional catch-up when something comes up",
        "move_on": "bring our regular meetings to a close, with thanks",
        "continue": "thank you, and what I did with your advice",
    }
    return asks.get(recommendation, "")
