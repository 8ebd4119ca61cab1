"""Text helpers: one line as typed, and Markdown that shows text as its own characters."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from prepcoach.text import md_escape, one_line

_MD = MarkdownIt("commonmark").enable("strikethrough").enable("table")


def shown(markdown: str) -> str:
    """The text a Markdown renderer shows for ``markdown`` (tags dropped)."""
    rendered = _MD.render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


def test_one_line_keeps_every_typed_character() -> None:
    typed = "Should I push back on the *reorg*?\n  2 options: [A] or <B> # 3_x `y` | ~z~"
    assert one_line(typed) == (
        "Should I push back on the *reorg*? 2 options: [A] or <B> # 3_x `y` | ~z~"
    )
    assert one_line("\x1b[31mred\x1b[0m\tok") == "red ok"


def test_markdown_escaped_words_render_as_typed() -> None:
    for typed in (
        "Should I push back on the *reorg*? 2 options",
        "# of hires [Q3] <draft> `x` snake_case_name",
        "- shipped v2",
        "3. closed the deal",
        "10) ten",
        "+ one more",
        "a | b & c &amp; d \\ e ~~f~~",
        "[link](http://x.test) and **bold** and __under__",
    ):
        assert shown(md_escape(typed)) == typed, typed


def test_plain_words_are_left_alone() -> None:
    assert md_escape("2 more hires, a 3-step plan") == "2 more hires, a 3-step plan"


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.characters(min_codepoint=32, max_codepoint=126),
        min_size=1,
        max_size=40,
    ).map(lambda s: " ".join(s.split()))
)
def test_any_printable_line_renders_as_typed(typed: str) -> None:
    if not typed:
        return
    assert shown(md_escape(typed)) == typed
