"""The meeting itself: its length bounds, when the next one falls, and how an agenda
closes, following the mentor's term and the checkpoint review's recommendation.

No meeting is proposed after the mentor's term ends, nor on a weekend, New Year's Day or
Christmas Day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prepcoach.errors import UsageError
from prepcoach.models import CADENCE_DAYS, AgendaItem, Mentor, add_days, add_months
from prepcoach.text import plural
from prepcoach.vocab import DEFAULT_MEETING_MINUTES, MAX_MEETING_MINUTES, MIN_MEETING_MINUTES

if TYPE_CHECKING:
    from prepcoach.agenda.inputs import AgendaInput

__all__ = [
    "DEFAULT_MEETING_MINUTES",
    "MAX_MEETING_MINUTES",
    "MIN_MEETING_MINUTES",
    "NO_MEETING_DAYS",
    "TermClose",
    "beyond_term",
    "check_meeting_minutes",
    "close_item",
    "next_meeting_date",
    "proposed_next_meeting",
    "term_close",
    "working_day",
]


def check_meeting_minutes(minutes: int) -> None:
    """Raise ``UsageError`` unless ``minutes`` is within the meeting length bounds."""
    if not MIN_MEETING_MINUTES <= minutes <= MAX_MEETING_MINUTES:
        raise UsageError(
            f"a meeting of {plural(minutes, 'minute')} is outside the supported range of "
            f"{MIN_MEETING_MINUTES} to {MAX_MEETING_MINUTES} minutes.",
            hint=f"Pass --minutes N with N from {MIN_MEETING_MINUTES} to "
            f"{MAX_MEETING_MINUTES} (default {DEFAULT_MEETING_MINUTES}).",
        )


# Days no meeting is proposed on, as (month, day): New Year's Day and Christmas Day.
NO_MEETING_DAYS = frozenset({(1, 1), (12, 25)})


def working_day(day: dt.date) -> dt.date:
    """``day``, or the next day that is neither a weekend nor in ``NO_MEETING_DAYS``."""
    while (day.weekday() >= 5 or (day.month, day.day) in NO_MEETING_DAYS) and day < dt.date.max:
        day += dt.timedelta(days=1)
    return day


def next_meeting_date(mentor: Mentor, today: dt.date) -> dt.date:
    """The meeting after the one being prepared: that one is ``mentor.next_meeting`` when
    it is today or later, else today; the next follows by cadence (monthly = same day next
    month), moved off a weekend, New Year's Day or Christmas Day to the next working day.
    It may fall after the term's end: ``proposed_next_meeting`` says whether to propose it.
    """
    meeting = (
        mentor.next_meeting
        if mentor.next_meeting is not None and mentor.next_meeting >= today
        else today
    )
    if mentor.cadence == "monthly":
        nxt = add_months(meeting, 1)
    elif mentor.cadence == "quarterly":
        nxt = add_months(meeting, 3)
    else:
        nxt = add_days(meeting, CADENCE_DAYS[mentor.cadence])
    return working_day(nxt)


def beyond_term(mentor: Mentor, day: dt.date) -> bool:
    """Whether ``day`` falls after the end of the mentor's term (False without a term)."""
    end = mentor.term_end()
    return end is not None and mentor.term_start is not None and day > end


def proposed_next_meeting(mentor: Mentor, today: dt.date) -> dt.date | None:
    """The next meeting date to propose in an agenda's close, or None when the cadence
    would put it after the term's end (that meeting is for deciding renew or loosen, not
    for booking past the term). None too without regular meetings to follow: a prospect or
    an open ask (no cadence agreed yet), or a relationship loosened or ended."""
    if mentor.status in ("prospect", "asked", "loosened", "ended"):
        return None
    nxt = next_meeting_date(mentor, today)
    return None if beyond_term(mentor, nxt) else nxt


@dataclass(frozen=True)
class TermClose:
    """What an agenda says about the end of the mentor's term, following the checkpoint
    review's recommendation (``prepcoach.review``)."""

    title: str  # the close item's title
    todo: str  # what to do in this meeting, after "use this meeting to"
    raise_: str  # what to bring up when the next meeting is still in the term
    summary: str  # the agenda summary's sentence ending


_TERM_CLOSES: dict[str, TermClose] = {
    "renew": TermClose(
        "Close: next steps and another term",
        "propose another term with a new focus, and book the next meeting once that is agreed",
        "raise another term with a new focus",
        "this meeting is the time to propose another term with a new focus.",
    ),
    "loosen": TermClose(
        "Close: next steps and a lighter touch",
        "propose keeping in touch less often, when a specific question comes up, instead "
        "of set meetings",
        "raise keeping in touch less often after it",
        "this meeting is the time to propose keeping in touch less often.",
    ),
    "move_on": TermClose(
        "Close: thanks and wrapping up",
        "thank them for their help and close the regular meetings, leaving the door open",
        "raise wrapping up the regular meetings at the end of the term, with thanks",
        "this meeting is the time to thank them and wrap up the regular meetings.",
    ),
}
_NEUTRAL_CLOSE = TermClose(
    "Close: next steps and what comes after the term",
    "agree on what comes next (another term, a lighter touch or wrapping up), and book "
    "another meeting only once that is decided",
    "raise what comes after it (another term, a lighter touch or wrapping up)",
    "this meeting decides what comes next.",
)


def term_close(decision: str | None) -> TermClose:
    """The term-end wording for a review recommendation (renew, loosen, move_on); neutral
    for ``continue``, None or anything else."""
    return _TERM_CLOSES.get(decision or "", _NEUTRAL_CLOSE)


def close_item(inp: AgendaInput, next_date: dt.date | None) -> AgendaItem:
    """The closing item: action items, and the next meeting. When ``next_date`` is None or
    after the term's end, no date is proposed: the term's end is named and the close says
    what this meeting should settle, following ``inp.term_decision`` (neutral when None)."""
    end = inp.mentor.term_end() if inp.mentor.term_start is not None else None
    tc = term_close(inp.term_decision)
    if next_date is None or beyond_term(inp.mentor, next_date):
        detail = "Agree on action items (who does what, by when)."
        title = tc.title
        if end is not None and end >= inp.meeting_day():
            detail += f" The term ends on {end.isoformat()}: use this meeting to {tc.todo}."
        elif end is not None:
            detail += f" The term ended on {end.isoformat()}: {tc.todo}."
        else:
            detail += " Agree on when to meet next."
            title = "Close: next steps and next meeting"
        return AgendaItem(title=title, minutes=0, kind="close", detail=detail)
    detail = (
        "Agree on action items (who does what, by when) and confirm the next meeting: "
        f"{next_date.strftime('%a')} {next_date.isoformat()}."
    )
    if end is not None and end <= next_date:
        if end >= inp.meeting_day():
            detail += f" The term ends on {end.isoformat()}: {tc.raise_}."
        else:
            detail += f" The term ended on {end.isoformat()}: {tc.todo}."
    return AgendaItem(
        title="Close: next steps and next meeting", minutes=0, kind="close", detail=detail
    )
