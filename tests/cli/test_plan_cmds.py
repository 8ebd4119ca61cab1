"""mentors / objectives / sessions commands, on a private copy of sample_sessions."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest

from prepcoach.cli import main
from prepcoach.store import Store

MENTOR_KEYS = {
    "id", "name", "title", "organisation", "relation", "levels_above", "support_areas",
    "recommended_by", "status", "cadence", "term_start", "term_end", "term_months",
    "term_month", "term_over", "term_label", "meetings_held", "meetings_expected",
    "sessions_total", "last_session", "next_meeting", "objectives_open", "objectives_met",
    "email", "notes",
}  # fmt: skip
SESSION_KEYS = {
    "id", "mentor", "mentor_name", "date", "minutes", "accomplishments", "questions",
    "open_questions", "action_items", "open_action_items", "has_agenda", "engine", "first_line",
}  # fmt: skip


@pytest.fixture
def run(sample_dir, capsys):
    def go(*argv: str, data: Path | None = None) -> tuple[int, str, str]:
        code = main([*argv, "--data", str(data or sample_dir)])
        out, err = capsys.readouterr()
        return code, out, err

    return go


def sample_session_ids(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "sessions").glob("*.json") if not p.name.startswith("."))


# ---------------------------------------------------------------------- mentors


def test_mentors_list_md_and_json(run, sample_dir):
    plan = Store(sample_dir).load_plan()
    code, out, err = run("mentors", "list", "--format", "json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert [r["name"] for r in rows] == [m.name for m in plan.mentors]
    assert len(rows) == 3
    assert all(set(r) == MENTOR_KEYS for r in rows)
    statuses = {r["status"] for r in rows}
    assert "prospect" in statuses and statuses & {"active", "renewed"}
    held = {r["id"]: r["sessions_total"] for r in rows}
    per_mentor = {}
    for sid in sample_session_ids(sample_dir):
        m = Store(sample_dir).load_session(sid).mentor
        per_mentor[m] = per_mentor.get(m, 0) + 1
    assert {k: v for k, v in held.items() if v} == per_mentor

    code, out, _ = run("mentors", "list")
    assert code == 0
    assert out.startswith("# Mentors (3)")
    for m in plan.mentors:
        assert m.name in out
    assert " of 6 |" in out or "over (" in out


def test_term_clock_in_listing(run):
    code, out, _ = run(
        "mentors", "add", "Ana Lima", "--status", "active", "--term-start", "2026-01-15"
    )
    assert code == 0
    code, out, _ = run("mentors", "show", "ana", "--format", "json", "--today", "2026-03-20")
    info = json.loads(out)
    assert info["term_month"] == 3 and info["term_label"] == "3 of 6"
    assert info["meetings_expected"] == 3  # Jan 15, Feb 15, Mar 15
    assert info["term_end"] == "2026-07-15"
    code, out, _ = run("mentors", "show", "ana", "--format", "json", "--today", "2026-07-15")
    assert json.loads(out)["term_over"] is True
    code, out, _ = run("mentors", "list", "--today", "2026-03-20")
    assert "| 3 of 6 | 0 of 3 |" in out


def test_meetings_held_counts_sessions_in_the_term(run, sample_dir):
    from prepcoach.models import Session

    assert (
        run("mentors", "add", "Ana Lima", "--status", "active", "--term-start", "2026-01-15")[0]
        == 0
    )
    store = Store(sample_dir)
    for day in ("2026-01-10", "2026-01-20", "2026-02-18", "2026-04-01"):
        store.save_session(Session(mentor="ana-lima", date=dt.date.fromisoformat(day)))
    _, out, _ = run("mentors", "list", "--format", "json", "--today", "2026-03-20")
    ana = next(r for r in json.loads(out) if r["id"] == "ana-lima")
    # before the term (Jan 10) and after today (Apr 1) do not count
    assert (ana["meetings_held"], ana["meetings_expected"], ana["sessions_total"]) == (2, 3, 4)


def test_mentors_show_md_and_unknown_name(run, sample_dir):
    plan = Store(sample_dir).load_plan()
    m = plan.mentors[0]
    code, out, _ = run("mentors", "show", m.name.split()[0].lower())
    assert code == 0 and out.startswith(f"# {m.name}")
    assert "**Status:**" in out and "**Term:**" in out
    code, out, err = run("mentors", "show", m.name[:-2] + "xx")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and f'Did you mean "{m.name}"' in err


def test_mentors_add_validates_and_refuses_duplicates(run, sample_dir):
    code, out, _ = run(
        "mentors", "add", "Sam Ortiz", "--title", "CTO", "--org", "Acme", "--relation",
        "external", "--levels", "3", "--areas", "scope, politics", "--recommended-by", "Rob",
    )  # fmt: skip
    assert code == 0 and "sam-ortiz" in out
    sam = Store(sample_dir).load_plan().mentor("sam-ortiz")
    assert sam is not None
    assert (sam.title, sam.organisation, sam.relation, sam.levels_above) == (
        "CTO",
        "Acme",
        "external",
        3,
    )
    assert sam.support_areas == ["scope", "politics"] and sam.status == "prospect"
    before = (sample_dir / "plan.json").read_bytes()
    for argv, needle in (
        (["mentors", "add", "sam ortiz"], "already in the plan"),
        (["mentors", "add", "Kim", "--areas", "scope,golf"], 'unknown support area "golf"'),
        (["mentors", "add", "Kim", "--levels", "eleven"], "not a whole number"),
        (["mentors", "add", "Kim", "--relation", "cousin"], "invalid choice"),
        (["mentors", "add", "   "], "needs a name"),
    ):
        code, _, err = run(*argv)
        assert code == 2, argv
        assert needle in err, err
        assert "Traceback" not in err
    assert (sample_dir / "plan.json").read_bytes() == before


def test_mentors_status_starts_and_renews_terms(run, sample_dir):
    run("mentors", "add", "Kim Park")
    code, out, _ = run("mentors", "status", "kim", "active", "--term-start", "2026-01-01")
    assert code == 0 and "active, term from 2026-01-01" in out
    code, out, _ = run("mentors", "status", "kim", "renewed")
    kim = Store(sample_dir).load_plan().mentor("kim-park")
    assert kim is not None and kim.status == "renewed"
    assert kim.term_start in (dt.date(2026, 7, 1), dt.date.today())


# ------------------------------------------------------------------------- ics


def test_mentors_ics_term_calendar(run, sample_dir, tmp_path):
    import icalendar

    run("mentors", "add", "Ana Lima", "--status", "active", "--term-start", "2026-01-31")
    out_file = tmp_path / "ana.ics"
    code, _, err = run("mentors", "ics", "ana", "-o", str(out_file))
    assert code == 0 and "wrote" in err
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    cal = icalendar.Calendar.from_ical(out_file.read_bytes())
    events = list(cal.walk("VEVENT"))
    starts = [e.start for e in events]
    assert starts == [
        dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31),
        dt.date(2026, 4, 30), dt.date(2026, 5, 31), dt.date(2026, 6, 30),
        dt.date(2026, 7, 31),
    ]  # fmt: skip
    assert "review" in str(events[-1]["SUMMARY"]).lower()
    assert len({str(e["UID"]) for e in events}) == 7
    # existing file is not replaced without --force
    code, _, err = run("mentors", "ics", "ana", "-o", str(out_file))
    assert code == 2 and "--force" in err
    code, _, _ = run("mentors", "ics", "ana", "-o", str(out_file), "--force", "--time", "09:30")
    cal = icalendar.Calendar.from_ical(out_file.read_bytes())
    first = next(iter(cal.walk("VEVENT")))
    assert first.start == dt.datetime(2026, 1, 31, 9, 30)
    assert first.end - first.start == dt.timedelta(minutes=45)


def test_ics_for_a_prospect_needs_a_start(run, sample_dir):
    prospect = next(m for m in Store(sample_dir).load_plan().mentors if m.status == "prospect")
    code, out, err = run("mentors", "ics", prospect.name)
    assert code == 2 and out == "" and "no term start" in err
    code, out, _ = run("mentors", "ics", prospect.name, "--start", "2027-01-04")
    assert code == 0 and out.startswith("BEGIN:VCALENDAR") and "DTSTART;VALUE=DATE:20270104" in out


# ------------------------------------------------------------------ objectives


def test_objectives_list_add_met(run, sample_dir):
    code, out, _ = run("objectives", "list", "--format", "json")
    before = json.loads(out)
    assert code == 0 and before and {"id", "title", "status", "mentor_names"} <= set(before[0])

    code, out, _ = run(
        "objectives", "add", "Run a calm reorg", "--area", "toolkit", "--done-when",
        "Reorg announced with no regretted attrition", "--why", "Q1 reorg", "--mentor", "Priya",
    )  # fmt: skip
    assert code == 0 and "run-a-calm-reorg" in out
    code, out, _ = run("objectives", "list", "--status", "open", "--format", "json")
    assert "run-a-calm-reorg" in {o["id"] for o in json.loads(out)}

    code, out, _ = run("objectives", "met", "run-a-calm", "--evidence", "Announced Jan 5")
    assert code == 0 and "Marked run-a-calm-reorg met" in out
    obj = Store(sample_dir).load_plan().objective("run-a-calm-reorg")
    assert obj is not None and obj.status == "met" and obj.met_on == dt.date.today()
    assert obj.evidence == "Announced Jan 5"
    code, out, _ = run("objectives", "met", "run-a-calm-reorg")
    assert code == 0 and "already met" in out

    code, _, err = run("objectives", "met", "no-such-thing")
    assert code == 2 and "no objective" in err
    code, _, err = run("objectives", "add", "X", "--area", "golf")
    assert code == 2 and "invalid choice" in err
    code, _, err = run("objectives", "add", "X", "--area", "scope", "--mentor", "Nobody Here")
    assert code == 2 and 'no mentor "Nobody Here"' in err


def test_more_than_three_open_objectives_is_flagged_not_refused(run, sample_dir):
    run("mentors", "add", "Ana Lima", "--status", "active")
    for i in range(3):
        code, _, err = run("objectives", "add", f"Goal {i}", "--area", "scope", "--mentor", "ana")
        assert code == 0 and "warning" not in err
    code, _, err = run("objectives", "add", "Goal 4", "--area", "scope", "--mentor", "ana")
    assert code == 0
    assert "warning: Ana Lima has 4 open objectives" in err
    assert Store(sample_dir).load_plan().objective("goal-4") is not None
    code, _, err = run("objectives", "list")
    assert code == 0 and "Ana Lima has 4 open objectives" in err


# -------------------------------------------------------------------- sessions


def test_sessions_list_all_and_by_mentor(run, sample_dir):
    ids = sample_session_ids(sample_dir)
    assert len(ids) >= 8
    code, out, _ = run("sessions", "list", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and sorted(r["id"] for r in rows) == ids
    assert all(set(r) == SESSION_KEYS for r in rows)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    mentor = rows[0]["mentor_name"]
    code, out, _ = run("sessions", "list", "--mentor", mentor.split()[0], "--format", "json")
    mine = json.loads(out)
    assert mine and {r["mentor_name"] for r in mine} == {mentor}
    code, out, _ = run("sessions", "list", "--last", "2", "--format", "json")
    assert [r["id"] for r in json.loads(out)] == [r["id"] for r in rows[-2:]]
    code, out, _ = run("sessions", "list")
    assert out.startswith(f"# Sessions ({len(ids)})") and out.count("\n| 20") == len(ids)
    code, _, err = run("sessions", "list", "--mentor", "nobody")
    assert code == 2 and 'no mentor "nobody"' in err


def test_sessions_show_and_export(run, sample_dir, tmp_path):
    store = Store(sample_dir)
    with_agenda = next(
        s for s in (store.load_session(i) for i in sample_session_ids(sample_dir)) if s.agenda
    )
    code, out, _ = run("sessions", "show", with_agenda.id)
    assert code == 0
    assert "## Agenda" in out and "| Time |" in out
    assert f"Total {with_agenda.agenda.total()} of {with_agenda.agenda.minutes} minutes" in out  # type: ignore[union-attr]
    for item in with_agenda.agenda.items:  # type: ignore[union-attr]
        assert item.title.replace("|", "\\|") in out
    for a in with_agenda.action_items:
        assert a.text in out
    code, out, _ = run("sessions", "show", with_agenda.id, "--format", "json")
    assert json.loads(out)["id"] == with_agenda.id

    target = tmp_path / "s.md"
    code, _, _ = run("sessions", "export", with_agenda.id, "-o", str(target))
    text = target.read_text()
    assert code == 0 and text.startswith("# Session with") and "## Agenda" in text
    assert "session `" not in text  # no internal metadata in the export
    code, _, err = run("sessions", "export", with_agenda.id, "-o", str(target))
    assert code == 2 and "already exists" in err and target.read_text() == text


def test_session_id_prefix_and_suggestions(run, sample_dir):
    ids = sample_session_ids(sample_dir)
    code, out, _ = run(
        "sessions",
        "show",
        ids[0][:10] if sum(i.startswith(ids[0][:10]) for i in ids) == 1 else ids[0],
    )
    assert code == 0 and out.startswith("# Session with")
    code, _, err = run("sessions", "show", ids[0] + "x")
    assert code == 2 and f'"{ids[0]}"' in err
    code, _, err = run("sessions", "show", "../plan")
    assert code == 2 and "no session" in err


def test_empty_data_dir_listings(run, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for argv in (("mentors", "list"), ("objectives", "list"), ("sessions", "list")):
        code, out, _ = run(*argv, "--format", "json", data=empty)
        assert code == 0 and json.loads(out) == []
        code, out, _ = run(*argv, data=empty)
        assert code == 0 and out.startswith("No ")


READING = [
    ("mentors", "list"),
    ("mentors", "show", "ana"),
    ("mentors", "status", "ana", "active"),
    ("mentors", "ics", "ana"),
    ("objectives", "list"),
    ("objectives", "met", "x"),
    ("sessions", "list"),
    ("sessions", "show", "x"),
    ("sessions", "export", "x"),
]


@pytest.mark.parametrize("argv", READING)
def test_a_mistyped_data_dir_is_named_not_shown_as_empty(run, tmp_path, argv):
    missing = tmp_path / "no-such-dir"
    code, out, err = run(*argv, data=missing)
    assert code == 2 and out == ""
    assert f"data directory {missing} (from --data) does not exist." in err
    assert "Check the path" in err and "prepcoach mentors add" in err
    assert "Traceback" not in err and not missing.exists()  # nothing was created


def test_a_missing_default_data_dir_says_no_data_yet(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert main(["mentors", "list"]) == 2
    err = capsys.readouterr().err
    assert "no data yet" in err and "prepcoach mentors add" in err and "prepcoach demo" in err


def test_adding_creates_a_missing_data_dir(run, tmp_path):
    fresh = tmp_path / "fresh"
    code, out, _ = run("mentors", "add", "Ana Lima", data=fresh)
    assert code == 0 and "Added Ana Lima" in out and (fresh / "plan.json").is_file()
    other = tmp_path / "other"
    code, out, _ = run("objectives", "add", "Own the budget", "--area", "scope", data=other)
    assert code == 0 and (other / "plan.json").is_file()
    code, out, _ = run("mentors", "list", data=fresh)
    assert code == 0 and "Ana Lima" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["mentors"], ["mentors", "list"], ["mentors", "show"], ["mentors", "add"],
        ["mentors", "ics"], ["mentors", "status"], ["objectives"], ["objectives", "add"],
        ["objectives", "met"], ["sessions"], ["sessions", "show"], ["sessions", "export"],
    ],
)  # fmt: skip
def test_help_and_bad_usage(argv, capsys):
    assert main([*argv, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: prepcoach " + " ".join(argv))
    assert ("--data" in out) if len(argv) == 2 else ("list" in out)
    if len(argv) == 1 or argv[1] in ("show", "add", "ics", "status", "met", "export"):
        assert main(argv) == 2
        assert "Try `" in capsys.readouterr().err
