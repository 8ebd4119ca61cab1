"""The sense gate on a model's agenda prose: each check on its own, then a weak model's
agenda through the services against the loopback server, where the nonsense parts take the
offline composer's wording and each replacement is listed in ``problems``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fakeserver import FakeOpenAI

from prepcoach.agenda.shapes import find_moment_item
from prepcoach.engines.llm.sense import nonsense
from prepcoach.engines.offline import agenda_summary, compose_agenda
from prepcoach.services import AgendaRequest, Services
from prepcoach.settings import load_settings
from prepcoach.store import Store

TODAY = dt.date(2026, 11, 25)
TITLE = "Wrap-up: what this term achieved"
INPUTS = ["Look back on the term together.", "Run the FY27 Platform budget cycle myself"]


@pytest.mark.parametrize(
    ("detail", "why"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("1234 5678 !!!", "no words"),
        ("Wrap-up: what this term achieved.", "repeats the title"),
        ("{{ moment.lines }}", "template"),
        ("<|im_start|>assistant budget", "template"),
        ("Detail: look back on the budget", "template"),
        ("the the the the the the budget the", "repeats one word"),
        ("xq7#@!%z budget %%%%%%%% &&&&& ****", "not words"),
        ("budgetbudgetbudgetbudgetbudgetbudgetbudget", "not words"),
        ("Оглянуться на бюджет и итоги срока", "another script"),
        ("Bananas are a good source of potassium.", "shares no word"),
    ],
)
def test_nonsense_is_named(detail, why):
    found = nonsense(detail, TITLE, INPUTS)
    assert found is not None and why in found


@pytest.mark.parametrize(
    "detail",
    [
        "Look back together: the FY27 budget cycle ran without me in every review.",
        "What changed this term, and what I would do differently next time.",
        "- Met: Run the FY27 Platform budget cycle myself\n- Open: the migration hand-off",
    ],
)
def test_sensible_prose_passes(detail):
    assert nonsense(detail, TITLE, INPUTS) is None


def _services(sample_dir: Path) -> Services:
    return Services(load_settings(data=sample_dir), Store(sample_dir))


Q1 = "How do I hand the budget process to my new finance partner?"


def test_a_weak_models_prose_gives_way_to_the_offline_wording(llm_env, sample_dir):
    # Priya: the last meeting of her term, so the agenda needs a wrap-up.
    weak = {
        "summary": "Привет мир как дела сегодня",
        "items": [
            {"title": Q1, "minutes": 20, "kind": "question", "detail": "zzz zzz",
             "objective_id": None},
            {"title": TITLE, "minutes": 10, "kind": "objective",
             "detail": "asdf qwer asdf qwer asdf qwer asdf", "objective_id": None},
            {"title": "Close", "minutes": 5, "kind": "close", "detail": "{{ close.detail }}",
             "objective_id": None},
        ],
    }  # fmt: skip
    llm_env.push(FakeOpenAI.json(weak))
    svc = _services(sample_dir)
    req = AgendaRequest(mentor="Priya", questions=[Q1], minutes=45, today=TODAY)
    res = svc.agenda(req)
    offline = compose_agenda(svc.agenda_job.setup(req, prompt=False).inp)
    items = res.agenda.items
    wrap = items[find_moment_item(items, "last") or 0]
    want = offline.items[find_moment_item(offline.items, "last") or 0]
    assert wrap.title == TITLE and wrap.detail == want.detail
    close = next(it for it in items if it.kind == "close")
    assert close.detail == next(it.detail for it in offline.items if it.kind == "close")
    assert res.agenda.summary == agenda_summary(svc.agenda_job.setup(req, prompt=False).inp, items)
    assert res.agenda.engine == "llm"
    said = [p for p in res.problems if "made no sense" in p]
    assert len(said) == 3, res.problems
    assert any(TITLE in p and "repeats one word" in p for p in said)
    assert any("'Close'" in p and "template" in p for p in said)
    assert any("summary" in p and "another script" in p for p in said)
    # the user's own question keeps whatever the model wrote with it
    question = next(it for it in items if it.title == Q1)
    assert "prepcoach's wording" not in question.detail


def test_sensible_model_prose_is_kept(llm_env, sample_dir):
    good_wrap = "Look back on the term: the FY27 budget cycle, and what to carry on alone."
    reply = {
        "summary": "The last meeting of the term: look back on the budget cycle and the close.",
        "items": [
            {"title": Q1, "minutes": 20, "kind": "question", "detail": "", "objective_id": None},
            {"title": TITLE, "minutes": 10, "kind": "objective", "detail": good_wrap,
             "objective_id": None},
            {"title": "Close", "minutes": 5, "kind": "close",
             "detail": "Agree on action items and a lighter touch after the term ends.",
             "objective_id": None},
        ],
    }  # fmt: skip
    llm_env.push(FakeOpenAI.json(reply))
    req = AgendaRequest(mentor="Priya", questions=[Q1], minutes=45, today=TODAY)
    res = _services(sample_dir).agenda(req)
    assert not [p for p in res.problems if "made no sense" in p]
    assert any(good_wrap in it.detail for it in res.agenda.items)


def _reply(summary: str, *extra: dict) -> dict:
    """A model agenda for Priya's last meeting: the user's question, the wrap-up, a close,
    and ``extra`` items."""
    return {
        "summary": summary,
        "items": [
            {"title": Q1, "minutes": 20, "kind": "question", "detail": "", "objective_id": None},
            {"title": TITLE, "minutes": 10, "kind": "objective",
             "detail": "Look back on the term: the FY27 budget cycle, and what comes next.",
             "objective_id": None},
            *extra,
            {"title": "Close", "minutes": 5, "kind": "close",
             "detail": "Agree on action items and a lighter touch after the term ends.",
             "objective_id": None},
        ],
    }  # fmt: skip


GOOD_SUMMARY = "The last meeting of the term: look back on the budget cycle and the close."


def _agenda(llm_env, sample_dir, reply):
    llm_env.push(FakeOpenAI.json(reply))
    req = AgendaRequest(mentor="Priya", questions=[Q1], minutes=45, today=TODAY)
    return _services(sample_dir).agenda(req)


def test_an_item_about_nothing_in_the_meeting_is_left_out_and_said(llm_env, sample_dir):
    made_up = [
        {"title": "Mentor-10: the last meetmnts", "minutes": 5, "kind": "carried_over",
         "detail": "Stories of friends and family members in a non-profit organization.",
         "objective_id": None},
        {"title": "", "minutes": 3, "kind": "opening", "detail": "Endnotes in your lifetime.",
         "objective_id": None},
    ]  # fmt: skip
    res = _agenda(llm_env, sample_dir, _reply(GOOD_SUMMARY, *made_up))
    titles = [it.title for it in res.agenda.items]
    assert "Mentor-10: the last meetmnts" not in titles and "" not in titles
    assert not any("non-profit" in it.detail for it in res.agenda.items)
    said = [p for p in res.problems if "held nothing of this meeting" in p]
    assert len(said) == 1 and "'Mentor-10: the last meetmnts', (untitled)" in said[0], said
    assert Q1 in titles and TITLE in titles  # what ties to the meeting stays
    assert sum(it.minutes for it in res.agenda.items) == 45


def test_an_item_about_the_users_topics_is_kept(llm_env, sample_dir):
    extra = {
        "title": "Handing over the budget process", "minutes": 5, "kind": "opening",
        "detail": "Who owns the FY27 budget cycle after the term.", "objective_id": None,
    }  # fmt: skip
    res = _agenda(llm_env, sample_dir, _reply(GOOD_SUMMARY, extra))
    assert "Handing over the budget process" in [it.title for it in res.agenda.items]
    assert not [p for p in res.problems if "held nothing" in p or "made no sense" in p]


def test_an_agenda_of_nothing_but_made_up_items_gives_the_offline_agenda(llm_env, sample_dir):
    junk = {
        "summary": "Bananas.",
        "items": [
            {"title": "Potassium sources", "minutes": 10, "kind": "question",
             "detail": "Bananas, lentils and spinach.", "objective_id": None},
        ],
    }  # fmt: skip
    from prepcoach.engines.llm import notices

    before = len(notices.NOTES)
    res = _agenda(llm_env, sample_dir, junk)
    assert res.agenda.engine == "offline"
    said = notices.NOTES[before:]
    assert any("nothing of this meeting" in n and "offline composer" in n for n in said), said
    assert Q1 in [it.title for it in res.agenda.items]


@pytest.mark.parametrize(
    ("summary", "why"),
    [
        ("Mentoring term: 2027-11-30, end of 2026-5-4. Look back on the budget.", "date"),
        ("Why do you want to meet Priya?", "asks a question"),
        (
            "Friends, family members, founders, endnotes, lifetimes and a non-profit budget.",
            "mostly",
        ),
    ],
)
def test_a_summary_that_misleads_gives_way_to_the_offline_one(llm_env, sample_dir, summary, why):
    res = _agenda(llm_env, sample_dir, _reply(summary))
    assert summary not in res.agenda.summary
    assert any("summary" in p and why in p for p in res.problems), res.problems


def test_prepcoachs_summary_counts_the_final_agendas_minutes(llm_env, sample_dir):
    # A weak model: its own opening items, a question left out, time boxes adding up to
    # far more than the meeting, and a summary that says nothing. The summary put in its
    # place must give the minutes the agenda finally has, not the offline agenda's.
    reply = {
        "summary": "Why do you want to meet Priya?",
        "items": [
            {"title": f"How should I ask about the budget cycle, part {n}?", "minutes": 90,
             "kind": "opening", "detail": "The budget cycle, the term.", "objective_id": None}
            for n in range(1, 5)
        ],
    }  # fmt: skip
    res = _agenda(llm_env, sample_dir, reply)
    items = res.agenda.items
    question = [it.minutes for it in items if it.kind == "question" and it.title == Q1]
    assert question, [it.title for it in items]
    assert f"1 question ({sum(question)} min)" in res.agenda.summary, res.agenda.summary
    assert sum(it.minutes for it in items) == 45


def test_prepcoachs_summary_keeps_the_note_on_too_little_time(llm_env, sample_dir):
    questions = [Q1, "How do I say no to the Q1 date?", "Who owns the rollout?", "What next?",
                 "Who covers the budget review?", "When do I hand over the cycle?"]  # fmt: skip
    reply = {
        "summary": "Why do you want to meet Priya?",
        "items": [{"title": q, "minutes": 2, "kind": "question", "detail": "",
                   "objective_id": None} for q in questions],
    }  # fmt: skip
    llm_env.push(FakeOpenAI.json(reply))
    req = AgendaRequest(mentor="Priya", questions=questions, minutes=10, today=TODAY)
    res = _services(sample_dir).agenda(req)
    assert any("summary" in p for p in res.problems), res.problems
    assert "do not fit 10 minutes" in res.agenda.summary, res.agenda.summary


def test_a_summary_naming_the_meetings_own_dates_is_kept(llm_env, sample_dir):
    res = _agenda(llm_env, sample_dir, _reply(GOOD_SUMMARY))
    assert res.agenda.summary.startswith(GOOD_SUMMARY)
    assert not [p for p in res.problems if "summary" in p]


def test_dates_are_compared_in_one_form():
    text = "Since {} we look back on the budget cycle and the term."
    assert nonsense(text.format("2026-5-4"), TITLE, [*INPUTS, "2026-05-04"]) is None
    found = nonsense(text.format("2026-05-05"), TITLE, [*INPUTS, "2026-05-04"])
    assert found is not None and "2026-05-05" in found


def test_a_message_echoing_the_prompts_data_is_a_sense_violation():
    from prepcoach.engines.llm.sense import message_sense

    found = message_sense("Decision: move_on", "Hi Marcus, (Message Kind) 2026-12-07.", "Marcus")
    assert [v.rule for v in found] == ["sense"] and "move_on" in found[0].reason
    unnamed = message_sense("Thanks", "Thank you for the last five months.", "Marcus Bell")
    assert [v.rule for v in unnamed] == ["sense"] and "Marcus" in unnamed[0].reason
    assert message_sense("Thanks", "Hi Marcus,\n\nThank you for the term.", "Marcus Bell") == []


def test_a_review_message_that_makes_no_sense_gives_the_offline_message(llm_env, sample_dir):
    echo = {"subject": "Decision: move_on", "message": "Decision, move_on (Message Kind)."}
    for _ in range(3):  # the first draft and both repairs
        llm_env.push(FakeOpenAI.json(echo))
    from prepcoach.engines.llm import notices

    before = len(notices.NOTES)
    records = _services(sample_dir).review("Marcus", today=TODAY)
    message = records[0].message
    assert "move_on" not in message and "Marcus" in message
    said = notices.NOTES[before:]
    assert any("(sense)" in n and "offline composer" in n for n in said), said
