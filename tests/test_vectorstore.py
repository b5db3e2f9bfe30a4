from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from advisor.domain.corpus import Corpus
from advisor.domain.errors import ConfigError
from advisor.search.documents import dense_views
from advisor.search.embeddings import CachedEmbeddings
from advisor.search.vectorstore import ChromaIndex, make_client
from tests.fakes import HashingEmbeddings


def test_index_builds_once_and_rebuilds_on_a_new_version(tmp_path: Path, corpus: Corpus) -> None:
    fake = HashingEmbeddings()
    embeddings = CachedEmbeddings(fake, tmp_path / "cache.sqlite3")
    views = dense_views(corpus)
    client = make_client(tmp_path / "chroma", None)
    index = ChromaIndex(client, embeddings)
    assert index.sync(views, "v1") is True
    assert len(fake.documents_embedded) == len(views)
    # Same version, even from a new client on the same directory: no rebuild.
    again = ChromaIndex(make_client(tmp_path / "chroma", None), embeddings)
    assert again.sync(views, "v1") is False
    # A new corpus version rebuilds, but the cached vectors are not embedded again.
    assert again.sync(views, "v2") is True
    assert len(fake.documents_embedded) == len(views)


def test_search_finds_the_matching_view(tmp_path: Path, corpus: Corpus) -> None:
    index = ChromaIndex(make_client(tmp_path / "chroma", None), HashingEmbeddings())
    index.sync(dense_views(corpus), corpus.version)
    matches = index.search("We houden onze wachtwoorden geheim.", 5)
    assert matches[0].doc.doc_id == "1.10"
    assert matches[0].similarity == pytest.approx(1.0, abs=1e-3)


def test_collection_uses_our_embedding_function(tmp_path: Path, corpus: Corpus) -> None:
    """Chroma's default embedding function downloads a model; it must never be the one used."""
    client = make_client(tmp_path / "chroma", None)
    index = ChromaIndex(client, HashingEmbeddings())
    index.sync(dense_views(corpus)[:4], "v1")
    collection = client.get_collection(index.collection_name)
    assert collection.configuration_json["embedding_function"]["name"] == "protocol-advisor"


def test_bad_chroma_url_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ADVISOR_CHROMA_URL"):
        make_client(tmp_path, "ftp://nowhere")


class _BatchSensitiveEmbeddings(HashingEmbeddings):
    """Like a batched forward pass: a text's vector shifts slightly with its batch."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        rows = super().embed_documents(texts)
        return [[x + 1e-7 * len(texts) for x in row] for row in rows]


def test_a_batch_embedded_together_does_not_depend_on_what_the_cache_held(
    tmp_path: Path,
) -> None:
    texts = ["Mag ik een leerling volgen?", "Wie beheert het account?", "Wat nu?"]
    grown = CachedEmbeddings(_BatchSensitiveEmbeddings(), tmp_path / "grown.sqlite3")
    grown.embed_documents(texts[:2])  # the cache already holds part of the batch
    fake = _BatchSensitiveEmbeddings()
    empty = CachedEmbeddings(fake, tmp_path / "empty.sqlite3")

    together = grown.embed_together(texts)
    assert together.shape == (3, fake.dim)
    assert (together == empty.embed_together(texts)).all()
    # Cached whole: the same batch is not embedded again, a new one replaces it.
    embedded = len(fake.documents_embedded)
    assert (empty.embed_together(texts) == together).all()
    assert len(fake.documents_embedded) == embedded
    empty.embed_together(texts[:2])
    assert len(fake.documents_embedded) == embedded + 2
    empty.embed_together(texts)
    assert len(fake.documents_embedded) == embedded + 5
    assert empty.embed_together([]).shape == (0, 0)
    assert len(fake.documents_embedded) == embedded + 5


def test_a_broken_cached_batch_is_embedded_again_not_trusted(tmp_path: Path) -> None:
    texts = ["Mag ik een leerling volgen?", "Wie beheert het account?"]
    fake = HashingEmbeddings()
    cache = CachedEmbeddings(fake, tmp_path / "cache.sqlite3")
    good = cache.embed_together(texts)
    for broken in (b"", b"\x00" * 7, None):
        with sqlite3.connect(tmp_path / "cache.sqlite3") as db:
            db.execute("UPDATE matrices SET matrix = ?", (broken,))
        again = cache.embed_together(texts)
        assert (again == good).all()
    assert len(fake.documents_embedded) == 4 * len(texts)


def test_the_embedding_cache_is_private_whatever_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "vectors.sqlite3"
    old = os.umask(0o022)
    try:
        CachedEmbeddings(HashingEmbeddings(), path).embed_documents(["Mag ik dit delen?"])
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
