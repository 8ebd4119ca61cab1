"""What goes into a prompt: the profile, mentor and objective as template values, past
sessions as compact text within a token budget, and a mentor's history read lazily."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from prepcoach.errors import NotFoundError
from prepcoach.text import clip
from prepcoach.vocab import SUPPORT_AREA_LABELS

if TYPE_CHECKING:
    from prepcoach.agenda import AgendaInput, CarryOver
    from prepcoach.models import Mentor, Objective, Plan, Session
    from prepcoach.store import SessionSummary, Store

# Share of the history budget that carried-over items may take in the prompt.
CARRY_SHARE = 3

Row = dict[str, object]


def profile_context(plan: Plan) -> dict[str, str]:
    p = plan.profile
    return {"name": p.name, "title": p.title, "organisation": p.organisation}


def mentor_context(m: Mentor) -> Row:
    end = m.term_end()
    return {
        "id": m.id,
        "name": m.name,
        "first_name": m.name.split()[0] if m.name.split() else m.name,
        "title": m.title,
        "organisation": m.organisation,
        "relation": m.relation,
        "levels_above": m.levels_above,
        "support_areas": list(m.support_areas),
        "support_labels": [SUPPORT_AREA_LABELS[a] for a in m.support_areas],
        "status": m.status,
        "term_start": m.term_start.isoformat() if m.term_start else None,
        "term_end": end.isoformat() if end else None,
        "term_months": m.term_months,
        "cadence": m.cadence,
        "next_meeting": m.next_meeting.isoformat() if m.next_meeting else None,
    }


def objective_context(o: Objective) -> Row:
    return {
        "id": o.id,
        "title": o.title,
        "why": o.why,
        "done_when": o.done_when,
        "support_area": o.support_area,
        "support_label": SUPPORT_AREA_LABELS[o.support_area],
        "status": o.status,
        "evidence": o.evidence,
    }


def session_text(s: Session, objective_titles: dict[str, str] | None = None) -> str:
    """A compact, stable rendering of one past session for prompts (what is counted)."""
    titles = objective_titles or {}
    lines = [f"- {s.date.isoformat()} ({s.minutes} min)"]
    if s.accomplishments:
        lines.append(
            "  Wins: " + "; ".join(clip(a, 160, fold=True).rstrip(" .;") for a in s.accomplishments)
        )
    for q in s.questions:
        state = (
            f"answered: {clip(q.answer, 200, fold=True)}"
            if q.resolved and q.answer
            else ("resolved" if q.resolved else "still open")
        )
        lines.append(f"  Q: {clip(q.text, 200, fold=True)} ({state})")
    for a in s.action_items:
        status = "done" if a.done else "open"
        due = f", due {a.due.isoformat()}" if a.due else ""
        lines.append(f"  Action ({a.owner}{due}, {status}): {clip(a.text, 160, fold=True)}")
    for p in s.objective_progress:
        name = titles.get(p.objective_id, p.objective_id)
        moved = "progress" if p.progressed else "no progress"
        note = f": {clip(p.note, 160, fold=True)}" if p.note else ""
        lines.append(f"  Objective {name} ({moved}){note}")
    if s.notes.strip():
        lines.append(f"  Notes: {clip(s.notes, 300, fold=True)}")
    return "\n".join(lines)


class LazyHistory:
    """One mentor's sessions (oldest first) as index summaries, each parsed on first use.

    A session that vanished or turned unreadable since the listing is skipped (the store
    records why in ``store.problems``), as ``Store.sessions_for`` does."""

    def __init__(self, store: Store, summaries: list[SessionSummary]) -> None:
        self._store = store
        self._summaries = summaries
        self._loaded: dict[int, Session | None] = {}

    def __len__(self) -> int:
        return len(self._summaries)

    @property
    def parsed(self) -> int:
        """How many session files were read."""
        return len(self._loaded)

    def get(self, i: int) -> Session | None:
        if i not in self._loaded:
            from prepcoach.errors import FutureSchemaError, StoreError

            session: Session | None
            try:
                session = self._store.load_session(self._summaries[i].id)
            except FutureSchemaError:
                raise
            except NotFoundError:
                session = None
            except StoreError as exc:
                self._store.problems.append(exc.message)
                session = None
            self._loaded[i] = session
        return self._loaded[i]

    def newest_loaded(self) -> Session | None:
        for i in sorted(self._loaded, reverse=True):
            if self._loaded[i] is not None:
                return self._loaded[i]
        return None

    def newest_first(self) -> Iterator[Session]:
        for i in range(len(self._summaries) - 1, -1, -1):
            s = self.get(i)
            if s is not None:
                yield s

    def loaded(self) -> list[Session]:
        """The sessions parsed so far, oldest first."""
        return [s for _, s in sorted(self._loaded.items()) if s is not None]


def history_rows(
    sessions: Sequence[Session] | LazyHistory,
    objectives: Sequence[Objective],
    budget: int,
) -> tuple[list[Row], int]:
    """Newest sessions that fit ``budget`` tokens (oldest first) and how many were left
    out. ``sessions`` is oldest first; only the sessions kept (plus one) are rendered
    and counted (and, from a ``LazyHistory``, parsed)."""
    from prepcoach.tokens import count_text

    titles = {o.id: o.title for o in objectives}
    kept: list[Row] = []
    used = 0
    newest_first = (
        sessions.newest_first() if isinstance(sessions, LazyHistory) else reversed(sessions)
    )
    for s in newest_first:
        text = session_text(s, titles)
        n = count_text(text) + 1
        if used + n > budget:
            break
        used += n
        kept.append({"id": s.id, "date": s.date.isoformat(), "text": text})
    kept.reverse()
    return kept, len(sessions) - len(kept)


def fit_carry(carry: Sequence[CarryOver], budget: int) -> tuple[list[Row], int]:
    """Carried-over items (most recent first) that fit ``budget`` tokens, for the prompt."""
    from prepcoach.tokens import count_text

    rows: list[Row] = []
    used = 0
    for c in carry:
        kind = "open question" if c.kind == "question" else "open action"
        row: Row = {
            "kind": kind,
            "text": c.text,
            "source": c.source,
            "owner": c.owner,
            "objective_id": c.objective_id,
        }
        n = count_text(f"- {kind}: {c.text} (from {c.source})") + 1
        if used + n > budget:
            break
        used += n
        rows.append(row)
    return rows, used


def history_texts(context: Mapping[str, object]) -> list[str]:
    """The history a prompt sends (past sessions and carried-over items), as text."""
    texts: list[str] = []
    for key in ("history", "carried_over"):
        rows = context.get(key)
        if isinstance(rows, list):
            texts += [str(r.get("text", "")) for r in rows if isinstance(r, dict)]
    return texts


def trimmed_contexts(context: Mapping[str, object]) -> Iterator[dict[str, object]]:
    """``context`` with ever less history, for a prompt that must fit a small context: the
    oldest sessions left out one by one, then the carried-over rows from the last (the
    agenda rules add those back to the agenda anyway). The omitted counts follow."""
    ctx = dict(context)
    history = list(ctx.get("history") or [])  # type: ignore[call-overload]
    carried = list(ctx.get("carried_over") or [])  # type: ignore[call-overload]
    omitted = int(ctx.get("history_omitted") or 0)  # type: ignore[call-overload]
    carried_omitted = int(ctx.get("carried_omitted") or 0)  # type: ignore[call-overload]
    while history:
        history.pop(0)
        omitted += 1
        yield {**ctx, "history": list(history), "history_omitted": omitted}
    while carried and "carried_over" in ctx:
        carried.pop()
        carried_omitted += 1
        yield {
            **ctx,
            "history": [],
            "history_omitted": omitted,
            "carried_over": list(carried),
            "carried_omitted": carried_omitted,
        }


def term_close_line(mentor: Mentor, inp: AgendaInput) -> str | None:
    """For the agenda prompt: what the close should settle when the term ends before the
    next meeting, following the checkpoint review (None when that is not the case)."""
    if inp.term_decision is None:
        return None
    from prepcoach.agenda import term_close

    end = mentor.term_end()
    when = f"The term ends on {end.isoformat()}" if end is not None else "The term ends"
    todo = term_close(inp.term_decision).todo
    return f"{when}, before the next meeting: the close should {todo}."
