"""`prepcoach prompts list|show|render` and broken user templates."""

from __future__ import annotations

import re

from cli.helpers import Q1, TODAY, run


def test_prompts_list_show_render(capsys, sample_dir, tmp_path):
    user = tmp_path / "config" / "prompts"
    user.mkdir(parents=True)
    (user / "review.user.j2").write_text('{% extends "default/review.user.j2" %}\n')
    code, out, _ = run(capsys, "prompts", "list")
    assert code == 0
    assert "agenda.system.j2" in out
    assert re.search(r"review\.user\.j2 +user \(overrides packaged\)", out)
    assert re.search(r"agenda\.user\.j2 +packaged", out)
    code, out, err = run(capsys, "prompts", "show", "default/agenda.user.j2")
    assert code == 0 and "{% block questions %}" in out and "packaged" in err
    code, out, _ = run(
        capsys,
        "prompts",
        "render",
        "agenda",
        "--data",
        str(sample_dir),
        "--mentor",
        "Priya",
        "--question",
        Q1,
        *TODAY,
    )
    assert code == 0 and "----- system -----" in out and Q1 in out and "Nothing was sent" in out


def test_broken_user_template_is_exit_2_naming_file_and_line(capsys, sample_dir, tmp_path):
    user = tmp_path / "config" / "prompts"
    user.mkdir(parents=True)
    (user / "agenda.user.j2").write_text("Hello\n{{ mentor.name }\n")
    code, _, err = run(
        capsys, "agenda", "--data", str(sample_dir), "--mentor", "Priya", "--dry-run", *TODAY
    )
    assert code == 2 and "agenda.user.j2, line 2" in err and "syntax error" in err


def test_prompts_show_takes_short_names(capsys):
    code, out, err = run(capsys, "prompts", "show", "agenda")
    assert code == 0
    assert out.startswith("----- agenda.system.j2 -----\n")
    assert "\n----- agenda.user.j2 -----\n" in out and "{% block questions %}" in out
    assert "agenda.system.j2: packaged" in err and "agenda.user.j2: packaged" in err
    code, out, _ = run(capsys, "prompts", "show", "agenda.user")
    assert code == 0 and out.startswith("{#") and "-----" not in out
    code, out, err = run(capsys, "prompts", "show", "wind-down")
    assert code == 0 and "outreach-wind-down.j2" in err
    code, out, _ = run(capsys, "prompts", "show", "default/review")
    assert code == 0 and "----- default/review.system.j2 -----" in out


def test_prompts_show_ambiguous_and_unknown_names(capsys):
    code, out, err = run(capsys, "prompts", "show", "repair")
    assert code == 2 and out == ""
    assert "outreach.repair.j2" in err and "review.repair.j2" in err and "several" in err
    code, out, err = run(capsys, "prompts", "show", "agnda")
    assert code == 2 and 'Did you mean "agenda"' in err
