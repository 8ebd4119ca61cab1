"""Property test: over generated mentors, objectives and histories (held and planned
sessions), a review's reasons never contradict each other or the recommendation, and a
planned prep changes nothing."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from review_builders import TODAY

from prepcoach.models import (
    ActionItem,
    Mentor,
    Objective,
    ObjectiveProgress,
    Plan,
    Question,
    Session,
    StatusChange,
)
from prepcoach.planning import is_held
from prepcoach.review import analyse, drift
from prepcoach.vocab import MENTOR_STATUSES, SUPPORT_AREAS

# (name, pattern, pattern): no review may say both. "Recommendation: X" stands for the
# decision itself, so a reason contradicting it is caught too.
CONTRADICTIONS: tuple[tuple[str, str, str], ...] = (
    ("behind vs on track", r"behind the \w+ cadence", r"on track"),
    ("keep the cadence vs drift", r"keep the cadence", r"no objective progress|drift|coffee"),
    (
        "book a meeting vs the meetings end",
        r"\bbook\b",
        r"has ended|has stopped|stopped on|ended on|ends today|end the regular meetings|looser "
        r"relationship|look for help elsewhere|Recommendation: (move_on|loosen)",
    ),
    (
        "continue vs stop or renew",
        r"Recommendation: continue",
        r"shift to a looser|end the regular meetings|look for help elsewhere|propose another",
    ),
    (
        "renew vs stop",
        r"Recommendation: renew",
        r"shift to a looser|end the regular|has ended|look for help elsewhere|keep the cadence",
    ),
    (
        "wind down vs go on",
        r"Recommendation: (loosen|move_on)",
        r"propose another term|keep the cadence|book the next|sharp question",
    ),
    ("all met vs still open", r"objectives with \w+ are (already )?met", r"^Still open with"),
    ("last moved vs drift", r"most recent meeting moved", r"[Yy]our last \d+ meetings"),
    (
        "nothing held vs meetings held",
        r"No meeting with \w+ has been held yet|nothing to review yet",
        r"^[1-9]\d* of \d+ expected|[Yy]our last \d+ meetings|most recent meeting",
    ),
    (
        "no meeting yet vs keep going",
        r"no meeting with \w+ is held yet|No meeting with \w+ has been held yet",
        r"keep the cadence|on track|drift|moved nothing",
    ),
    ("no objectives vs judged", r"No objectives are tied", r"on track|are met|^Still open"),
    (
        "not met yet vs meetings",
        r"Not asked yet|waiting for an answer",
        r"expected meetings|^Month \d|meetings with|most recent meeting",
    ),
    (
        "mid-term vs term over",
        r"Mid-term",
        r"ended on|ends today|stopped on|has stopped|term is ending",
    ),
    ("ended vs running", r"has ended", r"^Month \d+ of"),
    ("looser already vs shift", r"Already a looser relationship", r"shift to a looser"),
)
_DATE = re.compile(r"(?:ended|stopped) on (\d{4}-\d{2}-\d{2})")

days = st.integers(min_value=-420, max_value=90)


@st.composite
def mentors(draw: st.DrawFn) -> Mentor:
    status = draw(st.sampled_from(MENTOR_STATUSES))
    start = draw(st.none() | days.map(lambda d: TODAY + dt.timedelta(days=d)))
    stopped: dt.date | None = None
    history: list[StatusChange] = []
    if status in ("ended", "loosened") and start is not None and draw(st.booleans()):
        stopped = min(TODAY, start + dt.timedelta(days=draw(st.integers(0, 300))))
        history = [StatusChange(on=stopped, status=status, previous="active", term_start=start)]
    nxt = draw(st.none() | st.integers(-40, 60).map(lambda d: TODAY + dt.timedelta(days=d)))
    return Mentor(
        id="m",
        name=draw(st.sampled_from(["Mia Chen", "Rob", "Ana de la Cruz"])),
        status=status,
        term_start=start,
        term_months=draw(st.integers(1, 12)),
        cadence=draw(st.sampled_from(["weekly", "biweekly", "monthly", "quarterly"])),
        next_meeting=nxt,
        term_ended=stopped,
        status_history=history,
        support_areas=draw(st.lists(st.sampled_from(SUPPORT_AREAS), max_size=3, unique=True)),
    )


objectives = st.lists(
    st.builds(
        lambda i, status, area, who: Objective(
            id=f"o{i}",
            title=f"Get objective {i} done",
            status=status,
            support_area=area,
            mentors=list(who),
        ),
        st.integers(0, 99),
        st.sampled_from(["open", "met", "dropped"]),
        st.sampled_from(SUPPORT_AREAS),
        st.sampled_from([("m",), (), ("other",), ("m", "other")]),
    ),
    max_size=5,
    unique_by=lambda o: o.id,
)


@st.composite
def sessions(draw: st.DrawFn) -> list[Session]:
    out = []
    for i in range(draw(st.integers(0, 8))):
        day = TODAY + dt.timedelta(days=draw(st.integers(-400, 45)))
        progress, actions, notes = draw(st.booleans()), draw(st.booleans()), draw(st.booleans())
        out.append(
            Session(
                id=f"s{i}",
                mentor=draw(st.sampled_from(["m", "m", "m", "other"])),
                date=day,
                objective_progress=[ObjectiveProgress(objective_id="o1", progressed=progress)]
                if progress or draw(st.booleans())
                else [],
                action_items=[ActionItem(text="Send the plan")] if actions else [],
                notes="Talked it through." if notes else "",
                questions=[Question(text="What first?")],
            )
        )
    return out


def _said(reasons: list[str], recommendation: str) -> list[str]:
    return [*reasons, f"Recommendation: {recommendation}"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_reasons_never_contradict_each_other(data: st.DataObject) -> None:
    try:
        m = data.draw(mentors())
    except ValidationError:
        return
    objs = data.draw(objectives)
    hist = data.draw(sessions())
    today = TODAY + dt.timedelta(days=data.draw(st.integers(-5, 5)))
    rec = analyse(Plan(mentors=[m], objectives=objs), m, hist, today)
    said = _said(rec.reasons, rec.recommendation)
    for name, a, b in CONTRADICTIONS:
        first = [s for s in said if re.search(a, s)]
        second = [s for s in said if re.search(b, s)]
        assert not (first and second), (name, first, second)
    for s in rec.reasons:
        assert s.endswith(".") and "{" not in s, s
        for day in _DATE.findall(s):
            assert dt.date.fromisoformat(day) <= today, s  # never a stop still to come
    # planned preps (future, nothing captured) count nowhere
    held = [s for s in hist if is_held(s, today)]
    assert analyse(Plan(mentors=[m], objectives=objs), m, held, today) == rec
    d = drift(m, hist, today)
    assert rec.drift_sessions == (d.count if d is not None else 0)
    named = any(re.search(r"[Yy]our last \d+ meetings with", s) for s in said)
    assert named == (d is not None and m.status not in ("prospect", "asked"))
