"""The review workflow on the command line: real processes, exit codes, no tracebacks."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.test_cli import run


def _ask(question: str) -> str:
    result = run("ask", "--json", question)
    assert result.returncode == 0, result.stderr
    log_id: str = json.loads(result.stdout)["log_id"]
    return log_id


def test_ask_logs_and_the_review_workflow_runs_end_to_end(tmp_path: Path) -> None:
    log_id = _ask("Mag ik Daan de Jong (06-12345678) uit 3B volgen op Instagram?")
    assert run("logs", "feedback", log_id, "--down", "--comment", "vaag").returncode == 0
    listed = run("logs", "list", "--feedback", "down", "--json")
    entries = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [e["id"] for e in entries] == [log_id]
    assert "Daan" not in listed.stdout and "12345678" not in listed.stdout
    reviewed = run("logs", "review", log_id[:12], "--reviewer", "rector", "--outcome", "correct")
    assert reviewed.returncode == 0, reviewed.stderr
    promoted = run("precedents", "promote", log_id, "--by", "rector")
    assert promoted.returncode == 0 and promoted.stdout.strip() == "L001"
    approved = run("precedents", "approve", "L001", "--by", "directeur")
    assert approved.returncode == 0 and "approved" in approved.stderr
    hits = run("retrieve", "--json", "-k", "8", "Mag ik een leerling volgen op Instagram?")
    assert "L001" in [h["id"] for h in json.loads(hits.stdout)]
    out = tmp_path / "log.csv"
    exported = run("logs", "export", "--format", "csv", "--out", str(out), "--reviewed")
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig")), delimiter=";"))
    assert [r["id"] for r in rows] == [log_id] and rows[0]["last_review"] == "correct by rector"
    shown = run("logs", "show", log_id)
    assert "review #1 correct by rector" in shown.stdout and "Traceback" not in shown.stderr


def test_bad_filters_and_unknown_ids_are_clear_errors() -> None:
    bad_date = run("logs", "list", "--since", "24-11-2026")
    assert bad_date.returncode == 2 and "is not a date" in bad_date.stderr
    assert "Traceback" not in bad_date.stderr
    order = run("logs", "list", "--since", "2026-11-24", "--until", "2026-11-01")
    assert order.returncode == 2 and "before --until" in order.stderr
    unknown = run("logs", "show", "deadbeefdeadbeef")
    assert unknown.returncode == 6 and "no logged answer" in unknown.stderr
    assert run("precedents", "approve", "L999", "--by", "x").returncode == 6


def test_a_database_that_is_gone_is_a_clear_error() -> None:
    gone = run("logs", "list", ADVISOR_DATABASE_URL="postgresql://postgres@127.0.0.1:9/none")
    assert gone.returncode == 6 and "cannot be used" in gone.stderr
    assert "Traceback" not in gone.stderr
    asked = run("ask", "Mag ik een leerling volgen op Instagram?",
                ADVISOR_DATABASE_URL="postgresql://postgres@127.0.0.1:9/none")  # fmt: skip
    assert asked.returncode == 6 and "Traceback" not in asked.stderr


def test_purge_uses_the_retention_setting_and_demo_answers_go_apart() -> None:
    _ask("Mag ik een leerling volgen op Instagram?")
    purged = run("logs", "purge", ADVISOR_LOG_RETENTION_DAYS="30")
    assert purged.returncode == 0 and "0 answers older than 30 days purged" in purged.stderr
    # The CLI's answers are real use: listed with or without the demo's, never removed.
    listed = run("logs", "list", "--include-demo", "--json")
    assert len(listed.stdout.splitlines()) == 1 and '"demo":false' in listed.stdout
    removed = run("logs", "remove-demo")
    assert removed.returncode == 0 and "0 demo answers removed" in removed.stderr


def test_a_correction_of_verdict_and_clauses_reaches_the_next_answer() -> None:
    """Leadership corrects an answer (2.5 decides, conditional), promotes and approves
    it: the same question then gets the school's decision, 2.5 first."""
    question = "Mag ik reageren op een ouder die mij op Facebook een bericht stuurt?"
    log_id = _ask(question)
    corrected = (
        "Reageer niet inhoudelijk via Facebook; nodig de ouder uit voor een gesprek op "
        "school en overleg met je leidinggevende."
    )
    reviewed = run(
        "logs", "review", log_id, "--reviewer", "rector", "--outcome", "needs_change",
        "--corrected-clauses", "2.5", "--corrected-verdict", "conditional",
        "--corrected-answer", corrected, "--title", "Bericht van een ouder op Facebook.",
    )  # fmt: skip
    assert reviewed.returncode == 0, reviewed.stderr
    assert "corrected clauses: 2.5" in run("logs", "show", log_id).stdout
    assert run("precedents", "promote", log_id, "--by", "rector").stdout.strip() == "L001"
    assert run("precedents", "approve", "L001", "--by", "directeur").returncode == 0
    again = run("ask", "--json", question)
    answer = json.loads(again.stdout)
    assert answer["verdict"] == "conditional"
    assert answer["citations"][0]["clause_id"] == "2.5"
    assert answer["precedents"][0]["id"] == "L001" and answer["precedents"][0]["decided_on"]
    assert "Besluit van de schoolleiding" in answer["answer"] and corrected in answer["answer"]
    # A typo in a clause id is a clear error, not a precedent citing nothing.
    typo = run("logs", "review", log_id, "--reviewer", "rector", "--outcome", "correct",
               "--corrected-clauses", "2.55")  # fmt: skip
    assert typo.returncode != 0 and "no article 2.55" in typo.stderr
