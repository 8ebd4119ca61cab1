"""Picking the mentor: their draft, what carries over and the meeting's saved prep,
read in a worker."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from textual.content import Content
from textual.widgets import OptionList, Select

from prepcoach.meeting_prep import carried_for_meeting, merged
from prepcoach.models import Mentor, Plan, Session
from prepcoach.tui.screens.prep.drafts import PrepDrafts
from prepcoach.tui.screens.prep.items import loaded_line
from prepcoach.tui.text import Hanging, one_line, plain
from prepcoach.tui.widgets.editable_list import EditableList


class PrepMentor(PrepDrafts):
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
        # what was typed before any mentor was picked belongs to the one picked now
        unowned = self._typed_lists() if self.mentor_id is None else []
        self.mentor_id = mentor_id
        select = self.query_one("#p-mentor", Select)
        with select.prevent(Select.Changed):
            select.value = mentor_id
        self.agenda = self.result = self.request = None
        had_draft = self._restore_draft()
        if any(items or pending for _lst, items, pending in unowned):
            for lst, items, pending in unowned:
                lst.set_items(merged(lst.items, items), pending or lst.pending)
            self._schedule_draft()
        if focus:  # ready to type the first win
            self.call_after_refresh(self.query_one("#p-wins", EditableList).input.focus)
        self._start_mentor_load(mentor_id, fill=not had_draft)

    def _typed_lists(self) -> list[tuple[EditableList, list[str], str]]:
        """Each input list with its items and the text typed but not added."""
        lists = (self.query_one(s, EditableList) for s in ("#p-wins", "#p-questions"))
        return [(lst, list(lst.items), lst.pending) for lst in lists]

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
        booked: int | None = None
        prep_error: BaseException | None = None
        try:
            services = app.services
            prep = services.prep_session(mentor, today)
            date = prep.date if prep is not None else services.meeting_date(mentor, today)
            booked = services.booked_minutes(mentor, today)
        except Exception as exc:
            prep_error = exc
        try:
            history = app.store.sessions_for(mentor.id)
            carried = carried_for_meeting(history, plan.objectives_for(mentor.id), today, prep)
        except Exception as exc:
            app.call_from_thread(app.fail, exc, "Could not read history")
            carried = None
        app.call_from_thread(
            self._show_mentor_data,
            token,
            mentor.id,
            carried,
            prep,
            (date, booked),
            prep_error,
            fill,
        )

    def _show_mentor_data(
        self,
        token: int,
        mentor_id: str,
        carried: list[Any] | None,
        prep: Session | None,
        meeting: tuple[dt.date | None, int | None],
        prep_error: BaseException | None,
        fill: bool,
    ) -> None:
        """``meeting``: the date and booked length of the meeting being prepared."""
        date, booked = meeting
        if token != self._mentor_token or mentor_id != self.mentor_id:
            return  # another mentor was picked meanwhile
        self._fill_pending = None
        self.papp.report_problems()
        if carried is not None:
            self._show_carried(carried)
        if date is not None:
            self.meeting_dates[mentor_id] = date
        if prep_error is None:
            self.booked_minutes[mentor_id] = booked
            self._apply_booked()
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
        if prep is not None and prep.agenda is not None and self.agenda is None:
            # the agenda saved with the meeting's prep: shown, ready to copy or export
            self.agenda = prep.agenda
            # kept on disk until saved over, and ctrl+z brings it back after regenerating
            self.items_edited = False
            self._show_agenda()
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
            line = Content.assemble(
                mark, plain(one_line(c.text) + owner), (f"  ← {c.source}", "dim italic")
            )
            options.add_option(Hanging([line]))
        if not carried:
            options.add_option(Content.styled("nothing open from earlier sessions", "dim"))
        options.border_subtitle = str(len(carried)) if carried else ""
