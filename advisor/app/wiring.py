"""Building an answer engine (and the store) from settings: one place, for the CLI and the UI."""

from __future__ import annotations

from enum import StrEnum

from advisor.app.store import open_store
from advisor.domain.corpus import Corpus, load_corpus
from advisor.domain.settings import Settings
from advisor.pipeline.run import GroundedEngine
from advisor.search.embeddings import NamedEmbeddings, dense_embedders, warm_up_in_background
from advisor.search.indexes import RetrievalService
from advisor.store.service import Store


class EngineName(StrEnum):
    GROUNDED = "grounded"
    LLM = "llm"


def build_engine(
    settings: Settings,
    name: EngineName = EngineName.GROUNDED,
    *,
    store: Store | None = None,
    corpus: Corpus | None = None,
    embedders: list[NamedEmbeddings] | None = None,
) -> GroundedEngine:
    """An engine on the corpus, plus the store's approved precedents when given a store."""
    corpus = corpus if corpus is not None else load_corpus(settings.corpus_dir)
    if store is not None:
        store.precedents.sync(corpus)
        corpus = store.precedents.effective_corpus(corpus)
    service = RetrievalService(settings, corpus=corpus, embedders=embedders)
    service.index()
    if name is EngineName.LLM:
        from advisor.pipeline.llm import LLMEngine, chat_model_from_settings

        return LLMEngine(service, chat_model_from_settings(settings), settings.llm_role)
    return GroundedEngine(service)


def build_with_store(
    settings: Settings, name: EngineName = EngineName.GROUNDED
) -> tuple[GroundedEngine, Store]:
    """The product's setup: the store opened and migrated, the engine on its corpus.

    The embedding models load in a thread meanwhile: on a cold start they are
    the largest single cost of the first answer."""
    embedders = dense_embedders(settings)
    warm_up_in_background(embedders)
    corpus = load_corpus(settings.corpus_dir)
    store = open_store(settings, corpus)
    engine = build_engine(settings, name, store=store, corpus=corpus, embedders=embedders)
    return engine, store
