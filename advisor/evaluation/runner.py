"""Running the golden cases through an answer engine."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from advisor.domain.errors import InvalidQuestionError
from advisor.evaluation.cases import GoldenCase
from advisor.evaluation.compare import SuiteResult
from advisor.evaluation.metrics import CaseResult, CaseScorer, suite_metrics
from advisor.pipeline.run import AnswerEngine

Progress = Callable[[GoldenCase], None]


def run_suite(
    engine: AnswerEngine,
    cases: Sequence[GoldenCase],
    scorer: CaseScorer,
    progress: Progress | None = None,
) -> SuiteResult:
    """Answer every case, score it, and compute the suite's metrics.

    A question the engine refuses is a failed case, not a crash of the run.
    Latency is measured warm: one untimed answer goes first.
    """
    for case in cases[:1]:
        # Warm up lazily loaded models and caches, so latency is measured warm.
        with contextlib.suppress(InvalidQuestionError):
            engine.respond(case.question)
    started_at = datetime.now(UTC)
    started = time.perf_counter()
    results: list[CaseResult] = []
    for case in cases:
        before = time.perf_counter()
        try:
            response = engine.respond(case.question)
        except InvalidQuestionError as exc:
            elapsed = (time.perf_counter() - before) * 1000
            results.append(CaseScorer.error(case, str(exc), elapsed))
        else:
            elapsed = (time.perf_counter() - before) * 1000
            results.append(scorer.score(case, response, elapsed))
        if progress is not None:
            progress(case)
    return SuiteResult(
        engine=engine.name,
        corpus_version=scorer.scorer.corpus.version,
        started_at=started_at,
        seconds=round(time.perf_counter() - started, 2),
        metrics=suite_metrics(results),
        cases=results,
    )
