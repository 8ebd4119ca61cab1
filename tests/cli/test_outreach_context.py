"""`prepcoach outreach --context` for every kind: the context is in the draft on stdout,
as typed, or the command exits 2 naming the rule it broke and its words (stdout empty,
in both formats); never a draft that leaves it out without a word."""

from __future__ import annotations

import pytest

from cli.helpers import TODAY, run

ASK = "how you ran the platform reorg"
KINDS = [
    ("first-request", "Elena Sorensen", ASK),
    ("recommendation", "Nadia Farouk", ASK),
    ("renewal", "Priya Raman", ASK),
    ("wind-down", "Marcus Bell", ""),
    ("follow-up", "Priya Raman", ASK),
]


def _outreach(capsys, sample_dir, kind, to, ask, context, *extra):  # type: ignore[no-untyped-def]
    argv = ["outreach", "--data", str(sample_dir), "--offline", "--to", to, "--kind", kind]
    asked = ["--ask", ask] if ask else []
    return run(capsys, *argv, *asked, "--context", context, *TODAY, *extra)


@pytest.mark.parametrize(("kind", "to", "ask"), KINDS)
@pytest.mark.parametrize("channel", ["email", "slack"])
def test_a_context_that_fits_is_in_the_draft_as_typed(capsys, sample_dir, kind, to, ask, channel):
    context = "I start as interim head of platform in January."
    code, out, err = _outreach(capsys, sample_dir, kind, to, ask, context, "--channel", channel)
    assert code == 0, err
    assert context in out, out


@pytest.mark.parametrize(("kind", "to", "ask"), KINDS)
@pytest.mark.parametrize("fmt", ["md", "json"])
def test_a_context_that_breaks_a_rule_exits_2_naming_the_rule(
    capsys, sample_dir, kind, to, ask, fmt
):
    context = "I want to circle back on our synergies."
    code, out, err = _outreach(capsys, sample_dir, kind, to, ask, context, "--format", fmt)
    assert code == 2 and out == ""
    assert f'your context "{context}"' in err and f"into a {kind}" in err
    assert "no-jargon" in err and "circle back" in err and "--context" in err
