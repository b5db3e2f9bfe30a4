"""The dense index: one Chroma collection per embedder, embedded or on a server.

Vectors are computed by our own LangChain ``Embeddings`` and handed to Chroma
explicitly; the collection is created with an adapter around the same
embedder, so Chroma never falls back to its default embedding function (that
one downloads a model on first use, which cannot work offline).

Each collection records the corpus version it was built from; when the corpus
changes the collection is rebuilt (cheaply: document vectors are cached).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Space
from chromadb.api.types import Embeddings as ChromaEmbeddings
from chromadb.config import Settings as ChromaSettings
from chromadb.utils.embedding_functions import register_embedding_function

from advisor.domain.errors import ConfigError, IndexUnavailableError
from advisor.search.documents import IndexDoc
from advisor.search.embeddings import NamedEmbeddings

log = logging.getLogger(__name__)

_BATCH = 256


def _settings() -> Any:
    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def make_client(chroma_dir: Path, chroma_url: str | None) -> Any:
    """An embedded persistent client under the data dir, or an HTTP client."""
    if chroma_url:
        parsed = urlparse(chroma_url)
        if parsed.scheme not in {"http", "https"} or not parsed.hostname:
            raise ConfigError(f"ADVISOR_CHROMA_URL must be http(s)://host:port, got {chroma_url!r}")
        try:
            return chromadb.HttpClient(
                host=parsed.hostname,
                port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                ssl=parsed.scheme == "https",
                settings=_settings(),
            )
        except Exception as exc:
            raise IndexUnavailableError(
                f"cannot reach the Chroma server at {chroma_url}: {exc}"
            ) from exc
    try:
        chroma_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(chroma_dir), settings=_settings())
    except Exception as exc:
        raise IndexUnavailableError(f"cannot open the index at {chroma_dir}: {exc}") from exc


class _Unavailable(NamedEmbeddings):
    """Stands in when Chroma reopens a collection whose embedder it cannot build."""

    def __init__(self, name: str) -> None:
        self.name = name

    def _fail(self) -> list[float]:
        raise IndexUnavailableError(
            f"collection embedder {self.name!r} is not available in this process"
        )

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._fail() for _ in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._fail()


def _embedder_by_name(name: str) -> NamedEmbeddings:
    from advisor.search.embeddings import E5Embeddings, USEEmbeddings

    for cls in (E5Embeddings, USEEmbeddings):
        if cls.name == name:
            return cls()
    return _Unavailable(name)


@register_embedding_function
class AdvisorEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma's view of one of our LangChain embedders."""

    def __init__(self, inner: NamedEmbeddings) -> None:
        self._inner = inner

    def __call__(self, input: Documents) -> ChromaEmbeddings:
        vectors = self._inner.embed_documents(list(input))
        return [np.asarray(v, dtype=np.float32) for v in vectors]

    def embed_query(self, input: Documents) -> ChromaEmbeddings:
        return [np.asarray(self._inner.embed_query(t), dtype=np.float32) for t in input]

    @staticmethod
    def name() -> str:
        return "protocol-advisor"

    def get_config(self) -> dict[str, Any]:
        return {"model": self._inner.name}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> AdvisorEmbeddingFunction:
        return AdvisorEmbeddingFunction(_embedder_by_name(str(config.get("model", ""))))

    def default_space(self) -> Space:
        return "cosine"

    def is_legacy(self) -> bool:
        return False


@dataclass(frozen=True)
class DenseMatch:
    doc: IndexDoc
    similarity: float


EXACT_SEARCH_LIMIT = 20_000


class ChromaIndex:
    """The views of the corpus in one Chroma collection, for one embedder."""

    def __init__(self, client: Any, embeddings: NamedEmbeddings) -> None:
        self._client = client
        self.embeddings = embeddings
        self.collection_name = "advisor-" + "".join(
            ch if ch.isalnum() or ch in "-_" else "-" for ch in embeddings.name
        )
        self._docs: dict[str, IndexDoc] = {}
        self._collection: Any = None
        # An in-memory copy of the (small) collection's vectors, searched exactly.
        self._ids: list[str] = []
        self._matrix: np.ndarray[Any, np.dtype[np.float32]] | None = None

    def _mirror(self, collection: Any) -> None:
        """Copy the vectors into memory when the collection is small.

        The corpus has a few hundred views: an exact dot product over them takes
        microseconds, where a Chroma query costs milliseconds of Python per call
        (measured under load: 16% of the web app's CPU). Chroma stays the store.
        """
        if collection.count() > EXACT_SEARCH_LIMIT:
            self._ids, self._matrix = [], None
            return
        got = collection.get(include=["embeddings"])
        matrix = np.asarray(got["embeddings"], dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        self._ids = list(got["ids"])
        self._matrix = (matrix / np.where(norms == 0, 1.0, norms)).astype(np.float32)

    def sync(self, docs: list[IndexDoc], version: str) -> bool:
        """Make the collection hold exactly ``docs``; return True if it was rebuilt."""
        self._docs = {d.view_id: d for d in docs}
        fingerprint = f"{version}:{len(docs)}"
        try:
            existing = self._client.get_or_create_collection(
                name=self.collection_name,
                embedding_function=AdvisorEmbeddingFunction(self.embeddings),
                configuration={"hnsw": {"space": "cosine"}},
                metadata={"fingerprint": ""},
            )
            if (existing.metadata or {}).get("fingerprint") == fingerprint:
                self._collection = existing
                self._mirror(existing)
                return False
            log.info("rebuilding %s for corpus %s", self.collection_name, version)
            self._client.delete_collection(self.collection_name)
            collection = self._client.create_collection(
                name=self.collection_name,
                embedding_function=AdvisorEmbeddingFunction(self.embeddings),
                configuration={"hnsw": {"space": "cosine"}},
                metadata={"fingerprint": "building"},
            )
            vectors = self.embeddings.embed_documents([d.text for d in docs])
            for start in range(0, len(docs), _BATCH):
                chunk = docs[start : start + _BATCH]
                collection.add(
                    ids=[d.view_id for d in chunk],
                    embeddings=[
                        np.asarray(v, dtype=np.float32) for v in vectors[start : start + _BATCH]
                    ],
                    documents=[d.text for d in chunk],
                    metadatas=[{"doc_id": d.doc_id, "kind": d.kind.value} for d in chunk],
                )
            # The fingerprint goes in last: an interrupted build is redone next time.
            collection.modify(metadata={"fingerprint": fingerprint})
            self._collection = collection
            self._mirror(collection)
            return True
        except (ConfigError, IndexUnavailableError):
            raise
        except Exception as exc:
            raise IndexUnavailableError(
                f"the vector index {self.collection_name} cannot be built: {exc}"
            ) from exc

    def search_vector(self, vector: list[float], n: int) -> list[DenseMatch]:
        if self._collection is None:
            raise IndexUnavailableError("the vector index is not built; run `advisor index`")
        if self._matrix is not None:
            query = np.asarray(vector, dtype=np.float32)
            query /= float(np.linalg.norm(query)) or 1.0
            similarities = self._matrix @ query
            best = np.argsort(-similarities, kind="stable")[: min(n, len(self._ids))]
            return [
                DenseMatch(doc=self._docs[self._ids[i]], similarity=float(similarities[i]))
                for i in best
                if self._ids[i] in self._docs
            ]
        try:
            result = self._collection.query(
                query_embeddings=[np.asarray(vector, dtype=np.float32)],
                n_results=min(n, len(self._docs)),
                include=["distances"],
            )
        except Exception as exc:
            raise IndexUnavailableError(f"the vector index cannot be searched: {exc}") from exc
        matches: list[DenseMatch] = []
        for view_id, distance in zip(result["ids"][0], result["distances"][0], strict=True):
            doc = self._docs.get(view_id)
            if doc is not None:
                matches.append(DenseMatch(doc=doc, similarity=1.0 - float(distance)))
        return matches

    def search(self, text: str, n: int) -> list[DenseMatch]:
        return self.search_vector(self.embeddings.embed_query(text), n)
