"""One eval run end to end: cases → answers → metrics → gate → reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from advisor.domain.corpus import Corpus
from advisor.domain.settings import PACKAGE_ROOT, Settings
from advisor.evaluation.cases import GoldenCase, load_cases
from advisor.evaluation.compare import (
    Baseline,
    Regression,
    SuiteResult,
    compare,
    load_baseline,
    write_baseline,
)
from advisor.evaluation.judge import FaithfulnessJudge, faithfulness
from advisor.evaluation.metrics import CaseScorer
from advisor.evaluation.report import write_reports
from advisor.evaluation.runner import run_suite
from advisor.pipeline.run import AnswerEngine
from advisor.pipeline.support import SupportScorer

DEFAULT_CASES = PACKAGE_ROOT / "evals" / "cases"
DEFAULT_BASELINE = PACKAGE_ROOT / "evals" / "baseline.json"
DEFAULT_OUT = PACKAGE_ROOT / "evals" / "out"


@dataclass(frozen=True)
class EvalOptions:
    cases_dir: Path = DEFAULT_CASES
    out_dir: Path = DEFAULT_OUT
    compare_to: Path | None = None
    update_baseline: bool = False
    judge: FaithfulnessJudge | None = None

    @property
    def baseline_path(self) -> Path:
        return self.compare_to or DEFAULT_BASELINE


@dataclass(frozen=True)
class EvalOutcome:
    result: SuiteResult
    baseline: Baseline | None
    regressions: list[Regression]
    reports: dict[str, Path]
    baseline_written: Path | None

    @property
    def gate_failed(self) -> bool:
        """Regressions fail the gate, unless this run was the reviewed baseline update."""
        return bool(self.regressions) and self.baseline_written is None


def evaluate(
    engine: AnswerEngine,
    scorer: SupportScorer,
    options: EvalOptions,
    progress: Callable[[GoldenCase], None] | None = None,
    on_loaded: Callable[[int], None] | None = None,
) -> EvalOutcome:
    cases = load_cases(options.cases_dir, set(scorer.corpus.clause_ids))
    baseline = None
    # The first --update-baseline may create the file; a plain compare needs it.
    if options.compare_to is not None and (
        options.compare_to.exists() or not options.update_baseline
    ):
        baseline = load_baseline(options.compare_to)
    if on_loaded is not None:
        on_loaded(len(cases))
    result = run_suite(engine, cases, CaseScorer(scorer), progress)
    if options.judge is not None:
        result.metrics["faithfulness"] = faithfulness(options.judge, result.cases)
    regressions = compare(result, baseline) if baseline else []
    written = None
    if options.update_baseline:
        write_baseline(result, options.baseline_path)
        written = options.baseline_path
    reports = write_reports(result, baseline, regressions, options.out_dir)
    return EvalOutcome(result, baseline, regressions, reports, written)


def judge_from_settings(settings: Settings, corpus: Corpus) -> FaithfulnessJudge | None:
    """The configured judge LLM, or None (the usual case, and always in CI)."""
    judge_settings = settings.judge_settings()
    if judge_settings is None:
        return None
    from advisor.pipeline.llm import chat_model_from_settings

    return FaithfulnessJudge(
        chat_model_from_settings(judge_settings), corpus, runs=settings.judge_runs
    )
