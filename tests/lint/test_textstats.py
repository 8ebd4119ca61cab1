"""Text helpers: syllables, readability, subject lines and plurals."""

from __future__ import annotations

from lint.samples import GOOD
from prepcoach.lint import (
    clean_text,
    count_syllables,
    plural,
    readability_grade,
    sentences,
    split_subject,
)


def test_syllable_heuristic() -> None:
    assert count_syllables("cat") == 1
    assert count_syllables("table") == 2
    assert count_syllables("organisation") >= 4
    assert count_syllables("minutes") == 2
    assert count_syllables("20") == 1


def test_readability_of_short_and_plain_text() -> None:
    assert readability_grade("Too short to score.") is None
    g = readability_grade(GOOD)
    assert g is not None and g < 8


def test_sentences_keep_paragraphs_apart() -> None:
    assert sentences("Hi Elena,\n\nOne line\nwrapped. Two?\n\nThanks") == [
        "Hi Elena,",
        "One line wrapped.",
        "Two?",
        "Thanks",
    ]


def test_clean_text_drops_escapes_and_markup_only() -> None:
    assert clean_text("\x1b[1m[bold]Hi[/bold]\x1b[0m there") == "Hi there"


def test_split_subject() -> None:
    assert split_subject("Subject: Director to VP\n\nHi Elena,\nBody") == (
        "Director to VP",
        "Hi Elena,\nBody",
    )
    assert split_subject("\n  subject:  spaced  \nBody") == ("spaced", "Body")
    assert split_subject("Hi Elena,\nSubject: not a header") == (
        None,
        "Hi Elena,\nSubject: not a header",
    )
    assert split_subject("") == (None, "")


def test_plural() -> None:
    assert (plural(0, "rule"), plural(1, "rule"), plural(2, "rule")) == (
        "0 rules",
        "1 rule",
        "2 rules",
    )
    assert plural(3, "child", "children") == "3 children"
