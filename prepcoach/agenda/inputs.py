"""``AgendaInput``: everything an agenda is built from, and the views of it the rules use
(this mentor's history and objectives, the open questions, the carried-over items)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from prepcoach.agenda.carry import CarryOver, carried_over
from prepcoach.agenda.matching import clean_line, match_objective, norm, same_text
from prepcoach.agenda.moment import Moment, meeting_moment
from prepcoach.models import Mentor, Objective, Profile, Session


@dataclass
class AgendaInput:
    """Everything an agenda is built from.

    ``objectives``: the plan's objectives (this mentor's are preferred when tying items);
    ``history``: earlier sessions (other mentors' and future-dated ones are ignored);
    ``accomplishments`` and ``questions``: what the user typed; ``minutes``: meeting
    length (>= 1); ``today``: the only clock used; ``term_decision``: the checkpoint
    review's recommendation (continue, renew, loosen, move_on) when the term ends before
    the next meeting, so the close proposes what fits (None: a neutral close).
    """

    mentor: Mentor
    objectives: list[Objective]
    history: list[Session]
    accomplishments: list[str]
    questions: list[str]
    minutes: int
    today: dt.date
    profile: Profile = field(default_factory=Profile)
    term_decision: str | None = None

    def mentor_history(self) -> list[Session]:
        """This mentor's sessions up to today, oldest first."""
        ids = {self.mentor.id, self.mentor.name}
        return sorted(
            (s for s in self.history if s.mentor in ids and s.date <= self.today),
            key=lambda s: (s.date, s.id),
        )

    def meeting_day(self) -> dt.date:
        """The day of the meeting being prepared: the booked one when it is still to come,
        else today. Words about the term take its tense ("ends" / "ended")."""
        booked = self.mentor.next_meeting
        return booked if booked is not None and booked >= self.today else self.today

    def ordered_objectives(self) -> list[Objective]:
        """This mentor's objectives first, then the rest of the plan's."""
        mine = [o for o in self.objectives if self.mentor.id in o.mentors]
        return mine + [o for o in self.objectives if self.mentor.id not in o.mentors]

    def preferred_ids(self) -> set[str]:
        """Ids of this mentor's objectives (items tie to these first)."""
        return {o.id for o in self.objectives if self.mentor.id in o.mentors}

    def match(self, text: str) -> Objective | None:
        """The objective ``text`` is about (this mentor's first), or None."""
        return match_objective(text, self.ordered_objectives(), self.preferred_ids())

    def mentor_objectives(self, status: str = "open") -> list[Objective]:
        return [o for o in self.objectives if self.mentor.id in o.mentors and o.status == status]

    def open_questions(self) -> list[str]:
        """The user's questions, cleaned, blanks and duplicates removed, order kept."""
        out: list[str] = []
        seen: set[str] = set()
        for q in self.questions:
            text = clean_line(q)
            if text and norm(text) not in seen:
                seen.add(norm(text))
                out.append(text)
        return out

    def carry_overs(self) -> list[CarryOver]:
        """Carried-over items not already among today's questions."""
        qs = self.open_questions()
        return [
            c
            for c in carried_over(
                self.mentor_history(), self.ordered_objectives(), self.preferred_ids()
            )
            if not any(same_text(c.text, q) for q in qs)
        ]

    def moment(self) -> Moment:
        """Which moment in the term this meeting is (``prepcoach.agenda.moment``)."""
        return meeting_moment(self.mentor, self.mentor_history(), self.today)
