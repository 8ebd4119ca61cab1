"""What every review lists before its recommendation: the facts as sentences (term clock,
meetings held vs expected, objectives met and open, drift) and the notes (too many open
objectives, behind the cadence, no next meeting booked)."""

from __future__ import annotations

from prepcoach.review.facts import ReviewFacts, titles
from prepcoach.text import plural

MAX_ACTIVE_OBJECTIVES = 3


def fact_sentences(f: ReviewFacts) -> list[str]:
    """The review's numbers, one full sentence each."""
    out: list[str] = []
    if f.term_start is not None and f.term_end is not None:
        if f.clock is None:
            out.append(
                f"The term starts on {f.term_start.isoformat()} and runs "
                f"{plural(f.term_months, 'month')}."
            )
        elif f.ended:
            out.append(
                f"The {f.term_months}-month term that started on "
                f"{f.term_start.isoformat()} ended on {f.term_end.isoformat()}."
            )
        else:
            out.append(
                f"Month {f.clock[0]} of a {f.term_months}-month term that started on "
                f"{f.term_start.isoformat()} and ends on {f.term_end.isoformat()}."
            )
    if f.term_start is not None and f.clock is not None:
        out.append(f"{f.held} of {f.expected} expected meetings held so far ({f.cadence} cadence).")
    if f.objectives:
        if f.met:
            out.append(f"Objectives met with {f.first}: {titles(f.met)}.")
        if f.open:
            out.append(f"Still open with {f.first}: {titles(f.open)}.")
    elif f.status not in ("prospect", "asked"):
        out.append(f"No objectives are tied to {f.first}, so progress cannot be judged.")
    if f.sessions:
        if f.drift > 1:
            out.append(
                f"The last {plural(f.drift, 'session')} had no objective progress and no new "
                "action items."
            )
        elif f.drift == 1:
            out.append("The most recent session had no objective progress and no new action items.")
        else:
            out.append("The most recent session moved an objective forward or set actions.")
    return out


def review_notes(f: ReviewFacts) -> list[str]:
    """Warnings worth acting on whatever the recommendation."""
    out: list[str] = []
    if len(f.open) > MAX_ACTIVE_OBJECTIVES:
        out.append(
            f"{len(f.open)} objectives are open with {f.first}; at most "
            f"{MAX_ACTIVE_OBJECTIVES} per term keeps the meetings focused."
        )
    if f.term_start is not None and not f.ended and f.expected - f.held >= 2:
        out.append(
            f"You are {f.expected - f.held} meetings behind the {f.cadence} cadence; book the "
            "next one."
        )
    if (
        f.status in ("active", "renewed")
        and not f.at_checkpoint
        and (f.next_meeting is None or f.next_meeting < f.today)
    ):
        out.append("No next meeting is booked.")
    return out
