"""The answer log, one contract for SQLite and PostgreSQL: records, filters,
reviews, export, purge, precedents, migrations, privacy, load and crashes."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text, update

from advisor.app.recording import NotLoggedError, answer_and_log
from advisor.app.store import open_store
from advisor.domain.corpus import Corpus, load_corpus
from advisor.domain.models import Escalation, PrecedentStatus, Verdict
from advisor.domain.settings import EmbeddingBackend, Settings
from advisor.pipeline.run import GroundedEngine
from advisor.search.indexes import RetrievalService
from advisor.store.db import (
    SCHEMA_HEAD,
    NotFoundError,
    StoreError,
    alembic_config,
    make_engine,
    migrate,
    upgrade,
)
from advisor.store.records import LogFilter, ReviewOutcome
from advisor.store.schema import AnswerRow, Base
from advisor.store.service import Store
from tests.conftest import CORPUS_DIR, REPO

QUESTIONS = {
    "friend": "Mag ik een vriendschapsverzoek van een leerling accepteren op Facebook?",
    "photo": "Can I post a photo of my class on my own Instagram?",
    "threat": "Een leerling dreigt in de groepsapp een klasgenoot iets aan te doen, wat nu?",
    "parents": "Mag ik met een ouder in discussie gaan op Facebook over een cijfer?",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> GroundedEngine:
    settings = Settings(
        corpus_dir=CORPUS_DIR,
        embedding_backend=EmbeddingBackend.NONE,
        data_dir=tmp_path_factory.mktemp("engine"),
    )
    service = RetrievalService(settings)
    service.index()
    return GroundedEngine(service)


@pytest.fixture
def store(database_url: str, corpus: Corpus, settings: Settings) -> Iterator[Store]:
    opened = open_store(settings, corpus, url=database_url)
    yield opened
    opened.close()


def ask(store: Store, engine: GroundedEngine, key: str, user: str = "anna") -> str:
    response = answer_and_log(engine, QUESTIONS[key], store.log, user_name=user, user_role="staff")
    assert response.answer.log_id is not None
    return response.answer.log_id


def test_an_answer_is_logged_with_its_log_id(store: Store, engine: GroundedEngine) -> None:
    log_id = ask(store, engine, "friend")
    entry = store.log.get(log_id)
    assert entry.question == QUESTIONS["friend"]
    assert entry.verdict is Verdict.NOT_ALLOWED and entry.citations
    assert entry.engine == "grounded" and entry.guard_passed is None
    assert entry.user_name == "anna" and entry.user_role == "staff"
    assert entry.created_at.tzinfo is not None
    assert store.log.get(log_id[:10]).id == log_id  # the listed prefix works too
    reading = entry.reading  # how it was read, for the detail view
    assert reading is not None and reading.asked == "may_i" and reading.basis
    assert reading.verdict_probabilities and len(reading.neighbours) == 3
    assert all(n.id.startswith("w") and n.question for n in reading.neighbours)
    assert set(reading.acts) == {"discuss_online"}  # the act 2.5 names, as the model read it


def test_filters_find_what_leadership_looks_for(store: Store, engine: GroundedEngine) -> None:
    friend, photo = ask(store, engine, "friend"), ask(store, engine, "photo", user="bram")
    threat = ask(store, engine, "threat")
    store.log.add_feedback(photo, -1, "te kort", user_name="bram")
    store.log.add_review(friend, "rector", ReviewOutcome.CORRECT)

    def ids(**filters: object) -> set[str]:
        return {e.id for e in store.log.find(LogFilter(**filters))}  # type: ignore[arg-type]

    assert ids() == {friend, photo, threat}
    assert ids(escalation=Escalation.URGENT) == {threat}
    assert ids(feedback="down") == {photo} and ids(feedback="none") == {friend, threat}
    assert ids(reviewed=True) == {friend} and ids(reviewed=False) == {photo, threat}
    assert ids(user_name="bram") == {photo}
    cited = store.log.get(friend).citations[0]
    assert friend in ids(clause=cited)
    assert ids(verdict=store.log.get(friend).verdict) >= {friend}
    assert ids(fallback=True) == set()
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    assert ids(since=tomorrow) == set() and ids(until=tomorrow) == {friend, photo, threat}


def test_export_as_csv_and_jsonl(store: Store, engine: GroundedEngine) -> None:
    log_id = ask(store, engine, "friend")
    store.log.add_feedback(log_id, 1)
    buffer = io.StringIO()
    store.log.add_feedback(log_id, -1, "mist de uitzondering")
    store.log.add_review(log_id, "rector", ReviewOutcome.NEEDS_CHANGE, "Zie 2.1.",
                         corrected_clauses=["2.1"], note="noem 2.1")  # fmt: skip
    assert store.log.export(LogFilter(), "csv", buffer) == 1
    text = buffer.getvalue()
    assert text.startswith("\ufeff")  # Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0]["id"] == log_id and rows[0]["thumbs_up"] == "1"
    assert rows[0]["feedback_comments"] == "mist de uitzondering"
    assert (rows[0]["corrected_clauses"], rows[0]["corrected_answer"]) == ("2.1", "Zie 2.1.")
    assert rows[0]["review_notes"] == "noem 2.1"
    buffer = io.StringIO()
    store.log.export(LogFilter(), "jsonl", buffer)
    assert json.loads(buffer.getvalue().splitlines()[0])["id"] == log_id
    with pytest.raises(StoreError, match="unknown export format"):
        store.log.export(LogFilter(), "xml", io.StringIO())


def test_purge_removes_only_old_answers_with_their_reviews(
    store: Store, engine: GroundedEngine
) -> None:
    old, new = ask(store, engine, "friend"), ask(store, engine, "photo")
    store.log.add_review(old, "rector", ReviewOutcome.CORRECT)
    store.log.add_feedback(old, -1)
    long_ago = datetime.now(UTC) - timedelta(days=400)
    store.log.run(
        lambda s: s.execute(
            update(AnswerRow).where(AnswerRow.id == old).values(created_at=long_ago)
        )
    )
    assert store.log.purge(365) == 1
    assert [e.id for e in store.log.find()] == [new]
    with pytest.raises(NotFoundError):
        store.log.get(old)


def test_unknown_ids_and_bad_reviews_are_clear_errors(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no logged answer"):
        store.log.get("doesnotexist")
    with pytest.raises(NotFoundError, match="no logged answer"):
        store.log.add_review("0" * 32, "rector", ReviewOutcome.CORRECT)
    with pytest.raises(StoreError, match="reviewer"):
        store.log.add_review("0" * 32, "  ", ReviewOutcome.CORRECT)
    with pytest.raises(StoreError, match=r"\+1"):
        store.log.add_feedback("0" * 32, 5)


def test_a_reviewed_answer_becomes_a_precedent_that_retrieval_finds(
    store: Store, engine: GroundedEngine, corpus: Corpus, settings: Settings
) -> None:
    log_id = ask(store, engine, "parents")
    with pytest.raises(StoreError, match="no review yet"):
        store.precedents.promote(log_id, "rector")
    store.log.add_review(log_id, "rector", ReviewOutcome.CORRECT, note="klopt")
    draft = store.precedents.promote(log_id, "rector", title_nl="Discussie met ouder op Facebook")
    assert draft.precedent.status is PrecedentStatus.DRAFT and draft.precedent.id == "L001"
    assert draft.provenance["log_id"] == log_id and draft.provenance["reviewer"] == "rector"
    assert draft.provenance["corpus_version"] == corpus.version
    assert store.precedents.effective_corpus(corpus) is corpus  # drafts are not searched

    store.precedents.approve("L001", "directeur", corpus)
    effective = store.precedents.effective_corpus(corpus)
    assert effective.version != corpus.version
    assert "L001" in {p.id for p in effective.approved_precedents()}
    hits = GroundedEngine(RetrievalService(settings, corpus=effective)).hits(
        "Mag ik op Facebook met een ouder discussiëren over een cijfer?", 5
    )
    assert "L001" in [h.id for h in hits]


def test_a_changed_clause_sends_its_precedents_back_to_review(
    store: Store, engine: GroundedEngine, corpus: Corpus, tmp_path: Path
) -> None:
    log_id = ask(store, engine, "friend")
    assert store.log.get(log_id).citations  # a ruled answer: it applies a clause
    store.log.add_review(log_id, "rector", ReviewOutcome.CORRECT)
    store.precedents.promote(log_id, "rector")
    store.precedents.approve("L001", "directeur", corpus)
    assert store.precedents.sync(corpus).changed_clauses == []
    clause = store.precedents.find()[0].precedent.clause_ids[0]

    changed = _corpus_with_changed_clause(tmp_path, clause)
    report = store.precedents.sync(changed)
    assert report.changed_clauses == [clause] and "L001" in report.flagged
    corpus_hit = [p.id for p in corpus.approved_precedents() if clause in p.clause_ids]
    assert set(corpus_hit) <= set(report.flagged)
    effective = store.precedents.effective_corpus(changed)
    live = {p.id for p in effective.approved_precedents()}
    assert "L001" not in live and not live & set(corpus_hit)
    assert store.precedents.find(PrecedentStatus.NEEDS_REVIEW)[0].precedent.id == "L001"

    store.precedents.approve("L001", "directeur", changed)
    for precedent_id in corpus_hit:
        store.precedents.approve(precedent_id, "directeur", changed)
    live = {p.id for p in store.precedents.effective_corpus(changed).approved_precedents()}
    assert "L001" in live and set(corpus_hit) <= live


def _corpus_with_changed_clause(tmp_path: Path, clause_id: str) -> Corpus:
    import shutil

    import yaml

    target = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, target)
    path = target / "protocol.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    for clause in data["clauses"]:
        if clause["id"] == clause_id:
            clause["text"] += " (gewijzigd)"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return load_corpus(target)


PLANTED = ("Noor Bakker", "Noor", "Bakker", "noor.bakker@example.nl", "06-55667788", "55667788")


def test_no_planted_personal_data_reaches_any_column(
    store: Store, engine: GroundedEngine, database_url: str
) -> None:
    question = (
        "Noor Bakker uit 3B mailde me vanaf noor.bakker@example.nl en appte van 06-55667788. "
        "Mag ik haar terugappen?"
    )
    response = answer_and_log(engine, question, store.log, user_name="anna")
    log_id = response.answer.log_id or ""
    store.log.add_feedback(log_id, -1, "Noor Bakker vond dit niet duidelijk (06-55667788)")
    store.log.add_review(
        log_id,
        "rector",
        ReviewOutcome.NEEDS_CHANGE,
        corrected_answer="Bel Noor Bakker niet zelf; mail noor.bakker@example.nl niet privé.",
        note="Noor Bakker is bekend bij de zorgcoördinator",
    )
    store.precedents.promote(log_id, "rector")
    dumped = _dump_all_tables(store)
    assert [p for p in PLANTED if p in dumped] == []
    assert "[NAAM_1]" in dumped and "[EMAIL_1]" in dumped


def _dump_all_tables(store: Store) -> str:
    names = inspect(store.log.engine).get_table_names()
    parts = []
    with store.log.engine.connect() as conn:
        for name in names:
            for row in conn.execute(text(f'SELECT * FROM "{name}"')):
                parts.append(" ".join(str(value) for value in row))
    return "\n".join(parts)


@pytest.mark.parametrize("how", ["migrations", "from scratch"])
def test_migrations_build_exactly_the_models(database_url: str, how: str) -> None:
    """Both ways to a current schema: every Alembic migration from a blank
    database, and the new-install shortcut (create_all + stamp)."""
    engine = make_engine(database_url)
    if how == "migrations":
        upgrade(engine)
    else:
        migrate(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    assert diff == [] and version == SCHEMA_HEAD


def test_migration_0008_marks_the_demo_modes_earlier_answers(database_url: str) -> None:
    """Answers the demo mode logged before the mark existed (user "demo", which no
    account carries) are marked; everyone else's are not."""
    engine = make_engine(database_url)
    config = alembic_config(engine)
    command.upgrade(config, "0007")
    with engine.begin() as conn:
        for log_id, user in (("a" * 32, "demo"), ("b" * 32, "anna")):
            conn.execute(
                text(
                    "INSERT INTO answers (id, created_at, user_name, user_role, question, "
                    "language, verdict, answer, referral, precedent_ids, retrieved, escalation, "
                    "engine, corpus_version, latency_ms, pii_found) VALUES (:id, :at, :user, "
                    "'leadership', 'Mag ik?', 'nl', 'allowed', 'Ja.', 'Vraag het.', '[]', '[]', "
                    "'none', 'grounded', 'v1', 1.0, '{}')"
                ),
                {"id": log_id, "at": datetime.now(UTC), "user": user},
            )
    command.upgrade(config, "0008")
    with engine.connect() as conn:
        marked = {
            user: flag for user, flag in conn.execute(text("SELECT user_name, demo FROM answers"))
        }
    engine.dispose()
    assert {user: bool(flag) for user, flag in marked.items()} == {"demo": True, "anna": False}


def test_200_concurrent_asks_give_200_rows(store: Store, engine: GroundedEngine) -> None:
    questions = [QUESTIONS[k] for k in QUESTIONS] * 50

    def one(question: str) -> str:
        response = answer_and_log(engine, question, store.log, user_name="load")
        return response.answer.log_id or ""

    with ThreadPoolExecutor(max_workers=40) as pool:
        ids = list(pool.map(one, questions))
    assert len(set(ids)) == 200 and all(ids)
    assert store.log.count() == 200


WRITER = """
import sys
from advisor.domain.settings import EmbeddingBackend, Settings
from advisor.domain.corpus import load_corpus
from advisor.pipeline.run import GroundedEngine
from advisor.app.recording import NotLoggedError, answer_and_log
from advisor.search.indexes import RetrievalService
from advisor.app.store import open_store
settings = Settings(embedding_backend=EmbeddingBackend.NONE)
corpus = load_corpus(settings.corpus_dir)
store = open_store(settings, corpus, url=sys.argv[1])
engine = GroundedEngine(RetrievalService(settings, corpus=corpus))
while True:
    response = answer_and_log(engine, "Mag ik een leerling volgen op Instagram?", store.log)
    print(response.answer.log_id, flush=True)
"""


def test_a_killed_writer_loses_nothing_it_committed(
    database_url: str, corpus: Corpus, settings: Settings
) -> None:
    committed: list[str] = []
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, database_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "ADVISOR_CORPUS_DIR": str(CORPUS_DIR)},
        cwd=REPO,
    ) as writer:
        assert writer.stdout is not None
        try:
            while len(committed) < 25:
                line = writer.stdout.readline()
                assert line, "the writer died before writing"
                committed.append(line.strip())
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait(timeout=30)
    store = open_store(settings, corpus, url=database_url)
    stored = store.log.run(lambda s: set(s.scalars(select(AnswerRow.id))))
    assert set(committed) <= stored
    if database_url.startswith("sqlite"):
        with store.log.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    store.close()


def test_a_read_only_database_is_a_clear_error_and_keeps_its_rows(
    tmp_path: Path, engine: GroundedEngine, corpus: Corpus, settings: Settings
) -> None:
    path = tmp_path / "log.sqlite3"
    writable = open_store(settings, corpus, url=f"sqlite:///{path}")
    kept = ask(writable, engine, "friend")
    writable.close()
    read_only = open_store(settings, corpus, url=f"sqlite:///file:{path}?mode=ro&uri=true")
    with pytest.raises(NotLoggedError, match="readonly") as caught:
        ask(read_only, engine, "photo")
    assert caught.value.answer.referral  # the answer itself is still there to show
    assert [e.id for e in read_only.log.find()] == [kept]
    read_only.close()


def test_exports_never_hand_a_spreadsheet_a_formula(store: Store, engine: GroundedEngine) -> None:
    response = answer_and_log(
        engine, '=HYPERLINK("http://x") mag ik dit delen op Instagram?', store.log
    )
    buffer = io.StringIO()
    store.log.export(LogFilter(), "csv", buffer)
    row = next(csv.DictReader(io.StringIO(buffer.getvalue().removeprefix("\ufeff")), delimiter=";"))
    assert row["id"] == response.answer.log_id and row["question"].startswith("'=")


def test_promotion_pseudonymises_titles_and_happens_once(
    store: Store, engine: GroundedEngine
) -> None:
    log_id = ask(store, engine, "parents")
    store.log.add_review(log_id, "rector", ReviewOutcome.NEEDS_CHANGE, note="te kort")
    with pytest.raises(StoreError, match="corrected answer"):
        store.precedents.promote(log_id, "rector")
    store.log.add_review(log_id, "rector", ReviewOutcome.CORRECT)
    made = store.precedents.promote(log_id, "rector", title_nl="Foto van Sanne de Vries (3B)")
    assert "Sanne" not in made.precedent.title.nl and "[NAAM_1]" in made.precedent.title.nl
    with pytest.raises(StoreError, match="already precedent L001"):
        store.precedents.promote(log_id, "rector")


def test_date_filters_with_an_offset_compare_in_utc(store: Store, engine: GroundedEngine) -> None:
    from advisor.store.records import parse_moment

    log_id = ask(store, engine, "friend")
    created = store.log.get(log_id).created_at
    local = (created + timedelta(hours=2)).replace(tzinfo=None).isoformat() + "+02:00"
    since = parse_moment(local, "--since")
    assert since is not None and since.utcoffset() == timedelta(0)
    assert [e.id for e in store.log.find(LogFilter(since=since - timedelta(seconds=1)))] == [log_id]


def test_the_schema_head_constant_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from advisor.store.db import SCHEMA_HEAD, alembic_config

    engine = make_engine("sqlite://")
    script = ScriptDirectory.from_config(alembic_config(engine))
    assert script.get_current_head() == SCHEMA_HEAD
