"""Outreach status: reminders for drafts sent and not answered (see docs/rules.md).

Public API:

- ``Reminder(draft, days, nudge)``
- ``reminders(drafts, today, after_days=10) -> list[Reminder]``: drafts with status
  ``sent``, a ``sent_on`` date, no ``answered_on``, sent ``after_days`` or more days ago;
  oldest first. Each carries a one-line nudge that passes ``lint_nudge``.
- ``nudge_text(draft) -> str`` and ``lint_nudge(text, draft) -> list[Violation]``: the
  nudge is linted as a Slack-length message (<= 60 words) of the draft's kind, so a nudge
  for a first request still carries the bounded time, the topic and an easy decline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from prepcoach.lint import Violation, lint_outreach
from prepcoach.models import OutreachDraft


@dataclass
class Reminder:
    draft: OutreachDraft
    days: int  # days since it was sent
    nudge: str  # one line, ready to send


def lint_nudge(text: str, draft: OutreachDraft) -> list[Violation]:
    """The outreach rules for a nudge: the draft's kind, at Slack length."""
    return lint_outreach(text, channel="slack", kind=draft.outreach_kind)


def _sent_ask(body: str) -> list[list[str]]:
    """Groups of sentences from a sent message to quote in a nudge, shortest first: the
    sentence holding its ask, then with the sentence that names its topic and the one that
    names its time. A nudge quotes what the user already sent, never a new version of it."""
    from prepcoach.lint import find_topic, sentences
    from prepcoach.lint.asks import find_asks
    from prepcoach.lint.timing import ONE_CONVERSATION_RE, minutes_requested

    sents = sentences(body)
    asks = find_asks(body).asks
    held = [s for s in sents if any(a.strip() and s.startswith(a.strip()) for a in asks)][:1]
    if not held:
        return []
    timed = [s for s in sents if minutes_requested(s) or ONE_CONVERSATION_RE.search(s)][:1]
    topic = [s for s in sents if find_topic(s) is not None][:1]
    groups = [held, held + timed, topic + held, topic + held + timed]
    out: list[list[str]] = []
    for g in groups:
        ordered = [s for s in sents if s in g]
        if ordered not in out:
            out.append(ordered)
    return out


def _nudge_candidates(draft: OutreachDraft) -> list[str]:
    from prepcoach.engines.offline import first_name

    name = first_name(draft.to)
    hi = f"Hi {name}, " if name != "there" else "Hi, "
    kind = draft.outreach_kind
    if kind == "first-request":
        decline = "If now isn't a good time, no worries at all."
        out = []
        for bump in (f"{hi}bumping my note in case it got buried.", f"{hi}bumping my note."):
            for group in _sent_ask(draft.body):
                out.append(" ".join([bump, *group, decline]))
                out.append(" ".join([bump, *group, "20 minutes would be plenty.", decline]))
        out.append(f"{hi}bumping my note: would 20 minutes on the question in it work? {decline}")
        return out
    if kind == "recommendation":
        return [
            f"{hi}bumping my note: does one name come to mind of someone a few levels up "
            "who likes helping people grow? If no one comes to mind, no worries at all."
        ]
    if kind == "renewal":
        return [
            f"{hi}bumping my note about another term: would that work for you? If your plate "
            "is full, no worries at all."
        ]
    # wind-down, follow-up: no ask needed
    return [f"{hi}just making sure my last note reached you; no need to reply."]


def nudge_text(draft: OutreachDraft) -> str:
    """A one-line follow-up for an unanswered draft that passes ``lint_nudge``."""
    candidates = _nudge_candidates(draft)
    for text in candidates:
        if not lint_nudge(text, draft):
            return text
    return candidates[-1]


def reminders(drafts: list[OutreachDraft], today: dt.date, after_days: int = 10) -> list[Reminder]:
    """Sent, unanswered drafts at least ``after_days`` days old, oldest first, each
    with a one-line nudge. Drafts still in ``draft`` status or answered are skipped."""
    if after_days < 0:
        raise ValueError("after_days must not be negative")
    out = []
    for d in drafts:
        if d.status != "sent" or d.sent_on is None or d.answered_on is not None:
            continue
        days = (today - d.sent_on).days
        if days >= after_days:
            out.append(Reminder(draft=d, days=days, nudge=nudge_text(d)))
    out.sort(key=lambda r: (-r.days, r.draft.id, r.draft.to))
    return out
