"""What every offline outreach draft is built from: the input, a candidate draft, and the
letter's fixed parts (greeting, introduction, signature, assembly per channel)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from prepcoach.engines.offline.phrases import clean_name, first_name
from prepcoach.engines.offline.scrub import scrub
from prepcoach.engines.offline.topics import Topic, relevant_objectives, topic_core
from prepcoach.lint import content_words
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


@dataclass
class Draft:
    """One candidate message: the subject (used for email only) and the plain-text body."""

    subject: str
    body: str


# A composer yields a kind's candidate drafts, richest first; the last passes its lint.
Composer = Callable[[OutreachInput], Iterator[Draft]]


def introduction(p: Profile) -> str:
    """ "I'm Dana, Director of Engineering at Lumen." (as much as the profile holds)."""
    name = clean_name(p.name)
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


def signature(p: Profile) -> str:
    """The first name to sign with ("" when the profile has none)."""
    return first_name(p.name) if first_name(p.name) != "there" else ""


def goal_line(objectives: Sequence[Objective], mentor: Mentor | None, topic: Topic) -> str:
    """ "One of my goals right now: ..." for the first relevant open objective, or ""."""
    for o in relevant_objectives(objectives, mentor):
        goal = topic_core(o.title, 12, strip_lead=False)
        if len(content_words(goal)) >= 2:
            return f"One of my goals right now: {goal}."
    return ""


def assemble(channel: str, greet: str, parts: list[str], sign: str, closing: str) -> str:
    """The message: greeting, the non-empty ``parts``, sign-off; one line on Slack."""
    parts = [p for p in parts if p]
    if channel == "slack":
        return " ".join([f"Hi {greet}!", *parts])
    head = f"Hi {greet},"
    tail = f"{closing},\n{sign}" if sign else f"{closing}."
    return "\n\n".join([head, *parts, tail])
