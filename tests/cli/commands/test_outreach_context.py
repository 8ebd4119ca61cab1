"""`prepcoach outreach --context`: a context that breaks a rule is refused (exit 2) with
the rule and the words, never left out of the draft without a word."""

from __future__ import annotations

from cli.helpers import TODAY, run


def _first_request(capsys, sample_dir, context):  # type: ignore[no-untyped-def]
    argv = ["outreach", "--data", str(sample_dir), "--offline", "--to", "Elena Sorensen"]
    ask = ["--ask", "how you chose between a VP and a CTO offer"]
    return run(capsys, *argv, *ask, "--context", context, *TODAY)


def test_a_context_that_breaks_a_rule_exits_2_with_the_rule_and_the_words(capsys, sample_dir):
    code, out, err = _first_request(capsys, sample_dir, "Could we meet every month after?")
    assert code == 2 and out == ""
    assert "your context" in err and "no-long-term" in err and "meet every month" in err
    assert "Traceback" not in err and "--context" in err


def test_a_context_that_fits_is_in_the_draft(capsys, sample_dir):
    code, out, err = _first_request(capsys, sample_dir, "Nadia Farouk suggested I write to you.")
    assert code == 0, err
    assert "Nadia Farouk suggested I write to you." in out
