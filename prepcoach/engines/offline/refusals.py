"""Asks the composer refuses instead of mending: the user's own words are never deleted
or swapped, so an ask that no frame can send is sent back with the reason and examples.

Every refusal is a ``UsageError`` (exit 2 on the command line) whose message names what
was found and whose hint says what to type instead. The examples are drawn from the
user's open objectives and are shown to the user only; nothing from them is sent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from prepcoach.engines.offline.ask_shape import Ask, classify
from prepcoach.engines.offline.frames import title_text
from prepcoach.errors import UsageError
from prepcoach.lint import TOO_BIG_RE, content_words
from prepcoach.lint.asks import find_asks
from prepcoach.lint.commitment import commitments
from prepcoach.lint.handles import jargon, mentor_words, role_requests
from prepcoach.models import Objective
from prepcoach.text import clip, quoted

# Kinds whose message must not name the relationship or ask for a commitment.
STEALTH = ("first-request", "recommendation", "follow-up")

_FALLBACK_EXAMPLES = (
    "How did you handle your first reorg as a VP?",
    "What would you cut first if your budget dropped 20%?",
)
# The reader spoken of in the third person ("what she stopped doing", "his take on").
_THIRD_PERSON_RE = re.compile(
    r"^(?:she|he)\b|\b(?:how|what|why|when|where|whether|which)\s+(?:(?:did|does|do|would|"
    r"could|has|had|is|was)\s+)?(?:she|he)\b|(?:^|\b(?:of|on|for|get|hear)\s+)(?:her|his)\s+"
    r"(?:take|view|views|advice|thoughts|reaction|experience|approach|playbook)\b",
    re.IGNORECASE,
)


# Frames for an example ask built on a goal: the title enters quoted, whole and as typed.
_GOAL_FRAMES = (
    "For my goal {}, what would you do first?",
    "What would you try first on my goal {}?",
)


def example_asks(objectives: Sequence[Objective]) -> list[str]:
    """Two concrete asks for the user to copy, built from their open objectives, then
    fixed examples. A title that is itself a question is the ask; any other title is
    quoted whole and as typed inside our question, so a title of any shape ("Decide: stay
    or go") reads as the user's words, never as a clause of ours."""
    out: list[str] = []
    for o in objectives:
        if o.status != "open" or len(content_words(o.title)) < 2:
            continue
        t = title_text(o.title)
        if classify(t).shape == "question" and not re.search(r"[:;!…]", t):
            out.append(t if t.endswith("?") else t + "?")
        else:
            out.append(_GOAL_FRAMES[len(out)].format(quoted(t)))
        if len(out) == 2:
            return out
    for ex in _FALLBACK_EXAMPLES:
        if len(out) < 2 and ex not in out:
            out.append(ex)
    return out


def shell_arg(text: str) -> str:
    """``text`` as one argument to paste into a shell: in double quotes, or in single
    quotes when it holds a character a shell would act on inside double quotes (a quote,
    "$", a backtick, a backslash, or the "!" of history expansion)."""
    if not re.search(r'["$`\\!]', text):
        return f'"{text}"'
    return "'" + text.replace("'", "'\\''") + "'"


def _examples_hint(objectives: Sequence[Objective], lead: str) -> str:
    a, b = example_asks(objectives)
    return f"{lead} For example: --ask {shell_arg(a)} or --ask {shell_arg(b)}"


_TIME_HINT = "Take the time words out of --ask; the message asks for 20 minutes itself."
# What a stealth message may not ask, in the order checked: (finder, message with {} for
# the words found, lead of the example hint; "" for the time hint).
_STEALTH_CHECKS: tuple[tuple[Callable[[str], list[str]], str, str], ...] = (
    (
        mentor_words,
        'your ask says "{}": the word scares many senior people off (too big a handle, '
        "sounds like it never ends), and prepcoach will not delete it from your words.",
        "Ask about the one topic instead.",
    ),
    (
        role_requests,
        'your ask asks them to take on a standing role ("{}"); that is the same too-big '
        "handle as 'mentor'.",
        "Ask for one conversation about one topic.",
    ),
    (
        commitments,
        'your ask asks for a long-term commitment ("{}"); a first note asks for one '
        "conversation only.",
        "",
    ),
)


def check_ask(
    ask: Ask, kind: str, objectives: Sequence[Objective], *, placing: bool = True
) -> None:
    """Raise ``UsageError`` when the ask cannot go into a ``kind`` message: vague, a
    word the rules forbid, two questions. With ``placing`` (the offline frames, which
    place the words as typed) also when it speaks of the reader as "she"/"he" or, in a
    first request, describes a person; a model writes its own sentences around those."""
    text = ask.text
    if ask.shape == "empty":  # a first request must have an ask: checked by the service
        return
    if kind in STEALTH:
        for find, said, hint in _STEALTH_CHECKS:
            found = find(text)
            if found:
                raise UsageError(
                    said.format(found[0]),
                    hint=_examples_hint(objectives, hint) if hint else _TIME_HINT,
                )
    if kind == "first-request":
        big = TOO_BIG_RE.search(text)
        if big:
            raise UsageError(
                f'your ask asks for more time than a first note should ("{big.group(0)}").',
                hint="Take the time out of --ask; the message asks for 20 minutes itself.",
            )
    slang = jargon(text)
    if slang:
        raise UsageError(
            f'your ask uses jargon ("{slang[0]}"), which makes a short note read like a memo.',
            hint="Say it in plain words in --ask.",
        )
    if kind != "wind-down" and not content_words(text):
        shown = clip(text, 60)
        raise UsageError(
            f'"{shown}" is too vague to ask a senior person about: name one concrete, '
            "tactical topic (prepcoach will not swap in one of your objectives).",
            hint=_examples_hint(objectives, "Say exactly what you want to learn."),
        )
    asks = find_asks(text).asks
    if len(asks) > 1:
        raise UsageError(
            f"your ask holds {len(asks)} questions; a note to a busy person asks one.",
            hint="Keep the one that matters most in --ask.",
        )
    if not placing:
        return
    if kind != "recommendation" and _THIRD_PERSON_RE.search(text):
        raise UsageError(
            "your ask speaks of the reader as 'she' or 'he', but the message is written to them.",
            hint='Write it as you would say it to them, e.g. --ask "what you stopped doing '
            'first when you became a VP".',
        )
    if kind == "first-request" and ask.shape == "person":
        raise UsageError(
            "your ask describes a person; a first request asks them about one topic.",
            hint="To ask your network for a name, use --kind recommendation.",
        )
