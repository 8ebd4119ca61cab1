"""Hostile text for the bad-input suite: arbitrary unicode plus the strings that break
naive tools (Rich markup, terminal escapes, Jinja syntax, very long text, empty)."""

from __future__ import annotations

from hypothesis import strategies as st

NASTY = [
    "[bold]x[/]",
    "[/]",
    "[link=file:///etc/passwd]click[/link]",
    "\x1b[2J\x1b[H",
    "\x1b]0;pwned\x07",
    "{{ 7*7 }}",
    "{% for x in y %}{{ x }}{% endfor %}",
    "{{ ''.__class__.__mro__ }}",
    "{# comment #}",
    "${HOME} $(id) `id`",
    "| pipe | table |",
    "line\nbreak\r\nand\ttab",
    "\u202eevil\u202c",
    "e\u0301 \ufeff zero\u200bwidth",
    "🙂👩🏽‍💻",
    "' OR 1=1 --",
    "../../etc/passwd",
    "",
    " ",
    "-",
    "--data",
]

# Text that exercises unicode broadly (no surrogates: they cannot be encoded to UTF-8 and
# never reach Python from argv or JSON; NUL is excluded for argv, where it cannot occur).
unicode_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=80,
)

hostile = st.one_of(
    st.sampled_from(NASTY),
    unicode_text,
    st.lists(st.sampled_from(NASTY), min_size=1, max_size=4).map("".join),
    st.builds(lambda a, b: a + b, st.sampled_from(NASTY), unicode_text),
)

ONE_MB = "{{ 7*7 }} [bold]x[/] \x1b[2J " * (1_000_000 // 26)
