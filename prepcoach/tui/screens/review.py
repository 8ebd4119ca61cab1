"""Review: per mentor, the recommendation (continue, renew, loosen, move on) with every
reason, objectives met and open, drift and the term clock. One key drafts the message
that goes with it (renewal, wind-down, thank-you) in Outreach."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual import on
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import OptionList, Static

from prepcoach.models import ReviewRecord
from prepcoach.recipients import review_ask
from prepcoach.text import plural
from prepcoach.tui.generation import (
    Generation,
    GenerationCancelled,
    GenerationController,
    GenerationFailed,
    GenerationFinished,
    working,
)
from prepcoach.tui.screens.base import BaseScreen
from prepcoach.tui.screens.loading import WaitForData
from prepcoach.tui.state import MentorView, Snapshot
from prepcoach.tui.styles import sheet
from prepcoach.tui.text import Hanging, plain, sanitize

REC_LABEL = {
    "continue": ("CONTINUE", "$success"),
    "renew": ("RENEW", "$accent"),
    "loosen": ("LOOSEN", "$warning"),
    "move_on": ("MOVE ON", "$error"),
}
REC_MEANING = {
    "continue": "keep meeting as planned",
    "renew": "propose another term",
    "loosen": "shift to a looser relationship, no fault",
    "move_on": "thank them and move on",
}


def message_label(rec: ReviewRecord) -> str:
    """What the review's message is called on screen: a loosen review's message asks for
    a lighter rhythm, so it is never called a wind-down (the kind it is drafted as)."""
    if rec.recommendation == "loosen":
        return "lighter-rhythm"
    return message_kind(rec)


def message_kind(rec: ReviewRecord) -> str:
    from prepcoach.review import review_message_kind

    return review_message_kind(rec)


class ReviewScreen(WaitForData, BaseScreen):
    CSS_PATH = sheet(__file__, "review.tcss")
    LABEL = "Review"
    MODE = "review"

    def __init__(self) -> None:
        super().__init__()
        self.snap: Snapshot | None = None
        self.selected: str | None = None
        self.generator = GenerationController(id="r-gen")  # the review being written
        self.written: dict[str, ReviewRecord] = {}  # mentor id -> review with its message

    def compose_body(self) -> Iterable[Widget]:
        with Horizontal(id="r-main"):
            mentors = OptionList(id="r-mentors", compact=True)
            mentors.border_title = "Mentors"
            yield mentors
            with VerticalScroll(id="r-detail"):
                yield Static("Loading…", id="r-text")
        yield self.generator

    def _reviewed(self) -> list[MentorView]:
        return [v for v in self.snap.mentors if v.review is not None] if self.snap else []

    def show(self, data: Any) -> None:
        self.snap = data
        views = self._reviewed()
        options = self.query_one("#r-mentors", OptionList)
        options.clear_options()
        for v in views:
            assert v.review is not None
            label, style = REC_LABEL[v.review.recommendation]
            options.add_option(
                Content.assemble(plain(v.mentor.name, "bold"), "\n  ", (label, style))
            )
        if not views:
            self.query_one("#r-text", Static).update(
                plain(
                    "No mentor has a term yet, so there is nothing to review. A review "
                    "looks at a mentor's term: meetings held, objectives met, drift."
                )
            )
            return
        ids = [v.mentor.id for v in views]
        index = ids.index(self.selected) if self.selected in ids else 0
        options.highlighted = index
        self._show(ids[index])

    @on(OptionList.OptionHighlighted, "#r-mentors")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        views = self._reviewed()
        if 0 <= event.option_index < len(views):
            self._show(views[event.option_index].mentor.id)

    def _view(self) -> MentorView | None:
        return self.snap.view(self.selected) if self.snap and self.selected else None

    def _show(self, mentor_id: str) -> None:
        self.selected = mentor_id
        v = self._view()
        if v is None or v.review is None or self.snap is None:
            return
        rec = self.written.get(mentor_id, v.review)
        label, style = REC_LABEL[rec.recommendation]
        titles = {o.id: o.title for o in self.snap.plan.objectives}
        out: list[Content] = [
            Content.assemble(
                plain(v.mentor.name, "bold"),
                (" · recommendation:", ""),
                (f" {label} ", f"bold reverse {style}"),
            ),
            plain(REC_MEANING[rec.recommendation], "italic dim"),
            Content(""),
            Content.styled("Why", "bold $text-accent"),
        ]
        out += [plain(f"  • {sanitize(r)}") for r in rec.reasons] or [plain("  (no reasons)")]
        term = f"month {rec.term_month} of {rec.term_months}" if rec.term_month else "not started"
        out += [
            Content(""),
            Content.styled("Term", "bold $text-accent"),
            plain(
                f"  {term} · meetings held {rec.meetings_held} of {rec.meetings_expected} "
                f"expected · {v.mentor.cadence}"
            ),
            Content.assemble(
                "  drift: ",
                (
                    f"{plural(rec.drift_sessions, 'recent session')} with no progress and no new "
                    "actions",
                    "$warning" if rec.drift_sessions else "$success",
                )
                if rec.drift_sessions
                else ("none, sessions are moving objectives", "$success"),
            ),
            Content(""),
            Content.styled("Objectives", "bold $text-accent"),
        ]
        for oid in rec.objectives_met:
            out.append(Content.assemble(("  ✓ ", "$success"), plain(titles.get(oid, oid))))
        for oid in rec.objectives_open:
            out.append(Content.assemble(("  ○ ", "$warning"), plain(titles.get(oid, oid))))
        if not rec.objectives_met and not rec.objectives_open:
            out.append(plain("  none tied to this mentor", "dim"))
        out += [Content(""), Content.styled(f"d drafts the {message_label(rec)} message", "dim")]
        if rec.message:
            out += [
                Content(""),
                Content.styled("Message", "bold $text-accent"),
                plain(rec.message),
            ]
        self.query_one("#r-text", Static).update(Hanging(out))

    # -------------------------------------------------------------- actions

    def action_draft(self) -> None:
        v = self._view()
        if v is None or v.review is None:
            self.notify("Pick a mentor with a term first.", markup=False)
            return
        rec = self.written.get(v.mentor.id, v.review)
        kind = message_kind(rec)
        m = v.mentor
        self.papp.open_outreach(
            to=m.name,
            title=m.title,
            organisation=m.organisation,
            channel="email",
            kind=kind,
            ask="" if kind == "first-request" else review_ask(m, rec.recommendation),
            body=rec.message,
            mentor=m.id,
            recommendation=rec.recommendation,
            # no context: it is placed in the message as typed, and the reasons are ours
            note=f"{message_label(rec)} message for {m.name} ({rec.recommendation})",
            generate=not rec.message,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.generator.running
        if action == "write":
            return None if self.generator.running else True
        return True

    def action_write(self) -> None:
        v = self._view()
        if v is None or self.generator.running:
            return
        mentor_id = v.mentor.id
        today = self.papp.today
        self.generator.start(
            Generation(
                run=lambda services, on_text, cancel: services.review(
                    mentor_id, today=today, on_text=on_text, cancel=cancel
                ),
                request=mentor_id,
            )
        )
        self.refresh_bindings()
        self.query_one("#r-text", Static).update(working("Writing the review"))

    @on(GenerationFinished)
    def _written(self, event: GenerationFinished) -> None:
        self.refresh_bindings()
        records: list[ReviewRecord] = event.result or []
        for r in records:
            self.written[r.mentor] = r
        self._show(event.request)
        if records:
            self.notify("Review written; ctrl+s keeps it, d drafts the message.", markup=False)

    @on(GenerationFailed)
    def _not_written(self, event: GenerationFailed) -> None:
        self.refresh_bindings()
        self.papp.fail(event.error, "Review not written")
        self._show(event.request)

    @on(GenerationCancelled)
    def _cancelled(self, event: GenerationCancelled) -> None:
        if not event.by_user:
            self.refresh_bindings()
            self._show(event.request)

    def action_cancel(self) -> None:
        if self.generator.cancel() is not None:
            self.refresh_bindings()
            if self.selected:
                self._show(self.selected)
            self.notify("Cancelled.", markup=False)

    def action_save(self) -> None:
        v = self._view()
        if v is None or v.review is None:
            return
        rec = self.written.get(v.mentor.id, v.review).model_copy(update={"id": ""})
        saved = self.papp.guard(lambda: self.papp.store.save_review(rec), "Not saved")
        if saved is not None:
            self.papp.changed()
            self._seen_version = self.papp.data_version
            self.notify(f"Saved review {saved.id}.", markup=False)

    def action_refresh(self) -> None:
        self.reload()
