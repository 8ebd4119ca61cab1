"""A filled-in prompt context per job, for checking templates (`doctor`) and tests."""

from __future__ import annotations

import datetime as dt

from prepcoach.models import Mentor, Objective, Plan, ReviewRecord, Session
from prepcoach.services.prompt_context import (
    mentor_context,
    objective_context,
    profile_context,
    session_text,
)


def sample_contexts() -> dict[str, dict[str, object]]:
    """A filled-in context per job, for checking templates (`doctor`) and tests."""
    mentor = Mentor(
        id="sam-lee",
        name="Sam Lee",
        title="VP Engineering",
        organisation="Example Co",
        support_areas=["scope", "politics"],
        term_start=dt.date(2026, 1, 5),
        next_meeting=dt.date(2026, 3, 2),
        status="active",
    )
    objective = Objective(
        id="own-budget",
        title="Run the budget cycle myself",
        done_when="Plan accepted without rewrites",
        support_area="scope",
        mentors=["sam-lee"],
    )
    plan = Plan(mentors=[mentor], objectives=[objective])
    plan.profile.name = "Alex Doe"
    session = Session(
        mentor="sam-lee",
        date=dt.date(2026, 2, 2),
        accomplishments=["Shipped the cache"],
    )
    history = [{"id": "s1", "date": "2026-02-02", "text": session_text(session)}]
    base: dict[str, object] = {
        "profile": profile_context(plan),
        "mentor": mentor_context(mentor),
        "objectives": [objective_context(objective)],
        "today": "2026-02-20",
        "history": history,
        "history_omitted": 0,
    }
    from prepcoach.lint import RULES, WORD_LIMITS

    return {
        "agenda": {
            **base,
            "minutes": 45,
            "accomplishments": ["Shipped the cache"],
            "questions": ["How do I defend the headcount ask?"],
            "carried_over": [
                {
                    "kind": "open question",
                    "text": "Who decides the roadmap?",
                    "source": "2026-02-02 session",
                    "owner": "me",
                    "objective_id": None,
                }
            ],
            "carried_omitted": 0,
            "term_close": None,
            "moment": {
                "kind": "midpoint",
                "name": "meeting nearest the term's middle",
                "label": "midpoint: check progress",
                "title": "Progress check: halfway through the term",
                "lines": [
                    "For each open objective: how far is it from done?",
                    "- Defend the headcount ask. Done when: Finance signs off.",
                    "What would change course: re-aim an objective, drop one, or ask for "
                    "other help?",
                ],
                "drift": "",
            },
        },
        "outreach": {
            **base,
            "kind": "first-request",
            "channel": "email",
            "word_limit": WORD_LIMITS["email"],
            "rules": [{"name": n, "description": d} for n, d in RULES],
            "to": {"name": "Sam Lee", "title": "VP Engineering", "organisation": "Example Co"},
            "ask": "how to defend a headcount ask",
            "context": "",
            "violations": [{"rule": "length", "reason": "too long"}],
            "attempt": 2,
            "max_attempts": 3,
        },
        "review": {
            **base,
            "review": ReviewRecord(
                mentor="sam-lee",
                date=dt.date(2026, 2, 20),
                recommendation="continue",
                reasons=["Month 2 of 6; objectives open."],
                term_month=2,
            ).model_dump(mode="json"),
            "message_kind": "follow-up",
            "message_goal": "be a short note: thanks for the last meeting, what I did with "
            "their advice, and what I will bring next time. No new request.",
        },
    }
