"""Agenda rules (PRODUCT §4), shared by the offline composer and the LLM engine.

Public API:

- ``CarryOver`` and ``carried_over(history, objectives=None) -> list[CarryOver]``:
  unresolved questions and open action items from earlier sessions, most recent first,
  deduplicated, each with where it came from.
- ``AgendaInput``: everything an agenda is built from.
- ``normalise_agenda(agenda, inp) -> Agenda``: never trust a model's arithmetic. Returns
  a new agenda whose time boxes are integers >= 1 summing exactly to ``inp.minutes``,
  that holds every open question and carried-over item verbatim, ties items to
  objectives where the words match, keeps wins to one brief item and gives the questions
  the time. Too many items for the minutes are merged (never dropped) and the summary
  says so.
- ``check_agenda(agenda, inp) -> list[str]``: the rules an agenda breaks, in words
  (empty when it is fine). ``normalise_agenda``'s output always passes.
- ``agenda_markdown(agenda, mentor=None, objectives=None) -> str``: Markdown export.
- ``match_objective``, ``next_meeting_date``, ``proposed_next_meeting``, ``win_cap``:
  helpers the composers share. No meeting is proposed after the mentor's term ends, nor
  on a weekend, New Year's Day or Christmas Day.

Time rules: wins get at most ``win_cap(minutes)`` = max(1, min(5, minutes // 10)) minutes
in total; every question item gets at least as much time as any opening, win, objective
check-in or close item.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from prepcoach.errors import UsageError
from prepcoach.lint import STOPWORDS, clean_text, plural
from prepcoach.models import (
    CADENCE_DAYS,
    Agenda,
    AgendaItem,
    Mentor,
    Objective,
    Profile,
    Session,
    add_days,
    add_months,
)

# ----------------------------------------------------------------- meeting length

# Meeting length bounds and default, for every interface (CLI and TUI): shorter than ten
# minutes leaves no time for a question; longer than four hours is a workshop, not a
# mentoring meeting. 45 minutes is the usual slot with a busy senior person.
MIN_MEETING_MINUTES = 10
MAX_MEETING_MINUTES = 240
DEFAULT_MEETING_MINUTES = 45


def check_meeting_minutes(minutes: int) -> None:
    """Raise ``UsageError`` unless ``minutes`` is within the meeting length bounds."""
    if not MIN_MEETING_MINUTES <= minutes <= MAX_MEETING_MINUTES:
        raise UsageError(
            f"a meeting of {plural(minutes, 'minute')} is outside the supported range of "
            f"{MIN_MEETING_MINUTES} to {MAX_MEETING_MINUTES} minutes.",
            hint=f"Pass --minutes N with N from {MIN_MEETING_MINUTES} to "
            f"{MAX_MEETING_MINUTES} (default {DEFAULT_MEETING_MINUTES}).",
        )


# ------------------------------------------------------------------ text matching

_GENERIC = frozenset(
    re.findall(
        r"\S+",
        """
        team teams work people time want need help good better new get make way thing things
        lead ask talk next one two three more less really still also able just well much many
        something anything everything nothing step steps first last here
        """,
    )
)


_PUNCT_RE = re.compile(r"[^\w\s]")
_KEYWORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Texts repeat a lot (objective titles on every match, carried items on every build): the
# pure text functions below are cached. Bounded, so a long history cannot grow memory.
_CACHE_SIZE = 8192


@lru_cache(maxsize=_CACHE_SIZE)
def clean_line(text: str) -> str:
    """``clean_text`` with all runs of whitespace collapsed to one space."""
    return " ".join(clean_text(text).split())


@lru_cache(maxsize=_CACHE_SIZE)
def norm(text: str) -> str:
    """Case-, punctuation- and space-insensitive form of a text, for comparing."""
    return " ".join(_PUNCT_RE.sub(" ", clean_text(text).casefold()).split())


def _stem(word: str) -> str:
    w = word.lower()
    for suffix in ("ing", "ed", "es", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    return w[:5]


@lru_cache(maxsize=_CACHE_SIZE)
def _keywords(text: str) -> frozenset[str]:
    out = set()
    for w in _KEYWORD_RE.findall(norm(text)):
        if len(w) < 3 or w in STOPWORDS or w in _GENERIC:
            continue
        out.add(_stem(w))
    return frozenset(out)


def keywords(text: str) -> set[str]:
    """Stemmed content words of a text (for matching questions to objectives)."""
    return set(_keywords(text))


def same_text(a: str, b: str) -> bool:
    """Whether two item texts say the same thing (equal, contained, or near-equal words)."""
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    short, long_ = (na, nb) if len(na) <= len(nb) else (nb, na)
    if len(short.split()) >= 3 and f" {short} " in f" {long_} ":
        return True
    ka, kb = _keywords(a), _keywords(b)
    if len(ka) >= 3 and len(kb) >= 3:
        return len(ka & kb) / len(ka | kb) >= 0.75
    return False


def match_objective(
    text: str, objectives: Sequence[Objective], preferred: Collection[str] = ()
) -> Objective | None:
    """The objective whose words best match ``text``: title words count 2, why and
    done-when words 1. An objective whose id is in ``preferred`` (this mentor's) needs a
    score of 2; any other needs 4 and two distinct shared words. Earlier objectives win
    ties. Dropped objectives are never matched; open ones beat met ones at equal score."""
    kw = _keywords(text)
    if not kw:
        return None
    best: tuple[int, int, int] | None = None
    best_obj: Objective | None = None
    for i, o in enumerate(objectives):
        if o.status == "dropped":
            continue
        in_title = kw & _keywords(o.title)
        in_rest = (kw & _keywords(f"{o.why} {o.done_when}")) - in_title
        score = 2 * len(in_title) + len(in_rest)
        if o.id in preferred:
            if score < 2:
                continue
        elif score < 4 or len(in_title | in_rest) < 2:
            continue
        score += 1 if o.id in preferred else 0
        key = (score, 1 if o.status == "open" else 0, -i)
        if best is None or key > best:
            best, best_obj = key, o
    return best_obj


# ------------------------------------------------------------------- carry-over


@dataclass
class CarryOver:
    """An unresolved question or open action item from an earlier session."""

    kind: Literal["question", "action"]
    text: str
    source: str  # e.g. "2026-10-14 session"
    session_id: str
    objective_id: str | None = None
    owner: str = "me"  # actions: who owns it
    due: dt.date | None = None  # actions: when it was due
    date: dt.date | None = None  # the session's date

    def title(self) -> str:
        if self.kind == "question":
            return f"Still open: {self.text}"
        if self.owner.strip().lower() in ("", "me", "i", "myself"):
            return f"Update on: {self.text}"
        return f"Check in on {self.owner}'s action: {self.text}"


def carried_over(
    history: Iterable[Session],
    objectives: Sequence[Objective] | None = None,
    preferred: Collection[str] = (),
) -> list[CarryOver]:
    """Unresolved questions and open action items from ``history`` (earlier sessions with
    one mentor), most recent first.

    Deduplicated by text: the most recent mention wins, so a question asked again and
    resolved later is not carried. ``objective_id`` comes from ``objectives`` by keyword
    match when given (``preferred``: ids of this mentor's objectives, see
    ``match_objective``), else None. ``source`` reads "<date> session".
    """
    ordered = sorted(history, key=lambda s: (s.date, s.id), reverse=True)
    # Only items newer than (or as new as) the oldest open one can matter: an older
    # mention, resolved or not, is shadowed by it and shadows nothing that is carried.
    # Find that cut-off before any text work, so a long, settled history costs no regex.
    last = -1
    for i, s in enumerate(ordered):
        if any(not q.resolved for q in s.questions) or any(not a.done for a in s.action_items):
            last = i
    if last < 0:
        return []
    seen: set[str] = set()
    out: list[CarryOver] = []
    ties: dict[str, str | None] = {}

    def tie(text: str) -> str | None:
        if not objectives:
            return None
        if text not in ties:
            o = match_objective(text, objectives, preferred)
            ties[text] = o.id if o is not None else None
        return ties[text]

    for s in ordered[: last + 1]:
        source = f"{s.date.isoformat()} session"
        for q in s.questions:
            text = clean_line(q.text)
            key = norm(text)
            if not key or key in seen:
                continue
            seen.add(key)
            if not q.resolved:
                out.append(CarryOver("question", text, source, s.id, tie(text), date=s.date))
        for a in s.action_items:
            text = clean_line(a.text)
            key = norm(text)
            if not key or key in seen:
                continue
            seen.add(key)
            if not a.done:
                out.append(
                    CarryOver(
                        "action",
                        text,
                        source,
                        s.id,
                        tie(text),
                        owner=a.owner,
                        due=a.due,
                        date=s.date,
                    )
                )
    return out


# ---------------------------------------------------------------------- input


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


def win_cap(minutes: int) -> int:
    """Most minutes all wins together may take."""
    return max(1, min(5, minutes // 10))


# ------------------------------------------------------------ fitting the time

# Relative weights when an item has no usable minutes (questions get the time).
KIND_WEIGHT: dict[str, float] = {
    "opening": 1.0,
    "carried_over": 3.0,
    "win": 1.0,
    "question": 6.0,
    "objective": 3.0,
    "close": 3.0,
}
# When items must be merged, the merged block takes the most important kind.
_KIND_RANK = {"question": 5, "carried_over": 4, "objective": 3, "win": 2, "close": 1, "opening": 0}
_NON_ASK = frozenset({"opening", "win", "objective", "close"})


def _render_group(group: list[AgendaItem]) -> AgendaItem:
    if len(group) == 1:
        return group[0]
    kinds = {it.kind for it in group}
    kind = max(kinds, key=lambda k: _KIND_RANK[k])
    n = len(group)
    if kinds == {"question"}:
        title = f"{n} questions"
    elif kinds == {"carried_over"}:
        title = f"Carried over ({n} items)"
    elif kinds == {"objective"}:
        title = f"Check-in on {n} objectives"
    elif kinds == {"win"}:
        title = "Wins"
    else:
        title = " + ".join(_short(it.title, 40) for it in group)
    lines = []
    for it in group:
        close = it.kind == "close" and not it.title.lower().startswith("close")
        line = f"- Close: {it.title}" if close else f"- {it.title}"
        if it.detail:
            line += f" ({it.detail})" if "\n" not in it.detail else "\n" + it.detail
        lines.append(line)
    sources = "; ".join(dict.fromkeys(it.source for it in group if it.source))
    obj = next((it.objective_id for it in group if it.objective_id), None)
    return AgendaItem(
        title=title,
        minutes=sum(it.minutes for it in group),
        kind=kind,
        detail="\n".join(lines),
        objective_id=obj,
        source=sources,
    )


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _merge_to_fit(items: list[AgendaItem], slots: int) -> list[list[AgendaItem]]:
    """Group adjacent items until there are at most ``slots`` groups. Same-kind pairs go
    first (wins, then objective check-ins, carried-over items, questions), lightest first."""
    groups: list[list[AgendaItem]] = [[it] for it in items]
    order = {"win": 0, "opening": 0, "objective": 1, "carried_over": 2, "question": 3, "close": 4}

    def weight(g: list[AgendaItem]) -> float:
        return sum(it.minutes or KIND_WEIGHT[it.kind] for it in g)

    def gkind(g: list[AgendaItem]) -> str:
        return max((it.kind for it in g), key=lambda k: _KIND_RANK[k])

    while len(groups) > max(1, slots):
        best: tuple[int, int, float, int] | None = None
        best_i = 0
        for i in range(len(groups) - 1):
            a, b = groups[i], groups[i + 1]
            ka, kb = gkind(a), gkind(b)
            same = 0 if ka == kb else 1
            key = (same, order[ka] if same == 0 else 9, weight(a) + weight(b), i)
            if best is None or key < best:
                best, best_i = key, i
        groups[best_i : best_i + 2] = [groups[best_i] + groups[best_i + 1]]
    return groups


def _distribute(weights: list[float], total: int) -> list[int]:
    """Integers >= 1 summing exactly to ``total`` (>= len(weights)), proportional to
    ``weights`` (largest remainder; ties to the earlier item)."""
    n = len(weights)
    if n == 0:
        return []
    w = [max(0.0, x) for x in weights]
    if sum(w) <= 0:
        w = [1.0] * n
    s = sum(w)
    ideal = [total * x / s for x in w]
    out = [max(1, int(v)) for v in ideal]
    diff = total - sum(out)
    while diff > 0:
        i = max(range(n), key=lambda k: (ideal[k] - out[k], -k))
        out[i] += 1
        diff -= 1
    while diff < 0:
        candidates = [k for k in range(n) if out[k] > 1]
        i = max(candidates, key=lambda k: (out[k] - ideal[k], out[k], k))
        out[i] -= 1
        diff += 1
    return out


def _rebalance(items: list[AgendaItem], total: int) -> list[int]:
    """Apply the time rules to the items' minutes (which already sum to ``total``)."""
    mins = [it.minutes for it in items]
    kinds = [it.kind for it in items]
    receivers = [i for i, k in enumerate(kinds) if k == "question"] or [
        i for i, k in enumerate(kinds) if k in ("carried_over", "objective")
    ]
    # 1. wins brief
    cap = win_cap(total)
    wins = [i for i, k in enumerate(kinds) if k == "win"]
    if receivers:
        while sum(mins[i] for i in wins) > cap:
            donors = [i for i in wins if mins[i] > 1]
            if not donors:
                break
            d = max(donors, key=lambda i: (mins[i], -i))
            r = min(receivers, key=lambda i: (mins[i], i))
            mins[d] -= 1
            mins[r] += 1
    # 2. the close stays short
    close_cap = max(2, min(5, total // 10 + 1))
    if receivers:
        for c in (i for i, k in enumerate(kinds) if k == "close"):
            while mins[c] > close_cap:
                r = min(receivers, key=lambda i: (mins[i], i))
                mins[c] -= 1
                mins[r] += 1
    # 3. asks get the time: every question >= every opening / win / objective / close
    questions = [i for i, k in enumerate(kinds) if k == "question"]
    others = [i for i, k in enumerate(kinds) if k in _NON_ASK]
    while questions and others:
        q = min(questions, key=lambda i: (mins[i], i))
        o = max(others, key=lambda i: (mins[i], -i))
        if mins[q] >= mins[o] or mins[o] <= 1:
            break
        mins[o] -= 1
        mins[q] += 1
    return mins


def fit_to_minutes(items: list[AgendaItem], minutes: int) -> tuple[list[AgendaItem], str]:
    """Items with time boxes >= 1 that sum exactly to ``minutes``, following the time
    rules. Items' current minutes are relative weights (0 = the kind's default). When
    there are more items than minutes, adjacent items are merged (their texts kept in the
    merged item's detail) and the returned notice says so; otherwise the notice is ""."""
    if minutes < 1:
        raise ValueError("a meeting needs at least 1 minute")
    notice = ""
    wins = [it for it in items if it.kind == "win"]
    if len(wins) > 1:  # wins stay one brief item
        merged_win = _render_group(wins)
        first = items.index(wins[0])
        items = [it for it in items if it.kind != "win"]
        items.insert(first, merged_win)
    # zero minutes means "no opinion": use the kind's weight
    items = [
        it if it.minutes > 0 else it.model_copy(update={"minutes": int(KIND_WEIGHT[it.kind])})
        for it in items
    ]
    if len(items) > minutes:
        n_before = len(items)
        groups = _merge_to_fit(items, minutes)
        items = [_render_group(g) for g in groups]
        notice = (
            f"{n_before} items do not fit {plural(minutes, 'minute')} one per minute, so "
            f"some were grouped into {plural(len(items), 'block')}; consider a longer "
            "meeting or fewer topics."
        )
    if not items:
        return [], notice
    weights = [float(it.minutes) if it.minutes > 0 else KIND_WEIGHT[it.kind] for it in items]
    if sum(it.minutes for it in items) == minutes and all(it.minutes >= 1 for it in items):
        mins = [it.minutes for it in items]
    else:
        mins = _distribute(weights, minutes)
    items = [it.model_copy(update={"minutes": m}) for it, m in zip(items, mins, strict=True)]
    mins = _rebalance(items, minutes)
    items = [it.model_copy(update={"minutes": m}) for it, m in zip(items, mins, strict=True)]
    q_mins = [it.minutes for it in items if it.kind == "question"]
    n_q = sum(1 for it in items if it.kind == "question")
    if q_mins and min(q_mins) < 3 and not notice and n_q > 1:
        notice = (
            f"{n_q} questions in {plural(minutes, 'minute')} leaves about "
            f"{plural(min(q_mins), 'minute')} for some of them; consider picking the top "
            "three and keeping the rest for next time."
        )
    return items, notice


# --------------------------------------------------------------- presence checks


def _item_text(it: AgendaItem) -> str:
    return f"{it.title}\n{it.detail}"


def _present_verbatim(text: str, items: Sequence[AgendaItem]) -> bool:
    key = norm(text)
    if not key:  # no letters or digits: compare the text itself
        return any(text.strip() in _item_text(it) for it in items)
    return any(key in norm(_item_text(it)) for it in items)


def _present_loosely(text: str, items: Sequence[AgendaItem]) -> int | None:
    """Index of an item that covers ``text`` by its words (a paraphrase), or None."""
    kw = keywords(text)
    if len(kw) < 2:
        return None
    best, best_i = 0.0, None
    for i, it in enumerate(items):
        if it.kind in ("close", "opening", "win"):
            continue
        overlap = len(kw & keywords(_item_text(it))) / len(kw)
        if overlap >= 0.6 and overlap > best:
            best, best_i = overlap, i
    return best_i


# ------------------------------------------------------------------- normalise


def _question_item(text: str, inp: AgendaInput) -> AgendaItem:
    obj = inp.match(text)
    detail = ""
    if obj is not None:
        detail = f"Ties to: {obj.title}."
    return AgendaItem(
        title=text, minutes=0, kind="question", detail=detail, objective_id=obj.id if obj else None
    )


def carry_item(c: CarryOver, objectives: Sequence[Objective]) -> AgendaItem:
    """The agenda item for a carried-over question or action."""
    where = f"Carried over from the {c.source}"
    if c.kind == "action" and c.due is not None:
        where += f"; it was due {c.due.isoformat()}"
    detail = where + "."
    obj = next((o for o in objectives if o.id == c.objective_id), None)
    if obj is not None:
        detail += f" Ties to: {obj.title}."
    return AgendaItem(
        title=c.title(),
        minutes=0,
        kind="carried_over",
        detail=detail,
        objective_id=c.objective_id,
        source=c.source,
    )


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
        if end is not None and end >= inp.today:
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
        if end >= inp.today:
            detail += f" The term ends on {end.isoformat()}: {tc.raise_}."
        else:
            detail += f" The term ended on {end.isoformat()}: {tc.todo}."
    return AgendaItem(
        title="Close: next steps and next meeting", minutes=0, kind="close", detail=detail
    )


def _one_close(items: list[AgendaItem]) -> list[AgendaItem]:
    """At most one close item: several (a model may write two) become one, at the place
    of the last, with every distinct detail kept."""
    closes = [i for i, it in enumerate(items) if it.kind == "close"]
    if len(closes) <= 1:
        return items
    details = list(dict.fromkeys(items[i].detail.strip() for i in closes if items[i].detail))
    last = items[closes[-1]]
    merged = last.model_copy(
        update={
            "detail": "\n".join(details),
            "minutes": sum(items[i].minutes for i in closes),
            "objective_id": next(
                (items[i].objective_id for i in closes if items[i].objective_id), None
            ),
        }
    )
    dropped = set(closes[:-1])
    return [merged if i == closes[-1] else it for i, it in enumerate(items) if i not in dropped]


def normalise_agenda(agenda: Agenda, inp: AgendaInput) -> Agenda:
    """Make any agenda (typically a model's) follow the agenda rules.

    Returns a new ``Agenda`` (the input is not changed) with ``minutes = inp.minutes`` and:
    every open question of ``inp`` present verbatim (a paraphrased item gets the original
    text added to its detail; a lost one becomes its own item before the close); every
    carried-over item present (lost ones are added after the leading carried-over items);
    unknown objective ids cleared and untied questions tied by keyword match; wins merged
    into one item; a close added when missing; time boxes integers >= 1 summing exactly to
    ``inp.minutes`` (the agenda's own minutes are used as relative weights), wins capped at
    ``win_cap`` and every question given at least as much time as any non-question item.
    Items beyond what the minutes allow are merged, never dropped, and ``summary`` notes it.
    """
    objectives = inp.ordered_objectives()
    known = {o.id for o in objectives}
    items: list[AgendaItem] = []
    for it in agenda.items:
        title = " ".join(clean_text(it.title).split()) or "Item"
        detail = clean_text(it.detail)
        obj_id = it.objective_id if it.objective_id in known else None
        items.append(
            it.model_copy(update={"title": title, "detail": detail, "objective_id": obj_id})
        )

    # carried-over items
    lead = 0
    while lead < len(items) and items[lead].kind in ("opening", "carried_over"):
        lead += 1
    for c in inp.carry_overs():
        if _present_verbatim(c.text, items):
            continue
        idx = _present_loosely(c.text, items)
        if idx is not None:
            it = items[idx]
            extra = f"(Carried over from the {c.source}: {c.text})"
            items[idx] = it.model_copy(update={"detail": f"{it.detail}\n{extra}".strip()})
            continue
        items.insert(lead, carry_item(c, objectives))
        lead += 1

    # open questions
    for q in inp.open_questions():
        if _present_verbatim(q, items):
            continue
        idx = _present_loosely(q, items)
        if idx is not None:
            it = items[idx]
            items[idx] = it.model_copy(
                update={"detail": f"{it.detail}\nYour question: {q}".strip()}
            )
            continue
        close_at = next((i for i, it in enumerate(items) if it.kind == "close"), len(items))
        items.insert(close_at, _question_item(q, inp))

    # tie questions and carried-over items to objectives
    for i, it in enumerate(items):
        if it.objective_id is None and it.kind in ("question", "carried_over"):
            obj = inp.match(it.title)
            if obj is not None:
                items[i] = it.model_copy(update={"objective_id": obj.id})

    next_date = agenda.next_meeting or proposed_next_meeting(inp.mentor, inp.today)
    if next_date is not None and beyond_term(inp.mentor, next_date):
        next_date = None  # never propose a meeting after the term's end
    if not any(it.kind == "close" for it in items):
        items.append(close_item(inp, next_date))
    items = _one_close(items)

    fitted, notice = fit_to_minutes(items, inp.minutes)
    summary = clean_text(agenda.summary)
    if notice and notice not in summary:
        summary = f"{summary} {notice}".strip()
    return agenda.model_copy(
        update={
            "items": fitted,
            "minutes": inp.minutes,
            "next_meeting": next_date,
            "summary": summary,
        }
    )


def _closes(it: AgendaItem) -> bool:
    """Whether an item is (or, merged into a block, holds) the close."""
    text = _item_text(it)
    return (
        it.kind == "close"
        or "next meeting" in text.lower()
        or any(line.lower().startswith("- close") for line in it.detail.splitlines())
    )


def check_agenda(agenda: Agenda, inp: AgendaInput) -> list[str]:
    """The agenda rules ``agenda`` breaks for ``inp``, each as a sentence (empty = fine)."""
    problems: list[str] = []
    items = agenda.items
    if agenda.minutes != inp.minutes:
        problems.append(
            f"The agenda is for {plural(agenda.minutes, 'minute')} but the meeting is "
            f"{inp.minutes}."
        )
    total = sum(it.minutes for it in items)
    if total != inp.minutes:
        problems.append(f"The time boxes add up to {plural(total, 'minute')}, not {inp.minutes}.")
    for it in items:
        if it.minutes < 1:
            problems.append(f"'{_short(it.title, 60)}' has no time box.")
    for q in inp.open_questions():
        if not _present_verbatim(q, items):
            problems.append(f"The open question '{_short(q, 80)}' is missing.")
    for c in inp.carry_overs():
        if not _present_verbatim(c.text, items):
            problems.append(
                f"The carried-over item '{_short(c.text, 80)}' (from the {c.source}) is missing."
            )
    win_total = sum(it.minutes for it in items if it.kind == "win")
    cap = win_cap(inp.minutes)
    if win_total > cap:
        problems.append(f"Wins take {plural(win_total, 'minute')}; keep them to {cap} or less.")
    questions = [it for it in items if it.kind == "question"]
    others = [it for it in items if it.kind in _NON_ASK]
    if questions and others:
        shortest = min(questions, key=lambda it: it.minutes)
        longest = max(others, key=lambda it: it.minutes)
        if shortest.minutes < longest.minutes:
            problems.append(
                f"The question '{_short(shortest.title, 60)}' gets "
                f"{plural(shortest.minutes, 'minute')}, "
                f"less than '{_short(longest.title, 40)}' ({longest.minutes}): give the asks "
                "the time."
            )
    objectives = inp.ordered_objectives()
    known = {o.id: o for o in objectives}
    for it in items:
        if it.objective_id is not None and it.objective_id not in known:
            problems.append(
                f"'{_short(it.title, 60)}' points at an unknown objective '{it.objective_id}'."
            )
        elif it.objective_id is None and it.kind in ("question", "carried_over"):
            obj = inp.match(it.title)
            if obj is not None:
                problems.append(
                    f"'{_short(it.title, 60)}' could be tied to the objective '{obj.title}'."
                )
    if not any(_closes(it) for it in items):
        problems.append("There is no close to agree next steps and the next meeting.")
    return problems


# --------------------------------------------------------------------- markdown


def _clock(minute: int) -> str:
    return f"{minute // 60}:{minute % 60:02d}"


_KIND_LABEL = {
    "opening": "Opening",
    "carried_over": "Carried over",
    "win": "Wins",
    "question": "Question",
    "objective": "Objective",
    "close": "Close",
}


def agenda_markdown(
    agenda: Agenda,
    mentor: Mentor | None = None,
    objectives: Sequence[Objective] | None = None,
) -> str:
    """The agenda as Markdown: heading, engine label, numbered items with clock times,
    time boxes, sources of carried-over items and the objectives they tie to."""
    who = mentor.name if mentor is not None else agenda.mentor
    lines = [f"# Agenda: {who}, {plural(agenda.minutes, 'minute')}", ""]
    if agenda.engine == "offline":
        lines.append("_Offline draft: composed on this machine, no model used._")
    else:
        lines.append(f"_Drafted by {agenda.model or 'a model'}; times checked by prepcoach._")
    lines.append("")
    if agenda.summary:
        lines += [agenda.summary, ""]
    titles = {o.id: o.title for o in objectives or ()}
    start = 0
    for n, it in enumerate(agenda.items, 1):
        end = start + it.minutes
        label = _KIND_LABEL.get(it.kind, it.kind)
        lines.append(
            f"{n}. **{it.title}** ({it.minutes} min, {_clock(start)}-{_clock(end)}, {label})"
        )
        for d in it.detail.splitlines():
            if d.strip():
                lines.append(f"   {d.strip()}")
        if (
            it.objective_id
            and it.objective_id in titles
            and titles[it.objective_id] not in it.detail
        ):
            lines.append(f"   Objective: {titles[it.objective_id]}")
        start = end
    lines.append("")
    total = agenda.total()
    lines.append(f"Total: {total} of {plural(agenda.minutes, 'minute')}.")
    if agenda.next_meeting is not None:
        lines.append(f"Next meeting: {agenda.next_meeting.strftime('%a')} {agenda.next_meeting}.")
    return "\n".join(lines) + "\n"
