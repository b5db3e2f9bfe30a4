"""Retrieval quality on the labelled staff questions, with the real offline models.

Floors, not targets: they catch a regression (a broken tokenizer, a lost
signal, a corpus edit that hides a clause). The benchmark prints the figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.bench.retrieval import load_retrieval_set, score_system
from advisor.domain.corpus import Corpus
from advisor.domain.models import Language
from advisor.domain.settings import Settings
from advisor.pipeline.run import GroundedEngine
from advisor.search.indexes import RetrievalService
from tests.conftest import CORPUS_DIR, REPO

pytestmark = pytest.mark.slow


def test_hybrid_retrieval_meets_its_floors(corpus: Corpus) -> None:
    service = RetrievalService(Settings(corpus_dir=CORPUS_DIR), corpus=corpus)
    report = service.index()
    assert report.rebuilt  # a fresh data dir builds its own index
    engine = GroundedEngine(service)
    dataset = load_retrieval_set(Path(REPO) / "evals" / "retrieval.yaml", corpus)
    scores = {
        s.language: s
        for s in score_system(
            "hybrid",
            lambda q: engine.understand(q).retrieval.clause_ranking(),
            dataset,
            repeats=1,
        )
    }
    for language in Language:
        assert scores[language].hit5 >= 0.95, scores[language]
        assert scores[language].r5 >= 0.85, scores[language]
        assert scores[language].mrr >= 0.80, scores[language]


def test_index_is_reused_by_a_new_process_and_rebuilt_for_a_new_corpus(corpus: Corpus) -> None:
    settings = Settings(corpus_dir=CORPUS_DIR)
    RetrievalService(settings, corpus=corpus).index()
    assert RetrievalService(settings, corpus=corpus).index().rebuilt == []
    changed = corpus.model_copy(update={"version": "changed"})
    assert RetrievalService(settings, corpus=changed).index().rebuilt
