"""Text from users and models, made safe to show on a terminal.

Anything typed by the user or written by a model may contain terminal escape sequences
(clear screen, set title, hyperlinks, colours) or other control characters. Every place
that prints such text to a terminal, the CLI and the TUI alike, passes it through
``sanitize`` so nothing in it is interpreted by the terminal.
"""

from __future__ import annotations

import re

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-byte ESC sequences, and the
# 8-bit C1 forms of CSI / OSC.
_ESCAPES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]        # CSI ... final byte
    | (?:\x1b\]|\x9d)[^\n]*?(?:\x07|\x1b\\|\x9c) # OSC ... BEL or ST (on one line)
    | \x1b[PX^_][^\n]*?(?:\x1b\\|\x9c)           # DCS / SOS / PM / APC ... ST
    | \x1b[@-Z\\-_]                          # other Fe escapes
    | \x1b.?                                 # anything else after ESC
    """,
    re.VERBOSE,
)
# C0 controls except tab and newline, DEL, and C1 controls.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def sanitize(text: object) -> str:
    """``text`` without terminal escape sequences or control characters (keeps \\n, \\t)."""
    s = "" if text is None else str(text)
    if not s:
        return s
    s = s.replace("\r\n", "\n")
    s = _ESCAPES.sub("", s)
    s = _CONTROLS.sub("", s)
    return s.replace("\t", "    ")
