"""--dry-run sends nothing; doctor against the real server."""

from __future__ import annotations

import re

import pytest

from integration.harness import TODAY, Run

DRY_RUNS = {
    "agenda": ["agenda", "--mentor", "Marcus", "--question", "What should I ask for?"],
    "review": ["review", "--mentor", "Priya"],
    "outreach": ["outreach", "--to", "Sam Okafor", "--ask", "how you ran the reorg"],
}


@pytest.mark.parametrize("job", sorted(DRY_RUNS))
def test_dry_run_sends_nothing(job: str, server_8k, cli):
    run = cli(server_8k, *DRY_RUNS[job], "--today", TODAY, "--dry-run", "--redact")
    assert run.code == 0, run.explain()
    assert run.requests == [], run.explain()
    assert "Nothing was sent" in run.stdout, run.stdout[:500]


@pytest.fixture(scope="module")
def doctor(server_8k, cli) -> Run:
    return cli(server_8k, "doctor")


def test_doctor_passes_against_the_real_server(doctor: Run):
    assert doctor.code == 0, doctor.explain()
    assert "FAIL" not in doctor.stdout, doctor.stdout
    assert doctor.requests, "doctor did not contact the server.\n" + doctor.explain()


def test_doctor_counts_the_templates(doctor: Run):
    line = next((ln for ln in doctor.stdout.splitlines() if "prompts:" in ln), "")
    assert re.search(r"^\s*ok\s+prompts: [1-9][0-9]* templates", line), doctor.stdout


def test_doctor_names_the_structured_output_the_server_takes(doctor: Run):
    """llama-cpp-python takes json_object with a schema, not json_schema."""
    assert "json_object" in doctor.stdout, doctor.stdout


def test_doctor_says_a_local_model_costs_nothing(doctor: Run):
    out = doctor.stdout.lower()
    assert "no price" not in out and "costs show as unknown" not in out, doctor.stdout
    assert "no cost" in out, doctor.stdout
