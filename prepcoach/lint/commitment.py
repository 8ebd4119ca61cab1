"""Commitment language by sense: words such as "ongoing", "monthly" or "six months" count
only when they ask for more of the recipient's time than one conversation.

"an ongoing meeting", "meet every month", "regular catch-ups", "for the next six months"
(in a request) count; "our ongoing data-centre move", "in the six months since I took
over" and "how you cut the quarterly plan review" do not. The checks, per clause:

1. A commitment adjective on a meeting word ("monthly calls", "an ongoing meeting"), a
   meeting verb with a frequency ("meet every month", "talk regularly"), "check-ins",
   "a series of calls", "keep meeting": these are requests for time, wherever they stand.
2. A frequency or a forward span on its own ("every other week", "for the next six
   months", "could this be ongoing?") counts only in a clause that asks for time: one
   that names a meeting or addresses the reader ("would you", "could we", "I'd love").
3. Never counted: a clause about the topic ("how you ran the monthly review", "about
   the quarterly plan"), a phrase owned by someone ("our weekly release", "my monthly
   1:1s"), or a time in the past ("the last six months", "six months since", "ago").
"""

from __future__ import annotations

import re

from prepcoach.lint.phrases import MODALS, one_of

_NUM = (
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|"
    r"several|a few|a couple of|few)"
)
_PERIODS = r"(?:weeks|months|quarters|years|fortnights)"
_PERIOD = r"(?:day|week|month|quarter|year|fortnight)s?"
_MEET_NOUN = (
    r"(?:meetings?|calls?|chats?|catch[- ]?ups?|check[- ]?ins?|conversations?|sessions?|"
    r"coffees?|syncs?|1[:-]1s?|one[- ]on[- ]ones?|touch[- ]?points?|get[- ]togethers?|"
    r"talks?|lunch(?:es)?|time together|slots?)"
)
# words that make a commitment adjective a request for time: meetings and what they give
_COMMIT_NOUN = (
    rf"(?:{_MEET_NOUN}|relationship|arrangement|commitment|engagement|support|guidance|"
    r"feedback|help|advice|coaching|mentor\w*|basis|thing|cadence|series|rhythm)"
)
_MEET_VERB = (
    r"(?:meet(?:ing)?|talk(?:ing)?|speak(?:ing)?|chat(?:ting)?|catch(?:ing)? up|"
    r"check(?:ing)? in|sync(?:ing)?|get(?:ting)? together|hop(?:ping)? on a call|"
    r"do(?:ing)? (?:this|that|it)|repeat(?:ing)? (?:this|that|it)|see(?:ing)? you|"
    r"hear(?:ing)? from you|stay(?:ing)? in touch|keep(?:ing)? in touch)"
)
_COMMIT_ADJ = (
    r"(?:ongoing|regular|recurring|repeating|standing|continuing|open[- ]ended|"
    r"long[- ](?:term|running)|indefinite|(?:bi-?)?weekly|fortnightly|(?:bi-?)?monthly|"
    rf"quarterly|yearly|annual|{_NUM}[- ](?:week|month|year)|year[- ]long|"
    r"multi[- ](?:week|month|year))"
)
_ADVERB_END = (
    r"(?=\s*(?:[.,;:!?)\"']|$)|\s+(?:for|and|or|if|until|over|from|with|so|going|through|"
    r"on|at|in|after|again|from|starting|into)\b)"
)
_FREQ = (
    rf"(?:every (?:other |single |few |couple of )?(?:{_NUM} )?{_PERIOD}|each {_PERIOD}|"
    rf"(?:once|twice|{_NUM} times) (?:a|per|every) {_PERIOD}|regularly|"
    r"on a (?:regular|recurring|monthly|weekly|quarterly) basis|periodically|"
    r"from time to time|on an ongoing basis|going forward|indefinitely|"
    r"for the foreseeable future|"
    rf"(?:(?:bi-?)?weekly|fortnightly|(?:bi-?)?monthly|quarterly|yearly|annually|ongoing|"
    rf"recurring|regular|long[- ]term|open[- ]ended){_ADVERB_END})"
)
_FORWARD = (
    rf"(?:(?:for|over|during|throughout|across|into) (?:the )?(?:next|coming|following) "
    rf"(?:{_NUM} )?(?:{_PERIODS}|year|quarter)|"
    r"for (?:a|one|the|another) (?:year|quarter|while)|"
    rf"for {_NUM} (?:more )?{_PERIODS}|"
    r"(?<!in )(?<!within )(?<!by )(?:the )?(?<!in the )(?<!within the )(?<!by the )"
    rf"(?:next|coming) {_NUM} {_PERIODS}|"
    rf"(?:another|a further) (?:{_NUM} )?{_PERIODS}|{_NUM} {_PERIODS} of (?:your time|"
    rf"{_COMMIT_NOUN}))"
)

# Always a request for time (unless in a topic clause, owned, or in the past).
_INHERENT_RE = re.compile(
    rf"\b{_COMMIT_ADJ}\s+(?:[\w'-]+\s+){{0,2}}?{_COMMIT_NOUN}\b|"
    r"\bcheck[- ]ins\b|\ba series of (?:[\w-]+\s+)?(?:calls|chats|meetings|conversations|"
    r"sessions|catch-ups)\b|"
    rf"\b(?:keep|keep on|continue|continuing|carry on|carrying on)\s+(?:to\s+)?{_MEET_VERB}\b|"
    rf"\b{_MEET_VERB}\b(?:\s+[\w'-]+){{0,3}}?\s+{_FREQ}|"
    r"\bstanding (?:meeting|call|slot)s?\b",
    re.IGNORECASE,
)
# A request for time only in a clause that asks for time.
_IN_REQUEST_RE = re.compile(rf"\b(?:{_FREQ}|{_FORWARD})", re.IGNORECASE)
_REQUEST_CLAUSE_RE = re.compile(
    rf"(?<!my )(?<!our )(?<!their )\b(?:{_MEET_VERB}|{_MEET_NOUN})\b"
    r"(?!\s+(?:with\s+|to\s+)?(?:my|our|their|his|her|them|him)\b)|"
    rf"\b{one_of(MODALS)} you\b|"
    r"\b(?:are|were) you (?:open|willing|up|available|free|able|happy)\b|"
    r"\b(?:could|can|shall|might|should) we\b|\bwe could\b|"
    r"\b(?:could|can|would|might) (?:this|it|that) (?:be|become)\b|"
    r"\b(?:i'd|i would|i'm|i am)(?: also| really)? (?:love|like|hoping|keen|grateful)\b|"
    r"\byour time\b|\bwith you\b|\blet's\b|\bany chance\b|\bopen to\b|\bhow about\b",
    re.IGNORECASE,
)
# Clause boundaries: punctuation that ends a clause and the conjunctions that start one.
_CLAUSE_BREAK_RE = re.compile(
    r"[.;!?()\[\]—–\n]|(?<!\d):(?!\d)|\s-\s|,\s*(?=(?:and|but|so|which|who|since|as|while|though|"
    r"although|because|when|where)\b)|\b(?:and|but|so|because|since|while|although|though|"
    r"after|which)\b",
    re.IGNORECASE,
)
# A clause about the topic: the reader's or someone's own practice, not the request.
_TOPIC_START_RE = re.compile(
    r"^\s*(?:(?:on|about|around|regarding)\s+)?(?:(?:how|what|why|whether|where|the way)\s+"
    r"(?:you|your|did|do|does|to|i|i'd|i'm|we|they|other|others|teams?|leaders?|people|"
    r"it|this|that)\b|(?:about|regarding)\b)",
    re.IGNORECASE,
)
_OWNED_RE = re.compile(r"\b(?:my|our|your|their|his|her|its|[a-z][\w-]*'s)\s+$", re.IGNORECASE)
# A meeting of the user's own ("meeting my team weekly", "talk to our board monthly").
_OWN_MEETING_RE = re.compile(r"\b(?:my|our|their|his|her|them|him)\b", re.IGNORECASE)
_PAST_BEFORE_RE = re.compile(r"\b(?:last|past|previous|since|first|earlier)\s+(?:\S+\s+)?$", re.I)
_PAST_AFTER_RE = re.compile(
    r"^\s*(?:ago|since|back|so far|already|now|in(?=\s*(?:[.,;:!?]|$)))", re.IGNORECASE
)

# Every word that can carry a commitment; a phrase the lint counts always holds one.
COMMITMENT_WORD_RE = re.compile(
    r"\bongoing\b|\bregular(?:ly)?\b|\bon a regular basis\b|\brecurring\b|\brepeating\b|"
    r"\bevery (?:other )?(?:week|month|quarter|fortnight|few weeks|couple of weeks|year)\b|"
    r"\b(?:weekly|bi-?weekly|fortnightly|monthly|quarterly|yearly|annual|annually)\b|"
    r"\b(?:\d+|two|three|four|five|six|nine|twelve|eighteen|several|a few|next few|"
    r"coming)\s+(?:months|years|quarters)\b|"
    r"\bfor (?:a|the next|the coming) (?:year|quarter|while)\b|\blong[- ]term\b|"
    r"\blong[- ]running\b|\bstanding (?:meeting|call|slot)\b|\bindefinite(?:ly)?\b|"
    r"\bforeseeable future\b|\ba series of\b|\bcheck-ins\b|"
    r"\bcontinu(?:e|ing) to meet\b|\bkeep meeting\b|\bfrom time to time\b|"
    rf"\b(?:once|twice|{_NUM} times) (?:a|per|every) {_PERIOD}\b|\beach {_PERIOD}\b|"
    rf"\bperiodically\b|\bgoing forward\b|\bopen[- ]ended\b|\b{_NUM}[- ](?:week|month|year)\b|"
    r"\byear[- ]long\b|\bmulti[- ](?:week|month|year)\b|\bevery \w+ (?:weeks|months)\b",
    re.IGNORECASE,
)


def _clauses(text: str) -> list[str]:
    out, start = [], 0
    for m in _CLAUSE_BREAK_RE.finditer(text):
        out.append(text[start : m.start()])
        start = m.end()
    out.append(text[start:])
    return [c for c in out if c.strip()]


def _split_topic(clause: str) -> list[tuple[str, bool]]:
    """``clause`` as (part, is_topic) pieces: a topic marker inside it ("... on how you
    ran the reorg") starts a topic part that runs to the clause's end."""
    m = re.search(
        r"\b(?:on|about|around|regarding)?\s*\b(?:how|what|why|whether|the way)\s+"
        r"(?:you|your|did|do|does|to|i|i'd|i'm|they|other|others|teams?|leaders?|people)\b|"
        r"\b(?:about|regarding)\b",
        clause,
        re.IGNORECASE,
    )
    if not m or m.start() == 0:
        return [(clause, bool(_TOPIC_START_RE.match(clause)))]
    return [(clause[: m.start()], False), (clause[m.start() :], True)]


def _counts(part: str, start: int, end: int) -> bool:
    """Whether the phrase at ``part[start:end]`` is owned by someone or in the past."""
    before, after = part[:start], part[end:]
    if _PAST_BEFORE_RE.search(before) or _PAST_AFTER_RE.match(after):
        return False
    return not _OWNED_RE.search(before)


def commitments(text: str) -> list[str]:
    """The phrases of ``text`` that ask for a commitment beyond one conversation,
    lower-cased, first seen first."""
    found: list[str] = []
    for clause in _clauses(text):
        for part, is_topic in _split_topic(clause):
            if is_topic:
                continue
            hits = [
                m
                for m in _INHERENT_RE.finditer(part)
                if _counts(part, m.start(), m.end()) and not _OWN_MEETING_RE.search(m.group(0))
            ]
            if _REQUEST_CLAUSE_RE.search(part):
                taken = [(m.start(), m.end()) for m in hits]
                hits += [
                    m
                    for m in _IN_REQUEST_RE.finditer(part)
                    if _counts(part, m.start(), m.end())
                    and not any(s <= m.start() < e for s, e in taken)
                ]
            found.extend(" ".join(m.group(0).lower().split()) for m in hits)
    return list(dict.fromkeys(found))
