"""``advisor bench store``: a small fill on SQLite and PostgreSQL, every operation
timed, the rows written and the log's indexes there. No timing is asserted:
performance is shown by the benchmark's own output, not by timed tests."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from alembic import command
from rich.console import Console
from sqlalchemy import Engine, func, inspect, select

from advisor.bench.store import run_store_bench
from advisor.store.db import StoreError, alembic_config, make_engine
from advisor.store.schema import AnswerRow, CitationRow, FeedbackRow, ReviewRow

ROWS = 2_000
OPERATIONS = [
    "list",
    "list since (last month)",
    "list until (a month ago)",
    "list verdict not_covered",
    "list escalation urgent",
    "list feedback up",
    "list feedback down",
    "list fallback yes",
    "list fallback no",
    "list llm_outcome failed",
    "list reviewed yes",
    "list reviewed no",
    "list clause (the rarest)",
    "list user_name",
    "detail",
    "dashboard (30 days)",
    "export csv (one month)",
]
# What migration 0007 adds (table, index, columns), and what it replaces.
LOG_INDEXES = [
    ("answers", "ix_answers_verdict_created_at", ["verdict", "created_at"]),
    ("answers", "ix_answers_escalation_created_at", ["escalation", "created_at"]),
    ("answers", "ix_answers_llm_outcome_created_at", ["llm_outcome", "created_at"]),
    ("answers", "ix_answers_user_name_created_at", ["user_name", "created_at"]),
    ("citations", "ix_citations_clause_id_answer_id", ["clause_id", "answer_id"]),
    ("feedback", "ix_feedback_answer_id_rating", ["answer_id", "rating"]),
]
REPLACED = [
    ("answers", "ix_answers_verdict"),
    ("answers", "ix_answers_escalation"),
    ("answers", "ix_answers_llm_outcome"),
    ("answers", "ix_answers_user_name"),
    ("citations", "ix_citations_clause_id"),
    ("feedback", "ix_feedback_answer_id"),
]


def quiet() -> Console:
    return Console(quiet=True)


def indexes(engine: Engine) -> dict[tuple[str, str], list[str]]:
    found = inspect(engine)
    return {
        (table, str(index["name"])): [str(c) for c in index["column_names"]]
        for table in ("answers", "citations", "feedback")
        for index in found.get_indexes(table)
    }


def count(engine: Engine, row: type[AnswerRow | CitationRow | FeedbackRow | ReviewRow]) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(row)) or 0)


def assert_every_operation(figures: dict[str, float]) -> None:
    for name in OPERATIONS:
        assert figures[f"{name} p50_ms"] > 0, name
        assert figures[f"{name} p95_ms"] >= figures[f"{name} p50_ms"], name
    assert figures["rows"] == ROWS
    assert figures["size_mb"] > 0


def test_the_bench_fills_a_database_and_times_every_operation(database_url: str) -> None:
    out = Console(record=True, width=120)
    figures = run_store_bench(ROWS, database_url, 3, out, quiet())
    assert_every_operation(figures)
    printed = out.export_text()
    assert all(name in printed for name in OPERATIONS)
    assert "PASS" in printed or "FAIL" in printed
    engine = make_engine(database_url)
    try:
        assert count(engine, AnswerRow) == ROWS
        assert ROWS <= count(engine, CitationRow) <= 3 * ROWS
        assert 0 < count(engine, FeedbackRow) < ROWS // 5
        assert 0 < count(engine, ReviewRow) < ROWS // 10
        found = indexes(engine)
        for table, name, columns in LOG_INDEXES:
            assert found[(table, name)] == columns
    finally:
        engine.dispose()


def test_without_a_url_the_sqlite_file_is_thrown_away(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    figures = run_store_bench(ROWS, None, 3, quiet(), quiet())
    assert_every_operation(figures)
    assert list(scratch.iterdir()) == []


def test_a_database_with_answers_is_refused(database_url: str) -> None:
    run_store_bench(50, database_url, 1, quiet(), quiet())
    with pytest.raises(StoreError, match="already has answers"):
        run_store_bench(50, database_url, 1, quiet(), quiet())
    engine = make_engine(database_url)
    try:
        assert count(engine, AnswerRow) == 50
    finally:
        engine.dispose()


def test_migration_0007_swaps_the_log_indexes_both_ways(database_url: str) -> None:
    engine = make_engine(database_url)
    config = alembic_config(engine)
    try:
        command.upgrade(config, "0006")
        before = indexes(engine)
        assert all(key in before for key in REPLACED)
        command.upgrade(config, "0007")
        after = indexes(engine)
        assert all(after[(table, name)] == columns for table, name, columns in LOG_INDEXES)
        assert not any(key in after for key in REPLACED)
        command.downgrade(config, "0006")
        assert indexes(engine) == before
    finally:
        engine.dispose()
