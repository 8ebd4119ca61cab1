"""The rule registry: every outreach rule is a small function, registered with its name, a
one-line description and the outreach kinds and channels it applies to.

A rule function takes the ``Message`` being checked and whether the rule runs in its
lenient form for this kind (``relaxed``), and returns the reason the message breaks it,
or None when it passes. Rules run in the order they are registered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from prepcoach.lint.asks import Asks, find_asks
from prepcoach.vocab import CHANNELS, OUTREACH_KINDS

ALL: tuple[str, ...] = OUTREACH_KINDS


@dataclass(frozen=True)
class Violation:
    rule: str
    reason: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.reason}"


@dataclass(frozen=True)
class Message:
    """One message under check: ``text`` is the cleaned body, ``subject`` the cleaned
    subject on one line ("" when there is none)."""

    text: str
    subject: str
    channel: str
    kind: str

    @cached_property
    def flat(self) -> str:
        """The body on one line: phrases may be hard-wrapped across lines."""
        return " ".join(self.text.split())

    @cached_property
    def asks(self) -> Asks:
        return find_asks(self.text)


Check = Callable[[Message, bool], str | None]


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    kinds: frozenset[str]
    check: Check = field(compare=False)
    channels: frozenset[str] = frozenset(CHANNELS)
    # kinds for which the rule runs in its lenient form (one-ask: at most one ask)
    relaxed: frozenset[str] = frozenset()

    def applies(self, kind: str, channel: str) -> bool:
        return kind in self.kinds and channel in self.channels

    def run(self, msg: Message) -> Violation | None:
        reason = self.check(msg, msg.kind in self.relaxed)
        return Violation(self.name, reason) if reason else None


REGISTRY: dict[str, Rule] = {}


def rule(
    name: str,
    description: str,
    *,
    kinds: Iterable[str],
    channels: Iterable[str] = CHANNELS,
    relaxed: Iterable[str] = (),
) -> Callable[[Check], Check]:
    """Register the decorated function as the rule ``name``."""
    kind_set, channel_set, relaxed_set = frozenset(kinds), frozenset(channels), frozenset(relaxed)
    unknown = (kind_set - set(OUTREACH_KINDS)) | (channel_set - set(CHANNELS))
    if unknown or not relaxed_set <= kind_set or name in REGISTRY:
        raise ValueError(f"rule {name!r}: bad kinds, channels or a second registration")

    def register(check: Check) -> Check:
        REGISTRY[name] = Rule(name, description, kind_set, check, channel_set, relaxed_set)
        return check

    return register


def applicable_rules(kind: str, channel: str) -> list[str]:
    """Rule names checked for this message kind and channel, in registry order. Raises
    ``ValueError`` for an unknown kind or channel."""
    if kind not in OUTREACH_KINDS:
        raise ValueError(f"unknown outreach kind {kind!r}; use one of {', '.join(OUTREACH_KINDS)}")
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}; use one of {', '.join(CHANNELS)}")
    return [r.name for r in REGISTRY.values() if r.applies(kind, channel)]


def check_message(msg: Message) -> list[Violation]:
    """Every applicable rule run on ``msg``: one violation per broken rule."""
    out = []
    for name in applicable_rules(msg.kind, msg.channel):
        found = REGISTRY[name].run(msg)
        if found:
            out.append(found)
    return out
