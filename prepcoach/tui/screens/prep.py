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
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input, Label, Log, Markdown, OptionList, Select, Static

from prepcoach.errors import PrepcoachError
from prepcoach.lint import plural
from prepcoach.models import Agenda, AgendaItem, Mentor, Objective, Plan, Session, slugify
from prepcoach.tui import drafts
from prepcoach.tui.generation import Job, money
from prepcoach.tui.screens.base import BaseScreen
from prepcoach.tui.screens.loading import WaitForData
from prepcoach.tui.text import one_line, plain, sanitize
from prepcoach.tui.widgets.editable_list import EditableList

WELCOME = """\
## Prepare the next meeting

1. Pick the mentor and the meeting length above.
2. Add **wins** (what you did since last time) and **questions** (what you want to ask).
   Type, then enter. On a list: enter edits, delete removes, shift+↑/↓ moves.
3. **ctrl+g** drafts a time-boxed agenda; unresolved questions and open action items
   from earlier sessions are carried over automatically.
4. **ctrl+l** edits the items, **ctrl+s** saves the session,
   **ctrl+t** copies, **ctrl+o** exports Markdown.

What you type is kept as a draft, even if you quit.
"""

ITEM_RE = re.compile(r"^\s*(\d{1,3})\s*(?:min|m)?\s*[·:|\-–]\s*(.+?)\s*$")


@dataclass
class PrepData:
    plan: Plan
    mentor: Mentor | None
    carried: list[Any] = field(default_factory=list)  # prepcoach.agenda.CarryOver
    objectives: list[Objective] = field(default_factory=list)
    draft: dict[str, Any] | None = None


def item_line(item: AgendaItem) -> str:
    return f"{item.minutes} min · {one_line(item.title)}"


def parse_items(lines: list[str], original: list[AgendaItem]) -> list[AgendaItem]:
    """Agenda items from edited ``"<minutes> min · <title>"`` lines; kind, detail,
    objective and source are kept from the original item with the same title."""
    pool = list(original)
    out: list[AgendaItem] = []
    for line in lines:
        m = ITEM_RE.match(line)
        minutes, title = (int(m.group(1)), m.group(2)) if m else (0, line.strip())
        match = next((o for o in pool if o.title.strip() == title.strip()), None)
        if match is not None:
            pool.remove(match)
            out.append(match.model_copy(update={"minutes": minutes}))
        else:
            out.append(AgendaItem(title=title, minutes=minutes, kind="question"))
    return out


def merged(first: list[str], then: list[str]) -> list[str]:
    """``first`` followed by the items of ``then`` not already in it (compared as the
    services compare them: case, spacing and punctuation aside)."""
    from prepcoach.agenda import norm

    seen = {norm(x) for x in first}
    out = list(first)
    for x in then:
        key = norm(x)
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out


def loaded_line(wins: int, questions: int) -> str:
    """``Loaded 2 wins and 1 question saved for this meeting.``"""
    parts = [plural(n, word) for n, word in ((wins, "win"), (questions, "question")) if n]
    return f"Loaded {' and '.join(parts)} saved for this meeting."


class PrepScreen(WaitForData, BaseScreen):
    LABEL = "Prep"
    MODE = "prep"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+g", "generate", "Generate", tooltip="Draft the agenda (streams in)"),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            tooltip="Stop the generation; your input is kept",
        ),
        Binding("escape", "leave", "Leave field", show=False, tooltip="Then 1-6 switch screens"),
        Binding(
            "ctrl+l",
            "toggle_edit",
            "Edit items",
            tooltip="Edit, re-time and reorder the agenda items; again for the preview",
        ),
        Binding("ctrl+s", "save", "Save", tooltip="Save the prep and agenda as a session"),
        Binding("ctrl+t", "copy", "Copy", tooltip="Copy the agenda (Markdown) to the clipboard"),
        Binding("ctrl+o", "export", "Export", tooltip="Write the agenda to a Markdown file"),
        Binding("ctrl+n", "clear", "Clear", show=False, tooltip="Start this mentor's prep over"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: PrepData | None = None
        self.mentor_id: str | None = None
        self.job: Job | None = None
        self.agenda: Agenda | None = None
        self.result: Any = None  # services.AgendaResult
        self.request: Any = None  # services.AgendaRequest the result was made from
        self.generated_at = ""
        self._flush_timer: Timer | None = None
        self._save_timer: Timer | None = None
        self._restoring = False
        self._pending: tuple[str, dict[str, Any]] | None = None
        # mentor id -> (session id, what was saved, for which meeting date): a second ctrl+s
        # with nothing changed saves nothing; after a change the service updates that
        # session in place
        self.saved: dict[str, tuple[str, tuple[Any, ...]]] = {}
        # mentor id -> the lists hold the meeting's whole prep (its saved wins and
        # questions were loaded into them, or there were none): saved with
        # ``complete=True``, so deleting an item removes it from the session. Until then
        # (the saved prep not read yet, or an older draft) a save adds to the saved prep.
        self.complete: dict[str, bool] = {}
        # mentor id -> the date of the meeting being prepared (read in a worker)
        self.meeting_dates: dict[str, dt.date] = {}
        self.saving = False
        self._mentor_token = 0
        self._fill_pending: str | None = None  # mentor whose saved prep is still to fill in

    # ---------------------------------------------------------------- layout

    def compose_body(self) -> Iterable[Widget]:
        with Horizontal(classes="filters"):
            yield Label("Mentor ", classes="field-label")
            yield Select[str]([], prompt="pick a mentor", id="p-mentor", compact=True)
            yield Label(" Minutes ", classes="field-label")
            yield Input("30", id="p-minutes", type="integer", compact=True, max_length=3)
        with Horizontal(id="p-main"):
            with VerticalScroll(id="p-left"):
                carried = OptionList(id="p-carried", compact=True)
                carried.border_title = "Carried over (automatic)"
                yield carried
                yield EditableList("Wins since last time", "+ a win, then enter", id="p-wins")
                yield EditableList("Questions to ask", "+ a question, then enter", id="p-questions")
            with Vertical(id="p-right"), ContentSwitcher(id="p-out", initial="p-md"):
                yield Markdown(WELCOME, id="p-md", open_links=False)
                yield Log(id="p-stream", highlight=False)
                yield EditableList(
                    'Agenda items ("<min> min · title")',
                    "+ 5 min · another item",
                    id="p-items",
                    prefix="",
                )
        yield Static("", id="p-status")

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
        mentor = self.mentor_id or self._default_mentor(data.plan)
        if mentor is not None:
            self.choose_mentor(mentor)
        elif not data.plan.mentors:
            self._status("No mentors yet: add one with `prepcoach mentors add NAME`.")

    def _default_mentor(self, plan: Plan) -> str | None:
        today = self.papp.today
        upcoming = sorted(
            (m for m in plan.mentors if m.next_meeting and m.next_meeting >= today),
            key=lambda m: m.next_meeting or today,
        )
        if upcoming:
            return upcoming[0].id
        active = [m for m in plan.mentors if m.status in ("active", "renewed")]
        pool = active or plan.mentors
        return pool[0].id if pool else None

    def choose_mentor(self, mentor_id: str, focus: bool = True) -> None:
        """Switch the form to ``mentor_id`` (keeping the current mentor's draft)."""
        if self.data is None:  # not loaded yet: picked up by show()
            self.mentor_id = mentor_id
            return
        if self.mentor_id and self.mentor_id != mentor_id:
            self._save_draft()
        elif self.mentor_id:
            self._flush_draft()  # the draft read back below is the latest
        if self.data.plan.mentor(mentor_id) is None:
            return
        self.mentor_id = mentor_id
        select = self.query_one("#p-mentor", Select)
        with select.prevent(Select.Changed):
            select.value = mentor_id
        self.agenda = self.result = self.request = None
        had_draft = self._restore_draft()
        if focus:  # ready to type the first win
            self.call_after_refresh(self.query_one("#p-wins", EditableList).input.focus)
        self._start_mentor_load(mentor_id, fill=not had_draft)

    def _start_mentor_load(self, mentor_id: str, *, fill: bool) -> None:
        """Read what carries over and the meeting's saved prep in a worker; with ``fill``
        (no draft was restored) the saved wins and questions go into the lists."""
        if self.data is None:
            return
        mentor = self.data.plan.mentor(mentor_id)
        if mentor is None:
            return
        # a load that supersedes one still to fill the lists fills them itself (filling
        # only adds the saved items to what is there, so it never loses input)
        fill = fill or self._fill_pending == mentor_id
        self._fill_pending = mentor_id if fill else None
        self._mentor_token += 1
        work = partial(self._load_mentor, self._mentor_token, mentor, self.data.plan, fill)
        self.run_worker(work, thread=True, exclusive=True, group="mentor")

    def _load_mentor(self, token: int, mentor: Mentor, plan: Plan, fill: bool) -> None:
        """Runs in a worker thread (no widget access)."""
        app = self.papp
        today = app.today
        prep: Session | None = None
        date: dt.date | None = None
        prep_error: BaseException | None = None
        try:
            services = app.services
            prep = services.prep_session(mentor, today)
            date = prep.date if prep is not None else services.meeting_date(mentor, today)
        except Exception as exc:
            prep_error = exc
        try:
            from prepcoach.agenda import carried_over

            history = app.store.sessions_for(mentor.id)
            # the meeting's own saved prep is this meeting's, not carried over
            past = [s for s in history if s.date <= today and (prep is None or s.id != prep.id)]
            carried = carried_over(past, plan.objectives_for(mentor.id))
        except Exception as exc:
            app.call_from_thread(app.fail, exc, "Could not read history")
            carried = None
        app.call_from_thread(
            self._show_mentor_data, token, mentor.id, carried, prep, date, prep_error, fill
        )

    def _show_mentor_data(
        self,
        token: int,
        mentor_id: str,
        carried: list[Any] | None,
        prep: Session | None,
        date: dt.date | None,
        prep_error: BaseException | None,
        fill: bool,
    ) -> None:
        if token != self._mentor_token or mentor_id != self.mentor_id:
            return  # another mentor was picked meanwhile
        self._fill_pending = None
        self.papp.report_problems()
        if carried is not None:
            self._show_carried(carried)
        if date is not None:
            self.meeting_dates[mentor_id] = date
        if prep_error is not None:
            # the lists may lack what is saved: a save adds to it (never drops any)
            self.papp.fail(prep_error, "Could not read the saved prep")
            return
        if fill:
            self._fill_saved_prep(mentor_id, prep)

    def _fill_saved_prep(self, mentor_id: str, prep: Session | None) -> None:
        """Put the meeting's saved wins and questions into the lists (after anything
        typed before they were read); the lists are then the whole prep."""
        saved_wins = list(prep.accomplishments) if prep is not None else []
        saved_questions = [q.text for q in prep.questions] if prep is not None else []
        typed = False
        for selector, saved in (("#p-wins", saved_wins), ("#p-questions", saved_questions)):
            lst = self.query_one(selector, EditableList)
            typed = typed or bool(lst.items)
            items = merged(saved, lst.items)
            if items != lst.items:
                lst.set_items(items, lst.pending)
        self.complete[mentor_id] = True
        if saved_wins or saved_questions:
            self._status(loaded_line(len(saved_wins), len(saved_questions)))
        if typed:
            self._schedule_draft()

    def _show_carried(self, carried: list[Any]) -> None:
        options = self.query_one("#p-carried", OptionList)
        options.clear_options()
        for c in carried:
            mark = ("? ", "$warning") if c.kind == "question" else ("☐ ", "$accent")
            owner = "" if c.kind == "question" or c.owner in ("", "me") else f" ({c.owner})"
            options.add_option(
                Content.assemble(
                    mark, plain(one_line(c.text) + owner), (f"  ← {c.source}", "dim italic")
                )
            )
        if not carried:
            options.add_option(Content.styled("nothing open from earlier sessions", "dim"))
        options.border_subtitle = str(len(carried)) if carried else ""

    # --------------------------------------------------------------- drafts

    def _restore_draft(self) -> bool:
        """Fill the form from the mentor's draft (empty without one); True if there was
        a draft."""
        if self.mentor_id is None:
            return False
        draft = self.papp.guard(lambda: drafts.load_prep(self.papp.store, self.mentor_id or ""))
        # a draft written since the lists held the saved prep says so; an older one is
        # saved as an addition to the saved prep
        self.complete[self.mentor_id] = bool(draft and draft.get("complete") is True)
        self._restoring = True
        try:
            wins = self.query_one("#p-wins", EditableList)
            questions = self.query_one("#p-questions", EditableList)
            minutes = self.query_one("#p-minutes", Input)
            d = draft or {}
            wins.set_items(
                list(map(str, d.get("accomplishments", []))), str(d.get("pending_win", ""))
            )
            questions.set_items(
                list(map(str, d.get("questions", []))), str(d.get("pending_question", ""))
            )
            with minutes.prevent(Input.Changed):
                minutes.value = str(d.get("minutes") or self._default_minutes())
            self.agenda = None
            raw_agenda = d.get("agenda")
            if raw_agenda:
                try:
                    self.agenda = Agenda.model_validate(raw_agenda)
                    self.generated_at = str(d.get("generated_at", ""))
                except ValueError:
                    self.agenda = None
            if self.agenda is not None:
                self._show_agenda()
            else:
                self.query_one("#p-md", Markdown).update(WELCOME)
                self.query_one("#p-out", ContentSwitcher).current = "p-md"
            if draft:
                self._status("Restored your draft.")
            else:
                self._status("")
        finally:
            self._restoring = False
        return bool(draft)

    def _default_minutes(self) -> int:
        if self.data and self.mentor_id:
            last = [s.minutes for s in self.papp.store.list_sessions(self.mentor_id) if s.minutes]
            if last:
                return last[-1]
        from prepcoach.agenda import DEFAULT_MEETING_MINUTES

        return DEFAULT_MEETING_MINUTES

    def _draft_payload(self) -> dict[str, Any]:
        wins = self.query_one("#p-wins", EditableList)
        questions = self.query_one("#p-questions", EditableList)
        return {
            "mentor": self.mentor_id,
            "minutes": self._minutes(strict=False),
            "accomplishments": wins.items,
            "pending_win": wins.pending,
            "questions": questions.items,
            "pending_question": questions.pending,
            "agenda": self.agenda.model_dump(mode="json") if self.agenda else None,
            "generated_at": self.generated_at,
            "complete": self.complete.get(self.mentor_id or "", False),
            "saved": dt.datetime.now().isoformat(timespec="seconds"),
        }

    def _save_draft(self) -> None:
        """Write the draft now (from the widgets)."""
        if self.mentor_id is None or self._restoring:
            return
        self._write_draft(self.mentor_id, self._draft_payload())

    def _write_draft(self, mentor_id: str, payload: dict[str, Any]) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        self._pending = None
        empty = not (
            payload["accomplishments"]
            or payload["questions"]
            or payload["pending_win"]
            or payload["pending_question"]
            or payload["agenda"]
        )
        name = drafts.prep_name(mentor_id)
        if empty:
            self.papp.guard(lambda: drafts.discard(self.papp.store, name), "Draft")
        else:
            self.papp.guard(lambda: drafts.save(self.papp.store, name, payload), "Draft not kept")

    def _schedule_draft(self) -> None:
        """Snapshot the form now; write it shortly (typing bursts make one write)."""
        if self._restoring or self.mentor_id is None:
            return
        self._pending = (self.mentor_id, self._draft_payload())
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(0.3, self._flush_draft)

    def _flush_draft(self) -> None:
        if self._pending is not None:
            self._write_draft(*self._pending)

    def on_unmount(self) -> None:
        self._flush_draft()

    @on(EditableList.Changed, "#p-wins, #p-questions")
    def _inputs_changed(self) -> None:
        self._schedule_draft()

    @on(Input.Changed, "#p-minutes")
    def _minutes_changed(self) -> None:
        self._schedule_draft()

    @on(Select.Changed, "#p-mentor")
    def _mentor_picked(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.mentor_id:
            self.choose_mentor(event.value, focus=False)

    # ------------------------------------------------------------ generate

    def _status(self, text: str | Content) -> None:
        self.query_one("#p-status", Static).update(
            text if isinstance(text, Content) else plain(text, "dim")
        )

    def _minutes(self, strict: bool = True) -> int:
        from prepcoach.agenda import (
            DEFAULT_MEETING_MINUTES,
            MAX_MEETING_MINUTES,
            MIN_MEETING_MINUTES,
        )

        raw = self.query_one("#p-minutes", Input).value.strip()
        try:
            n = int(raw)
            if not MIN_MEETING_MINUTES <= n <= MAX_MEETING_MINUTES:
                raise ValueError
        except ValueError:
            if strict:
                raise PrepcoachError(
                    f"meeting length {raw!r} should be a number of minutes from "
                    f"{MIN_MEETING_MINUTES} to {MAX_MEETING_MINUTES}."
                ) from None
            return DEFAULT_MEETING_MINUTES
        return n

    def _request(self) -> Any:
        from prepcoach.services import AgendaRequest

        if self.mentor_id is None:
            raise PrepcoachError("pick a mentor first.")
        wins = self.query_one("#p-wins", EditableList)
        questions = self.query_one("#p-questions", EditableList)
        # text typed but not yet entered counts too
        acc = [*wins.items, *([wins.pending.strip()] if wins.pending.strip() else [])]
        qs = [*questions.items, *([questions.pending.strip()] if questions.pending.strip() else [])]
        return AgendaRequest(
            mentor=self.mentor_id,
            accomplishments=acc,
            questions=qs,
            minutes=self._minutes(),
            today=self.papp.today,
            complete=self.complete.get(self.mentor_id, False),
        )

    @property
    def generating(self) -> bool:
        return self.job is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":  # shown in the footer only while generating
            return self.generating
        if action == "generate":
            return None if self.generating else True
        if action == "save":
            ready = self.agenda is not None and not self.generating and not self.saving
            return True if ready else None
        if action in ("copy", "export", "toggle_edit"):
            return True if self.agenda is not None and not self.generating else None
        return True

    def action_generate(self) -> None:
        if self.generating:
            return
        try:
            req = self._request()
        except PrepcoachError as exc:
            self.papp.fail(exc, "Cannot generate")
            return
        self._save_draft()
        job = Job()
        self.job = job
        self.refresh_bindings()
        log = self.query_one("#p-stream", Log)
        log.clear()
        self.query_one("#p-out", ContentSwitcher).current = "p-stream"
        self._status(Content.assemble(("Generating… ", "$accent bold"), ("esc cancels", "dim")))
        self._flush_timer = self.set_interval(1 / 15, self._flush)
        self.run_worker(lambda: self._generate(job, req), thread=True, group="gen")

    def _generate(self, job: Job, req: Any) -> None:
        from prepcoach.services import Cancelled

        app = self.papp
        try:
            services = app.services
            if app.settings.use_llm:
                preview = services.preview_agenda(req)
                app.call_from_thread(self._show_preview, job, preview)
            result = services.agenda(req, on_text=job.on_text, cancel=job.cancel)
        except Cancelled:
            app.call_from_thread(self._finished, job, None, None)
            return
        except Exception as exc:
            app.call_from_thread(self._finished, job, None, exc)
            return
        app.call_from_thread(self._finished, job, (req, result), None)

    def _show_preview(self, job: Job, preview: Any) -> None:
        if job is not self.job:
            return
        self._status(
            Content.assemble(
                ("Generating… ", "$accent bold"),
                plain(
                    f"{preview.model}: {preview.prompt_tokens:,} prompt tokens"
                    f"{'' if preview.tokens_exact else ' (approx.)'}, "
                    f"{money(preview.estimated_cost_usd)} · "
                ),
                ("esc cancels", "dim"),
            )
        )

    def _flush(self) -> None:
        job = self.job
        if job is None:
            return
        text = job.drain()
        if text:
            self.query_one("#p-stream", Log).write(sanitize(text))

    def action_cancel(self) -> None:
        job = self.job
        if job is None:
            return
        job.cancel.set()
        self._stop_job()
        self._status(Content.styled("Cancelled. Your wins and questions are kept.", "$warning"))
        self.query_one("#p-out", ContentSwitcher).current = (
            "p-md" if self.agenda is None else self._result_view()
        )

    def action_leave(self) -> None:
        for lst in self.query(EditableList):
            if lst.cancel_edit():
                return
        self.set_focus(None)

    def _stop_job(self) -> None:
        if self._flush_timer is not None:
            self._flush()
            self._flush_timer.stop()
            self._flush_timer = None
        self.job = None
        self.refresh_bindings()

    def _finished(self, job: Job, outcome: Any, error: BaseException | None) -> None:
        if job is not self.job:  # cancelled or superseded: drop it
            return
        self._stop_job()
        if outcome is None:
            if error is not None:
                self.papp.fail(error, "Agenda not generated")
                self._status(Content.styled("Failed; your input is kept.", "$error"))
            else:
                self._status(Content.styled("Cancelled. Your input is kept.", "$warning"))
            self.query_one("#p-out", ContentSwitcher).current = (
                "p-md" if self.agenda is None else self._result_view()
            )
            return
        req, result = outcome
        self.request, self.result = req, result
        self.agenda = result.agenda
        self.generated_at = dt.datetime.now().isoformat(timespec="seconds")
        self._show_agenda()
        usage = result.usage
        engine = "offline engine" if result.agenda.engine == "offline" else result.agenda.model
        bits = [f"Drafted by {engine}"]
        if usage is not None and (usage.prompt_tokens or usage.completion_tokens):
            bits.append(
                f"{usage.prompt_tokens:,}+{usage.completion_tokens:,} tokens, "
                f"{money(usage.estimated_cost_usd)}"
            )
        self._status(plain(" · ".join(bits) + ". ctrl+s saves.", "$success"))
        self._save_draft()
        self.query_one("#p-md", Markdown).focus()

    # --------------------------------------------------------------- result

    def _mentor(self) -> Mentor | None:
        if self.data is None or self.mentor_id is None:
            return None
        return self.data.plan.mentor(self.mentor_id)

    def markdown(self) -> str:
        if self.agenda is None:
            return ""
        from prepcoach.agenda import agenda_markdown

        objectives = self.data.plan.objectives if self.data else []
        return sanitize(agenda_markdown(self.agenda, self._mentor(), objectives))

    def _result_view(self) -> str:
        return "p-md"

    def _show_agenda(self) -> None:
        if self.agenda is None:
            return
        self.query_one("#p-md", Markdown).update(self.markdown())
        items = self.query_one("#p-items", EditableList)
        items.set_items([item_line(i) for i in self.agenda.items])
        self._show_total()
        self.query_one("#p-out", ContentSwitcher).current = "p-md"
        self.refresh_bindings()

    def _show_total(self) -> None:
        if self.agenda is None:
            return
        total, want = self.agenda.total(), self.agenda.minutes
        right = self.query_one("#p-right")
        right.border_subtitle = f"{total} of {want} min" + ("" if total == want else " ⚠")

    @on(EditableList.Changed, "#p-items")
    def _items_edited(self) -> None:
        if self.agenda is None or self._restoring:
            return
        items = parse_items(self.query_one("#p-items", EditableList).items, self.agenda.items)
        self.agenda = self.agenda.model_copy(update={"items": items})
        self._show_total()
        self._schedule_draft()

    def action_toggle_edit(self) -> None:
        if self.agenda is None:
            self.notify("Generate the agenda first (ctrl+g); then ctrl+l edits it.", markup=False)
            return
        switcher = self.query_one("#p-out", ContentSwitcher)
        if switcher.current == "p-items":
            self.query_one("#p-md", Markdown).update(self.markdown())
            switcher.current = "p-md"
        else:
            switcher.current = "p-items"
            self.call_after_refresh(self.query_one("#p-items", EditableList).option_list.focus)

    def _fingerprint(self, req: Any) -> tuple[Any, ...]:
        """What a saved session is made of: same fingerprint (and the same meeting date,
        added when saving), nothing new to save."""
        agenda = self.agenda.model_dump_json() if self.agenda is not None else ""
        return (
            req.mentor,
            tuple(req.accomplishments),
            tuple(req.questions),
            req.minutes,
            agenda,
        )

    def _current_fingerprint(self) -> tuple[Any, ...] | None:
        """The form's fingerprint now (None when it cannot make a request)."""
        try:
            return self._fingerprint(self._request())
        except PrepcoachError:
            return None

    def action_save(self) -> None:
        if self.agenda is None or self.generating:
            self.notify("Generate the agenda first (ctrl+g).", markup=False)
            return
        if self.saving:
            return
        from prepcoach.services import AgendaRequest, AgendaResult

        try:
            current = self._request()
        except PrepcoachError as exc:
            self.papp.fail(exc, "Not saved")
            return
        req: AgendaRequest = current
        result = AgendaResult(
            agenda=self.agenda,
            preview=getattr(self.result, "preview", None),
            usage=getattr(self.result, "usage", None),
            mentor=self._mentor(),
        )
        self.saving = True
        self.refresh_bindings()
        self._status(Content.styled("Saving…", "$accent"))
        work = partial(
            self._save_in_thread, req, result, self._fingerprint(req), self.saved.get(req.mentor)
        )
        self.run_worker(work, thread=True, group="save")

    def _save_in_thread(
        self,
        req: Any,
        result: Any,
        fingerprint: tuple[Any, ...],
        remembered: tuple[str, tuple[Any, ...]] | None,
    ) -> None:
        """Runs in a worker thread: the save may wait for another writer's lock."""
        app = self.papp
        try:
            services = app.services
            date = services.meeting_date(result.mentor, req.today)
            if remembered is not None and remembered[1] == (*fingerprint, date):
                app.call_from_thread(self._save_finished, req, fingerprint, None, False, None)
                return
            session, updated = services.upsert_session(req, result)
        except Exception as exc:
            app.call_from_thread(self._save_finished, req, fingerprint, None, False, exc)
            return
        app.call_from_thread(self._save_finished, req, fingerprint, session, updated, None)

    def _save_finished(
        self,
        req: Any,
        fingerprint: tuple[Any, ...],
        session: Session | None,
        updated: bool,
        error: BaseException | None,
    ) -> None:
        self.saving = False
        self.refresh_bindings()
        mentor_id = req.mentor
        here = mentor_id == self.mentor_id
        if error is not None:
            self.papp.fail(error, "Not saved")
            if here:
                self._status(Content.styled("Not saved; your input is kept.", "$error"))
            return
        if session is None:  # nothing changed since the last save of this meeting
            remembered = self.saved[mentor_id]
            self.notify(
                f"Already saved as session {remembered[0]}; nothing changed since.",
                markup=False,
            )
            if here:
                self._status(plain(f"Already saved as {remembered[0]}.", "$success"))
            return
        self.meeting_dates[mentor_id] = session.date
        unchanged = here and self._current_fingerprint() == fingerprint
        if unchanged and not req.complete:
            # saved as an addition to the meeting's saved prep: show all of it
            self._fill_saved_prep(mentor_id, session)
            fingerprint = self._current_fingerprint() or fingerprint
        self.saved[mentor_id] = (session.id, (*fingerprint, session.date))
        if unchanged:
            # the form is what was saved: no draft needed (typing since keeps it)
            if self._save_timer is not None:
                self._save_timer.stop()
                self._save_timer = None
            self._pending = None
            name = drafts.prep_name(mentor_id)
            self.papp.guard(lambda: drafts.discard(self.papp.store, name))
        self.papp.changed()
        self._seen_version = self.papp.data_version
        verb = "Updated" if updated else "Saved"
        self.notify(
            f"{verb} session {session.id}. After the meeting, capture notes in History (5).",
            title=verb,
            markup=False,
        )
        if here:
            self._status(
                plain(f"{verb} session {session.id} ({session.date:%a %b %d}).", "$success")
            )
            if unchanged:
                self.set_focus(None)

    def action_copy(self) -> None:
        text = self.markdown()
        if not text:
            self.notify("Nothing to copy yet.", markup=False)
            return
        self.app.copy_to_clipboard(text)
        self.notify("Agenda copied to the clipboard (Markdown).", markup=False)

    def meeting_date(self) -> dt.date:
        """The date of the meeting being prepared (the date its session is saved under),
        as read with the mentor's data (``services.meeting_date``)."""
        known = self.meeting_dates.get(self.mentor_id or "")
        if known is not None:
            return known
        date: dt.date = self.papp.services.meeting_date(self._mentor(), self.papp.today)
        return date

    def export_dir(self) -> Path:
        """Where exports go by default: ``exports/`` in the data directory; for the demo
        (a temporary copy, removed on quit) the home directory."""
        if self.papp.demo:
            return Path.home()
        return self.papp.settings.data_dir / "exports"

    def action_export(self) -> None:
        text = self.markdown()
        if not text:
            self.notify("Nothing to export yet.", markup=False)
            return
        from prepcoach.tui.widgets.prompt import PromptScreen

        mentor = slugify(self.mentor_id or "mentor")
        default = str(self.export_dir() / f"agenda-{mentor}-{self.meeting_date().isoformat()}.md")

        def write(path: str | None) -> None:
            if path:
                self._export_to(Path(path).expanduser(), text)

        self.app.push_screen(
            PromptScreen(
                "Export the agenda as Markdown to (edit the path; folders are created):",
                default,
            ),
            write,
        )

    def _export_to(self, path: Path, text: str) -> None:
        from prepcoach.store import atomic_write_bytes

        target, n = path, 2
        while target.exists():  # never overwrite a file the user already has
            target = path.with_name(f"{path.stem}-{n}{path.suffix}")
            n += 1
        done = self.papp.guard(lambda: atomic_write_bytes(target, text.encode("utf-8")), "Export")
        if done is None and target.exists():
            self.notify(f"Wrote {target}", title="Exported", markup=False)

    def action_clear(self) -> None:
        if self.generating:
            return
        self.query_one("#p-wins", EditableList).set_items([])
        self.query_one("#p-questions", EditableList).set_items([])
        self.agenda = self.result = None
        self.query_one("#p-md", Markdown).update(WELCOME)
        self.query_one("#p-out", ContentSwitcher).current = "p-md"
        self._save_draft()
        self.refresh_bindings()
