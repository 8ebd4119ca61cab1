"""A user template (<config dir>/prompts/) cannot reach Python internals: every escape
attempt fails with a clear error naming the template, exit 2, and has no side effect."""

from __future__ import annotations

from pathlib import Path

import pytest
from faults.helpers import TODAY, copy_sample

from prepcoach.cli import main

ATTEMPTS = {
    "mro subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler globals": "{{ cycler.__init__.__globals__ }}",
    "joiner globals": "{{ joiner.__init__.__globals__.os.system('touch {marker}') }}",
    "lipsum globals": "{{ lipsum.__globals__['os'].system('touch {marker}') }}",
    "namespace init": "{{ namespace.__init__.__globals__ }}",
    "self reference": "{{ self.__init__.__globals__ }}",
    "range internals": "{{ range.__init__.__globals__ }}",
    "private name": "{{ mentor._private }}",
    "dunder dict": "{{ mentor.__dict__ }}",
    "format string": "{{ '{0.__class__.__base__.__subclasses__}'.format(1) }}",
    "attr filter": "{{ ()|attr('__class__')|attr('__base__') }}",
    "func code": "{{ lipsum.__code__ }}",
    "config import": "{% import 'os' as os %}{{ os }}",
    "include outside": "{% include '../../../../etc/passwd' %}",
    "unknown global": "{{ request.application.__globals__ }}",
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "data")


@pytest.mark.parametrize("name", list(ATTEMPTS))
def test_sandbox_escape_fails_clearly(
    name: str, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = tmp_path / "pwned"
    prompts = tmp_path / "config" / "prompts"  # PREPCOACH_CONFIG_DIR is tmp_path/config
    prompts.mkdir(parents=True)
    template = prompts / "agenda.user.j2"
    source = "Prepare for {{ mentor.name }}.\n" + ATTEMPTS[name].replace("{marker}", str(marker))
    template.write_text(source)
    for argv in (
        # --minutes: no "as booked" note beside the one error line
        ["prompts", "render", "agenda", "--mentor", "priya", "--minutes", "45"],
        ["agenda", "--mentor", "priya", "--dry-run", "--minutes", "45"],
    ):
        code = main([*argv, "--today", TODAY, "--data", str(data)])
        out, err = capsys.readouterr()
        assert code == 2, (name, out[-500:], err)
        lines = [ln for ln in err.splitlines() if ln.startswith("prepcoach:")]
        assert len(lines) == 1 and "Traceback" not in err, err
        assert "agenda.user.j2" in lines[0], lines[0]
        assert "line 2" in lines[0] or "not found" in lines[0], lines[0]
        for leak in ("<function", "<module", "<class", "__builtins__", "root:"):
            assert leak not in out + err, leak
    assert not marker.exists()
    assert template.read_text() == source


def test_a_harmless_user_template_still_renders(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prompts = tmp_path / "config" / "prompts"
    prompts.mkdir(parents=True)
    (prompts / "agenda.user.j2").write_text(
        '{% extends "default/agenda.user.j2" %}'
    )  # the documented way to customise
    code = main(["prompts", "render", "agenda", "--mentor", "priya", "--data", str(data)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Priya" in out
