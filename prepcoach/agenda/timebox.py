"""Fitting the items to the meeting: integer time boxes >= 1 summing exactly to its
minutes. Wins get at most ``win_cap(minutes)`` = max(1, min(5, minutes // 10)) minutes in
total; every question item gets at least as much time as any opening, win, objective
check-in or close item. Too many items for the minutes are merged, never dropped.
"""

from __future__ import annotations

from prepcoach.models import AgendaItem
from prepcoach.text import plural


def win_cap(minutes: int) -> int:
    """Most minutes all wins together may take."""
    return max(1, min(5, minutes // 10))


# Relative weights when an item has no usable minutes (questions get the time).
KIND_WEIGHT: dict[str, float] = {
    "opening": 1.0,
    "carried_over": 3.0,
    "win": 1.0,
    "question": 6.0,
    "objective": 3.0,
    "close": 3.0,
}
# When items must be merged, the merged block takes the most important kind.
_KIND_RANK = {"question": 5, "carried_over": 4, "objective": 3, "win": 2, "close": 1, "opening": 0}
NON_ASK = frozenset({"opening", "win", "objective", "close"})


def _render_group(group: list[AgendaItem]) -> AgendaItem:
    if len(group) == 1:
        return group[0]
    kinds = {it.kind for it in group}
    kind = max(kinds, key=lambda k: _KIND_RANK[k])
    n = len(group)
    if kinds == {"question"}:
        title = f"{n} questions"
    elif kinds == {"carried_over"}:
        title = f"Carried over ({n} items)"
    elif kinds == {"objective"}:
        title = f"Check-in on {n} objectives"
    elif kinds == {"win"}:
        title = "Wins"
    else:
        title = " + ".join(shorten(it.title, 40) for it in group)
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
        minutes=sum(it.minutes for it in group),
        kind=kind,
        detail="\n".join(lines),
        objective_id=obj,
        source=sources,
    )


def shorten(text: str, limit: int) -> str:
    """``text`` on one line in at most ``limit`` characters, cut with "…" when longer
    (for naming an item inside a merged title or a rule message)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _merge_to_fit(items: list[AgendaItem], slots: int) -> list[list[AgendaItem]]:
    """Group adjacent items until there are at most ``slots`` groups. Same-kind pairs go
    first (wins, then objective check-ins, carried-over items, questions), lightest first."""
    groups: list[list[AgendaItem]] = [[it] for it in items]
    order = {"win": 0, "opening": 0, "objective": 1, "carried_over": 2, "question": 3, "close": 4}

    def weight(g: list[AgendaItem]) -> float:
        return sum(it.minutes or KIND_WEIGHT[it.kind] for it in g)

    def gkind(g: list[AgendaItem]) -> str:
        return max((it.kind for it in g), key=lambda k: _KIND_RANK[k])

    while len(groups) > max(1, slots):
        best: tuple[int, int, float, int] | None = None
        best_i = 0
        for i in range(len(groups) - 1):
            a, b = groups[i], groups[i + 1]
            ka, kb = gkind(a), gkind(b)
            same = 0 if ka == kb else 1
            key = (same, order[ka] if same == 0 else 9, weight(a) + weight(b), i)
            if best is None or key < best:
                best, best_i = key, i
        groups[best_i : best_i + 2] = [groups[best_i] + groups[best_i + 1]]
    return groups


def _distribute(weights: list[float], total: int) -> list[int]:
    """Integers >= 1 summing exactly to ``total`` (>= len(weights)), proportional to
    ``weights`` (largest remainder; ties to the earlier item)."""
    n = len(weights)
    if n == 0:
        return []
    w = [max(0.0, x) for x in weights]
    if sum(w) <= 0:
        w = [1.0] * n
    s = sum(w)
    ideal = [total * x / s for x in w]
    out = [max(1, int(v)) for v in ideal]
    diff = total - sum(out)
    while diff > 0:
        i = max(range(n), key=lambda k: (ideal[k] - out[k], -k))
        out[i] += 1
        diff -= 1
    while diff < 0:
        candidates = [k for k in range(n) if out[k] > 1]
        i = max(candidates, key=lambda k: (out[k] - ideal[k], out[k], k))
        out[i] -= 1
        diff += 1
    return out


def _rebalance(items: list[AgendaItem], total: int) -> list[int]:
    """Apply the time rules to the items' minutes (which already sum to ``total``)."""
    mins = [it.minutes for it in items]
    kinds = [it.kind for it in items]
    receivers = [i for i, k in enumerate(kinds) if k == "question"] or [
        i for i, k in enumerate(kinds) if k in ("carried_over", "objective")
    ]
    # 1. wins brief
    cap = win_cap(total)
    wins = [i for i, k in enumerate(kinds) if k == "win"]
    if receivers:
        while sum(mins[i] for i in wins) > cap:
            donors = [i for i in wins if mins[i] > 1]
            if not donors:
                break
            d = max(donors, key=lambda i: (mins[i], -i))
            r = min(receivers, key=lambda i: (mins[i], i))
            mins[d] -= 1
            mins[r] += 1
    # 2. the close stays short
    close_cap = max(2, min(5, total // 10 + 1))
    if receivers:
        for c in (i for i, k in enumerate(kinds) if k == "close"):
            while mins[c] > close_cap:
                r = min(receivers, key=lambda i: (mins[i], i))
                mins[c] -= 1
                mins[r] += 1
    # 3. asks get the time: every question >= every opening / win / objective / close
    questions = [i for i, k in enumerate(kinds) if k == "question"]
    others = [i for i, k in enumerate(kinds) if k in NON_ASK]
    while questions and others:
        q = min(questions, key=lambda i: (mins[i], i))
        o = max(others, key=lambda i: (mins[i], -i))
        if mins[q] >= mins[o] or mins[o] <= 1:
            break
        mins[o] -= 1
        mins[q] += 1
    return mins


def fit_to_minutes(items: list[AgendaItem], minutes: int) -> tuple[list[AgendaItem], str]:
    """Items with time boxes >= 1 that sum exactly to ``minutes``, following the time
    rules. Items' current minutes are relative weights (0 = the kind's default). When
    there are more items than minutes, adjacent items are merged (their texts kept in the
    merged item's detail) and the returned notice says so; otherwise the notice is ""."""
    if minutes < 1:
        raise ValueError("a meeting needs at least 1 minute")
    notice = ""
    wins = [it for it in items if it.kind == "win"]
    if len(wins) > 1:  # wins stay one brief item
        merged_win = _render_group(wins)
        first = items.index(wins[0])
        items = [it for it in items if it.kind != "win"]
        items.insert(first, merged_win)
    # zero minutes means "no opinion": use the kind's weight
    items = [
        it if it.minutes > 0 else it.model_copy(update={"minutes": int(KIND_WEIGHT[it.kind])})
        for it in items
    ]
    if len(items) > minutes:
        n_before = len(items)
        groups = _merge_to_fit(items, minutes)
        items = [_render_group(g) for g in groups]
        notice = (
            f"{n_before} items do not fit {plural(minutes, 'minute')} one per minute, so "
            f"some were grouped into {plural(len(items), 'block')}; consider a longer "
            "meeting or fewer topics."
        )
    if not items:
        return [], notice
    weights = [float(it.minutes) if it.minutes > 0 else KIND_WEIGHT[it.kind] for it in items]
    if sum(it.minutes for it in items) == minutes and all(it.minutes >= 1 for it in items):
        mins = [it.minutes for it in items]
    else:
        mins = _distribute(weights, minutes)
    items = [it.model_copy(update={"minutes": m}) for it, m in zip(items, mins, strict=True)]
    mins = _rebalance(items, minutes)
    items = [it.model_copy(update={"minutes": m}) for it, m in zip(items, mins, strict=True)]
    q_mins = [it.minutes for it in items if it.kind == "question"]
    n_q = sum(1 for it in items if it.kind == "question")
    if q_mins and min(q_mins) < 3 and not notice and n_q > 1:
        notice = (
            f"{n_q} questions in {plural(minutes, 'minute')} leaves about "
            f"{plural(min(q_mins), 'minute')} for some of them; consider picking the top "
            "three and keeping the rest for next time."
        )
    return items, notice
