"""Sessions from the TUI: Prep loads the meeting's saved prep and saves the lists as the
whole prep; a held meeting is never touched; History's capture merges with what was saved
meanwhile; action items are toggled through the services. Store work runs in workers."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from textual.widgets import Checkbox, DataTable, Input

from prepcoach.errors import StoreError
from prepcoach.models import Session
from prepcoach.services import AgendaRequest, Services
from prepcoach.settings import Settings
from prepcoach.store import Store
from prepcoach.tui.widgets.editable_list import EditableList
from tui.helpers import SIZE, TODAY, screen_text, settle

MEETING = dt.date(2026, 12, 1)  # Priya's next meeting in the sample data


class ThreadsSeen(Services):
    """Services that note which threads the store-heavy calls ran on."""

    def __init__(self, settings: Settings, store: Store) -> None:
        super().__init__(settings, store)
        self.on_ui_thread: list[str] = []
        self.calls: list[str] = []

    def _note(self, name: str) -> None:
        self.calls.append(name)
        if threading.current_thread() is threading.main_thread():
            self.on_ui_thread.append(name)

    def prep_session(self, *a: Any, **kw: Any) -> Any:
        self._note("prep_session")
        return super().prep_session(*a, **kw)

    def meeting_date(self, *a: Any, **kw: Any) -> Any:
        self._note("meeting_date")
        return super().meeting_date(*a, **kw)

    def upsert_session(self, *a: Any, **kw: Any) -> Any:
        self._note("upsert_session")
        return super().upsert_session(*a, **kw)

    def capture(self, *a: Any, **kw: Any) -> Any:
        self._note("capture")
        return super().capture(*a, **kw)

    def set_action_done(self, *a: Any, **kw: Any) -> Any:
        self._note("set_action_done")
        return super().set_action_done(*a, **kw)


def save_prep(store: Store, settings: Settings, wins: list[str], questions: list[str]) -> Session:
    """Save a prepared meeting with Priya the way the CLI does (``agenda --save``)."""
    svc = Services(settings, store)
    req = AgendaRequest(
        mentor="priya-raman", accomplishments=wins, questions=questions, today=TODAY
    )
    return svc.save_session(req, svc.agenda(req))


def sessions_on(store: Store, date: dt.date) -> list[str]:
    return [s.id for s in store.list_sessions("priya-raman") if s.date == date]


def messages(app: Any) -> str:
    return " ".join(n.message for n in app._notifications)


# ------------------------------------------------------------------------ prep


async def test_prep_loads_the_saved_prep_and_a_deleted_item_is_removed(
    make_app, settings: Settings, store: Store
) -> None:
    first = save_prep(
        store, settings, ["Budget accepted", "Hired the SRE lead"], ["How do I hand over?"]
    )
    services = ThreadsSeen(settings, store)
    app = make_app("prep", services=services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        wins = screen.query_one("#p-wins", EditableList)
        questions = screen.query_one("#p-questions", EditableList)
        assert wins.items == ["Budget accepted", "Hired the SRE lead"]
        assert questions.items == ["How do I hand over?"]
        assert "Loaded 2 wins and 1 question saved for this meeting" in screen_text(app)
        # the meeting's own questions are not shown as carried over from it
        carried = screen.query_one("#p-carried")
        prompts = [str(carried.get_option_at_index(i).prompt) for i in range(carried.option_count)]
        assert not [p for p in prompts if "How do I hand over?" in p]

        wins.option_list.focus()
        wins.option_list.highlighted = 1
        await pilot.press("delete")
        await pilot.pause()
        assert wins.items == ["Budget accepted"]
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert f"Updated session {first.id}" in messages(app)
    saved = store.load_session(first.id)
    assert saved.accomplishments == ["Budget accepted"]
    assert [q.text for q in saved.questions] == ["How do I hand over?"]
    assert sessions_on(store, MEETING) == [first.id]
    assert {"prep_session", "upsert_session"} <= set(services.calls)
    assert services.on_ui_thread == []


async def test_prep_saving_twice_makes_one_session_and_a_draft_is_not_reloaded_over(
    make_app, settings: Settings, store: Store
) -> None:
    save_prep(store, settings, ["Budget accepted"], [])
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        wins = app.screen.query_one("#p-wins", EditableList)
        assert wins.items == ["Budget accepted"]
        wins.input.value = "Closed the hiring plan"
        wins.input.focus()
        await pilot.press("enter")
        await pilot.pause(0.5)  # the draft is written
    again = make_app("prep")
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        wins = again.screen.query_one("#p-wins", EditableList)
        assert wins.items == ["Budget accepted", "Closed the hiring plan"]  # the draft
        assert "Restored your draft" in screen_text(again)
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Already saved as session" in messages(again)
    (only,) = sessions_on(store, MEETING)
    assert store.load_session(only).accomplishments == ["Budget accepted", "Closed the hiring plan"]


async def test_a_held_meeting_is_not_touched_by_a_prep_save(
    make_app, settings: Settings, store: Store
) -> None:
    first = save_prep(store, settings, ["Budget accepted"], ["How do I hand over?"])
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#p-wins", EditableList).items == ["Budget accepted"]
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.saved["priya-raman"][0] == first.id
        # the meeting is held (notes captured elsewhere); the form is unchanged
        held = store.load_session(first.id)
        held.notes = "She suggested a written hand-over plan."
        store.save_session(held)
        before = (store.sessions_dir / f"{first.id}.json").read_bytes()
        await pilot.press("ctrl+s")  # the same form, for another meeting now
        await settle(pilot)
        assert "Already saved" not in messages(app)
        second_id = screen.saved["priya-raman"][0]
        assert second_id != first.id
    assert (store.sessions_dir / f"{first.id}.json").read_bytes() == before
    second = store.load_session(second_id)
    assert second.date > MEETING
    assert second.accomplishments == ["Budget accepted"] and not second.notes


async def test_prep_save_waits_for_the_lock_without_freezing_the_screen(
    make_app, store: Store
) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        wins = screen.query_one("#p-wins", EditableList)
        wins.input.value = "Budget accepted"
        wins.input.focus()
        await pilot.press("enter")
        await pilot.press("ctrl+g")
        await settle(pilot)
        held, release = threading.Event(), threading.Event()

        def writer() -> None:  # another prepcoach writing
            with store.locked():
                held.set()
                release.wait(10)

        thread = threading.Thread(target=writer)
        thread.start()
        try:
            assert held.wait(5)
            await pilot.press("ctrl+s")
            await pilot.pause(0.2)
            assert screen.saving and "Saving…" in screen_text(app)
            questions = screen.query_one("#p-questions", EditableList)
            questions.input.focus()
            await pilot.press(*"still typing")
            assert questions.pending == "still typing"  # the screen answers meanwhile
            assert sessions_on(store, MEETING) == []
        finally:
            release.set()
            thread.join(5)
        await settle(pilot)
        assert not screen.saving
        assert "Saved session" in messages(app)
    (only,) = sessions_on(store, MEETING)
    assert store.load_session(only).accomplishments == ["Budget accepted"]
    # typed after the save began: kept as a draft
    assert (store.root / "drafts" / "prep-priya-raman.json").exists()


async def test_prep_save_failure_keeps_the_input(make_app, settings, store) -> None:
    class Failing(Services):
        def upsert_session(self, *a: Any, **kw: Any) -> Any:
            raise StoreError("cannot write the session file (disk full).")

    app = make_app("prep", services=Failing(settings, store))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        wins = app.screen.query_one("#p-wins", EditableList)
        wins.input.value = "Budget accepted"
        wins.input.focus()
        await pilot.press("enter")
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "disk full" in messages(app)
        assert "Not saved; your input is kept" in screen_text(app)
        assert wins.items == ["Budget accepted"]
        assert not app.screen.saving
    assert sessions_on(store, MEETING) == []


# --------------------------------------------------------------------- history


async def test_capture_merges_a_change_saved_meanwhile_and_resolves_earlier(
    make_app, settings: Settings, store: Store
) -> None:
    from prepcoach.agenda import carried_over

    def open_questions() -> list[str]:
        history = [s for s in store.sessions_for("priya-raman") if s.date < MEETING]
        return [c.text for c in carried_over(history) if c.kind == "question"]

    tomas = next(q for q in open_questions() if "Tomás" in q)
    first = save_prep(store, settings, ["Budget accepted"], ["Q one?"])
    services = ThreadsSeen(settings, store)
    from prepcoach.tui.screens.history import HistoryScreen

    app = make_app("history", services=services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        history = app.screen
        assert isinstance(history, HistoryScreen)
        assert history.session.id == first.id  # the newest session is selected
        await pilot.press("c")
        await settle(pilot)
        capture = app.screen
        assert type(capture).__name__ == "CaptureScreen"
        await pilot.press(*"Agreed a written plan")
        capture.query_one("#c-q0", Checkbox).value = True  # Q one? answered
        index = next(i for i, c in enumerate(capture.earlier) if c.text == tomas)
        capture.query_one(f"#c-e{index}", Checkbox).value = True
        await pilot.pause()
        # meanwhile another prepcoach adds a question to the same session
        save_prep(store, settings, [], ["Q two?"])
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is history
        assert "Marked 1 earlier question answered." in messages(app)
    saved = store.load_session(first.id)
    assert saved.notes == "Agreed a written plan"
    assert [(q.text, q.resolved) for q in saved.questions] == [
        ("Q one?", True),
        ("Q two?", False),  # saved while the capture was open: kept
    ]
    assert tomas not in open_questions()
    assert not (store.root / "drafts" / f"capture-{first.id}.json").exists()
    assert "capture" in services.calls and services.on_ui_thread == []


async def test_capture_reads_earlier_sessions_off_the_ui_thread(make_app, monkeypatch) -> None:
    from prepcoach.tui.screens.history import HistoryScreen

    seen: list[bool] = []
    gate = threading.Event()
    original = HistoryScreen._earlier_open_questions

    def slow(self: HistoryScreen, session: Session) -> list[Any]:
        seen.append(threading.current_thread() is threading.main_thread())
        assert gate.wait(10)
        return original(self, session)

    monkeypatch.setattr(HistoryScreen, "_earlier_open_questions", slow)
    app = make_app("history")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        history = app.screen
        await pilot.press("c")
        await pilot.pause(0.2)
        assert app.screen is history  # still reading: the screen answers meanwhile
        assert "Loading…" in screen_text(app)
        assert history.check_action("capture", ()) is None  # c is off until then
        await pilot.press("c")  # pressed again: one capture screen, not two
        gate.set()
        await settle(pilot)
        assert type(app.screen).__name__ == "CaptureScreen"
        assert len(app.screen_stack) == 2
        assert "Loading…" not in str(history.query_one("#h-detail").border_subtitle)
    assert seen == [False]


async def test_capture_draft_is_written_after_typing_stops_and_on_close(
    make_app, store: Store, monkeypatch
) -> None:
    from prepcoach.tui import drafts

    writes: list[str] = []
    original = drafts.save

    def counting(store_: Store, name: str, data: dict[str, Any]) -> None:
        writes.append(name)
        original(store_, name, data)

    monkeypatch.setattr(drafts, "save", counting)
    app = make_app("history")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session_id = app.screen.session.id
        await pilot.press("c")
        await settle(pilot)
        assert writes == []  # opening it writes nothing
        await pilot.press(*"Agreed a quarterly catch-up")
        assert len(writes) <= 1  # not one write per key
        await pilot.pause(0.5)
        assert len(writes) == 1
        capture = app.screen
        objective = capture.objectives[0].id
        capture.query_one(f"#c-on-{objective}", Input).value = "moved a lot"
        await pilot.press("escape")  # closing writes what was not written yet
        await settle(pilot)
        assert len(writes) == 2
        path = store.root / "drafts" / f"capture-{session_id}.json"
        assert path.exists()
        await pilot.press("c")
        await settle(pilot)
        capture = app.screen
        assert "quarterly catch-up" in capture.query_one("#c-notes").text
        assert capture.query_one(f"#c-on-{objective}", Input).value == "moved a lot"


async def test_toggling_an_action_twice_saves_the_last_state(
    make_app, settings: Settings, store: Store
) -> None:
    services = ThreadsSeen(settings, store)
    app = make_app("history", services=services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session = app.screen.session
        before = session.action_items[0].done
        actions = app.screen.query_one("#h-actions", DataTable)
        actions.focus()
        await pilot.press("x", "x", "x")
        await settle(pilot)
        assert app.screen.session.action_items[0].done is (not before)
    assert store.load_session(session.id).action_items[0].done is (not before)
    assert services.calls.count("set_action_done") in (1, 2, 3)  # the last state wins
    assert services.on_ui_thread == []


async def test_toggle_that_cannot_be_saved_shows_what_is_on_disk(
    make_app, settings: Settings, store: Store
) -> None:
    class Failing(Services):
        def set_action_done(self, *a: Any, **kw: Any) -> Any:
            raise StoreError("another prepcoach is still writing.")

    app = make_app("history", services=Failing(settings, store))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session = app.screen.session
        before = session.action_items[0].done
        app.screen.query_one("#h-actions", DataTable).focus()
        await pilot.press("x")
        await settle(pilot)
        assert "still writing" in messages(app)
        assert app.screen.session.action_items[0].done is before
        mark = "✓" if before else "·"
        assert str(app.screen.query_one("#h-actions", DataTable).get_cell_at((0, 0))) == mark
    assert store.load_session(session.id).action_items[0].done is before
