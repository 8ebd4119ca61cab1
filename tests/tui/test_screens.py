"""Each screen opens on the sample data and shows it; store-backed edits persist."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Checkbox, DataTable, Input, OptionList, Static

from prepcoach.store import Store
from tui.helpers import SIZE, screen_text, settle


async def test_dashboard_shows_mentors_term_clock_and_next_action(make_app) -> None:
    app = make_app("dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "offline engine (no API key set)" in text
        for name in ("Priya Raman", "Marcus Bell", "Elena Sorensen"):
            assert name in text
        assert "month 6 of 6" in text  # Priya, term started 2026-06-02
        assert "month 5 of 6" in text  # Marcus, term started 2026-07-07
        assert "prospect" in text
        assert "last ✗ prep" in text  # Priya's last meeting, nothing drafted yet for Dec 1
        assert "drift ✗ prep" in text  # Marcus: coffee talk
        assert "Next:" in text
        table = app.screen.query_one("#objectives", DataTable)
        assert table.row_count == 4
        mentors = app.screen.query_one("#mentors", DataTable)
        labels = [str(c.label) for c in mentors.columns.values()]
        assert "Held" in labels and "Met" not in labels  # meetings held, not objectives
        assert "held" in str(mentors.tooltip) and "expected" in str(mentors.tooltip)
        assert "6/6" in text and "4/5" in text


async def test_dashboard_enter_opens_prep_for_that_mentor(make_app) -> None:
    app = make_app("dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#mentors", DataTable).focus()
        await pilot.press("down", "enter")  # Marcus
        await settle(pilot)
        assert app.current_mode == "prep"
        assert app.screen.mentor_id == "marcus-bell"


async def test_number_keys_switch_screens(make_app) -> None:
    app = make_app("dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#mentors", DataTable).focus()
        for key, mode in [("6", "team"), ("5", "history"), ("4", "review"), ("1", "dashboard")]:
            await pilot.press(key)
            await settle(pilot)
            assert app.current_mode == mode


async def test_team_grid_names_the_gaps(make_app) -> None:
    app = make_app("team")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Priya Raman" in text and "Elena Sorensen" in text
        assert "Nobody covers technical" in text
        assert "Nobody covers toolkit" in text
        grid = app.screen.query_one("#grid", DataTable)
        assert grid.row_count == 4  # three mentors + the "covered by" row


async def test_history_lists_filters_and_searches(make_app) -> None:
    app = make_app("history")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sessions = app.screen.query_one("#sessions", DataTable)
        assert sessions.row_count == 10
        assert "2026-11-10" in screen_text(app)
        app.screen.query_one("#h-search", Input).value = "japan"
        await settle(pilot)
        assert sessions.row_count == 1
        assert "Marcus Bell" in screen_text(app)
        app.screen.query_one("#h-search", Input).value = "no-such-text-anywhere"
        await settle(pilot)
        assert sessions.row_count == 0
        # case and accents aside: "TOMAS" finds the sessions that mention Tomás
        app.screen.query_one("#h-search", Input).value = "TOMAS"
        await settle(pilot)
        assert sessions.row_count >= 1


async def test_history_toggle_action_item_persists(make_app, store: Store) -> None:
    app = make_app("history")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session = app.screen.session
        assert session is not None and session.action_items
        before = session.action_items[0].done
        actions = app.screen.query_one("#h-actions", DataTable)
        actions.focus()
        await pilot.press("x")
        await settle(pilot)
    on_disk = store.load_session(session.id)
    assert on_disk.action_items[0].done is (not before)


async def test_history_capture_saves_notes_actions_and_progress(make_app, store: Store) -> None:
    app = make_app("history")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session_id = app.screen.session.id
        n_actions = len(app.screen.session.action_items)
        await pilot.press("c")
        await settle(pilot)
        capture = app.screen
        assert type(capture).__name__ == "CaptureScreen"
        await pilot.press(*"Agreed a quarterly catch-up")
        capture.query_one("#c-act", Input).value = "Send Priya the [bold]handover[/] doc"
        capture.query_one("#c-due", Input).value = "2026-12-05"
        capture.query_one("#c-act", Input).focus()
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.current_mode == "history"
    saved = store.load_session(session_id)
    assert "quarterly catch-up" in saved.notes
    assert len(saved.action_items) == n_actions + 1
    new = saved.action_items[-1]
    assert new.text == "Send Priya the [bold]handover[/] doc"
    assert new.due is not None and new.due.isoformat() == "2026-12-05"
    assert not (store.root / "drafts" / f"capture-{session_id}.json").exists()


async def test_capture_resolves_questions_carried_from_earlier_sessions(
    make_app, store: Store
) -> None:
    import datetime as dt

    from prepcoach.agenda import carried_over
    from prepcoach.models import Session

    def open_questions() -> list[str]:
        history = store.sessions_for("priya-raman")
        return [c.text for c in carried_over(history) if c.kind == "question"]

    tomas = next(q for q in open_questions() if "Tomás" in q)
    later = store.save_session(Session(mentor="priya-raman", date=dt.date(2026, 11, 20)))
    app = make_app("history")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.session.id == later.id  # the newest session is selected
        await pilot.press("c")
        await settle(pilot)
        capture = app.screen
        assert type(capture).__name__ == "CaptureScreen"
        assert "Earlier questions answered now" in screen_text(app)
        index = next(i for i, c in enumerate(capture.earlier) if c.text == tomas)
        box = capture.query_one(f"#c-e{index}", Checkbox)
        box.focus()
        await pilot.press("space")
        assert box.value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.current_mode == "history"
        messages = " ".join(n.message for n in app._notifications)
        assert "Marked 1 earlier question answered." in messages
    assert tomas not in open_questions()
    source = store.load_session("2026-11-10-priya-raman")
    assert [q.resolved for q in source.questions if q.text == tomas] == [True]


async def test_capture_bad_due_date_is_refused_with_a_message(make_app) -> None:
    app = make_app("history")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        capture = app.screen
        capture.query_one("#c-act", Input).value = "something"
        capture.query_one("#c-due", Input).value = "next tuesday"
        capture.query_one("#c-act", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert capture.new_actions == []
        assert any("YYYY-MM-DD" in n.message for n in app._notifications)


async def test_help_and_palette_list_actions(make_app) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        from prepcoach.tui.commands import PrepcoachCommands

        provider = PrepcoachCommands(app.screen)
        titles = [title for title, _, _ in provider._commands()]
        assert "Go to Outreach" in titles
        assert "Prep: Generate" in titles and "Prep: Save" in titles
        await pilot.press("f1")
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"
        text = screen_text(app)
        assert "command palette" in text
        await pilot.press("escape")
        await settle(pilot)
        assert app.current_mode == "prep"


async def test_corrupt_session_is_reported_not_fatal(make_app, store: Store) -> None:
    bad = store.sessions_dir / "2026-11-20-broken.json"
    bad.write_text("{ not json", encoding="utf-8")
    (store.sessions_dir / ".index.json").unlink(missing_ok=True)
    app = make_app("history")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#sessions", DataTable).row_count == 10
        messages = " ".join(n.message for n in app._notifications)
        assert "2026-11-20-broken.json" in messages
    assert not bad.exists()
    assert list((store.root / "corrupt").rglob("2026-11-20-broken.json*"))


async def test_unreadable_plan_shows_a_notification(make_app, store: Store) -> None:
    store.plan_path.write_text(json.dumps({"schema_version": 99, "kind": "plan"}), "utf-8")
    app = make_app("dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        messages = " ".join(n.message for n in app._notifications)
        assert "newer prepcoach" in messages
        assert app.is_running


async def test_prep_shows_carried_over_items_with_source(make_app) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.mentor_id == "priya-raman"  # next meeting soonest
        carried = app.screen.query_one("#p-carried", OptionList)
        assert carried.option_count >= 1
        prompts = [str(carried.get_option_at_index(i).prompt) for i in range(carried.option_count)]
        assert any("Tomás" in p and "2026-11-10 session" in p for p in prompts)


def test_static_text_helpers_never_parse_markup() -> None:
    from prepcoach.tui.text import cell, one_line, plain, sanitize

    assert sanitize("\x1b[31mred\x1b[0m") == "red"
    assert sanitize("a\x1b]0;title\x07b") == "ab"
    assert sanitize("x\x00y\x07z") == "xyz"
    assert one_line("a\n  b\tc") == "a b c"
    assert plain("[bold]x[/]").plain == "[bold]x[/]"
    assert plain("[/]").spans == []
    assert cell("[red]r[/]").plain == "[red]r[/]"
    assert isinstance(Static(plain("[/]")), Static)


def test_paths_are_private(store: Store) -> None:
    from prepcoach.tui import drafts

    drafts.save(store, "prep-x", {"accomplishments": ["a"]})
    path = Path(store.root / "drafts" / "prep-x.json")
    assert path.stat().st_mode & 0o777 == 0o600
    assert drafts.load(store, "prep-x")["accomplishments"] == ["a"]


async def test_review_shows_the_sample_recommendations(make_app) -> None:
    app = make_app("review")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        snap = app.screen.snap
        recs = {v.mentor.id: v.review.recommendation for v in snap.mentors if v.review}
        # Priya: term ending, objectives met; Marcus: drifting into coffee talk
        assert recs["priya-raman"] in ("renew", "loosen", "move_on")
        assert recs["marcus-bell"] in ("loosen", "move_on")
        assert "elena-sorensen" not in recs  # a prospect has no term to review
        text = screen_text(app)
        assert "Priya Raman" in text and "Why" in text
        assert "LOOSEN" in text or "MOVE ON" in text or "RENEW" in text
        await pilot.press("down")
        await settle(pilot)
        assert app.screen.selected == "marcus-bell"
        assert "drift" in screen_text(app)


async def test_review_d_opens_outreach_with_the_matching_message(make_app) -> None:
    app = make_app("review")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert app.current_mode == "outreach"
        screen = app.screen
        assert screen.query_one("#o-to", Input).value == "Priya Raman"
        kind = screen.query_one("#o-kind").value
        assert kind in ("renewal", "wind-down", "follow-up")
        assert "Priya" in screen.query_one("#o-body").text


def test_demo_opens_a_private_copy_and_cleans_up(monkeypatch, tmp_path) -> None:
    import argparse

    from prepcoach.cli import tui_cmds
    from prepcoach.tui.app import PrepcoachApp

    seen: dict[str, object] = {}

    def fake_run(self: PrepcoachApp) -> None:
        seen["root"] = self.store.root
        seen["demo"] = self.demo
        seen["label"] = self.sub_title
        seen["plan"] = (self.store.root / "plan.json").stat().st_mode & 0o777

    monkeypatch.setattr(PrepcoachApp, "run", fake_run)
    source = tui_cmds.sample_source()
    assert (source / "plan.json").is_file()
    code = tui_cmds.run_demo(argparse.Namespace(offline=False, model=None, keep=False))
    assert code == 0
    root = seen["root"]
    assert isinstance(root, Path) and root != source and "prepcoach-demo-" in str(root)
    assert seen["demo"] is True and "demo copy" in str(seen["label"])
    assert seen["plan"] == 0o600
    assert not root.exists()  # the temporary copy is removed on quit


def test_bare_prepcoach_rejects_a_file_as_data_dir(tmp_path, capsys) -> None:
    from prepcoach.cli import main

    f = tmp_path / "file"
    f.write_text("x")
    assert main(["--data", str(f)]) == 2
    assert "is a file, not a directory" in capsys.readouterr().err


def test_dashboard_flags_objectives_at_the_review_limit() -> None:
    from prepcoach.review import MAX_ACTIVE_OBJECTIVES
    from prepcoach.tui.screens.dashboard import MAX_ACTIVE

    assert MAX_ACTIVE == MAX_ACTIVE_OBJECTIVES
