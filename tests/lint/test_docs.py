"""docs/rules.md describes the registry as it is: every rule with its description and
kinds, and each quoted example passes or breaks its rule as it says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lint.samples import SLACK_ASK
from prepcoach.lint import REGISTRY, lint_outreach
from prepcoach.vocab import OUTREACH_KINDS

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
ASK = SLACK_ASK.split("? ")[0] + "?"  # the first request without its easy-out
DECLINE = "If now isn't a good time, no worries at all."


def sections() -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8")
    outreach = text.split("## Outreach rules", 1)[1].split("\n## ", 1)[0]
    parts = re.split(r"^### `([a-z-]+)`\n", outreach, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def examples() -> list[tuple[str, str, bool]]:
    out = []
    for name, body in sections().items():
        for verdict, example in re.findall(r'^- (Good|Bad): "([^"]+)"$', body, flags=re.M):
            out.append((name, example, verdict == "Good"))
    return out


def test_every_rule_is_described_with_its_kinds() -> None:
    found = sections()
    assert list(found) == list(REGISTRY)
    for name, body in found.items():
        r = REGISTRY[name]
        flat = " ".join(body.split())
        assert r.description[0].upper() + r.description[1:] in flat.replace('"', "'"), name
        kinds = re.search(r"Applies to: ([a-z, -]+?)(?:\.| \()", flat)
        assert kinds, name
        assert kinds.group(1).split(", ") == [k for k in OUTREACH_KINDS if k in r.kinds], name


def check(rule: str, example: str) -> set[str]:
    if rule == "subject":
        found = lint_outreach(SLACK_ASK, channel="email", subject=example)
    elif rule in ("bounded-time", "tactical-topic"):
        found = lint_outreach(f"Hi Elena, {example} {DECLINE}", channel="slack")
    elif rule == "easy-decline":
        found = lint_outreach(f"{ASK} {example}", channel="slack")
    else:
        found = lint_outreach(f"{SLACK_ASK} {example}", channel="slack")
    return {v.rule for v in found}


@pytest.mark.parametrize(("rule", "example", "good"), examples())
def test_each_example_does_what_the_doc_says(rule: str, example: str, good: bool) -> None:
    assert (rule not in check(rule, example)) is good


def test_tested_rules_have_four_good_and_four_bad_examples() -> None:
    counts: dict[str, list[int]] = {}
    for rule, _, good in examples():
        counts.setdefault(rule, [0, 0])[0 if good else 1] += 1
    untested = {"length", "plain-language"}  # described, not quotable as one sentence
    assert set(counts) == set(REGISTRY) - untested
    assert all(good >= 4 and bad >= 4 for good, bad in counts.values()), counts
