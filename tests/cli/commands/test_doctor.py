"""`prepcoach doctor`: checks against a server, failures, warnings, broken config."""

from __future__ import annotations

import json

from cli.helpers import run


def test_doctor_ok_against_the_server(capsys, sample_dir, server):
    code, out, _ = run(capsys, "doctor", "--data", str(sample_dir))
    assert code == 0, out
    assert "api key: set (from env OPENAI_API_KEY)" in out
    assert '"gpt-4o-mini" is offered' in out and "sha256 verified" in out
    assert "3 mentors" in out


def test_doctor_fails_on_unknown_model_and_unreachable(capsys, sample_dir, server, monkeypatch):
    monkeypatch.setenv("PREPCOACH_MODEL", "no-such-model")
    code, out, _ = run(capsys, "doctor", "--data", str(sample_dir), "--format", "json")
    data = json.loads(out)
    assert code == 1 and not data["ok"]
    assert any(c["check"] == "model" and c["status"] == "fail" for c in data["checks"])
    server.close()
    code, out, _ = run(capsys, "doctor", "--data", str(sample_dir))
    assert code == 1 and "FAIL  endpoint" in out and "fix:" in out


def test_doctor_without_key_is_fine(capsys, tmp_path):
    code, out, _ = run(capsys, "doctor", "--data", str(tmp_path / "none"))
    assert code == 0 and "offline engine is used" in out


def test_doctor_names_a_broken_user_template_and_bad_config(capsys, tmp_path):
    cfg = tmp_path / "config"
    (cfg / "prompts").mkdir(parents=True)
    (cfg / "prompts" / "review.user.j2").write_text("hi\n{{ nope }}\n")
    code, out, _ = run(capsys, "doctor", "--data", str(tmp_path / "d"))
    assert code == 1
    assert "FAIL  prompts" in out and "review.user.j2, line 2" in out
    (cfg / "config.toml").write_text('model = "unterminated\n')
    code, out, _ = run(capsys, "doctor", "--data", str(tmp_path / "d"))
    assert code == 1 and "FAIL  config" in out and "not valid TOML" in out
    assert "FAIL  prompts" in out  # the other checks still ran


def test_doctor_counts_warnings_and_failures(capsys, sample_dir, tmp_path):
    sample_dir.chmod(0o700)
    for path in sample_dir.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)
    (sample_dir / "plan.json").chmod(0o644)  # readable by others: one warning
    code, out, _ = run(capsys, "doctor", "--data", str(sample_dir))
    assert code == 0
    assert "warn  file modes" in out
    assert out.rstrip().endswith("No failures; 1 warning: see the fixes above.")
    assert "All checks passed." not in out
    code, out, _ = run(capsys, "doctor", "--data", str(sample_dir), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["ok"] and data["warnings"] == 1 and data["failures"] == 0
    a_file = tmp_path / "not-a-dir"
    a_file.write_text("x")
    code, out, _ = run(capsys, "doctor", "--data", str(a_file))
    assert code == 1 and out.rstrip().endswith("1 check failed: see the fixes above.")


def test_doctor_all_clean(capsys, tmp_path):
    code, out, _ = run(capsys, "doctor", "--data", str(tmp_path / "none"))
    assert code == 0 and out.rstrip().endswith("All checks passed.")
