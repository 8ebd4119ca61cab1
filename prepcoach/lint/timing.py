"""Time asked for: how many minutes a message requests, and phrases that ask for more."""

from __future__ import annotations

import re

MAX_MINUTES = 30

_NUM_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "twenty-five": 25,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
}
_MINUTES_RE = re.compile(
    r"\b(\d{1,4}|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r")"
    r"(?:\s*(?:-|to|–|or)\s*(\d{1,4}))?[\s-]*(?:min|mins|minute|minutes)\b",
    re.IGNORECASE,
)
ONE_CONVERSATION_RE = re.compile(
    r"\b(?:one|a single|a one-off|one-off|a single short|one short|one quick)\s+"
    r"(?:conversation|call|chat|video call|phone call|meeting)\b",
    re.IGNORECASE,
)
TOO_BIG_RE = re.compile(
    r"(?<!half )\b(?:an|one|1|a full|a whole|a couple of|a few|two|three|several|"
    r"\d+(?:\.\d+)?)\s+hours?\b|"
    r"\bhour-long\b|\b(?:half|full|whole) (?:a )?day\b|\ban afternoon\b|\ba morning\b|"
    r"\blunch\b|\bdinner\b",
    re.IGNORECASE,
)
HALF_HOUR_RE = re.compile(r"\bhalf an hour\b|\bhalf-hour\b|\b30-minute\b", re.IGNORECASE)


def minutes_requested(text: str) -> list[int]:
    """Every number of minutes named in ``text`` (a range counts as its upper end)."""
    out = []
    for m in _MINUTES_RE.finditer(text):
        first = m.group(1).lower()
        n = int(first) if first.isdigit() else _NUM_WORDS.get(first, 0)
        if m.group(2):
            n = max(n, int(m.group(2)))
        out.append(n)
    return out
