"""Outreach lint: the product's checkable rules for a message, each a named check with a
reason. ``docs/rules.md`` lists every rule, the kinds it applies to, and examples.

Public API (used by the CLI ``prepcoach lint``, the LLM repair loop, the offline composer
and the TUI):

- ``lint_outreach(body, *, channel="email", kind="first-request", subject=None)``
  -> ``list[Violation]`` (empty when the text is clean). ``body`` is plain text without
  the subject line; ``subject`` is checked for email only (and for the mentor-word,
  commitment and jargon rules on every channel when given).
- ``split_subject(text)`` -> ``(subject or None, body)``: pulls a leading ``Subject: ...``
  line out of free text (``prepcoach lint FILE|-``).
- ``lint_draft(draft)``: the same on an ``OutreachDraft``.
- ``RULES``: ``(rule name, one-line description)`` for the UI's rule panel.
- ``applicable_rules(kind, channel)``: which rules run for a message kind and channel.
- ``readability_grade(text)``: Flesch-Kincaid grade level.

The rules live in ``rules.py`` as a registry (``registry.rule``); adding an outreach kind
means adding it to ``prepcoach.vocab`` and to the ``kinds`` of the rules that apply.
"""

from __future__ import annotations

from prepcoach.lint.commitment import COMMITMENT_WORD_RE
from prepcoach.lint.handles import JARGON, JARGON_RE, MENTOR_WORD_RE
from prepcoach.lint.registry import (
    REGISTRY,
    Message,
    Rule,
    Violation,
    applicable_rules,
    check_message,
    rule,
)

# importing the rules module registers every rule
from prepcoach.lint.rules import GRADE_CAP, SUBJECT_WORDS, WORD_LIMITS
from prepcoach.lint.textstats import (
    CTRL_RE,
    ESC_RE,
    MIN_WORDS_FOR_GRADE,
    clean_text,
    count_syllables,
    readability_grade,
    sentences,
    split_subject,
    word_count,
)
from prepcoach.lint.timing import MAX_MINUTES, TOO_BIG_RE
from prepcoach.lint.topic import STOPWORDS, VAGUE_WORDS, content_words, find_topic
from prepcoach.models import OutreachDraft
from prepcoach.text import plural, words
from prepcoach.vocab import CHANNELS, OUTREACH_KINDS

__all__ = [
    "CHANNELS",
    "COMMITMENT_WORD_RE",
    "CTRL_RE",
    "ESC_RE",
    "GRADE_CAP",
    "JARGON",
    "JARGON_RE",
    "KINDS",
    "MAX_MINUTES",
    "MENTOR_WORD_RE",
    "MIN_WORDS_FOR_GRADE",
    "REGISTRY",
    "RULES",
    "RULE_NAMES",
    "STOPWORDS",
    "SUBJECT_WORDS",
    "TOO_BIG_RE",
    "VAGUE_WORDS",
    "WORD_LIMITS",
    "Message",
    "Rule",
    "Violation",
    "applicable_rules",
    "clean_text",
    "content_words",
    "count_syllables",
    "find_topic",
    "lint_draft",
    "lint_outreach",
    "plural",
    "readability_grade",
    "rule",
    "sentences",
    "split_subject",
    "word_count",
    "words",
]

KINDS: tuple[str, ...] = OUTREACH_KINDS
RULES: list[tuple[str, str]] = [(r.name, r.description) for r in REGISTRY.values()]
RULE_NAMES: tuple[str, ...] = tuple(REGISTRY)

# Names other modules imported under a leading underscore; kept while they move to the
# public names above.
_CTRL_RE = CTRL_RE
_ESC_RE = ESC_RE
_LONG_TERM_RE = COMMITMENT_WORD_RE
_TOO_BIG_RE = TOO_BIG_RE


def lint_outreach(
    body: str,
    *,
    channel: str = "email",
    kind: str = "first-request",
    subject: str | None = None,
) -> list[Violation]:
    """Check an outreach message against every rule that applies to its kind and channel.

    ``body``: the message text, without the subject line. ``channel``: one of
    ``CHANNELS``. ``kind``: one of ``KINDS``. ``subject``: the email subject line (None
    or "" counts as missing for email).

    Returns one ``Violation(rule, reason)`` per broken rule, in ``RULES`` order; the
    reason is a sentence that quotes what was found and says what to do. Raises
    ``ValueError`` for an unknown kind or channel.
    """
    applicable_rules(kind, channel)  # validates kind and channel before any work
    msg = Message(
        text=clean_text(body),
        subject=" ".join(clean_text(subject or "").split()),
        channel=channel,
        kind=kind,
    )
    return check_message(msg)


def lint_draft(draft: OutreachDraft) -> list[Violation]:
    """``lint_outreach`` on a stored draft (its body, channel, kind and subject)."""
    return lint_outreach(
        draft.body, channel=draft.channel, kind=draft.outreach_kind, subject=draft.subject
    )
