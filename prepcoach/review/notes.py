"""What every review lists before its recommendation: the facts as sentences (term clock,
meetings held vs expected, objectives met and open, drift) and the notes (too many open
objectives, no next meeting booked) that fit the recommendation."""

from __future__ import annotations

from prepcoach.review.facts import ReviewFacts, titles
from prepcoach.text import plural
from prepcoach.vocab import Recommendation

MAX_ACTIVE_OBJECTIVES = 3


def _term_sentence(f: ReviewFacts) -> str:
    assert f.term_start is not None and f.term_end is not None
    start = f.term_start.isoformat()
    if f.clock is None:
        return f"The term starts on {start} and runs {plural(f.term_months, 'month')}."
    if f.stopped is not None and f.stopped < f.term_end and f.stopped <= f.today:
        return (
            f"The {f.term_months}-month term that started on {start} stopped on "
            f"{f.stopped.isoformat()}."
        )
    if f.ended and f.term_end > f.today:
        return f"The {f.term_months}-month term that started on {start} has stopped."
    if f.ended and f.term_end == f.today:  # its last day: over from tomorrow
        return (
            f"The {f.term_months}-month term that started on {start} ends today "
            f"({f.term_end.isoformat()})."
        )
    if f.ended:
        return (
            f"The {f.term_months}-month term that started on {start} ended on "
            f"{f.term_end.isoformat()}."
        )
    return (
        f"Month {f.clock[0]} of a {f.term_months}-month term that started on {start} and "
        f"ends on {f.term_end.isoformat()}."
    )


def fact_sentences(f: ReviewFacts) -> list[str]:
    """The review's numbers, one full sentence each. A prospect or an asked mentor has
    none yet: their review is the next step in the lifecycle."""
    out: list[str] = []
    if f.status in ("prospect", "asked"):
        return out
    if f.term_start is not None and f.term_end is not None:
        out.append(_term_sentence(f))
    if f.term_start is not None and f.clock is not None:
        so_far = "" if f.ended else " so far"
        out.append(
            f"{f.held} of {f.expected} expected meetings held{so_far} ({f.cadence} cadence)."
        )
    if f.met:
        out.append(f"Objectives met with {f.first}: {titles(f.met)}.")
    if f.open:
        out.append(f"Still open with {f.first}: {titles(f.open)}.")
    if not f.met and not f.open:
        out.append(f"No objectives are tied to {f.first}, so progress cannot be judged.")
    if f.drift is not None:
        out.append(f.drift.sentence)
    elif f.last_moved is True:
        out.append("The most recent meeting moved an objective forward or set actions.")
    elif f.last_moved is False:
        out.append("The most recent meeting had no objective progress and no new action items.")
    elif f.status in ("active", "renewed") and f.clock is not None:
        out.append(f"No meeting with {f.first} has been held yet.")
    return out


def review_notes(f: ReviewFacts, recommendation: Recommendation = "continue") -> list[str]:
    """Warnings worth acting on, for the meetings the recommendation keeps: none for a
    relationship the review winds down or ends."""
    out: list[str] = []
    if recommendation not in ("continue", "renew"):
        return out
    if len(f.open) > MAX_ACTIVE_OBJECTIVES:
        out.append(
            f"{len(f.open)} objectives are open with {f.first}; at most "
            f"{MAX_ACTIVE_OBJECTIVES} per term keeps the meetings focused."
        )
    if (
        recommendation == "continue"
        and f.status in ("active", "renewed")
        and not f.at_checkpoint
        and (f.next_meeting is None or f.next_meeting < f.today)
    ):
        out.append("No next meeting is booked.")
    return out
