"""The index on a real Chroma server (``chroma run`` on loopback), not the embedded store."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from advisor.domain.corpus import Corpus
from advisor.domain.errors import IndexUnavailableError
from advisor.domain.settings import EmbeddingBackend, Settings
from advisor.pipeline.run import GroundedEngine
from advisor.search.indexes import RetrievalService
from advisor.search.vectorstore import make_client
from tests.conftest import CORPUS_DIR
from tests.fakes import HashingEmbeddings


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    if not Path(binary).exists():
        pytest.skip("the chroma CLI is not installed")
    port = _free_port()
    process = subprocess.Popen(
        [
            binary,
            "run",
            "--path",
            str(tmp_path / "server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("chroma server did not start")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_index_lives_on_the_server(chroma_server: str, corpus: Corpus) -> None:
    settings = Settings(
        corpus_dir=CORPUS_DIR, chroma_url=chroma_server, embedding_backend=EmbeddingBackend.NONE
    )
    fake = HashingEmbeddings()
    first = RetrievalService(settings, corpus=corpus, embedders=[fake], use_lexical=False)
    assert first.index().rebuilt == ["advisor-fake-hashing"]
    assert not settings.chroma_dir.exists()  # nothing embedded on local disk
    found = GroundedEngine(first).understand("We houden onze wachtwoorden geheim.")
    top = found.retrieval.clause_ranking()[0]
    assert top == "1.10"
    second = RetrievalService(settings, corpus=corpus, embedders=[fake], use_lexical=False)
    assert second.index().rebuilt == []


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailableError, match="Chroma server"):
        make_client(tmp_path, f"http://127.0.0.1:{_free_port()}")
