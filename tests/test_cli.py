"""The command line as a user meets it: real processes, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS_DIR


def run(*args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "advisor", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "ADVISOR_EMBEDDING_BACKEND": "none",
            "ADVISOR_CORPUS_DIR": str(CORPUS_DIR),
            **env,
        },
        timeout=120,
    )


def test_retrieve_json_follows_the_contract() -> None:
    result = run("retrieve", "--json", "-k", "4", "Mag ik mijn wachtwoord aan een collega geven?")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert len(hits) == 4
    for hit in hits:
        assert set(hit) == {"id", "kind", "score", "clause_ids"}
        assert hit["kind"] in {"clause", "precedent"}
        assert isinstance(hit["score"], float)
        if hit["kind"] == "clause":
            assert hit["clause_ids"] == [hit["id"]]
    assert "1.10" in [h["id"] for h in hits]


def test_retrieve_batch_prints_one_json_line_per_question() -> None:
    questions = "mag ik een leerling volgen op insta\ncan I share my password\n"
    result = run("retrieve", "--json", "--batch", "-", "-k", "2", stdin=questions)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert all(len(json.loads(line)) == 2 for line in lines)


def test_batch_with_a_bad_line_reports_it_in_place_and_fails() -> None:
    result = run("retrieve", "--json", "--batch", "-", stdin="mag dit?\n\nen dit?\n")
    assert result.returncode == 2
    lines = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert len(lines) == 3
    assert lines[1] == {"error": "the question is empty; type a question", "line": 2}


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "empty"),
        ("   \t ", "empty"),
        ("x" * 20_000, "20,000 characters"),
        ("mag ik\x07 dit", "control characters"),
    ],
)
def test_bad_questions_exit_non_zero_without_traceback(question: str, message: str) -> None:
    result = run("retrieve", question)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_broken_corpus_yaml_exits_non_zero_without_traceback(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, corpus)
    (corpus / "precedents" / "P001.yaml").write_text("id: P001\ntitle: [unclosed\n")
    result = run("retrieve", "mag dit?", ADVISOR_CORPUS_DIR=str(corpus))
    assert result.returncode == 3
    assert "P001.yaml" in result.stderr and "broken YAML" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_batch_file_is_a_clear_error(tmp_path: Path) -> None:
    result = run("retrieve", "--batch", str(tmp_path / "nope.txt"))
    assert result.returncode == 1
    assert "batch file not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_chat_answers_then_stops_on_an_empty_line() -> None:
    result = run("chat", stdin="mag ik mijn wachtwoord delen?\nen met mijn partner?\n\n")
    assert result.returncode == 0, result.stderr
    assert "1.10" in result.stdout
    assert result.stdout.count("Bespreek je situatie") == 2


def test_index_reports_the_corpus_version() -> None:
    result = run("index")
    assert result.returncode == 0, result.stderr
    assert "corpus " in result.stderr and "views" in result.stderr


def test_ask_json_follows_the_answer_contract() -> None:
    result = run("ask", "--json", "Mag ik mijn wachtwoord aan een collega geven?")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) == {
        "question", "language", "verdict", "answer", "citations", "precedents",
        "referral", "escalation", "engine", "corpus_version", "latency_ms", "log_id",
        "llm",
    }  # fmt: skip
    assert answer["llm"] is None  # no LLM involved
    assert answer["language"] == "nl"
    assert answer["verdict"] in {"allowed", "not_allowed", "conditional", "not_covered"}
    assert answer["referral"]
    assert all(set(c) == {"clause_id", "quote"} for c in answer["citations"])


def test_ask_batch_answers_each_line_in_order() -> None:
    questions = "Mag ik een leerling volgen op Instagram?\nCan I share my password?\n"
    result = run("ask", "--json", "--batch", "-", stdin=questions)
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [a["language"] for a in answers] == ["nl", "en"]


def test_ask_with_llm_engine_but_no_provider_is_a_clear_error() -> None:
    result = run("ask", "--engine", "llm", "Mag ik dit?")
    assert result.returncode == 5
    assert "ADVISOR_LLM_PROVIDER" in result.stderr
    assert "Traceback" not in result.stderr


def test_ask_prints_verdict_and_referral_as_text() -> None:
    result = run("ask", "Mag ik een vriendschapsverzoek van een leerling accepteren?")
    assert result.returncode == 0, result.stderr
    assert "leidinggevende" in result.stdout
    assert "■" in result.stdout
