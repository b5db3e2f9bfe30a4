"""The real offline models: they load from their packages and embed sensibly."""

from __future__ import annotations

import numpy as np
import pytest

from advisor.config import EmbeddingBackend, Settings
from advisor.embeddings import (
    E5Embeddings,
    NamedEmbeddings,
    SentenceTransformerEmbeddings,
    USEEmbeddings,
    dense_embedders,
)
from advisor.errors import ConfigError

pytestmark = pytest.mark.slow


def _cos(a: list[float], b: list[float]) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


@pytest.mark.parametrize(("embedder", "dim"), [(E5Embeddings(), 384), (USEEmbeddings(), 512)])
def test_multilingual_embedders_match_across_languages(embedder: NamedEmbeddings, dim: int) -> None:
    nl = embedder.embed_query("Mag ik een vriendschapsverzoek van een leerling accepteren?")
    en = embedder.embed_query("Can I accept a friend request from a pupil?")
    other = embedder.embed_query("Het netwerk van de school mag niet overbelast worden.")
    assert len(nl) == dim
    assert np.linalg.norm(nl) == pytest.approx(1.0, abs=1e-3)
    assert _cos(nl, en) > _cos(nl, other)
    docs = embedder.embed_documents(["We houden onze wachtwoorden geheim.", "Wachtwoorden"])
    assert len(docs) == 2 and len(docs[0]) == dim


def test_sentence_transformers_backend_with_shipped_minilm() -> None:
    pytest.importorskip("sentence_transformers")
    from advisor.embeddings import minilm_model_path

    embedder = SentenceTransformerEmbeddings(minilm_model_path())
    a = embedder.embed_query("Can I accept a friend request from a pupil?")
    b = embedder.embed_query("May I become friends with a student on Facebook?")
    c = embedder.embed_query("The school network must not be overloaded.")
    assert len(a) == 384
    assert _cos(a, b) > _cos(a, c)


def test_sentence_transformers_backend_needs_a_model_folder(tmp_path: object) -> None:
    settings = Settings(embedding_backend=EmbeddingBackend.SENTENCE_TRANSFORMERS)
    with pytest.raises(ConfigError, match="ADVISOR_ST_MODEL_PATH"):
        dense_embedders(settings)
    with pytest.raises(ConfigError, match="not found"):
        SentenceTransformerEmbeddings(Settings().data_dir / "no-such-model")
