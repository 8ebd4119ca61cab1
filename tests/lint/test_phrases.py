"""The shared word tables become the regexes the classifier and the rules use."""

from __future__ import annotations

import re

from prepcoach.lint.phrases import MODALS, WH, one_of, pattern


def test_one_of_splits_words_or_comma_phrases_in_table_order() -> None:
    assert one_of("how what  why") == "(?:how|what|why)"
    assert one_of("kind of, sort of,") == "(?:kind of|sort of)"
    assert re.fullmatch(one_of(WH), "whether") and not re.fullmatch(one_of(WH), "wheth")


def test_pattern_is_case_insensitive_and_joins_its_parts() -> None:
    p = pattern(r"\b", one_of(MODALS), r" you\b")
    assert p.search("Could you spare 20 minutes?") and p.search("WOULD YOU")
    assert not p.search("should you")
