"""--redact: keep known names off the wire and put them back in the answer.

Names known to the plan (mentors' full and first names, organisations, who recommended
them, the profile's name, organisation and manager, ``profile.private_names``, e-mail
addresses) and names given in the
request (the outreach recipient) are swapped for placeholders such as ``[PERSON_1]``,
``[PERSON_1_FIRST]``, ``[ORG_1]`` before a prompt is sent. Square-bracketed upper-case tokens
are what models copy back verbatim most reliably. The answer is restored both as it streams
(a placeholder split across chunks is held back until it is complete) and when it is final.

With ``with_found``, the name-like words of the history being sent (people and
organisations named only in session notes, actions or answers) are swapped too.

Matching is case-insensitive and on word boundaries for full names, organisations and private
names. Parts of a name used on their own (a person's first or last name, the first word of an
organisation or private name: "Priya", "Raman", "Kestrel") are matched as written in the plan
(or in capitals), so that a name which is also a common word ("Mark", "Will", "Grace") does
not swallow the word. Over-redaction is harmless: every placeholder is restored exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from prepcoach.models import Plan

_PLACEHOLDER = re.compile(
    r"\[(?:PERSON|ORG|NAME|EMAIL)_\d+(?:_FIRST|_LAST|_SHORT)?\]", re.IGNORECASE
)
# Words never redacted on their own (first words of names such as "The Example Group").
_NOT_A_NAME = frozenset({"the", "a", "an", "of", "and", "mr", "ms", "mrs", "dr", "st"})
# The tail of a chunk that could be the start of a placeholder: "[", "[PER", "[PERSON_1_F".
_PARTIAL = re.compile(r"\[[A-Za-z_0-9]{0,20}$")


@dataclass
class _Entry:
    original: str
    placeholder: str
    case_sensitive: bool


@dataclass
class Redactor:
    """Swaps known names for placeholders and back. Empty (a no-op) when nothing is known."""

    entries: list[_Entry] = field(default_factory=list)
    _pattern: re.Pattern[str] | None = None
    _by_key: dict[str, _Entry] = field(default_factory=dict)
    _restore: dict[str, str] = field(default_factory=dict)

    # --------------------------------------------------------------- building

    @classmethod
    def build(
        cls,
        people: Iterable[str] = (),
        organisations: Iterable[str] = (),
        other_names: Iterable[str] = (),
        emails: Iterable[str] = (),
    ) -> Redactor:
        r = cls()
        n_email = 0
        seen: set[str] = set()

        def add(original: str, placeholder: str, case_sensitive: bool) -> bool:
            original = original.strip()
            key = original.lower()
            if len(original) < 2 or key in seen:
                return False
            seen.add(key)
            r.entries.append(_Entry(original, placeholder, case_sensitive))
            return True

        for email in emails:
            if "@" in email and add(email, f"[EMAIL_{n_email + 1}]", False):
                n_email += 1

        def add_part(word: str, placeholder: str) -> None:
            word = word.strip(".,;:()")
            if len(word) >= 3 and word.lower() not in _NOT_A_NAME:
                add(word, placeholder, True)

        def add_names(names: Iterable[str], tag: str, labels: tuple[str, ...]) -> None:
            """Each name (spacing folded) as ``[TAG_n]``; one of several words also its
            first (and, with two labels, last) word as ``[TAG_n_LABEL]``."""
            n = 0
            for name in names:
                name = " ".join(name.split())
                if not add(name, f"[{tag}_{n + 1}]", False):
                    continue
                n += 1
                parts = name.split()
                if len(parts) > 1:
                    for label, word in zip(labels, (parts[0], parts[-1]), strict=False):
                        add_part(word, f"[{tag}_{n}_{label}]")

        add_names(people, "PERSON", ("FIRST", "LAST"))
        add_names(organisations, "ORG", ("SHORT",))
        add_names(other_names, "NAME", ("SHORT",))
        r._compile()
        return r

    @classmethod
    def from_plan(
        cls, plan: Plan, *, people: Iterable[str] = (), organisations: Iterable[str] = ()
    ) -> Redactor:
        """Everything the plan knows, plus names given with the request."""
        prof = plan.profile
        referrers = [re.split(r"[(,;]", m.recommended_by)[0].strip() for m in plan.mentors]
        persons = [
            prof.name,
            prof.manager,
            *(m.name for m in plan.mentors),
            *people,
            *(r for r in referrers if r),
        ]
        orgs = [prof.organisation, *(m.organisation for m in plan.mentors), *organisations]
        emails = [prof.email, *(m.email for m in plan.mentors)]
        return cls.build(persons, [o for o in orgs if o], prof.private_names, emails)

    def with_found(self, texts: Iterable[str]) -> Redactor:
        """A copy that also swaps the person-like and organisation-like names found in
        ``texts`` (the history sent: notes, actions, answers; see ``redact_names``)."""
        from prepcoach.redact_names import find_names

        r = Redactor(entries=list(self.entries))
        known = {" ".join(e.original.split()).lower() for e in r.entries}
        n = sum(1 for e in r.entries if re.fullmatch(r"\[NAME_\d+\]", e.placeholder))
        for name in find_names(texts):
            leftover = _PLACEHOLDER.sub("", self.redact(name))
            if name.lower() in known or not re.search(r"[^\W\d_]", leftover):
                continue  # known already (whole, or every word of it)
            known.add(name.lower())
            n += 1
            r.entries.append(_Entry(name, f"[NAME_{n}]", False))
        r._compile()
        return r

    def _compile(self) -> None:
        if not self.entries:
            self._pattern = None
            return
        # Longest first so "Priya Raman" wins over "Priya".
        ordered = sorted(self.entries, key=lambda e: len(e.original), reverse=True)
        alts = []
        for e in ordered:
            body = r"\s+".join(re.escape(w) for w in e.original.split())
            if e.case_sensitive:
                variants = {e.original, e.original.upper()}
                body = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
                alts.append(f"(?-i:{body})")
            else:
                alts.append(body)
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)
        self._by_key = {}
        for e in self.entries:
            self._by_key[" ".join(e.original.split()).lower()] = e
        self._restore = {e.placeholder.lower(): e.original for e in self.entries}

    # ---------------------------------------------------------------- applying

    def __bool__(self) -> bool:
        return bool(self.entries)

    def redact(self, text: str) -> str:
        if self._pattern is None or not text:
            return text

        def swap(m: re.Match[str]) -> str:
            e = self._by_key.get(" ".join(m.group(0).split()).lower())
            return e.placeholder if e else m.group(0)

        return self._pattern.sub(swap, text)

    def redact_messages(self, messages: list[dict[str, str]]) -> list[dict[str, str]]:
        return [{**m, "content": self.redact(m["content"])} for m in messages]

    def restore(self, text: str) -> str:
        if not self._restore or not text:
            return text
        return _PLACEHOLDER.sub(lambda m: self._restore.get(m.group(0).lower(), m.group(0)), text)

    def restore_data(self, data: Any) -> Any:
        """Restore every string inside parsed JSON (dicts, lists, strings)."""
        if isinstance(data, str):
            return self.restore(data)
        if isinstance(data, list):
            return [self.restore_data(v) for v in data]
        if isinstance(data, Mapping):
            return {k: self.restore_data(v) for k, v in data.items()}
        return data

    def stream(self) -> StreamRestorer:
        return StreamRestorer(self)

    def placeholders(self) -> dict[str, str]:
        """placeholder -> original (for tests and `--dry-run` notes)."""
        return {e.placeholder: e.original for e in self.entries}


class StreamRestorer:
    """Restores placeholders in streamed text, holding back a placeholder cut in two."""

    def __init__(self, redactor: Redactor) -> None:
        self._r = redactor
        self._pending = ""

    def feed(self, chunk: str) -> str:
        text = self._pending + chunk
        m = _PARTIAL.search(text)
        if m:
            self._pending = text[m.start() :]
            text = text[: m.start()]
        else:
            self._pending = ""
        return self._r.restore(text)

    def flush(self) -> str:
        text, self._pending = self._pending, ""
        return self._r.restore(text)
