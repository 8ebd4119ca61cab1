"""The rule registry: every rule registered once, with its kinds and channels as data, and
``lint_outreach`` a loop over the rules that apply."""

from __future__ import annotations

import pytest

from lint.samples import CLASSIC_BAD, GOOD, GOOD_SUBJECT, rules
from prepcoach.lint import (
    KINDS,
    REGISTRY,
    RULE_NAMES,
    RULES,
    WORD_LIMITS,
    applicable_rules,
    lint_outreach,
    rule,
)
from prepcoach.vocab import CHANNELS, OUTREACH_KINDS


def test_good_first_request_is_clean() -> None:
    assert lint_outreach(GOOD, subject=GOOD_SUBJECT) == []


def test_classic_bad_ask_names_each_broken_rule() -> None:
    found = lint_outreach(CLASSIC_BAD, subject="Mentorship request")
    assert rules(found) == {
        "no-mentor-word",
        "bounded-time",
        "tactical-topic",
        "no-long-term",
        "easy-decline",
        "subject",
    }
    by_rule = {v.rule: v.reason for v in found}
    assert "'mentor'" in by_rule["no-mentor-word"] and "'Mentorship'" in by_rule["no-mentor-word"]
    assert "every month" in by_rule["no-long-term"] and "six months" in by_rule["no-long-term"]
    assert "pick your brain" in by_rule["tactical-topic"]
    for v in found:
        assert v.reason.rstrip("'").endswith(".") and len(v.reason) > 30


def test_violations_come_in_rules_order() -> None:
    found = [v.rule for v in lint_outreach(CLASSIC_BAD, subject="Mentorship request")]
    assert found == [r for r in RULE_NAMES if r in found]


def test_rules_by_kind() -> None:
    assert set(applicable_rules("first-request", "email")) == set(RULE_NAMES)
    assert "subject" not in applicable_rules("first-request", "slack")
    rec = applicable_rules("recommendation", "email")
    assert "no-mentor-word" in rec and "bounded-time" not in rec
    renewal = applicable_rules("renewal", "email")
    assert "no-long-term" not in renewal and "one-ask" in renewal
    assert "no-mentor-word" in applicable_rules("follow-up", "email")
    with pytest.raises(ValueError):
        applicable_rules("nonsense", "email")
    with pytest.raises(ValueError):
        lint_outreach("hi", channel="fax")
    with pytest.raises(ValueError):
        lint_outreach("hi", kind="nonsense")


def test_rules_table_is_complete() -> None:
    assert len(RULES) == len(set(RULE_NAMES)) == 10
    assert all(desc for _, desc in RULES)
    assert tuple(REGISTRY) == RULE_NAMES


def test_kinds_and_channels_come_from_the_vocabulary() -> None:
    assert KINDS == OUTREACH_KINDS
    assert set(WORD_LIMITS) == set(CHANNELS)
    for r in REGISTRY.values():
        assert r.kinds <= set(OUTREACH_KINDS) and r.channels <= set(CHANNELS)
        assert r.relaxed <= r.kinds
    assert REGISTRY["one-ask"].relaxed == {"wind-down", "follow-up"}
    assert REGISTRY["subject"].channels == {"email"}


def test_applicable_rules_reads_the_kinds_on_each_rule() -> None:
    for kind in OUTREACH_KINDS:
        for channel in CHANNELS:
            want = [r.name for r in REGISTRY.values() if r.applies(kind, channel)]
            assert applicable_rules(kind, channel) == want


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"kinds": ("no-such-kind",)}, "new-rule"),
        ({"kinds": ("first-request",), "channels": ("fax",)}, "new-rule"),
        ({"kinds": ("first-request",), "relaxed": ("renewal",)}, "new-rule"),
        ({"kinds": ("first-request",)}, "length"),  # a second registration
    ],
)
def test_bad_registrations_are_refused(kwargs: dict, name: str) -> None:
    with pytest.raises(ValueError):
        rule(name, "a description", **kwargs)
    assert "new-rule" not in REGISTRY


def test_markup_and_escapes_are_ignored() -> None:
    body = "\x1b[31m" + GOOD.replace("Would you", "[bold]Would you[/bold]") + "\x1b[0m"
    assert lint_outreach(body, subject=GOOD_SUBJECT) == []


def test_private_aliases_still_import() -> None:
    from prepcoach.lint import _CTRL_RE, _ESC_RE, _LONG_TERM_RE, _TOO_BIG_RE

    assert _ESC_RE.sub("", "\x1b[31mred\x1b[0m") == "red"
    assert _CTRL_RE.sub("", "a\x07b") == "ab"
    assert _LONG_TERM_RE.search("meet monthly") and _TOO_BIG_RE.search("an hour")
