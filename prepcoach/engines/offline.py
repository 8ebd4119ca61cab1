"""Offline engine: a deterministic composer for agendas and outreach drafts.

No network, no randomness and no clock other than the ``today`` passed in. Everything it
returns is labelled ``engine="offline"``.

Public API:

- ``compose_agenda(inp: AgendaInput) -> Agenda``
- ``OutreachInput`` and ``compose_outreach(inp: OutreachInput) -> OutreachDraft``
- ``tactical_topic(raw, objectives=(), mentor=None) -> Topic``: turn a raw ask ("pick her
  brain about the reorg", "[b]hiring[/b]", "be my mentor") into a concrete topic phrase.

Agenda layout: carried-over items first (unresolved questions, open actions; marked
``carried_over`` with their source), one brief wins item, each open question its own item
with the most time and tied to the objective whose words match, a check-in for each of
this mentor's open objectives that no item covers, and a close with next steps and the
next meeting date (see ``prepcoach.agenda.proposed_next_meeting``: none past the term's
end). Boxes always sum exactly to the meeting length; when there are more items than
minutes, items are grouped (every question still listed) and the summary says so.

Outreach: every kind is built from short templates and checked with
``prepcoach.lint.lint_outreach`` for its kind and channel; the composer tries richer
variants first (with context and a reason line) and returns the first that passes. The
last variant of every kind passes by construction (tested for every kind x channel with
awkward inputs); should a draft ever still break a rule, the violations are recorded in
``draft.violations`` rather than hidden.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from prepcoach.agenda import (
    AgendaInput,
    CarryOver,
    carried_over,
    carry_item,
    close_item,
    fit_to_minutes,
    proposed_next_meeting,
    same_text,
    term_close,
    win_cap,
)
from prepcoach.errors import UsageError
from prepcoach.lint import (
    _LONG_TERM_RE,
    _TOO_BIG_RE,
    CHANNELS,
    KINDS,
    clean_text,
    content_words,
    find_topic,
    lint_outreach,
    plural,
    words,
)
from prepcoach.models import (
    Agenda,
    AgendaItem,
    Mentor,
    Objective,
    OutreachDraft,
    Profile,
    Session,
    add_months,
)

ENGINE = "offline"

# ======================================================================== agenda


def _brief(text: str, max_words: int = 14, *, whole: bool = False) -> str:
    """First sentence of ``text`` (all of it when ``whole``), at most ``max_words`` words."""
    text = " ".join(clean_text(text).split())
    first = text if whole else re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    ws = first.split()
    if len(ws) > max_words:
        return " ".join(ws[:max_words]).rstrip(",;:") + "…"
    return first.rstrip(".")


def _wins_item(inp: AgendaInput, last: Session | None) -> AgendaItem | None:
    wins = [_brief(a).replace(";", ",") for a in inp.accomplishments if clean_text(a).strip()]
    wins = [w for w in wins if w]
    if not wins:
        return None
    shown = wins[:3]
    detail = "; ".join(shown)
    if len(wins) > 3:
        detail += f"; and {len(wins) - 3} more in your notes"
    detail += ". Two sentences at most: the time is for your questions."
    title = f"Wins since {last.date.isoformat()}" if last is not None else "Wins"
    return AgendaItem(title=title, minutes=1, kind="win", detail=detail)


def _end(text: str) -> str:
    return text if text.endswith((".", "…", "!", "?")) else text + "."


def _question_detail(obj: Objective | None, also_open_since: str, with_done: bool = True) -> str:
    parts = []
    if obj is not None:
        parts.append(_end(f"Ties to: {obj.title}"))
        if obj.done_when and with_done:
            parts.append(_end(f"Done when: {_brief(obj.done_when, 18, whole=True)}"))
    if also_open_since:
        parts.append(f"Also open since the {also_open_since}.")
    parts.append("Leave with one concrete next step.")
    return " ".join(parts)


def compose_agenda(inp: AgendaInput) -> Agenda:
    """A time-boxed agenda for ``inp`` with no model (``engine="offline"``).

    Guarantees (tested over many minute counts and question counts): the boxes are
    integers >= 1 summing exactly to ``inp.minutes``; every open question appears
    verbatim; carried-over items come first; ``check_agenda(result, inp) == []``.
    Raises ``UsageError`` when ``inp.minutes < 1``.
    """
    if inp.minutes < 1:
        raise UsageError("the meeting needs at least 1 minute.", hint="Pass --minutes N.")
    objectives = inp.ordered_objectives()
    history = inp.mentor_history()
    last = history[-1] if history else None
    questions = inp.open_questions()
    # earlier open questions, to note "also open since" on a question asked again
    all_carry = [
        c for c in carried_over(history, objectives, inp.preferred_ids()) if c.kind == "question"
    ]
    carry = inp.carry_overs()

    items: list[AgendaItem] = []
    for c in carry:
        item = carry_item(c, objectives)
        items.append(item.model_copy(update={"minutes": 4 if c.kind == "question" else 2}))

    win = _wins_item(inp, last)
    if win is not None:
        items.append(win)

    done_shown: set[str] = set()  # say an objective's done-when once
    for q in questions:
        obj = inp.match(q)
        since = next((c.source for c in all_carry if same_text(c.text, q)), "")
        with_done = obj is not None and obj.id not in done_shown
        if obj is not None:
            done_shown.add(obj.id)
        items.append(
            AgendaItem(
                title=q,
                minutes=6,
                kind="question",
                detail=_question_detail(obj, since, with_done),
                objective_id=obj.id if obj else None,
            )
        )

    covered = {it.objective_id for it in items if it.objective_id}
    mine_open = inp.mentor_objectives("open")
    for o in mine_open:
        if o.id in covered:
            continue
        detail = "Where it stands, what is blocking it, and the next step."
        if o.done_when:
            detail = _end(f"Done when: {_brief(o.done_when, 18, whole=True)}") + " " + detail
        items.append(
            AgendaItem(
                title=f"Check-in: {o.title}",
                minutes=3,
                kind="objective",
                detail=detail,
                objective_id=o.id,
            )
        )
    if not mine_open and not questions and not carry:
        items.append(
            AgendaItem(
                title="Agree on one objective to work on together",
                minutes=3,
                kind="objective",
                detail="Name it, say what done looks like, and which kind of help you need.",
            )
        )

    next_date = proposed_next_meeting(inp.mentor, inp.today)  # None: past the term's end
    close = close_item(inp, next_date)
    items.append(close.model_copy(update={"minutes": 3 if inp.minutes >= 20 else 2}))

    fitted, notice = fit_to_minutes(items, inp.minutes)
    summary = _agenda_summary(inp, fitted, carry, questions, next_date)
    if notice:
        summary += " " + notice
    return Agenda(
        mentor=inp.mentor.id,
        minutes=inp.minutes,
        items=fitted,
        engine="offline",
        model="",
        next_meeting=next_date,
        summary=summary,
    )


def _agenda_summary(
    inp: AgendaInput,
    items: list[AgendaItem],
    carry: Sequence[CarryOver],
    questions: list[str],
    next_date: dt.date | None,
) -> str:
    m = inp.mentor
    when = ""
    if m.next_meeting is not None and m.next_meeting >= inp.today:
        when = f" on {m.next_meeting.strftime('%a')} {m.next_meeting.isoformat()}"
    q_min = sum(it.minutes for it in items if it.kind == "question")
    win_min = sum(it.minutes for it in items if it.kind == "win")
    parts = [f"{plural(inp.minutes, 'minute')} with {m.name}{when}."]
    bits = []
    if carry:
        bits.append(f"{len(carry)} carried over")
    if questions:
        bits.append(f"{len(questions)} question{'s' if len(questions) != 1 else ''} ({q_min} min)")
    if win_min:
        bits.append(f"wins kept to {win_min} min (cap {win_cap(inp.minutes)})")
    if bits:
        parts.append("; ".join(bits).capitalize() + ".")
    if m.term_start is not None:
        end = m.term_end()
        if end is not None and next_date is None and end >= inp.today:
            parts.append(
                f"The term ends on {end.isoformat()}: {term_close(inp.term_decision).summary}"
            )
        elif end is not None and next_date is not None and inp.today <= end <= next_date:
            parts.append(f"The term ends on {end.isoformat()}.")
    return " ".join(parts)


# ====================================================================== outreach


@dataclass
class OutreachInput:
    """Everything an outreach draft is built from.

    ``kind``: first-request | recommendation | renewal | wind-down | follow-up.
    ``to``, ``title``, ``organisation``: the recipient. ``channel``: email | linkedin |
    slack. ``ask``: the user's raw ask or topic (free text). ``mentor``: the mentor the
    message concerns (renewal, wind-down, follow-up; the prospect for a first request), or
    None. ``objectives``: the plan's objectives. ``context``: free notes (follow-up: what I
    did with the advice). ``history``: sessions with this mentor. ``today``: the date.
    ``recommendation``: for a wind-down, the checkpoint review's recommendation it goes
    with: ``move_on`` closes the regular meetings; anything else (``loosen``, "") keeps
    in touch, less often.
    """

    kind: str
    to: str
    title: str
    organisation: str
    channel: str
    ask: str
    profile: Profile
    mentor: Mentor | None
    objectives: list[Objective]
    context: str
    history: list[Session]
    today: dt.date
    recommendation: str = ""


@dataclass(frozen=True)
class Topic:
    """A tactical topic: ``core`` ("the platform reorg") and ``phrase``, the form that
    follows "a 20-minute call on" ("how you approached the platform reorg")."""

    core: str
    phrase: str


# --- scrubbing user text -------------------------------------------------------

_MENTOR_SWAPS: list[tuple[str, str]] = [
    (r"\b(?:be|become|act as|serve as) (?:my|a|an|your|our) (?:\w+ )?(?:mentor|mentee)s?\b", ""),
    (r"\b(?:my|a|an|your|our|the) (?:\w+ )?mentor(?:ship|ing)? (?:relationship|program)\b", ""),
    (r"\bmentorships?\b", "coaching"),
    (r"\bmentoring\b", "coaching"),
    (r"\bmentored\b", "coached"),
    (r"\bmentors\b", "coaches"),
    (r"\bmentor\b", "coach"),
    (r"\bmentees\b", "the people you coach"),
    (r"\bmentee\b", "the person you coach"),
    (r"\bmentor\w*|\bmentee\w*", ""),
]
_JARGON_SWAPS: list[tuple[str, str]] = [
    (r"\bsynerg(?:y|ies|ize|ise|istic)\b", "shared work"),
    (r"\bleverag(?:e|ing|ed)\b", "use"),
    (r"\bcircl(?:e|ing) back\b", "follow up"),
    (r"\btouch(?:ing)? base\b", "check in"),
    (r"\bbandwidth\b", "time"),
    (r"\bdeep[- ]dives?\b", "close look"),
    (r"\blow[- ]hanging fruit\b", "quick wins"),
    (r"\bmove the needle\b", "make a difference"),
    (r"\bparadigm(?: shift)?s?\b", "big change"),
    (r"\btake (?:this|it) offline\b", "talk later"),
    (r"\bboil(?:ing)? the ocean\b", "doing everything"),
    (r"\bvalue[- ]add\b", "value"),
    (r"\bthought leadership\b", "public writing"),
    (r"\bdouble[- ]click\b", "look closer"),
    (r"\bactionable insights?\b", "practical ideas"),
    (r"\bbest[- ]in[- ]class\b", "strong"),
    (r"\bgame[- ]changer\b", "big change"),
    (r"\bwin[- ]win\b", "good for both"),
    (r"\bideat(?:e|ing|ion)\b", "brainstorm"),
    (r"\blearnings\b", "lessons"),
    (r"\boperationali[sz]e\b", "put in place"),
    (r"\bcore competenc(?:y|ies)\b", "strengths"),
    (r"\bdrill(?:ing)? down\b", "look closer"),
    (r"\bon my radar\b", "in view"),
    (r"\bping you\b", "write to you"),
    (r"\bsociali[sz]e (this|it)\b", r"share \1"),
    (r"\bquick sync\b", "short talk"),
    (r"\bnet-net\b", "in short"),
    (r"\bholistic(?:ally)?\b", "whole"),
    (r"\bempower(?:ing|ment)?\b", "support"),
]
_ASK_LIKE_RE = re.compile(
    r"\b(?:would|could|can|will|might|won't|wouldn't|couldn't) you\b|\bplease\b|"
    r"\bdo you have\b|\bany chance\b|\b(?:could|can|shall) we\b|\bhow about\b|\bwhat about\b|"
    r"\bno worries\b|\bno pressure\b|\bif not\b",
    re.IGNORECASE,
)


def scrub(text: str) -> str:
    """User text made safe to quote in a stealth message: plain text, no mentor words,
    no jargon, no long-term or big-time language, no questions or requests of its own."""
    t = " ".join(clean_text(text).split())
    for pat, rep in _MENTOR_SWAPS + _JARGON_SWAPS:
        t = re.sub(pat, rep, t, flags=re.IGNORECASE)
    t = _LONG_TERM_RE.sub("", t)
    t = _TOO_BIG_RE.sub("", t)
    t = _ASK_LIKE_RE.sub("", t)
    t = t.replace("?", ".").replace("!", ".")
    t = re.sub(r"\s+([,.;:])", r"\1", t)
    t = re.sub(r"([,;:])\s*(?=[,.;:])", "", t)
    return " ".join(t.split()).strip(" ,;:-")


# --- topic shaping -------------------------------------------------------------

_LEADING_RE = re.compile(
    r"^(?:"
    r"(?:hi|hello|hey|dear)\b[^,.]*[,.]\s*|"
    r"(?:please|just|quick question|question)[:,]?\s+|"
    r"(?:would|could|can|will) (?:you|she|he|they)\b(?: be (?:open|willing|able) to| mind)?\s*|"
    r"(?:i(?:'d| would)|we(?:'d| would)) (?:love|like|want) (?:to )?|"
    r"(?:i|we) (?:want|need|hope|plan|am trying|'m trying|'m hoping|am hoping) to\s+|"
    r"(?:i'm|i am|we're|we are) (?:trying|hoping|looking) to\s+|"
    r"(?:want|hoping|trying|looking) to\s+|"
    r"(?:ask|asking|get|getting|hear|hearing|learn|learning|understand|understanding|"
    r"discuss|discussing|talk|talking|chat|chatting|know|find out|see|explore)\b"
    r"(?: (?:her|him|them|you|their|your|his))?(?: (?:about|on|re|regarding|around))?\s*|"
    r"(?:pick|picking) (?:your|her|his|their) brains? ?(?:about|on|re|around|for)?\s*|"
    r"(?:her|his|their|your|some) (?:advice|thoughts|input|guidance|take|view|views|"
    r"perspective|insights?)\s*(?:on|about|around|re|regarding|for)?\s*|"
    r"(?:advice|thoughts|input|guidance|help|tips|perspective|insights?)\s+"
    r"(?:on|about|with|around|re|regarding|for)\s+|"
    r"(?:a|one)? ?(?:quick |short )?(?:\d+|twenty|fifteen|ten|thirty)[- ]?(?:min|mins|minutes?)"
    r"(?: (?:call|chat|conversation|meeting|of (?:her|his|their|your) time))?"
    r" ?(?:on|about|to discuss|to talk about|re)?\s*|"
    r"(?:a|one) (?:quick |short )?(?:call|chat|conversation|coffee|meeting)"
    r"(?: (?:on|about|to discuss|re))?\s*|"
    r"(?:about|on|re|regarding|around|with)\s+|"
    r"(?:and|so|then|to)\s+"
    r")",
    re.IGNORECASE,
)
_BASE_VERBS = frozenset(
    re.findall(
        r"\S+",
        """
        build grow hire run scale lead handle manage set structure plan decide balance
        prepare move negotiate present make create design give deliver drive fix reduce
        improve prioritize prioritise say tell pitch sell win earn keep retain merge split
        launch change delegate coach influence align communicate measure write find choose
        pick take step push shape frame sponsor staff fund cut kill stop start ship hand
        turn get go become own raise
        """,
    )
)
_CUT_RE = re.compile(
    r"[,;:(]| - | — | because | since | so that | as well as | and also | but | and ",
    re.IGNORECASE,
)
_EDGE_STOP = frozenset(
    re.findall(
        r"\S+",
        """
        a an the and or of to in on at by for with from my your our their his her its that
        this these those as is are be so but if
        """,
    )
)
# Concrete fallback topics per support area: (core for "I'm working on ...", phrase).
_AREA_TOPICS: dict[str, tuple[str, str]] = {
    "scope": (
        "growing into a role with twice the scope",
        "what you stopped doing first when your scope doubled",
    ),
    "politics": (
        "choosing which cross-team fights to pick",
        "how you decide which cross-team fights are worth picking",
    ),
    "career": (
        "choosing between a bigger role here and a top job at a smaller company",
        "how you chose between a bigger role at home and a top job at a smaller company",
    ),
    "viewpoint": (
        "testing my plan for next year against an outside view",
        "what you would question first in my plan for next year",
    ),
    "technical": (
        "running design reviews when senior engineers disagree",
        "how you run design reviews when the senior engineers disagree",
    ),
    "toolkit": (
        "giving hard feedback to senior people early",
        "how you give hard feedback to senior people before a review does it for you",
    ),
}


def _third_to_second_person(t: str) -> str:
    t = re.sub(r"\b(?:she|he|they)\b", "you", t, flags=re.IGNORECASE)
    t = re.sub(r"\b(?:herself|himself|themselves)\b", "yourself", t, flags=re.IGNORECASE)
    t = re.sub(r"\b(?:his|their)\b", "your", t, flags=re.IGNORECASE)
    t = re.sub(r"\bher\b(?= [a-z])", "your", t)
    t = re.sub(r"\bher\b", "you", t)
    fixes = {"you's": "you've", "you does": "you do", "you has": "you have", "you is": "you are"}
    for a, b in fixes.items():
        t = re.sub(rf"\b{a}\b", b, t)
    t = re.sub(r"\byou was\b", "you were", t)

    def _verb(m: re.Match[str]) -> str:
        w = m.group(1)
        if w.endswith(("ss", "us", "is", "ous")) or len(w) < 4:
            return m.group(0)
        base = w[:-2] if w.endswith(("ches", "shes", "xes")) else w[:-1]
        return f"you {base}"

    return re.sub(r"\byou ([a-z]+s)\b", _verb, t)


def _trim_edges(ws: list[str]) -> list[str]:
    while ws and ws[-1].lower() in _EDGE_STOP:
        ws = ws[:-1]
    while ws and ws[0].lower() in ("and", "or", "but", "so", "then"):
        ws = ws[1:]
    return ws


_FIRST_PERSON_Q: list[tuple[str, str]] = [
    (r"^(?:how|what) (?:do|should|can|could|would|might) (?:i|we) do\b", "what to do"),
    (r"^how (?:do|should|can|could|would|might) (?:i|we)\b", "how to"),
    (r"^what (?:do|should|can|could) (?:i|we)\b", "what to"),
    (r"^(?:should|do|can|could) (?:i|we)\b", "whether to"),
    (r"^(?:is|was) it (?:naive|smart|wise|ok|okay|right|wrong) to\b", "whether to"),
    (
        r"^(is|are|was|were) (.+?) (naive|realistic|smart|wise|ok|okay|right|wrong|fair|"
        r"worth it|too \w+)$",
        r"whether \2 \1 \3",
    ),
    (r"^(?:is|are|was|were|does|did|will|would) ", "whether "),
    (r"^who (?:should|do|can) (?:i|we)\b", "who to"),
    (r"^when (?:should|do) (?:i|we)\b", "when to"),
    (r"^(?:decide|choose|pick)\s*[:-]\s*(.+?),? or (.+)$", r"how to choose between \1 and \2"),
    (r"^(?:decide|choose|pick)\s*[:-]\s*", "how to decide "),
]


def _core(raw: str, max_words: int, *, strip_lead: bool = True) -> str:
    """The topic words of ``raw``: scrubbed, request phrasing removed (when
    ``strip_lead``), first-person questions turned into "how to ..." / "whether to ...",
    "she/he" turned into "you" when the text is about the recipient, cut to one clause of
    at most ``max_words`` words. "" when nothing concrete is left."""
    t = scrub(raw)
    # the first sentence that says something
    for sent in re.split(r"(?<=[.])\s+", t):
        if len(content_words(sent)) >= 2:
            t = sent
            break
    else:
        return ""
    t = t.strip(" .")
    if strip_lead:
        for _ in range(8):
            new = _LEADING_RE.sub("", t, count=1).strip(" .,:")
            if new == t:
                break
            t = new
    if t and not re.match(r"^[A-Z0-9]{2,}\b|^[A-Z][a-z]*[A-Z]", t):
        t = t[0].lower() + t[1:]
    for pat, rep in _FIRST_PERSON_Q:
        new = re.sub(pat, rep, t, count=1, flags=re.IGNORECASE)
        if new != t:
            t = new
            break
    if re.match(r"^(?:how|what|why|when|where|whether|which) (?:she|he|they)\b", t, re.I) or (
        re.match(r"^(?:her|his|their) ", t, re.I)
    ):
        t = _third_to_second_person(t)
    for cut in _CUT_RE.finditer(t):
        before = t[: cut.start()]
        if cut.group(0).strip() == "and" and re.search(r"\bbetween\b", before, re.I):
            continue
        if len(content_words(before)) >= 2:
            t = before
        break
    ws = _trim_edges(t.split())
    if len(ws) > max_words:
        ws = _trim_edges(ws[:max_words])
    if ws and not (ws[0].isupper() and len(ws[0]) > 1) and not re.match(r"[A-Z][a-z]*[A-Z]", ws[0]):
        ws[0] = ws[0][0].lower() + ws[0][1:]
    return " ".join(ws).strip(" .,:;-")


def _shape(core: str) -> str:
    first = core.split()[0].lower() if core else ""
    if first in ("how", "what", "why", "when", "whether", "where", "which", "who"):
        return core
    if first == "your":
        return core
    if first == "to" and len(core.split()) > 1:
        return "how " + core
    if first in _BASE_VERBS:
        return "how to " + core
    if first.endswith("ing") and len(first) > 4:
        return "how you approach " + core
    return "how you approached " + core


def _topic_ok(t: Topic) -> bool:
    return (
        len(content_words(t.core)) >= 2
        and find_topic(f"a call on {t.phrase}") is not None
        and not lint_outreach(t.phrase, kind="follow-up", channel="slack")
    )


def _topic_from(raw: str, max_words: int, *, strip_lead: bool = True) -> Topic | None:
    core = _core(raw, max_words, strip_lead=strip_lead)
    if not core:
        return None
    t = Topic(core=core, phrase=_shape(core))
    return t if _topic_ok(t) else None


def _relevant_objectives(objectives: Sequence[Objective], mentor: Mentor | None) -> list[Objective]:
    open_ = [o for o in objectives if o.status == "open"]
    if mentor is None:
        return open_
    mine = [o for o in open_ if mentor.id in o.mentors]
    area = [o for o in open_ if o not in mine and o.support_area in mentor.support_areas]
    return mine + area + [o for o in open_ if o not in mine and o not in area]


def topic_candidates(
    raw: str, objectives: Sequence[Objective] = (), mentor: Mentor | None = None
) -> Iterator[Topic]:
    """Topics from best to plainest: the raw ask (full, then shorter), the relevant open
    objectives, then a concrete topic for the mentor's first support area. The last one
    always exists."""
    seen: set[str] = set()
    sources = [(raw, True)] + [(o.title, False) for o in _relevant_objectives(objectives, mentor)]
    for src, strip_lead in sources:
        for n in (14, 9, 6):
            t = _topic_from(src, n, strip_lead=strip_lead)
            if t is not None and t.phrase not in seen:
                seen.add(t.phrase)
                yield t
    areas = list(mentor.support_areas) if mentor is not None else []
    for area in [*areas, "toolkit"]:
        core, phrase = _AREA_TOPICS[area]
        if phrase not in seen:
            seen.add(phrase)
            yield Topic(core=core, phrase=phrase)


def tactical_topic(
    raw: str, objectives: Sequence[Objective] = (), mentor: Mentor | None = None
) -> Topic:
    """The best concrete topic for ``raw`` (see ``topic_candidates``)."""
    return next(topic_candidates(raw, objectives, mentor))


# --- names and pieces -----------------------------------------------------------

_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame"})


def _first_name(name: str) -> str:
    t = clean_text(name)
    if re.search(r"mentor|mentee", t, re.IGNORECASE):
        return "there"
    for tok in t.split():
        w = tok.strip(".,;:()'\"")
        if w.lower() in _HONORIFICS or not re.match(r"^[^\W\d_][\w'’-]*$", w):
            continue
        return w[:30]
    return "there"


def _clean_name(name: str, limit: int = 60) -> str:
    t = " ".join(clean_text(name).split())
    if re.search(r"mentor|mentee", t, re.IGNORECASE):
        t = scrub(t)
    return t[:limit].strip()


def _intro(p: Profile) -> str:
    name = _clean_name(p.name)
    title = scrub(p.title)[:80]
    org = scrub(p.organisation)[:60]
    if name and title and org:
        return f"I'm {name}, {title} at {org}."
    if name and title:
        return f"I'm {name}, {title}."
    if name and org:
        return f"I'm {name} from {org}."
    if name:
        return f"I'm {name}."
    return ""


def _sign(p: Profile) -> str:
    return _first_name(p.name) if _first_name(p.name) != "there" else ""


_NOT_NOUNS = frozenset(
    re.findall(
        r"\S+",
        """first last next best worst most least much many whole between within across
        without through toward towards against during before after while""",
    )
)


def _nounish(w: str) -> bool:
    lw = w.lower()
    if re.match(r"^[A-Z0-9][A-Z0-9-]+$", w):  # VP, CTO, Q1, FY27
        return True
    if lw in _BASE_VERBS or lw in _NOT_NOUNS or lw.endswith(("ed", "ing", "ly")):
        return False
    return bool(content_words(w))


def subject_span(t: Topic, max_words: int = 4) -> str:
    """A few words of the topic for a subject line: the shortest stretch of the core that
    holds its first two noun-like words (at most ``max_words`` words), else its first
    content words."""
    ws = [w.strip(".,;:!?'\"()") for w in t.core.split()]
    ws = [w for w in ws if w]
    idx = [i for i, w in enumerate(ws) if _nounish(w)]
    for a, b in itertools.pairwise(idx):
        if b - a < max_words:
            return " ".join(ws[a : b + 1])
    if idx:
        return ws[idx[0]]
    cw = content_words(t.core)
    return " ".join(cw[:2])


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!")) else text + "."


def _short_words(text: str, n: int) -> str:
    ws = text.split()
    if len(ws) <= n:
        return text
    return " ".join(_trim_edges(ws[:n]))


def _goal_line(objectives: Sequence[Objective], mentor: Mentor | None, topic: Topic) -> str:
    for o in _relevant_objectives(objectives, mentor):
        goal = _core(o.title, 12, strip_lead=False)
        if len(content_words(goal)) >= 2:
            return f"One of my goals right now: {goal}."
    return ""


@dataclass
class _Draft:
    subject: str
    body: str


def _assemble(channel: str, greet: str, parts: list[str], sign: str, closing: str) -> str:
    parts = [p for p in parts if p]
    if channel == "slack":
        return " ".join([f"Hi {greet}!", *parts])
    head = f"Hi {greet},"
    tail = f"{closing},\n{sign}" if sign else f"{closing}."
    return "\n\n".join([head, *parts, tail])


# --- per kind ------------------------------------------------------------------


def _first_request(inp: OutreachInput) -> Iterator[_Draft]:
    greet = _first_name(inp.to)
    sign = _sign(inp.profile)
    intro = _intro(inp.profile)
    rec = ""
    if inp.mentor is not None and inp.mentor.recommended_by.strip():
        who = _clean_name(re.split(r"[(,]", inp.mentor.recommended_by)[0], 40)
        if who:
            rec = f"{who} suggested I write to you."
    context = _sentence(_short_words(scrub(inp.context), 30)) if inp.context.strip() else ""
    decline = "If now isn't a good time, no worries at all."
    for topic in topic_candidates(inp.ask, inp.objectives, inp.mentor):
        ask = f"Would you be open to a 20-minute call on {topic.phrase}?"
        span = subject_span(topic)
        subject = f"One question: {span}" if span else "One question, 20 minutes"
        goal = _goal_line(inp.objectives, inp.mentor, topic)
        if inp.channel == "slack":
            variants = [[intro, ask, decline], [ask, decline]]
        else:
            variants = [
                [" ".join(x for x in (rec, intro) if x), context, ask, decline],
                [" ".join(x for x in (rec, intro) if x), goal, ask, decline],
                [" ".join(x for x in (rec, intro) if x), ask, decline],
                [ask, decline],
            ]
        for parts in variants:
            yield _Draft(subject, _assemble(inp.channel, greet, parts, sign, "Thanks"))


def _recommendation(inp: OutreachInput) -> Iterator[_Draft]:
    greet = _first_name(inp.to)
    sign = _sign(inp.profile)
    decline = "If no one comes to mind, no worries at all."
    ask = (
        "Who do you know two or three levels above me, with a bigger scope, who genuinely "
        "likes helping people grow?"
    )
    not_self = "I'm after someone who enjoys helping, not a self-promoter. A name or two is plenty."
    for topic in topic_candidates(inp.ask, inp.objectives, inp.mentor):
        focus = f"I'm working on {topic.core}, and I'd like to learn from someone who has done it."
        focus_short = f"I'm working on {topic.core}."
        subject = "Looking for one name"
        if inp.channel == "slack":
            variants = [[focus_short, ask, decline], [ask, decline]]
        else:
            variants = [
                [focus, ask, not_self, decline],
                [focus_short, ask, decline],
                [ask, decline],
            ]
        for parts in variants:
            yield _Draft(subject, _assemble(inp.channel, greet, parts, sign, "Thanks"))


def _mentor_objectives(inp: OutreachInput, status: str) -> list[Objective]:
    if inp.mentor is None:
        return [o for o in inp.objectives if o.status == status]
    return [o for o in inp.objectives if inp.mentor.id in o.mentors and o.status == status]


_AREA_HELP: dict[str, str] = {
    "scope": "stepping up to a bigger scope",
    "politics": "reading the politics and priorities",
    "career": "thinking through my career options",
    "viewpoint": "seeing my work from a different angle",
    "technical": "technical calls in real time",
    "toolkit": "growing my leadership toolkit",
}


def _what_helped(inp: OutreachInput) -> list[str]:
    """Sentences saying specifically what helped, best first."""
    out = []
    met = _mentor_objectives(inp, "met")
    if met:
        names = [_core(o.title, 10, strip_lead=False) for o in met[:2]]
        names = [n for n in names if n]
        if len(names) == 2:
            out.append(f"Two goals we worked on are done: {names[0]}, and {names[1]}.")
        elif names:
            out.append(f"A goal we worked on is done: {names[0]}.")
        ev = re.split(r"(?<=[.!])\s+", scrub(met[0].evidence))[0].strip()
        if ev and len(ev.split()) <= 24:
            out.append(_sentence(ev))
    hist = _history(inp)
    for s in reversed(hist):
        for p in s.objective_progress:
            if p.progressed and p.note.strip():
                note = scrub(p.note).strip()
                head, colon, rest = note.partition(":")
                if colon and rest.strip() and len(head.split()) <= 3:
                    note = rest.strip()  # "Agreed experiment: advise ..." -> "advise ..."
                note = _short_words(note, 20).replace(":", ",").rstrip(".")
                if note:
                    out.append(
                        f"One thing I'm taking from our talks: {note[0].lower() + note[1:]}."
                    )
                    break
        else:
            continue
        break
    if inp.mentor is not None and inp.mentor.support_areas:
        label = _AREA_HELP[inp.mentor.support_areas[0]]
        out.append(f"Your help with {label} made a real difference.")
    return out


def _history(inp: OutreachInput) -> list[Session]:
    ids = {inp.mentor.id, inp.mentor.name} if inp.mentor is not None else None
    return sorted(
        (s for s in inp.history if s.date <= inp.today and (ids is None or s.mentor in ids)),
        key=lambda s: (s.date, s.id),
    )


def _months(inp: OutreachInput) -> int:
    return inp.mentor.term_months if inp.mentor is not None else 6


def _thanks_for_time(inp: OutreachInput) -> str:
    """ "Thank you for the last N months." with N the months actually spent together."""
    m = inp.mentor
    if m is None or m.term_start is None or inp.today < m.term_start:
        return "Thank you for your time and help."
    k = (inp.today.year - m.term_start.year) * 12 + inp.today.month - m.term_start.month
    if inp.today.day < m.term_start.day:
        k -= 1
    # whole months, rounded: 5 months and 22 days together reads as "the last 6 months"
    if (inp.today - add_months(m.term_start, k)).days >= 15:
        k += 1
    k = min(max(k, 0), m.term_months)
    if k < 2:
        return "Thank you for your time and help."
    return f"Thank you for the last {k} months."


def _renewal(inp: OutreachInput) -> Iterator[_Draft]:
    greet = _first_name(inp.to)
    sign = _sign(inp.profile)
    n = _months(inp)
    cadence = {"weekly": "weekly", "biweekly": "every two weeks", "monthly": "monthly"}.get(
        inp.mentor.cadence if inp.mentor is not None else "monthly", "every few months"
    )
    helped = _what_helped(inp)
    open_ = _mentor_objectives(inp, "open")
    if not open_ and inp.mentor is not None:
        open_ = [
            o
            for o in inp.objectives
            if o.status == "open" and o.support_area in inp.mentor.support_areas
        ]
    focuses = [_core(o.title, 10, strip_lead=False) for o in open_]
    focuses = [f for f in focuses if len(content_words(f)) >= 2]
    raw_focus = _core(inp.ask, 10) if inp.ask.strip() else ""
    if len(content_words(raw_focus)) >= 2:
        focuses.insert(0, raw_focus)
    decline = "If your plate is full, no worries at all; this has already helped a lot."
    term = plural(n, "month")
    subject = f"Proposing another {term}"
    opener = _thanks_for_time(inp)
    for focus in [*focuses, ""]:
        ask = (
            f"Would you be open to another {term}, meeting {cadence}, focused on {focus}?"
            if focus
            else f"Would you be open to another {term}, meeting {cadence}?"
        )
        variants = (
            [
                [opener, *helped[:2], ask, decline],
                [opener, helped[0] if helped else "", ask, decline],
            ]
            if inp.channel != "slack"
            else [[opener, helped[0] if helped else "", ask, decline]]
        )
        variants.append([opener, ask, decline])
        for parts in variants:
            yield _Draft(subject, _assemble(inp.channel, greet, parts, sign, "Thanks"))


def _wind_down(inp: OutreachInput) -> Iterator[_Draft]:
    if inp.recommendation == "move_on":
        yield from _closing(inp)
        return
    greet = _first_name(inp.to)
    sign = _sign(inp.profile)
    helped = _what_helped(inp)
    opener = _thanks_for_time(inp)
    shift = (
        "My focus is shifting, so I'd like to move from set meetings to something looser: "
        "I'll get in touch when a specific question comes up, if that works for you."
    )
    shift_short = "I'd like to move from set meetings to an open door, if that works for you."
    door = "Nothing has gone wrong; I'm grateful, and I hope to return the favour."
    subject = "Thank you, and what's next"
    variants = (
        [
            [opener, *helped[:2], shift, door],
            [opener, helped[0] if helped else "", shift, door],
            [opener, shift, door],
        ]
        if inp.channel != "slack"
        else [[opener, helped[0] if helped else "", shift_short]]
    )
    variants.append([opener, shift_short])
    for parts in variants:
        yield _Draft(subject, _assemble(inp.channel, greet, parts, sign, "Thanks again"))


def _closing(inp: OutreachInput) -> Iterator[_Draft]:
    """A wind-down that goes with ``move_on``: a warm thank-you that closes the regular
    meetings (no looser arrangement proposed), no fault, the door left open."""
    greet = _first_name(inp.to)
    sign = _sign(inp.profile)
    helped = _what_helped(inp)
    opener = _thanks_for_time(inp)
    ended = inp.mentor is not None and inp.mentor.status == "ended"
    if ended:
        close_said = "Now that our meetings have come to an end, I wanted to say what they gave me."
        close_plain = "Now that our meetings have come to an end, I wanted to say thank you."
        close_short = "Now that our meetings have ended, thank you."
    else:
        close_said = (
            "I've decided to bring our regular meetings to a close here, and I wanted to say "
            "what they gave me."
        )
        close_plain = "I've decided to bring our regular meetings to a close here."
        close_short = "I'm bringing our regular meetings to a close; thank you for them."
    door = "Nothing has gone wrong; I'm grateful, and I'd be glad to stay in touch."
    door_short = "I'd be glad to stay in touch."
    subject = "Thank you for your time"
    if inp.channel == "slack":
        variants = [[close_short, helped[0] if helped else "", door_short]]
    elif helped:
        variants = [
            [opener, close_said, *helped[:2], door],
            [opener, close_said, helped[0], door],
            [opener, close_plain, door],
        ]
    else:
        variants = [[opener, close_plain, door]]
    variants.append([close_short, door_short])
    for parts in variants:
        yield _Draft(subject, _assemble(inp.channel, greet, parts, sign, "With thanks"))


def _follow_up(inp: OutreachInput) -> Iterator[_Draft]:
    greet = _first_name(inp.to)
    sign = _sign(inp.profile)
    hist = _history(inp)
    last = hist[-1] if hist else None
    when = f"on {last.date.strftime('%b')} {last.date.day}" if last is not None else ""
    thanks = f"Thanks again for your time {when}.".replace("  ", " ").replace(" .", ".")
    topic = _core(inp.ask, 12) if inp.ask.strip() else ""
    advice = f"I took your advice on {topic}." if len(content_words(topic)) >= 2 else ""
    did_lines: list[str] = []
    if inp.context.strip():
        did = _short_words(scrub(inp.context), 40)
        if did:
            did_lines.append(_sentence(did))
    if last is not None:
        done = [scrub(a.text) for a in last.action_items if a.done and a.owner == "me"]
        done = [d.rstrip(".") for d in done if d]
        if done:
            listed = "; ".join(_short_words(d, 12) for d in done[:2])
            did_lines.append(f"Since we talked, I have done what we agreed: {listed}.")
    keep = "I'll let you know how it goes."
    subject = "Thanks, and what I tried"
    variants = []
    for did in [*did_lines, ""]:
        variants.append([thanks, advice, did, keep])
        variants.append([thanks, did, keep])
    variants.append([thanks, keep])
    for parts in variants:
        yield _Draft(subject, _assemble(inp.channel, greet, parts, sign, "Thanks"))


_COMPOSERS = {
    "first-request": _first_request,
    "recommendation": _recommendation,
    "renewal": _renewal,
    "wind-down": _wind_down,
    "follow-up": _follow_up,
}


def compose_outreach(inp: OutreachInput) -> OutreachDraft:
    """An outreach draft of ``inp.kind`` for ``inp.channel`` (``engine="offline"``).

    first-request: one tactical ask built from ``inp.ask`` (see ``tactical_topic``),
    a 20-minute call, an easy decline, who suggested the contact when known.
    recommendation: asks the network for a name two or three levels up, bigger scope,
    someone who likes helping people grow (not a self-promoter). renewal: thanks, what was
    achieved (met objectives), another term focused on the next objective. wind-down: a
    no-fault shift to a looser relationship with thanks and what specifically helped (with
    ``recommendation="move_on"``: a warm thank-you that closes the regular meetings).
    follow-up: thanks and what I did with the advice (``inp.context``, else the last
    session's completed actions).

    The body is plain text; ``subject`` is set for email only. The draft passes
    ``lint_outreach`` for its kind and channel (``violations`` is then empty).
    Raises ``UsageError`` for an unknown kind or channel.
    """
    if inp.kind not in _COMPOSERS:
        raise UsageError(
            f"unknown outreach kind {inp.kind!r}.", hint=f"Use one of: {', '.join(KINDS)}."
        )
    if inp.channel not in CHANNELS:
        raise UsageError(
            f"unknown channel {inp.channel!r}.", hint=f"Use one of: {', '.join(CHANNELS)}."
        )
    chosen: _Draft | None = None
    violations: list[str] = []
    for cand in _COMPOSERS[inp.kind](inp):
        subject = cand.subject if inp.channel == "email" else None
        found = lint_outreach(cand.body, channel=inp.channel, kind=inp.kind, subject=subject)
        if not found:
            chosen, violations = cand, []
            break
        if chosen is None:
            chosen, violations = cand, [str(v) for v in found]
    assert chosen is not None  # every composer yields at least one candidate
    return OutreachDraft(
        outreach_kind=inp.kind,  # type: ignore[arg-type]
        to=_clean_name(inp.to, 120) or "there",
        title=clean_text(inp.title),
        organisation=clean_text(inp.organisation),
        channel=inp.channel,  # type: ignore[arg-type]
        ask=inp.ask,
        subject=chosen.subject if inp.channel == "email" else "",
        body=chosen.body,
        status="draft",
        created=inp.today,
        mentor=inp.mentor.id if inp.mentor is not None else None,
        engine=ENGINE,
        model="",
        violations=violations,
    )


def words_in(text: str) -> int:
    """Word count as the lint counts it."""
    return len(words(text))
