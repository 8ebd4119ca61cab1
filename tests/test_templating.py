"""Prompt templates: sandboxed, strict, user folder shadows packaged, default/ prefix."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepcoach.services import sample_contexts
from prepcoach.templating import (
    REQUIRED,
    SUFFIX,
    Prompts,
    TemplateError,
    packaged_prompts_dir,
)


def test_packaged_templates_exist_for_every_job_and_render():
    p = Prompts(None)
    names = {i.name for i in p.list_templates()}
    for job in ("agenda", "outreach", "review"):
        assert f"{job}.system.j2" in names and f"{job}.user.j2" in names
    for kind in ("first-request", "recommendation", "renewal", "wind-down", "follow-up"):
        assert f"outreach-{kind}.j2" in names
    for job, ctx in sample_contexts().items():
        msgs = p.messages(job, ctx)
        assert [m["role"] for m in msgs] == ["system", "user"]
        assert all(m["content"].strip() for m in msgs)


def test_system_part_is_stable_across_requests():
    """Providers cache the prompt prefix: the system message must not depend on input."""
    p = Prompts(None)
    ctx = sample_contexts()["agenda"]
    other = {**ctx, "questions": ["Something else entirely?"], "minutes": 60, "today": "2027-01-01"}
    assert p.messages("agenda", ctx)[0] == p.messages("agenda", other)[0]


def test_user_text_is_never_template_source():
    p = Prompts(None)
    ctx = sample_contexts()["agenda"]
    ctx["questions"] = ["{{ 7*7 }} {% for x in range(3) %}x{% endfor %} {{ ''.__class__ }}"]
    user = p.messages("agenda", ctx)[1]["content"]
    assert "{{ 7*7 }}" in user and "49" not in user


def test_user_folder_shadows_and_can_extend_default(tmp_path: Path):
    user = tmp_path / "prompts"
    user.mkdir()
    (user / "agenda.user.j2").write_text(
        '{% extends "default/agenda.user.j2" %}\n'
        "{% block wins %}WINS HIDDEN BY MY TEMPLATE{% endblock %}\n"
    )
    p = Prompts(user)
    infos = {i.name: i for i in p.list_templates()}
    assert infos["agenda.user.j2"].origin == "user (overrides packaged)"
    assert infos["agenda.system.j2"].origin == "packaged"
    text = p.messages("agenda", sample_contexts()["agenda"])[1]["content"]
    assert "WINS HIDDEN BY MY TEMPLATE" in text
    assert "Questions I want to discuss" in text  # the rest comes from the packaged parent
    src, info = p.source("default/agenda.user.j2")
    assert info.path == packaged_prompts_dir() / "agenda.user.j2" and "{% block wins %}" in src


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("line one\n{% if %}\n", ["syntax error", "line 2"]),
        ("ok\n\n{{ no_such_variable }}\n", ["unknown variable", "line 3", "no_such_variable"]),
        ("{{ mentor.__class__.__mro__ }}\n", ["agenda.user.j2"]),
        ("a\n{{ ''.__class__.__subclasses__() }}\n", ["sandbox", "line 2"]),
    ],
)
def test_broken_user_template_names_file_and_line(tmp_path: Path, source, words):
    user = tmp_path / "prompts"
    user.mkdir()
    (user / "agenda.user.j2").write_text(source)
    p = Prompts(user)
    with pytest.raises(TemplateError) as err:
        p.messages("agenda", sample_contexts()["agenda"])
    msg = str(err.value)
    assert "agenda.user.j2" in msg
    for w in words:
        assert w in msg, msg
    assert err.value.exit_code == 2


def test_unknown_template_name_lists_known_ones():
    with pytest.raises(TemplateError) as err:
        Prompts(None).resolve("nope")
    assert "agenda.user.j2" in str(err.value)


def test_find_takes_short_names(tmp_path: Path) -> None:
    user = tmp_path / "prompts"
    user.mkdir()
    (user / "agenda.user.j2").write_text('{% extends "default/agenda.user.j2" %}\n')
    p = Prompts(user)
    assert [i.name for i in p.find("agenda")] == ["agenda.system.j2", "agenda.user.j2"]
    assert [i.origin for i in p.find("agenda")][1] == "user (overrides packaged)"
    assert [i.name for i in p.find("agenda.user")] == ["agenda.user.j2"]
    assert [i.name for i in p.find("agenda.user.j2")] == ["agenda.user.j2"]
    assert [i.name for i in p.find("default/agenda")] == [
        "default/agenda.system.j2",
        "default/agenda.user.j2",
    ]
    assert [i.name for i in p.find("wind-down")] == ["outreach-wind-down.j2"]
    assert [i.name for i in p.find("outreach.rep")] == ["outreach.repair.j2"]
    with pytest.raises(TemplateError) as exc:
        p.find("repair")
    assert "outreach.repair.j2" in exc.value.message and "review.repair.j2" in exc.value.message
    with pytest.raises(TemplateError) as exc:
        p.find("reveiw")
    assert 'Did you mean "review"' in exc.value.hint
    with pytest.raises(TemplateError) as exc:
        p.find("zzzz")
    assert "Known: agenda, outreach, review" in exc.value.hint


def test_review_prompt_states_the_decision_and_what_the_message_must_do() -> None:
    p = Prompts(None)
    ctx = sample_contexts()["review"]
    ctx = {**ctx, "message_goal": "close the regular meetings warmly."}
    ctx["review"] = {**ctx["review"], "recommendation": "move_on"}
    system, user = (m["content"] for m in p.messages("review", ctx))
    assert "Decision: move_on" in user
    assert "The message must close the regular meetings warmly." in user
    assert "decision move_on" in system and "decision loosen" in system


def _copy_packaged(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for src in packaged_prompts_dir().glob(f"*{SUFFIX}"):
        (dest / src.name).write_bytes(src.read_bytes())
    return dest


def test_templates_under_a_dot_folder_are_listed(tmp_path: Path):
    """A venv named `.venv`, pipx/uv under `~/.local`, the user folder under `~/.config`."""
    site = tmp_path / ".venv" / "lib" / "python3.11" / "site-packages"
    packaged = _copy_packaged(site / "prepcoach" / "prompts")
    user = tmp_path / ".config" / "prepcoach" / "prompts"
    user.mkdir(parents=True)
    (user / "review.user.j2").write_text('{% extends "default/review.user.j2" %}\n')
    p = Prompts(user, packaged_dir=packaged)
    infos = {i.name: i for i in p.list_templates()}
    assert set(infos) == {s.name for s in packaged_prompts_dir().glob(f"*{SUFFIX}")}
    assert infos["agenda.system.j2"].path == packaged / "agenda.system.j2"
    assert infos["review.user.j2"].origin == "user (overrides packaged)"
    assert p.resolve("agenda.user").path == packaged / "agenda.user.j2"
    assert [i.name for i in p.find("agenda")] == ["agenda.system.j2", "agenda.user.j2"]
    assert p.health().ok and p.health().count == len(infos)


def test_hidden_entries_inside_the_prompt_folder_stay_hidden(tmp_path: Path):
    user = tmp_path / ".config" / "prompts"
    (user / ".git").mkdir(parents=True)
    (user / ".git" / "agenda.user.j2").write_text("from git internals\n")
    (user / ".#agenda.system.j2").write_text("an editor lock file\n")
    (user / "mine.j2").write_text("mine\n")
    names = {i.name: i.origin for i in Prompts(user).list_templates()}
    assert names["mine.j2"] == "user"
    assert names["agenda.user.j2"] == names["agenda.system.j2"] == "packaged"
    assert not any(n.startswith(".") or "/." in n for n in names)


def test_health_fails_on_zero_or_missing_templates(tmp_path: Path):
    empty = tmp_path / ".venv" / "prompts"
    empty.mkdir(parents=True)
    health = Prompts(None, packaged_dir=empty).health()
    assert not health.ok and health.count == 0
    assert "0 templates" in health.message and str(empty) in health.message and health.hint
    partial = _copy_packaged(tmp_path / "partial")
    (partial / "review.repair.j2").unlink()
    health = Prompts(None, packaged_dir=partial).health()
    assert not health.ok and "review.repair.j2" in health.message
    good = Prompts(None).health()
    assert good.ok and good.count == len(REQUIRED) + 5 and "templates found" in good.message
