"""Benchmarks: retrieval quality per language and warm latency, cold start.

Quality metrics are computed on clause rankings: R@k is the share of a
question's labelled clauses found in the top k (true recall, not "any hit"),
MRR the reciprocal rank of the first labelled clause.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rich.console import Console
from rich.table import Table

from advisor.domain.corpus import Corpus, load_corpus
from advisor.domain.errors import AdvisorError
from advisor.domain.models import HitKind, Language
from advisor.domain.settings import EmbeddingBackend, Settings
from advisor.pipeline.retrieve import (
    DenseSignal,
    FusionRetriever,
    Retriever,
    percentile,
    recall_at,
    reciprocal_rank,
)
from advisor.pipeline.run import IntakeStages
from advisor.search.documents import dense_views
from advisor.search.embeddings import (
    CachedEmbeddings,
    SentenceTransformerEmbeddings,
    minilm_model_path,
)
from advisor.search.indexes import RetrievalService
from advisor.search.vectorstore import ChromaIndex, make_client


class LabelledQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    language: Language
    question: str = Field(min_length=1)
    clause_ids: list[str] = Field(min_length=1)


class RetrievalSet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    questions: list[LabelledQuestion]


def load_retrieval_set(path: Path, corpus: Corpus) -> RetrievalSet:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        dataset = RetrievalSet.model_validate(data)
    except FileNotFoundError as exc:
        raise AdvisorError(f"question file not found: {path}") from exc
    except (yaml.YAMLError, ValidationError) as exc:
        raise AdvisorError(f"invalid question file {path}: {exc}") from exc
    known = set(corpus.clause_ids)
    for item in dataset.questions:
        unknown = set(item.clause_ids) - known
        if unknown:
            raise AdvisorError(f"{path}: {item.id} labels unknown clauses {sorted(unknown)}")
    return dataset


class SystemScores(BaseModel):
    system: str
    language: Language
    n: int
    r1: float
    r3: float
    r5: float
    hit5: float
    mrr: float
    p50_ms: float
    p95_ms: float


RankFn = Callable[[str], list[str]]


def score_system(
    name: str, rank: RankFn, dataset: RetrievalSet, repeats: int
) -> list[SystemScores]:
    """Quality from one pass, latency from ``repeats`` timed passes after a warm-up."""
    rankings = {q.id: rank(q.question) for q in dataset.questions}  # also the warm-up
    timings: dict[Language, list[float]] = {lang: [] for lang in Language}
    for _ in range(repeats):
        for q in dataset.questions:
            started = time.perf_counter()
            rank(q.question)
            timings[q.language].append((time.perf_counter() - started) * 1000)
    results: list[SystemScores] = []
    for lang in Language:
        items = [q for q in dataset.questions if q.language is lang]
        if not items:
            continue

        def mean(values: Sequence[float]) -> float:
            return sum(values) / len(values)

        results.append(
            SystemScores(
                system=name,
                language=lang,
                n=len(items),
                r1=mean([recall_at(rankings[q.id], set(q.clause_ids), 1) for q in items]),
                r3=mean([recall_at(rankings[q.id], set(q.clause_ids), 3) for q in items]),
                r5=mean([recall_at(rankings[q.id], set(q.clause_ids), 5) for q in items]),
                hit5=mean(
                    [float(bool(set(rankings[q.id][:5]) & set(q.clause_ids))) for q in items]
                ),
                mrr=mean([reciprocal_rank(rankings[q.id], set(q.clause_ids)) for q in items]),
                p50_ms=percentile(timings[lang], 50),
                p95_ms=percentile(timings[lang], 95),
            )
        )
    return results


def minilm_baseline(settings: Settings, corpus: Corpus) -> RankFn:
    """(a) The plain start: Chroma + English MiniLM over the clause texts, dense only."""
    embeddings = CachedEmbeddings(
        SentenceTransformerEmbeddings(minilm_model_path()), settings.embedding_cache_path
    )
    index = ChromaIndex(make_client(settings.chroma_dir, settings.chroma_url), embeddings)
    clause_texts = [
        v for v in dense_views(corpus) if v.kind is HitKind.CLAUSE and v.view_id.endswith(":nl")
    ]
    index.sync(clause_texts, corpus.version)
    return _pipeline_rank(FusionRetriever(corpus, [DenseSignal(index)]), settings, corpus)


def _pipeline_rank(retriever: Retriever, settings: Settings, corpus: Corpus) -> RankFn:
    """A system's ranking of the question as ``ask`` sees it: normalised,
    pseudonymised, screened and read by the same stages (``IntakeStages``)."""
    intake = IntakeStages(corpus, settings.max_question_chars)
    return lambda text: intake.retrieve(retriever, text).retrieval.clause_ranking()


def _service_rank(service: RetrievalService) -> RankFn:
    service.index()
    return _pipeline_rank(service.retriever, service.settings, service.corpus)


def build_system(name: str, settings: Settings, corpus: Corpus) -> RankFn:
    if name == "minilm":
        return minilm_baseline(settings, corpus)
    if name == "bm25":
        return _service_rank(RetrievalService(settings, corpus=corpus, use_dense=False))
    if name == "dense":
        return _service_rank(RetrievalService(settings, corpus=corpus, use_lexical=False))
    if name == "dense-e5":
        e5 = settings.model_copy(update={"embedding_backend": EmbeddingBackend.E5_USE})
        return _service_rank(RetrievalService(e5, corpus=corpus, use_lexical=False))
    if name == "hybrid-e5":
        e5 = settings.model_copy(update={"embedding_backend": EmbeddingBackend.E5_USE})
        return _service_rank(RetrievalService(e5, corpus=corpus))
    if name == "hybrid":
        return _service_rank(RetrievalService(settings, corpus=corpus))
    raise AdvisorError(f"unknown system {name!r}: choose from {', '.join(LABELS)}")


LABELS = {
    "minilm": "(a) Chroma + MiniLM (en), dense",
    "bm25": "(b) BM25 nl+en only",
    "dense": "(c) dense only (configured backend)",
    "hybrid": "(d) hybrid: BM25 + dense (ours)",
    "dense-e5": "dense e5+USE only",
    "hybrid-e5": "hybrid with e5+USE",
}


def run_retrieval_bench(
    settings: Settings,
    questions: Path,
    systems: list[str],
    repeats: int,
    out: Console,
    err: Console,
) -> list[SystemScores]:
    corpus = load_corpus(settings.corpus_dir)
    dataset = load_retrieval_set(questions, corpus)
    results: list[SystemScores] = []
    for name in systems:
        with err.status(f"running {name}…"):
            results.extend(
                score_system(name, build_system(name, settings, corpus), dataset, repeats)
            )
    table = Table(title=f"Retrieval on {questions} ({len(dataset.questions)} questions)")
    for column in ("system", "lang", "n", "R@1", "R@3", "R@5", "Hit@5", "MRR", "p50 ms", "p95 ms"):
        table.add_column(column, justify="left" if column in {"system", "lang"} else "right")
    for r in results:
        table.add_row(
            LABELS.get(r.system, r.system),
            r.language.value,
            str(r.n),
            f"{r.r1:.3f}",
            f"{r.r3:.3f}",
            f"{r.r5:.3f}",
            f"{r.hit5:.3f}",
            f"{r.mrr:.3f}",
            f"{r.p50_ms:.1f}",
            f"{r.p95_ms:.1f}",
        )
    out.print(table)
    return results


def _time_command(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def run_cold_bench(settings: Settings, runs: int, out: Console) -> None:
    """The first answer of a new process (models loaded, answer logged): with an
    empty data dir, and with the index and the case-bank model on disk."""
    question = "mag ik een leerling volgen op instagram?"
    command = [sys.executable, "-m", "advisor", "ask", "--json", question]
    fresh, warm_disk = [], []
    for _ in range(runs):
        data_dir = Path(tempfile.mkdtemp(prefix="advisor-cold-"))
        try:
            env = {
                **os.environ,
                "ADVISOR_DATA_DIR": str(data_dir),
                # Nothing shared with earlier runs: every cache under this data dir.
                "ADVISOR_EMBEDDING_CACHE": str(data_dir / "embedding-cache.sqlite3"),
                "ADVISOR_MODEL_CACHE": str(data_dir / "models"),
            }
            fresh.append(_time_command(command, env))
            warm_disk.append(_time_command(command, env))
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)
    table = Table(title=f"Cold start: one `advisor ask` process, {runs} runs")
    for column in ("case", "median s", "max s"):
        table.add_column(column)
    for label, values in (
        ("empty data dir (index built, bank model trained)", fresh),
        ("index and bank model on disk (new process; target ≤ 5 s)", warm_disk),
    ):
        table.add_row(label, f"{percentile(values, 50):.2f}", f"{max(values):.2f}")
    out.print(table)


def run_answer_bench(
    settings: Settings, questions: Path, repeats: int, out: Console, err: Console
) -> list[float]:
    """Warm latency of complete grounded answers (retrieval, decision, wording)."""
    from advisor.pipeline.run import GroundedEngine

    service = RetrievalService(settings)
    with err.status("indexing…"):
        service.index()
    dataset = load_retrieval_set(questions, service.corpus)
    engine = GroundedEngine(service)
    for q in dataset.questions:  # warm-up pass
        engine.answer(q.question)
    timings: list[float] = []
    for _ in range(repeats):
        for q in dataset.questions:
            started = time.perf_counter()
            engine.answer(q.question)
            timings.append((time.perf_counter() - started) * 1000)
    table = Table(
        title=f"Grounded answers: {len(timings)} timed ({repeats} passes over {questions})"
    )
    for column in ("engine", "n", "p50 ms", "p95 ms", "max ms"):
        table.add_column(column)
    table.add_row(
        "grounded",
        str(len(timings)),
        f"{percentile(timings, 50):.1f}",
        f"{percentile(timings, 95):.1f}",
        f"{max(timings):.1f}",
    )
    out.print(table)
    return timings
