"""Subjects: one whole phrase of the ask, verbatim, in a frame grammatical for it; never
"about" before a bare singular noun, never a word added inside the user's phrase or
clipped from its front."""

from __future__ import annotations

import pytest
from corpus import ASKS, BARE_SINGULARS, assert_subject, make, reads_after_about
from hypothesis import given, settings
from hypothesis import strategies as st

from prepcoach.engines.offline import classify, compose_outreach, subject_line
from prepcoach.engines.offline.ask_shape import plain_line


@pytest.mark.parametrize(
    ("ask", "subject"),
    [
        ("handling the [Project Falcon] launch", "One question: the [Project Falcon] launch"),
        ("how you handled platform migration", "One question: platform migration"),
        ("how you staffed on-call rotation", "One question: on-call rotation"),
        ("ongoing platform migration", "One question: ongoing platform migration"),
        ("our ongoing platform migration", "One question: our ongoing platform migration"),
        ("an ongoing reorg", "A question about an ongoing reorg"),
        ("hiring senior managers", "A question about hiring senior managers"),
        ("Hiring senior managers", "One question: Hiring senior managers"),
        ("How did you run Rob's staff meeting?", "A question about Rob's staff meeting"),
        ("Rob's staff meeting", "A question about Rob's staff meeting"),
        ("How did you pitch Project Falcon?", "A question about Project Falcon"),
        (
            "What made onboarding for first-time managers work?",
            "A question about first-time managers",
        ),
        ("How did you set priorities across two orgs?", "A question about two orgs"),
        (
            "what you wish you had known before your first reorg",
            "A question about your first reorg",
        ),
        ("What would you cut first if your budget dropped 20%?", "A question about your budget"),
        ("a skip-level meeting gone wrong", "A question about a skip-level meeting"),
        ("sequencing the reorg - and why", "A question about the reorg"),
    ],
)
def test_subjects_are_whole_phrases_in_a_frame_that_fits(ask: str, subject: str) -> None:
    assert compose_outreach(make("first-request", "email", ask, [])).subject == subject


def test_a_phrase_too_long_to_fit_whole_is_not_clipped() -> None:
    ask = "the quarterly platform cost reduction plan"
    assert subject_line(classify(ask)) == "A question from a fellow leader"


@settings(max_examples=300, deadline=None)
@given(
    lead=st.sampled_from(
        ["how you handled", "how you ran", "handling", "How did you fund", "what made", ""]
    ),
    noun=st.sampled_from(BARE_SINGULARS),
    tail=st.sampled_from(["", " first", " at a bigger company", "?", " work?", ", and why"]),
)
def test_never_about_a_bare_singular_noun(lead: str, noun: str, tail: str) -> None:
    """A bare singular noun phrase is never put after "about" and never given a word the
    user did not type: it goes whole after the label frame."""
    ask = f"{lead} {noun}{tail}".strip()
    subject = compose_outreach(make("first-request", "email", ask, [])).subject
    assert_subject(subject, plain_line(ask))
    assert not subject.endswith(f"about {noun}") and f"the {noun}" not in subject, subject


@settings(max_examples=400, deadline=None)
@given(ask=ASKS)
def test_every_subject_is_a_verbatim_phrase_in_a_grammatical_frame(ask: str) -> None:
    subject = subject_line(classify(ask))
    assert_subject(subject, plain_line(ask))


@pytest.mark.parametrize(
    ("phrase", "ok"),
    [
        ("ongoing platform migration", False),
        ("reorg", False),
        ("the reorg", True),
        ("12 direct reports", True),
        ("Rob's team", True),
        ("hiring senior managers", True),
        ("Project Falcon", True),
    ],
)
def test_the_gate_oracle_itself(phrase: str, ok: bool) -> None:
    """The check the gate uses can fail: a bare singular after "about" is caught."""
    assert reads_after_about(phrase) is ok
