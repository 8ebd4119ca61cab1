"""Hostile text through the store (JSON round trip unchanged), prompt rendering (user text
comes out literally, never evaluated) and the outreach linter (never crashes)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from badinput.strategies import NASTY, ONE_MB, hostile, unicode_text
from prepcoach.lint import Violation, lint_outreach
from prepcoach.models import (
    ActionItem,
    Mentor,
    Objective,
    OutreachDraft,
    Plan,
    Question,
    ReviewRecord,
    Session,
)
from prepcoach.services import sample_contexts
from prepcoach.store import Store
from prepcoach.templating import Prompts

SETTINGS = settings(max_examples=30, deadline=None)
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
# Everything JSON can carry in a str field, NUL included (argv cannot, files can).
any_text = st.one_of(hostile, st.text(alphabet=st.characters(blacklist_categories=("Cs",))))


@SETTINGS
@given(
    texts=st.lists(any_text, min_size=6, max_size=6),
    day=dates,
    due=st.none() | dates,
)
@example(texts=[ONE_MB, *NASTY[:5]], day=dt.date(1, 1, 1), due=dt.date(9999, 12, 31))
@example(texts=[""] * 6, day=dt.date(2024, 2, 29), due=None)
def test_every_file_kind_round_trips_through_json_unchanged(texts, day, due) -> None:
    a, b, c, d, e, f = texts
    plan = Plan(
        mentors=[Mentor(id="m", name=a if a.strip() else "x", title=b, notes=c, term_start=day)],
        objectives=[Objective(id="o", title=d, done_when=e, why=f, support_area="scope")],
    )
    plan.profile.private_names = [a, b]
    session = Session(
        mentor="m",
        date=day,
        accomplishments=[a, b],
        questions=[Question(text=c, answer=d)],
        action_items=[ActionItem(text=e, due=due)],
        notes=f,
    )
    draft = OutreachDraft(to=a, ask=b, subject=c, body=d, created=day, violations=[e, f])
    review = ReviewRecord(
        mentor="m", date=day, recommendation="continue", reasons=[a, b, c], message=d
    )
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "d")
        store.save_plan(plan)
        session = store.save_session(session)
        draft = store.save_outreach(draft)
        review = store.save_review(review)

        again = Store(Path(tmp) / "d")
        assert again.load_plan() == plan
        assert again.load_session(session.id) == session
        assert again.list_outreach() == [draft]
        assert again.list_reviews() == [review]
        assert [s.id for s in again.list_sessions()] == [session.id]
        assert again.problems == []


def _render_with(text: str) -> str:
    """Render every job's messages with ``text`` in every user-supplied field."""
    out = []
    prompts = Prompts(None)
    ctxs = sample_contexts()
    agenda = ctxs["agenda"]
    agenda["accomplishments"] = [text]
    agenda["questions"] = [text, "plain"]
    agenda["profile"] = {**agenda["profile"], "name": text}
    agenda["mentor"] = {**agenda["mentor"], "name": text, "notes": text}
    agenda["objectives"] = [{**agenda["objectives"][0], "title": text, "done_when": text}]
    agenda["history"] = [{**agenda["history"][0], "text": text}]
    agenda["carried_over"] = [{**agenda["carried_over"][0], "text": text}]
    outreach = ctxs["outreach"]
    outreach["ask"] = text
    outreach["context"] = text
    outreach["to"] = {**outreach["to"], "name": text, "title": text}
    review = ctxs["review"]
    review["review"] = {**review["review"], "reasons": [text]}
    review["history"] = [{**review["history"][0], "text": text}]
    for job, ctx in (("agenda", agenda), ("outreach", outreach), ("review", review)):
        out += [m["content"] for m in prompts.messages(job, ctx)]
    out.append(prompts.render("outreach.repair.j2", outreach))
    return "\n".join(out)


@SETTINGS
@given(text=hostile)
@example(text="{{ 7*7 }}")
@example(text="{% for x in range(3) %}LOOP{% endfor %}")
@example(text="{{ ''.__class__.__mro__[1].__subclasses__() }}")
@example(text="{{ cycler.__init__.__globals__.os }}")
@example(text="{% raw %}{{ 7*7 }}{% endraw %}")
def test_user_text_in_prompts_is_literal_never_evaluated(text: str) -> None:
    rendered = _render_with(text)
    if text.strip():
        assert text.strip() in rendered
    if "{{ 7*7 }}" in text:
        assert "49" not in rendered.replace(text, "")
    if "LOOP" in text:
        assert "LOOPLOOP" not in rendered


def test_a_megabyte_of_jinja_in_a_question_stays_text() -> None:
    rendered = _render_with(ONE_MB)
    assert ONE_MB.strip() in rendered
    assert "49" not in rendered.replace(ONE_MB.strip(), "")


@SETTINGS
@given(
    body=any_text,
    subject=st.none() | unicode_text,
    channel=st.sampled_from(["email", "linkedin", "slack"]),
    kind=st.sampled_from(["first-request", "recommendation", "renewal", "wind-down", "follow-up"]),
)
@example(body=ONE_MB, subject="{{ 7*7 }}", channel="email", kind="first-request")
@example(body="", subject="", channel="slack", kind="follow-up")
@example(body="\x1b[2J[bold]mentor[/]?", subject=None, channel="linkedin", kind="renewal")
def test_lint_never_crashes_and_returns_violations(body, subject, channel, kind) -> None:
    got = lint_outreach(body, channel=channel, kind=kind, subject=subject)
    assert isinstance(got, list)
    assert all(isinstance(v, Violation) and v.rule and v.reason for v in got)
