"""Fitting the items to the meeting: time follows value.

Every item has a tier (what it is worth) and gets its tier's base box; the time left goes
to the most valuable tier present. Boxes are integers >= 1 summing exactly to the
meeting's minutes ``m``. Tiers, most valuable first::

    tier              base box               takes the time left
    question          clamp(m // 8, 3, 10)   when present (the user's new questions)
    carried_question  clamp(m // 10, 2, 8)   when there is no new question
    moment            clamp(m // 8, 2, 8)    with objective check-ins, when no question
    action            short(m)               when nothing above is present
    objective         short(m)               (with moment items, see above)
    win               short(m)               never (wins are one brief item)
    opening           1, 2 from 60 minutes   with the close, when nothing else is left
    close             2, 3 from 30, 4 from 90  (see opening)

``short(m)`` is 1 below 20 minutes, 2 below 60 and 3 from 60. The time left is split
evenly inside the taking tier, the odd minutes to the earlier items. When the base boxes
exceed the meeting, minutes are taken back one at a time from the least valuable tier
first (opening, win, objective, action, close, moment, carried_question, question),
from its largest box, never below 1. So every new question gets at least as much as any
other item, every carried-over question at least as much as any check-in, win or close,
and wins stay within ``win_cap``. When there are more items than minutes, adjacent items
are merged first (never dropped; the merged block takes its most valuable tier).
"""

from __future__ import annotations

from collections.abc import Sequence

from prepcoach.models import AgendaItem
from prepcoach.text import plural

TIERS = (
    "question",
    "carried_question",
    "moment",
    "action",
    "objective",
    "win",
    "opening",
    "close",
)
# The order minutes are taken back in when the base boxes do not fit.
_GIVE_BACK = (
    "opening",
    "win",
    "objective",
    "action",
    "close",
    "moment",
    "carried_question",
    "question",
)
NON_ASK = frozenset({"opening", "win", "objective", "close"})


def win_cap(minutes: int) -> int:
    """Most minutes all wins together may take."""
    return max(1, min(5, minutes // 10))


def _clamp(x: int, lo: int, hi: int) -> int:
    return max(lo, min(hi, x))


def _short(m: int) -> int:
    return 1 if m < 20 else 2 if m < 60 else 3


def base_box(tier: str, m: int) -> int:
    """The base box of one item of ``tier`` in a meeting of ``m`` minutes."""
    boxes = {
        "question": _clamp(m // 8, 3, 10),
        "carried_question": _clamp(m // 10, 2, 8),
        "moment": _clamp(m // 8, 2, 8),
        "action": _short(m),
        "objective": _short(m),
        "win": min(_short(m), win_cap(m)),
        "opening": 1 if m < 60 else 2,
        "close": 2 if m < 30 else 3 if m < 90 else 4,
    }
    return boxes[tier]


def tier_of_kind(kind: str) -> str:
    """The tier of an item known only by its kind (a carried-over item as an action)."""
    return {"carried_over": "action"}.get(kind, kind)


def _takers(tiers: Sequence[str]) -> list[int]:
    present = set(tiers)
    for group in (
        {"question"},
        {"carried_question"},
        {"moment", "objective"},
        {"action"},
    ):
        if present & group:
            return [i for i, t in enumerate(tiers) if t in group]
    return [i for i, t in enumerate(tiers) if t != "win"] or list(range(len(tiers)))


def allocate(tiers: Sequence[str], minutes: int) -> list[int]:
    """Boxes for items of ``tiers`` (one per item) summing exactly to ``minutes``
    (>= len(tiers)), by the table above."""
    n = len(tiers)
    if n == 0:
        return []
    if minutes < n:
        raise ValueError(f"{n} items need at least {n} minutes")
    boxes = [base_box(t, minutes) for t in tiers]
    left = minutes - sum(boxes)
    if left > 0:
        takers = _takers(tiers)
        share, odd = divmod(left, len(takers))
        for k, i in enumerate(takers):
            boxes[i] += share + (1 if k < odd else 0)
    for tier in _GIVE_BACK:
        while left < 0:
            mine = [i for i, t in enumerate(tiers) if t == tier and boxes[i] > 1]
            if not mine:
                break
            i = max(mine, key=lambda k: (boxes[k], k))
            boxes[i] -= 1
            left += 1
    return boxes


_ORDER = {t: i for i, t in enumerate(TIERS)}


def _render_group(group: list[AgendaItem]) -> AgendaItem:
    if len(group) == 1:
        return group[0]
    kinds = {it.kind for it in group}
    kind = min(kinds, key=lambda k: _ORDER[tier_of_kind(k)])
    n = len(group)
    if kinds == {"question"}:
        title = f"{n} questions"
    elif kinds == {"carried_over"}:
        title = f"{n} items from earlier sessions"
    elif kinds == {"objective"}:
        title = f"Check-in on {n} objectives"
    elif kinds == {"win"}:
        title = "Wins"
    else:
        title = f"{n} topics together"
    lines = []
    for it in group:
        close = it.kind == "close" and not it.title.lower().startswith("close")
        line = f"- Close: {it.title}" if close else f"- {it.title}"
        if it.detail:
            line += f" ({it.detail})" if "\n" not in it.detail else "\n" + it.detail
        lines.append(line)
    sources = "; ".join(dict.fromkeys(it.source for it in group if it.source))
    obj = next((it.objective_id for it in group if it.objective_id), None)
    return AgendaItem(
        title=title,
        minutes=0,
        kind=kind,
        detail="\n".join(lines),
        objective_id=obj,
        source=sources,
    )


def _merge_to_fit(tiers: list[str], slots: int) -> list[list[int]]:
    """Group adjacent item indexes until there are at most ``slots`` groups. Same-tier
    pairs go first, least valuable first (lightest pair first, then the earliest)."""
    groups: list[list[int]] = [[i] for i in range(len(tiers))]

    def gtier(g: list[int]) -> str:
        return min((tiers[i] for i in g), key=lambda t: _ORDER[t])

    while len(groups) > max(1, slots):
        best: tuple[int, int, int, int] | None = None
        best_i = 0
        for i in range(len(groups) - 1):
            ta, tb = gtier(groups[i]), gtier(groups[i + 1])
            same = 0 if ta == tb else 1
            rank = -_ORDER[ta] if same == 0 else 0
            key = (same, rank, len(groups[i]) + len(groups[i + 1]), i)
            if best is None or key < best:
                best, best_i = key, i
        groups[best_i : best_i + 2] = [groups[best_i] + groups[best_i + 1]]
    return groups


def fit_to_minutes(
    items: list[AgendaItem], minutes: int, tiers: Sequence[str] | None = None
) -> tuple[list[AgendaItem], str]:
    """Items with time boxes following the table above (any minutes they had are
    ignored). ``tiers``: one per item (default: from each item's kind, a carried-over
    item as an action). Several win items become one. When there are more items than
    minutes, adjacent items are merged (their texts kept in the merged item's detail) and
    the returned notice says so; otherwise the notice is ""."""
    if minutes < 1:
        raise ValueError("a meeting needs at least 1 minute")
    tier_list = list(tiers) if tiers is not None else [tier_of_kind(it.kind) for it in items]
    if len(tier_list) != len(items):
        raise ValueError("one tier per item")
    wins = [i for i, it in enumerate(items) if it.kind == "win"]
    if len(wins) > 1:  # wins stay one brief item
        merged = _render_group([items[i] for i in wins])
        keep = [i for i in range(len(items)) if i not in wins[1:]]
        items = [merged if i == wins[0] else items[i] for i in keep]
        tier_list = ["win" if i == wins[0] else tier_list[i] for i in keep]
    notice = ""
    if len(items) > minutes:
        n_before = len(items)
        groups = _merge_to_fit(tier_list, minutes)
        items = [_render_group([items[i] for i in g]) for g in groups]
        tier_list = [min((tier_list[i] for i in g), key=lambda t: _ORDER[t]) for g in groups]
        notice = (
            f"{n_before} items do not fit {plural(minutes, 'minute')} one per minute, so "
            f"some were grouped into {plural(len(items), 'block')}; consider a longer "
            "meeting or fewer topics."
        )
    boxes = allocate(tier_list, minutes)
    fitted = [it.model_copy(update={"minutes": b}) for it, b in zip(items, boxes, strict=True)]
    q_mins = [b for b, t in zip(boxes, tier_list, strict=True) if t == "question"]
    if len(q_mins) > 1 and min(q_mins) < 3 and not notice:
        notice = (
            f"{len(q_mins)} questions in {plural(minutes, 'minute')} leaves about "
            f"{plural(min(q_mins), 'minute')} for some of them; consider picking the top "
            "three and keeping the rest for next time."
        )
    return fitted, notice
