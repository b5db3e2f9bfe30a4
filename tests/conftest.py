"""Hermetic tests: every test gets its own data dir; no network, no home dir."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from advisor.domain.corpus import Corpus, load_corpus
from advisor.domain.settings import PACKAGE_ROOT, EmbeddingBackend, Settings
from advisor.pipeline.run import GroundedEngine
from advisor.search.indexes import RetrievalService
from tests.pg import PostgresServer

REPO = PACKAGE_ROOT
CORPUS_DIR = REPO / "corpus"


@pytest.fixture(autouse=True)
def hermetic_env(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shared_embedding_cache: Path,
    shared_model_cache: Path,
) -> Iterator[Path]:
    """Point every setting at the test's own directory and forbid the network."""
    data_dir = tmp_path / "data"
    for name in (
        "CHROMA_URL",
        "EMBEDDING_BACKEND",
        "ST_MODEL_PATH",
        "CORPUS_DIR",
        "DATABASE_URL",
        "LEARNED_DECISION",
    ):
        monkeypatch.delenv(f"ADVISOR_{name}", raising=False)
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(data_dir))
    monkeypatch.setenv("ADVISOR_EMBEDDING_CACHE", str(shared_embedding_cache))
    monkeypatch.setenv("ADVISOR_MODEL_CACHE", str(shared_model_cache))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    monkeypatch.chdir(tmp_path)

    def guarded_connect(self: socket.socket, address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in {"127.0.0.1", "localhost", "::1"}:
            raise OSError(f"network access attempted in a test: {address!r}")
        return real_connect(self, address)

    real_connect = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    yield data_dir


@pytest.fixture(scope="session")
def shared_embedding_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Document vectors are content-addressed, so tests may share them safely.

    It keeps the slow tests that use the real models from re-embedding the corpus.
    """
    return tmp_path_factory.mktemp("embedding-cache") / "vectors.sqlite3"


@pytest.fixture(scope="session")
def shared_model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The case-bank model is keyed by the bank's version: trained once per session."""
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus(CORPUS_DIR)


@pytest.fixture
def settings(hermetic_env: Path) -> Settings:
    return Settings(corpus_dir=CORPUS_DIR, embedding_backend=EmbeddingBackend.NONE)


@pytest.fixture
def service(settings: Settings, corpus: Corpus) -> RetrievalService:
    """The real corpus, indexed for BM25 retrieval in the test's own data dir."""
    service = RetrievalService(settings, corpus=corpus)
    service.index()
    return service


@pytest.fixture
def grounded_engine(service: RetrievalService) -> GroundedEngine:
    """The grounded engine on ``service`` (the case-bank model reads, trained once)."""
    return GroundedEngine(service)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A real PostgreSQL server on loopback (``make test`` requires one)."""
    try:
        server = PostgresServer()
    except RuntimeError as exc:
        if os.environ.get("ADVISOR_TEST_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL is required for these tests: {exc}")
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same store tests against SQLite and a real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'log.sqlite3'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.new_database()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the test, so fixtures can see a failure (screenshots)."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
