"""Prep: pick the mentor, see what carries over, list wins and questions, generate a
time-boxed agenda (streamed, cancellable), edit it, save it as a session, copy or export.

Everything typed is kept in ``<data dir>/drafts/prep-<mentor>.json`` as you type and
restored when the mentor is picked again (after a quit or a crash).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
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
        # mentor id -> (session id, what was saved): a second ctrl+s with nothing changed
        # saves nothing; after a change the service updates that session in place
        self.saved: dict[str, tuple[str, tuple[Any, ...]]] = {}

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
        if self.data.plan.mentor(mentor_id) is None:
            return
        self.mentor_id = mentor_id
        select = self.query_one("#p-mentor", Select)
        with select.prevent(Select.Changed):
            select.value = mentor_id
        self.agenda = self.result = self.request = None
        self._restore_draft()
        if focus:  # ready to type the first win
            self.call_after_refresh(self.query_one("#p-wins", EditableList).input.focus)
        self.run_worker(self._load_mentor, thread=True, exclusive=True, group="mentor")

    def _load_mentor(self) -> None:
        mentor_id = self.mentor_id
        if mentor_id is None or self.data is None:
            return
        try:
            from prepcoach.agenda import carried_over

            history = self.papp.store.sessions_for(mentor_id)
            today = self.papp.today
            past = [s for s in history if s.date <= today]
            objectives = self.data.plan.objectives_for(mentor_id)
            carried = carried_over(past, objectives)
        except Exception as exc:
            self.app.call_from_thread(self.papp.fail, exc, "Could not read history")
            return
        self.app.call_from_thread(self._show_carried, mentor_id, carried)

    def _show_carried(self, mentor_id: str, carried: list[Any]) -> None:
        if mentor_id != self.mentor_id:
            return
        self.papp.report_problems()
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

    def _restore_draft(self) -> None:
        if self.mentor_id is None:
            return
        draft = self.papp.guard(lambda: drafts.load_prep(self.papp.store, self.mentor_id or ""))
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
        )

    @property
    def generating(self) -> bool:
        return self.job is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":  # shown in the footer only while generating
            return self.generating
        if action == "generate":
            return None if self.generating else True
        if action in ("save", "copy", "export", "toggle_edit"):
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
        """What a saved session is made of: same fingerprint, nothing new to save."""
        agenda = self.agenda.model_dump_json() if self.agenda is not None else ""
        return (
            req.mentor,
            tuple(req.accomplishments),
            tuple(req.questions),
            req.minutes,
            agenda,
        )

    def action_save(self) -> None:
        if self.agenda is None or self.generating:
            self.notify("Generate the agenda first (ctrl+g).", markup=False)
            return
        from prepcoach.services import AgendaRequest, AgendaResult

        try:
            current = self._request()
        except PrepcoachError as exc:
            self.papp.fail(exc, "Not saved")
            return
        req: AgendaRequest = current
        fingerprint = self._fingerprint(req)
        mentor_id = req.mentor
        remembered = self.saved.get(mentor_id)
        if remembered is not None and remembered[1] == fingerprint:
            self.notify(
                f"Already saved as session {remembered[0]}; nothing changed since.",
                markup=False,
            )
            self._status(plain(f"Already saved as {remembered[0]}.", "$success"))
            return
        result = AgendaResult(
            agenda=self.agenda,
            preview=getattr(self.result, "preview", None),
            usage=getattr(self.result, "usage", None),
        )
        store = self.papp.store
        before = self.papp.guard(lambda: {s.id for s in store.list_sessions(mentor_id)})
        session: Session | None = self.papp.guard(
            lambda: self.papp.services.save_session(req, result), "Not saved"
        )
        if session is None:
            return
        updated = session.id in (before or set()) or (
            remembered is not None and remembered[0] == session.id
        )
        self.saved[mentor_id] = (session.id, fingerprint)
        name = drafts.prep_name(mentor_id)
        self.papp.guard(lambda: drafts.discard(store, name))
        self.papp.changed()
        self._seen_version = self.papp.data_version
        verb = "Updated" if updated else "Saved"
        self.notify(
            f"{verb} session {session.id}. After the meeting, capture notes in History (5).",
            title=verb,
            markup=False,
        )
        self._status(plain(f"{verb} session {session.id} ({session.date:%a %b %d}).", "$success"))
        self.set_focus(None)

    def action_copy(self) -> None:
        text = self.markdown()
        if not text:
            self.notify("Nothing to copy yet.", markup=False)
            return
        self.app.copy_to_clipboard(text)
        self.notify("Agenda copied to the clipboard (Markdown).", markup=False)

    def meeting_date(self) -> dt.date:
        """The date of the meeting being prepared (the date its session is saved under)."""
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
