"""Prep: pick the mentor, see what carries over, list wins and questions, generate a
time-boxed agenda (streamed, cancellable), edit it, save it as a session, copy or export.

Everything typed is kept in ``<data dir>/drafts/prep-<mentor>.json`` as you type and
restored when the mentor is picked again (after a quit or a crash). With no draft, the
wins and questions already saved for the meeting (its session, still in prep) are loaded
into the lists; the lists are then the meeting's whole prep, so an item deleted here is
removed from the session on the next save.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from textual import on
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input, Label, Log, Markdown, OptionList, Select, Static

from prepcoach.meeting_prep import next_mentor
from prepcoach.tui import generation as gen
from prepcoach.tui.screens.loading import WaitForData
from prepcoach.tui.screens.prep.items import WELCOME, PrepData, parse_items
from prepcoach.tui.screens.prep.saving import PrepSaving
from prepcoach.tui.text import plain, sanitize
from prepcoach.tui.widgets.confirm import replace_edited
from prepcoach.tui.widgets.editable_list import EditableList
from prepcoach.tui.widgets.scrolling import ScrollingMarkdown
from prepcoach.tui.widgets.select import TypeAheadSelect
from prepcoach.vocab import DEFAULT_MEETING_MINUTES


class PrepScreen(WaitForData, PrepSaving):
    LABEL = "Prep"
    MODE = "prep"

    # ---------------------------------------------------------------- layout

    def compose_body(self) -> Iterable[Widget]:
        with Horizontal(classes="filters"):
            yield Label("Mentor ", classes="field-label")
            yield TypeAheadSelect(
                [], prompt="pick a mentor", id="p-mentor", compact=True, what="mentor"
            )
            yield Label(" Minutes ", classes="field-label")
            yield Input(
                str(DEFAULT_MEETING_MINUTES),
                id="p-minutes",
                type="integer",
                compact=True,
                max_length=3,
            )
            yield Label("", id="p-minutes-note", classes="field-label")
        with Horizontal(id="p-main"):
            with VerticalScroll(id="p-left"):
                carried = OptionList(
                    Content.styled("what is still open shows here once a mentor is picked", "dim"),
                    id="p-carried",
                    compact=True,
                )
                carried.border_title = "Carried over (automatic)"
                yield carried
                yield EditableList("Wins since last time", "+ a win, then enter", id="p-wins")
                yield EditableList("Questions to ask", "+ a question, then enter", id="p-questions")
            with Vertical(id="p-right"), ContentSwitcher(id="p-out", initial="p-md"):
                yield ScrollingMarkdown(WELCOME, id="p-md", open_links=False)
                yield Log(id="p-stream", highlight=False)
                yield EditableList(
                    'Agenda items ("<min> min · title")',
                    "+ 5 min · another item",
                    id="p-items",
                    prefix="",
                )
        yield Static("", id="p-status")
        yield self.generator

    @on(Select.Changed, "#p-mentor")
    def _mentor_picked(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.mentor_id:
            self.choose_mentor(event.value, focus=False)

    def on_mount(self) -> None:
        self.query_one("#p-right").border_title = "Agenda"

    # ----------------------------------------------------------------- data

    def load(self) -> Any:
        plan = self.papp.store.load_plan()
        return PrepData(plan=plan, mentor=None)

    def show(self, data: Any) -> None:
        prev = self.data
        self.data = data
        select = self.query_one("#p-mentor", Select)
        options = [(Content(m.name), m.id) for m in data.plan.mentors]
        with select.prevent(Select.Changed):
            select.set_options(options)
        if prev is not None and prev.plan == data.plan and self.mentor_id:
            with select.prevent(Select.Changed):
                select.value = self.mentor_id
            # something else was saved meanwhile: what carries over (and the meeting's
            # date) may have changed; the lists are left as they are
            self._start_mentor_load(self.mentor_id, fill=False)
            return
        mentor = self.mentor_id or next_mentor(data.plan, self.papp.today)
        if mentor is not None:
            self.choose_mentor(mentor)
        elif not data.plan.mentors:
            self._status("No mentors yet: add one in Plan (7, then a).")

    # ------------------------------------------------------------ generate

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":  # shown in the footer only while generating
            return self.generating
        if action == "generate":
            return None if self.generating else True
        if action == "undo_redraft":
            return self.replaced is not None and not self.generating
        # save, copy, export and edit always run: without an agenda they say why
        return True

    def action_generate(self) -> None:
        if self.generating:
            return
        req = self.papp.guard(self._request, "Cannot generate")
        if req is None:
            return
        edited = self.agenda is not None and self.items_edited
        replace_edited(self, edited, "agenda", lambda: self._start(req))

    def _start(self, req: Any) -> None:
        self._save_draft()
        self.generator.start(
            gen.streamed(lambda s: s.agenda, req, preview=lambda s: s.preview_agenda)
        )
        self.refresh_bindings()
        log = self.query_one("#p-stream", Log)
        log.clear()
        self.query_one("#p-out", ContentSwitcher).current = "p-stream"
        self._status(gen.working("Generating"))

    def action_undo_redraft(self) -> None:
        """Put back the agenda the last generation replaced (one step)."""
        if self.replaced is None:
            return
        self.agenda, self.items_edited = self.replaced
        self.replaced = None
        self._show_agenda()
        self._save_draft()
        self._status("Put back the agenda the last generation replaced.")

    @on(gen.GenerationPreview)
    def _show_preview(self, event: gen.GenerationPreview) -> None:
        self._status(gen.working("Generating", event.preview, approx=True))

    @on(gen.GenerationText)
    def _streamed(self, event: gen.GenerationText) -> None:
        self.query_one("#p-stream", Log).write(sanitize(event.text))

    def action_cancel(self) -> None:
        if self.generator.cancel() is not None:
            self.refresh_bindings()

    def action_leave(self) -> None:
        for lst in self.query(EditableList):
            if lst.cancel_edit():
                return
        self.set_focus(None)

    def _back_to_result(self) -> None:
        self.refresh_bindings()
        self.query_one("#p-out", ContentSwitcher).current = (
            "p-md" if self.agenda is None else self._result_view()
        )

    @on(gen.GenerationCancelled)
    def _cancelled(self, event: gen.GenerationCancelled) -> None:
        said = "Your wins and questions are kept." if event.by_user else "Your input is kept."
        self._status(Content.styled(f"Cancelled. {said}", "$warning"))
        self._back_to_result()

    @on(gen.GenerationFailed)
    def _failed(self, event: gen.GenerationFailed) -> None:
        self.papp.fail(event.error, "Agenda not generated")
        self._status(Content.styled("Failed; your input is kept.", "$error"))
        self._back_to_result()

    @on(gen.GenerationFinished)
    def _finished(self, event: gen.GenerationFinished) -> None:
        self.refresh_bindings()
        result = event.result
        self.request, self.result = event.request, result
        if self.agenda is not None:
            self.replaced = (self.agenda, self.items_edited)
        self.agenda = result.agenda
        self.items_edited = False
        self.generated_at = dt.datetime.now().isoformat(timespec="seconds")
        self._show_agenda()
        usage = result.usage
        engine = "offline engine" if result.agenda.engine == "offline" else result.agenda.model
        bits = [f"Drafted by {engine}"]
        if usage is not None and (usage.prompt_tokens or usage.completion_tokens):
            bits.append(
                f"{usage.prompt_tokens:,}+{usage.completion_tokens:,} tokens, "
                f"{gen.money(usage.estimated_cost_usd)}"
            )
        undo = " ctrl+z puts back the agenda it replaced." if self.replaced else ""
        self._status(plain(" · ".join(bits) + ". ctrl+s saves." + undo, "$success"))
        if result.problems:  # what was repaired in a model's agenda, said plainly
            self.notify(
                "\n".join(result.problems),
                title="prepcoach fixed the agenda",
                severity="warning",
                timeout=20,
                markup=False,
            )
        self._save_draft()
        self.query_one("#p-md", Markdown).focus()

    @on(EditableList.Changed, "#p-items")
    def _items_edited(self) -> None:
        if self.agenda is None or self._restoring:
            return
        items = parse_items(self.query_one("#p-items", EditableList).items, self.agenda.items)
        self.agenda = self.agenda.model_copy(update={"items": items})
        self.items_edited = True
        self._show_total()
        self._schedule_draft()

    def action_toggle_edit(self) -> None:
        if self.blocked("edit its items (ctrl+l)"):
            return
        switcher = self.query_one("#p-out", ContentSwitcher)
        if switcher.current == "p-items":
            self.query_one("#p-md", Markdown).update(self.markdown())
            switcher.current = "p-md"
        else:
            switcher.current = "p-items"
            # ready to type a new item ("5 min · ..."); shift+tab reaches the list
            self.call_after_refresh(self.query_one("#p-items", EditableList).input.focus)

    def action_clear(self) -> None:
        if self.generating:
            return
        self.query_one("#p-wins", EditableList).set_items([])
        self.query_one("#p-questions", EditableList).set_items([])
        self.agenda = self.result = self.replaced = None
        self.items_edited = False
        self._show_total()
        self.query_one("#p-md", Markdown).update(WELCOME)
        self.query_one("#p-out", ContentSwitcher).current = "p-md"
        self._save_draft()
        self.refresh_bindings()
