"""What every offline outreach draft is built from: the input, a candidate draft, and the
letter's fixed parts (greeting, introduction, signature, assembly per channel)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from prepcoach.engines.offline.ask_shape import Ask, classify, plain_line
from prepcoach.engines.offline.frames import as_sentence
from prepcoach.engines.offline.phrases import clean_name, first_name
from prepcoach.models import Mentor, Objective, Profile, Session


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
    in touch, less often. ``goal``: for a first request to a mentor who agreed and has
    not met yet (a review's message), the objective title the first meeting brings,
    quoted whole whatever its shape. ``nudge``: a first request already sent and not
    answered (the mentor is "asked"): a short bump that asks the same once more.
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
    goal: str = ""
    nudge: bool = False


@dataclass
class Draft:
    """One candidate message: the subject (used for email only), the plain-text body, and
    whether it carries the user's ``context`` line."""

    subject: str
    body: str
    carries_context: bool = False


# Where a composer's variant takes the user's context line; see ``with_context``.
CONTEXT = "\0context"


def context_line(inp: OutreachInput) -> str:
    """The user's ``context`` as typed, on one line, as a sentence ("" without one)."""
    return as_sentence(plain_line(inp.context)) if inp.context.strip() else ""


def with_context(inp: OutreachInput, variants: list[list[str]]) -> list[tuple[list[str], bool]]:
    """Each variant's parts and whether they carry the context: first every variant with
    a ``CONTEXT`` slot, the user's context line in it, then every variant without it.
    So a draft leaves the context out only when no variant can carry it, and the caller
    can tell (and say so) from the flag, never from the words."""
    line = context_line(inp)
    out: list[tuple[list[str], bool]] = []
    if line:
        out += [([line if p == CONTEXT else p for p in v], True) for v in variants if CONTEXT in v]
    seen: set[tuple[str, ...]] = set()
    for v in variants:
        plain = tuple(p for p in v if p != CONTEXT)
        if plain not in seen:
            seen.add(plain)
            out.append((list(plain), False))
    return out


# A composer yields a kind's candidate drafts, richest first; the last passes its lint.
Composer = Callable[[OutreachInput], Iterator[Draft]]


def introduction(p: Profile) -> str:
    """ "I'm Dana, Director of Engineering at Lumen." (as much as the profile holds)."""
    name = clean_name(p.name)
    title = plain_line(p.title) if len(p.title) <= 80 else ""
    org = plain_line(p.organisation) if len(p.organisation) <= 60 else ""
    if name and title and org:
        return f"I'm {name}, {title} at {org}."
    if name and title:
        return f"I'm {name}, {title}."
    if name and org:
        return f"I'm {name} from {org}."
    if name:
        return f"I'm {name}."
    return ""


def signature(p: Profile) -> str:
    """The first name to sign with ("" when the profile has none)."""
    return first_name(p.name) if first_name(p.name) != "there" else ""


# A concrete topic per support area, for a note to a prospect that has no ask of its own
# (the message that goes with a review of a prospect). Fixed words, nothing from the plan.
_AREA_ASKS: dict[str, str] = {
    "scope": "what you stopped doing first when your scope doubled",
    "politics": "how you decide which cross-team fights are worth picking",
    "career": "how you chose between a bigger role at home and a top job elsewhere",
    "viewpoint": "what you would question first in a plan for next year",
    "technical": "how you run design reviews when senior engineers disagree",
    "toolkit": "how you give hard feedback to senior people early",
}


def area_ask(mentor: Mentor | None) -> Ask:
    """The fixed ask for ``mentor``'s first support area (``toolkit`` without one)."""
    area = mentor.support_areas[0] if mentor is not None and mentor.support_areas else "toolkit"
    return classify(_AREA_ASKS[area])


def assemble(channel: str, greet: str, parts: list[str], sign: str, closing: str) -> str:
    """The message: greeting, the non-empty ``parts``, sign-off; one line on Slack."""
    parts = [p for p in parts if p]
    if channel == "slack":
        return " ".join([f"Hi {greet}!", *parts])
    head = f"Hi {greet},"
    tail = f"{closing},\n{sign}" if sign else f"{closing}."
    return "\n\n".join([head, *parts, tail])
