"""`prepcoach mentors list|show|add|status|ics` on a private copy of sample_sessions."""

from __future__ import annotations

import datetime as dt
import json
import stat

from cli.helpers import sample_session_ids
from prepcoach.store import Store

MENTOR_KEYS = {
    "id", "name", "title", "organisation", "relation", "levels_above", "support_areas",
    "recommended_by", "status", "cadence", "term_start", "term_end", "term_months",
    "term_month", "term_over", "term_label", "term_finished", "meetings_held",
    "meetings_expected", "sessions_total", "last_session", "next_meeting",
    "next_meeting_date", "objectives_open", "objectives_met",
    "email", "notes",
}  # fmt: skip


def test_mentors_list_md_and_json(cmd, sample_dir):
    plan = Store(sample_dir).load_plan()
    code, out, err = cmd("mentors", "list", "--format", "json")
    assert code == 0  # stdout holds only the result; hints go to stderr
    assert all(line.startswith("prepcoach: hint: ") for line in err.splitlines())
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

    code, out, _ = cmd("mentors", "list")
    assert code == 0
    assert out.startswith("# Mentors (3)")
    for m in plan.mentors:
        assert m.name in out
    assert " of 6 |" in out or "over (" in out


def test_term_clock_in_listing(cmd):
    code, out, _ = cmd(
        "mentors", "add", "Ana Lima", "--status", "active", "--term-start", "2026-01-15"
    )
    assert code == 0
    code, out, _ = cmd("mentors", "show", "ana", "--format", "json", "--today", "2026-03-20")
    info = json.loads(out)
    assert info["term_month"] == 3 and info["term_label"] == "3 of 6"
    assert info["meetings_expected"] == 3  # Jan 15, Feb 15, Mar 15
    assert info["term_end"] == "2026-07-15"
    code, out, _ = cmd("mentors", "show", "ana", "--format", "json", "--today", "2026-07-15")
    assert json.loads(out)["term_over"] is True
    code, out, _ = cmd("mentors", "list", "--today", "2026-03-20")
    assert "| 3 of 6 | 0 of 3 |" in out


def test_meetings_held_counts_sessions_in_the_term(cmd, sample_dir):
    from prepcoach.models import Session

    assert (
        cmd("mentors", "add", "Ana Lima", "--status", "active", "--term-start", "2026-01-15")[0]
        == 0
    )
    store = Store(sample_dir)
    for day in ("2026-01-10", "2026-01-20", "2026-02-18", "2026-04-01"):
        store.save_session(Session(mentor="ana-lima", date=dt.date.fromisoformat(day)))
    _, out, _ = cmd("mentors", "list", "--format", "json", "--today", "2026-03-20")
    ana = next(r for r in json.loads(out) if r["id"] == "ana-lima")
    # before the term (Jan 10) and after today (Apr 1) do not count
    assert (ana["meetings_held"], ana["meetings_expected"], ana["sessions_total"]) == (2, 3, 4)


def test_mentors_show_md_and_unknown_name(cmd, sample_dir):
    plan = Store(sample_dir).load_plan()
    m = plan.mentors[0]
    code, out, _ = cmd("mentors", "show", m.name.split()[0].lower())
    assert code == 0 and out.startswith(f"# {m.name}")
    assert "**Status:**" in out and "**Term:**" in out
    code, out, err = cmd("mentors", "show", m.name[:-2] + "xx")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and f'Did you mean "{m.name}"' in err


def test_mentors_add_validates_and_refuses_duplicates(cmd, sample_dir):
    code, out, _ = cmd(
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
        code, _, err = cmd(*argv)
        assert code == 2, argv
        assert needle in err, err
        assert "Traceback" not in err
    assert (sample_dir / "plan.json").read_bytes() == before


def test_mentors_status_starts_and_renews_terms(cmd, sample_dir):
    cmd("mentors", "add", "Kim Park")
    code, out, _ = cmd("mentors", "status", "kim", "active", "--term-start", "2026-01-01")
    assert code == 0 and "active, term from 2026-01-01" in out
    code, out, _ = cmd("mentors", "status", "kim", "renewed")
    kim = Store(sample_dir).load_plan().mentor("kim-park")
    assert kim is not None and kim.status == "renewed"
    assert kim.term_start in (dt.date(2026, 7, 1), dt.date.today())


def test_mentors_ics_calendar_rules(cmd, sample_dir, tmp_path):
    import icalendar

    cmd("mentors", "add", "Ana Lima", "--status", "active", "--term-start", "2026-01-31")
    out_file = tmp_path / "ana.ics"
    code, _, err = cmd("mentors", "ics", "ana", "-o", str(out_file), "--today", "2026-01-20")
    assert code == 0 and "wrote" in err
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    cal = icalendar.Calendar.from_ical(out_file.read_bytes())
    events = list(cal.walk("VEVENT"))
    starts = [e.start for e in events]
    # weekend dates move to the nearest weekday (never before the term start)
    assert starts[:6] == [
        dt.date(2026, 2, 2), dt.date(2026, 2, 27), dt.date(2026, 3, 31),
        dt.date(2026, 4, 30), dt.date(2026, 6, 1), dt.date(2026, 6, 30),
    ]  # fmt: skip
    assert "(a weekend)" in str(events[0]["DESCRIPTION"])
    assert "review" in str(events[-1]["SUMMARY"]).lower()
    assert len({str(e["UID"]) for e in events}) == len(events)
    # existing file is not replaced without --force
    code, _, err = cmd("mentors", "ics", "ana", "-o", str(out_file))
    assert code == 2 and "--force" in err
    # past meetings are left out unless --all; the booked meeting is used as booked
    code, _, _ = cmd(
        "mentors", "book", "ana", "2026-05-06", "--time", "14:00", "--today", "2026-04-10"
    )
    assert code == 0
    code, out, _ = cmd("mentors", "ics", "ana", "--today", "2026-04-10", "--format", "json")
    rows = json.loads(out)["events"]
    days = [r["start"][:10] for r in rows]
    # the booked meeting takes the place of the cadence meeting nearest to it (04-30)
    assert days[:3] == ["2026-05-06", "2026-06-01", "2026-06-30"]
    booked = next(r for r in rows if r["start"].startswith("2026-05-06"))
    assert "booked" in booked["summary"] and booked["start"][11:16] == "14:00"
    code, out, _ = cmd(
        "mentors", "ics", "ana", "--today", "2026-04-10", "--all", "--format", "json"
    )
    assert json.loads(out)["events"][0]["start"] == "2026-02-02"
    code, _, _ = cmd(
        "mentors", "ics", "ana", "-o", str(out_file), "--force", "--time", "09:30", "--all"
    )
    first = next(iter(icalendar.Calendar.from_ical(out_file.read_bytes()).walk("VEVENT")))
    assert first.start.replace(tzinfo=None) == dt.datetime(2026, 2, 2, 9, 30)
    assert first.end - first.start == dt.timedelta(minutes=45)


def test_ics_for_a_prospect_needs_a_start(cmd, sample_dir):
    prospect = next(m for m in Store(sample_dir).load_plan().mentors if m.status == "prospect")
    code, out, err = cmd("mentors", "ics", prospect.name)
    assert code == 2 and out == "" and "no term start" in err
    code, out, _ = cmd("mentors", "ics", prospect.name, "--start", "2027-01-04")
    assert code == 0 and out.startswith("BEGIN:VCALENDAR") and "DTSTART;VALUE=DATE:20270104" in out
