"""`prepcoach sessions capture --mentor NAME`: a booked meeting captured with or
without a saved prep; the hint that names it leads to a command that works."""

from __future__ import annotations

import datetime as dt
import json

from prepcoach.store import Store

DAY = ("--today", "2026-01-05")


def _booked(cmd, tmp_path):
    """An empty data directory with Ana active and her next meeting booked (no prep)."""
    data = tmp_path / "empty"
    steps = [
        ("mentors", "add", "Ana Lima", "--status", "active", *DAY),
        ("mentors", "book", "Ana", "2026-01-20", "--time", "10:00", "--minutes", "30", *DAY),
    ]
    for argv in steps:
        code, _, err = cmd(*argv, data=data)
        assert code == 0, (argv, err)
    return data


def test_overdue_booking_with_no_prep_captured_from_the_hint(cmd, tmp_path):
    data = _booked(cmd, tmp_path)
    after = ("--today", "2026-01-22")
    code, out, _ = cmd("mentors", "list", *after, data=data)
    assert code == 0
    hint = next(line for line in out.splitlines() if "Capture your meeting" in line)
    assert "with Ana Lima on 2026-01-20" in hint
    assert '`prepcoach sessions capture --mentor "Ana Lima" --note ...`' in hint
    # run the command the hint names
    code, out, err = cmd(
        "sessions", "capture", "--mentor", "Ana Lima", "--note", "Agreed to split <budget>",
        "--action", "Send the memo", "--due", "2026-01-30", *after, "--format", "json",
        data=data,
    )  # fmt: skip
    assert code == 0, err
    got = json.loads(out)
    assert got["session_created"] is True and got["note_added"] and got["added_action_items"] == 1
    assert "made session 2026-01-20-ana-lima" in err
    s = Store(data).load_session("2026-01-20-ana-lima")
    assert s.date.isoformat() == "2026-01-20" and s.minutes == 30  # the booked length
    assert s.notes == "Agreed to split <budget>"  # as typed
    assert [a.text for a in s.action_items] == ["Send the memo"]
    # the hint is gone; the meeting counts as held
    code, out, _ = cmd("mentors", "list", *after, data=data)
    assert "Capture your meeting" not in out
    code, out, _ = cmd("mentors", "show", "Ana", "--format", "json", *after, data=data)
    assert json.loads(out)["meetings_held"] == 1
    # capturing again adds to the same session (no second one)
    code, out, err = cmd(
        "sessions", "capture", "--mentor", "ana", "--note", "Follow-up", *after, data=data
    )
    assert (
        code == 0 and out.startswith("Captured session 2026-01-20-ana-lima") and "made" not in err
    )
    assert Store(data).session_ids() == ["2026-01-20-ana-lima"]
    assert Store(data).load_session("2026-01-20-ana-lima").notes.endswith("\n\nFollow-up")


def test_saved_prep_is_captured_into_and_the_hint_names_its_id(cmd, tmp_path):
    data = _booked(cmd, tmp_path)
    code, _, err = cmd(
        "agenda", "--mentor", "Ana", "--question", "Who owns hiring?", "--save", "--offline",
        "--today", "2026-01-10", data=data,
    )  # fmt: skip
    assert code == 0 and "saved session 2026-01-20-ana-lima" in err
    after = ("--today", "2026-01-21")
    code, out, _ = cmd("mentors", "list", *after, data=data)
    assert "`prepcoach sessions capture 2026-01-20-ana-lima --note ...`" in out
    code, out, err = cmd(
        "sessions", "capture", "--mentor", "Ana", "--resolve", "hiring", "--answer", "Me",
        *after, "--format", "json", data=data,
    )  # fmt: skip
    assert code == 0, err
    got = json.loads(out)
    assert got["session_created"] is False and got["resolved"] == ["Who owns hiring?"]
    assert Store(data).session_ids() == ["2026-01-20-ana-lima"]


def test_future_booking_needs_yes_and_nothing_is_written(cmd, tmp_path):
    data = _booked(cmd, tmp_path)
    code, out, err = cmd("sessions", "capture", "--mentor", "Ana", "--note", "x", *DAY, data=data)
    assert code == 2 and out == ""
    assert "your meeting with Ana Lima is on 2026-01-20, still to come" in err and "--yes" in err
    assert Store(data).session_ids() == []
    code, _, err = cmd(
        "sessions", "capture", "--mentor", "Ana", "--note", "moved earlier", "--yes", *DAY,
        data=data,
    )  # fmt: skip
    assert code == 0 and Store(data).session_ids() == ["2026-01-20-ana-lima"]


def test_a_date_names_an_unbooked_meeting(cmd, tmp_path):
    data = _booked(cmd, tmp_path)
    code, out, err = cmd(
        "sessions", "capture", "--mentor", "Ana", "--date", "2026-01-02", "--note", "Coffee",
        *DAY, "--format", "json", data=data,
    )  # fmt: skip
    assert code == 0, err
    got = json.loads(out)
    assert got["session_created"] and got["session"]["date"] == "2026-01-02"
    assert got["session"]["minutes"] == 45  # not the booked meeting: the default length


def test_capture_by_mentor_bad_input(cmd, tmp_path):
    data = _booked(cmd, tmp_path)
    code, _, err = cmd("mentors", "add", "Ben Ode", *DAY, data=data)
    assert code == 0, err
    after = ("--today", "2026-01-22")
    cases = [
        ((), "name the meeting to capture"),
        (("2026-01-20", "--mentor", "Ana"), "not both"),
        (("--date", "2026-01-20"), "name the meeting to capture"),
        (("2026-01-20", "--date", "2026-01-20"), "--date goes with --mentor"),
        (("--mentor", "Nobody"), 'no mentor "Nobody"'),
        (("--mentor", "Ben"), "Ben Ode has no booked meeting to capture"),
        (("--mentor", "Ana", "--date", "20-01-2026"), "is not a date like"),
        (("--mentor", "Ana", "--resolve", "1"), "no question 1"),
        (("--mentor", "Ana", "--done", "memo"), 'no action item matches "memo"'),
    ]
    for extra, message in cases:
        code, out, err = cmd("sessions", "capture", *extra, "--note", "x", *after, data=data)
        assert code == 2 and out == "" and message in err, (extra, err)
        assert "Traceback" not in err
    code, out, err = cmd("sessions", "capture", "--mentor", "Ana", *after, data=data)
    assert code == 2 and "nothing to capture" in err
    code, _, err = cmd("sessions", "capture", "--mentor", "Ben", "--note", "x", *after, data=data)
    assert '--mentor "Ben Ode" --date DATE' in err  # the fix, in the message
    assert Store(data).session_ids() == []  # a refused capture writes nothing


def test_several_sessions_on_the_day_are_named(cmd, tmp_path):
    from prepcoach.models import Session

    data = _booked(cmd, tmp_path)
    store = Store(data)
    for _ in range(2):
        store.save_session(Session(mentor="ana-lima", date=dt.date(2026, 1, 20)))
    code, out, err = cmd(
        "sessions", "capture", "--mentor", "Ana", "--note", "x", "--today", "2026-01-22",
        "--format", "json", data=data,
    )  # fmt: skip
    assert code == 2 and out == ""
    assert "2 sessions on 2026-01-20: 2026-01-20-ana-lima, 2026-01-20-ana-lima-2" in err
