"""The demo data set in sample_sessions/ loads cleanly and tells the story the README promises.

One mentor near the end of a six-month term with objectives met, one drifting into coffee
talk, one prospect not yet asked; outreach drafts that follow the outreach rules.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from prepcoach.models import SCHEMA_VERSION, SUPPORT_AREAS, Plan, Session
from prepcoach.store import Store

TODAY = dt.date(2026, 11, 23)  # the date the sample data is written for
MENTOR_WORDS = re.compile(r"\bmentor\w*|\bmentee\w*", re.IGNORECASE)
TIME_REQUEST = re.compile(
    r"\b(\d+|one|two|five|ten|fifteen|twenty)\s+minutes?\b|\bone conversation\b", re.IGNORECASE
)


@pytest.fixture
def store(sample_dir: Path) -> Store:
    return Store(sample_dir)


@pytest.fixture
def plan(store: Store) -> Plan:
    return store.load_plan()


@pytest.fixture
def sessions(store: Store) -> list[Session]:
    return store.all_sessions()


def test_everything_loads_without_problems(store: Store, sample_dir: Path) -> None:
    plan = store.load_plan()
    sessions = store.all_sessions()
    outreach = store.list_outreach()
    store.list_reviews()
    assert store.problems == []
    assert plan.schema_version == SCHEMA_VERSION
    assert plan.profile.name and plan.profile.manager and plan.profile.private_names
    assert len(sessions) >= 8
    assert len(outreach) >= 3
    # nothing was set aside or migrated
    assert not (sample_dir / "corrupt").exists()
    assert not (sample_dir / "backups").exists()


def test_every_file_is_the_current_schema_version_and_pretty(sample_dir: Path) -> None:
    files = sorted(sample_dir.rglob("*.json"))
    assert files
    for path in files:
        text = path.read_text("utf-8")
        raw = json.loads(text)
        assert raw["schema_version"] == SCHEMA_VERSION, path.name
        assert text.startswith('{\n  "schema_version"'), f"{path.name} is not indent-2 JSON"
        assert text.endswith("}\n"), path.name


def test_three_mentors_with_the_expected_roles(plan: Plan) -> None:
    assert len(plan.mentors) == 3
    active = [m for m in plan.mentors if m.status == "active"]
    prospects = [m for m in plan.mentors if m.status == "prospect"]
    assert len(active) == 2
    assert len(prospects) == 1
    assert {m.relation for m in active} == {"internal", "external"}
    for m in plan.mentors:
        assert m.support_areas, m.id
        assert set(m.support_areas) <= set(SUPPORT_AREAS)


def test_internal_mentor_is_in_the_last_month_with_objectives_met(
    plan: Plan, sessions: list[Session]
) -> None:
    internal = next(m for m in plan.mentors if m.relation == "internal")
    assert internal.term_start is not None and internal.term_months == 6
    end = internal.term_end()
    assert end is not None and TODAY < end <= TODAY + dt.timedelta(days=31)
    assert internal.next_meeting is not None and TODAY < internal.next_meeting <= end
    objectives = plan.objectives_for(internal.id)
    assert len(objectives) == 2
    for o in objectives:
        assert o.status == "met" and o.met_on is not None and o.evidence, o.id
    mine = [s for s in sessions if s.mentor == internal.id]
    assert len(mine) == 6
    assert all(s.action_items and s.objective_progress for s in mine)
    latest = mine[-1]
    assert [q.resolved for q in latest.questions].count(False) == 1
    assert 1 <= sum(not a.done for a in latest.action_items) <= 2
    for s in mine[:-1]:
        assert all(a.done and a.done_on for a in s.action_items), s.id
        assert all(q.resolved and q.answer for q in s.questions), s.id


def test_external_mentor_drifts_into_coffee_talk(plan: Plan, sessions: list[Session]) -> None:
    external = next(m for m in plan.mentors if m.relation == "external" and m.status == "active")
    mine = [s for s in sessions if s.mentor == external.id]
    assert len(mine) == 4
    first, *recent = mine
    assert first.action_items and first.objective_progress
    assert [s.date.month for s in recent] == [9, 10, 11]
    for s in recent:
        assert not s.action_items and not s.objective_progress, s.id
        assert len(s.questions) <= 1, s.id
        assert s.notes, s.id
    assert all(o.status == "open" for o in plan.objectives_for(external.id))
    assert external.next_meeting is not None and external.next_meeting.month == 12


def test_prospect_has_no_term_and_no_sessions(plan: Plan, sessions: list[Session]) -> None:
    prospect = next(m for m in plan.mentors if m.status == "prospect")
    assert prospect.term_start is None
    assert prospect.recommended_by and prospect.notes
    assert prospect.levels_above == 3
    assert not [s for s in sessions if s.mentor == prospect.id]


def test_objectives_and_team_coverage(plan: Plan) -> None:
    assert len(plan.objectives) == 4
    assert plan.reminder_days == 10
    ids = {m.id for m in plan.mentors}
    for o in plan.objectives:
        assert o.why and o.done_when, o.id
        assert set(o.mentors) <= ids, o.id
    covered = {a for m in plan.mentors for a in m.support_areas}
    gaps = set(SUPPORT_AREAS) - covered
    assert covered and gaps  # the Team screen has both coverage and a named gap


def test_sessions_reference_the_plan(plan: Plan, sessions: list[Session], sample_dir: Path) -> None:
    mentor_ids = {m.id for m in plan.mentors}
    objective_ids = {o.id for o in plan.objectives}
    for s in sessions:
        raw = json.loads((sample_dir / "sessions" / f"{s.id}.json").read_text("utf-8"))
        assert raw["id"] == s.id == f"{s.date.isoformat()}-{s.mentor}"
        assert s.mentor in mentor_ids, s.id
        assert 30 <= s.minutes <= 45, s.id
        assert s.date < TODAY, s.id
        assert {p.objective_id for p in s.objective_progress} <= objective_ids, s.id


def test_stored_agendas_fill_the_meeting(sessions: list[Session]) -> None:
    with_agenda = [s for s in sessions if s.agenda is not None]
    assert with_agenda
    for s in with_agenda:
        assert s.agenda is not None
        assert s.agenda.engine == "offline"
        assert s.agenda.mentor == s.mentor
        assert s.agenda.minutes == s.minutes
        assert sum(i.minutes for i in s.agenda.items) == s.minutes, s.id


def test_outreach_follows_the_rules(store: Store, plan: Plan) -> None:
    drafts = {o.outreach_kind: o for o in store.list_outreach()}
    assert {"first-request", "recommendation", "follow-up"} <= set(drafts)
    for o in drafts.values():
        text = f"{o.subject}\n{o.body}\n{o.ask}"
        assert not MENTOR_WORDS.search(text), o.id
        assert len(o.body.split()) <= 120, o.id
        assert o.body.count("?") == 1, o.id  # exactly one ask
        assert TIME_REQUEST.search(o.body), o.id
        if o.channel == "email":
            assert 3 <= len(o.subject.split()) <= 6, o.id

    first = drafts["first-request"]
    prospect = next(m for m in plan.mentors if m.status == "prospect")
    assert first.status == "draft" and first.mentor == prospect.id

    rec = drafts["recommendation"]
    assert rec.status == "sent" and rec.answered_on is None
    assert rec.sent_on is not None
    assert (TODAY - rec.sent_on).days > plan.reminder_days  # shows as a reminder

    follow = drafts["follow-up"]
    assert follow.status == "answered" and follow.answered_on is not None


def test_one_mentor_has_a_booked_meeting_with_time_and_length(plan: Plan) -> None:
    booked = [m for m in plan.mentors if m.next_meeting_time is not None]
    assert len(booked) == 1
    m = booked[0]
    assert m.next_meeting is not None and m.next_meeting >= TODAY
    assert m.next_meeting_minutes is not None
    assert plan.profile.name and plan.profile.title
    # The active mentors' history tells how they got there, along the lifecycle.
    for mentor in plan.mentors:
        if mentor.status == "active":
            assert [c.status for c in mentor.status_history] == ["asked", "active"]


def test_the_review_tells_the_story(sample_dir: Path) -> None:
    """What `prepcoach review --offline --today 2026-11-25` says about the sample."""
    from prepcoach.services import Services
    from prepcoach.settings import load_settings

    svc = Services(load_settings(data=sample_dir, offline=True), Store(sample_dir))
    recs = {r.mentor: r for r in svc.review(today=dt.date(2026, 11, 25))}
    priya, marcus, elena = recs["priya-raman"], recs["marcus-bell"], recs["elena-sorensen"]
    assert priya.recommendation == "loosen" and priya.drift_sessions == 0
    assert (priya.meetings_held, priya.meetings_expected) == (6, 6)
    assert "The most recent meeting moved an objective forward or set actions." in priya.reasons
    assert marcus.recommendation == "move_on" and marcus.drift_sessions == 3
    assert (
        "Your last 3 meetings with Marcus had no objective progress and no new action items."
        in marcus.reasons
    )
    assert not any("book" in s for s in marcus.reasons + priya.reasons)
    assert elena.recommendation == "continue" and elena.meetings_held == 0
    assert any("drafts sent 2026-11-20-elena-sorensen-first-request" in s for s in elena.reasons)
    # the prospect is told nothing from the plan (the user's career decision is private)
    assert "again" not in elena.message.lower()
    assert "CTO" not in elena.message and "VP Eng" not in elena.message
