"""The search indexes for a corpus (BM25 per language, the dense collections)
and the fusion retriever over them, built once per process."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from advisor.domain.corpus import Corpus, load_corpus
from advisor.domain.models import Language
from advisor.domain.settings import Settings
from advisor.pipeline.retrieve import BM25Signal, DenseSignal, FusionConfig, FusionRetriever, Signal
from advisor.search.documents import dense_views, lexical_docs
from advisor.search.embeddings import NamedEmbeddings, dense_embedders
from advisor.search.lexical import BM25Index
from advisor.search.vectorstore import ChromaIndex, make_client

Progress = Callable[[str], None]


@dataclass(frozen=True)
class IndexReport:
    corpus_version: str
    views: int
    rebuilt: list[str]
    seconds: float


def lexical_signals(corpus: Corpus) -> list[Signal]:
    return [BM25Signal(BM25Index(lexical_docs(corpus, lang), lang)) for lang in Language]


class RetrievalService:
    """Question in, ranked clauses and precedents out; the indexes built on first use."""

    def __init__(
        self,
        settings: Settings,
        *,
        corpus: Corpus | None = None,
        embedders: Sequence[NamedEmbeddings] | None = None,
        client: Any = None,
        use_dense: bool = True,
        use_lexical: bool = True,
        fusion: FusionConfig | None = None,
    ) -> None:
        self.settings = settings
        self.corpus = corpus if corpus is not None else load_corpus(settings.corpus_dir)
        self._embedders = list(embedders) if embedders is not None else None
        self._client = client
        self._use_dense = use_dense
        self._use_lexical = use_lexical
        self._fusion = fusion
        self._retriever: FusionRetriever | None = None
        # What the first build of this process did (``advisor index`` reports it).
        self.first_report: IndexReport | None = None
        self._dense: list[ChromaIndex] = []

    def _dense_indexes(self) -> list[ChromaIndex]:
        if not self._dense and self._use_dense:
            embedders = self._embedders
            if embedders is None:
                embedders = dense_embedders(self.settings)
            if not embedders:
                self._use_dense = False
                return []
            if self._client is None:
                self._client = make_client(self.settings.chroma_dir, self.settings.chroma_url)
            self._dense = [ChromaIndex(self._client, e) for e in embedders]
        return self._dense

    @property
    def embedders(self) -> list[NamedEmbeddings] | None:
        """The dense embedders in use (loaded once; a rebuilt service can share them)."""
        if self._embedders is None and self._dense:
            return [index.embeddings for index in self._dense]
        return self._embedders

    def index(self, progress: Progress | None = None) -> IndexReport:
        """Bring every index up to the corpus version (fast when nothing changed)."""
        started = time.perf_counter()
        views = dense_views(self.corpus)
        rebuilt: list[str] = []
        signals: list[Signal] = []
        for dense in self._dense_indexes():
            if progress:
                progress(f"embedding index {dense.collection_name}")
            if dense.sync(views, self.corpus.version):
                rebuilt.append(dense.collection_name)
            signals.append(DenseSignal(dense))
        if self._use_lexical:
            if progress:
                progress("BM25 indexes (nl, en)")
            signals.extend(lexical_signals(self.corpus))
        self._retriever = FusionRetriever(self.corpus, signals, self._fusion)
        report = IndexReport(
            corpus_version=self.corpus.version,
            views=len(views),
            rebuilt=rebuilt,
            seconds=time.perf_counter() - started,
        )
        if self.first_report is None:
            self.first_report = report
        return report

    @property
    def retriever(self) -> FusionRetriever:
        if self._retriever is None:
            self.index()
        assert self._retriever is not None
        return self._retriever
