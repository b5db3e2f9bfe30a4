from __future__ import annotations

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
