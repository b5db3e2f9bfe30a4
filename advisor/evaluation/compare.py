"""The baseline gate: which metrics may move how far, and what counts as a regression.

The baseline (``evals/baseline.json``) holds the suite's metrics and the ids
of the cases that passed. A run regresses when a gated metric worsens beyond
its stated tolerance, or when a case that passed in the baseline fails. The
baseline changes only through ``advisor eval --update-baseline``, a reviewed
commit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from advisor.domain.errors import AdvisorError
from advisor.evaluation.metrics import CaseResult


class BaselineError(AdvisorError):
    """The baseline file is missing or not a baseline."""

    exit_code = 3


class Direction(StrEnum):
    HIGHER = "higher"  # higher is better
    LOWER = "lower"


@dataclass(frozen=True)
class MetricSpec:
    label: str
    direction: Direction = Direction.HIGHER
    # How far the metric may worsen before the gate fails: an absolute amount,
    # or for latency a factor of the baseline (whichever allows more).
    tolerance: float = 0.01
    factor: float = 0.0
    # The target, shown in the reports (None: no target).
    target: float | None = None
    gated: bool = True

    def allowed(self, baseline: float) -> float:
        """The worst value that still passes the gate."""
        slack = max(self.tolerance, baseline * self.factor)
        return baseline - slack if self.direction is Direction.HIGHER else baseline + slack

    def meets_target(self, value: float | None) -> bool | None:
        if self.target is None or value is None:
            return None
        if self.direction is Direction.HIGHER:
            return value >= self.target
        return value <= self.target


# One case in a hundred is 0.01: the rates tolerate no drop beyond rounding, and
# the per-case gate catches any single case that stops passing anyway.
_RATE = 0.005
LATENCY = MetricSpec("latency", Direction.LOWER, tolerance=25.0, factor=2.0)

METRICS: dict[str, MetricSpec] = {
    "case_pass_rate": MetricSpec("cases passing every check", tolerance=_RATE),
    "referral_rate": MetricSpec("referral to the supervisor", tolerance=0.0, target=1.0),
    "invalid_citation_rate": MetricSpec(
        "invalid citations (unknown or not retrieved)", Direction.LOWER, tolerance=0.0, target=0.0
    ),
    "required_clause_hit": MetricSpec("a required clause cited", tolerance=_RATE, target=0.95),
    "citation_precision": MetricSpec(
        "citations within required ∪ acceptable", tolerance=_RATE, target=0.90
    ),
    "alce_citation_recall": MetricSpec("ALCE citation recall (sentences)", tolerance=_RATE),
    "alce_citation_precision": MetricSpec("ALCE citation precision", tolerance=_RATE),
    "verdict_accuracy": MetricSpec("verdict accuracy", tolerance=_RATE, target=0.90),
    "abstention_accuracy": MetricSpec("not-covered questions abstain", tolerance=_RATE, target=1.0),
    "escalation_recall": MetricSpec("escalation recall", tolerance=0.0, target=1.0),
    "escalation_precision": MetricSpec("escalation precision", tolerance=_RATE),
    "language_match": MetricSpec("answer language", tolerance=0.0, target=1.0),
    "retrieval_recall_at_1": MetricSpec("retrieval R@1 (required clauses)", tolerance=_RATE),
    "retrieval_recall_at_3": MetricSpec("retrieval R@3", tolerance=_RATE),
    "retrieval_recall_at_5": MetricSpec("retrieval R@5", tolerance=_RATE),
    "retrieval_mrr": MetricSpec("retrieval MRR", tolerance=_RATE),
    # Wall-clock figures depend on the machine and its load: shown, not gated
    # (a CI machine busy with other work failed the gate on a p95 of 116 ms);
    # ``advisor bench answers`` measures latency on purpose.
    "latency_p50_ms": MetricSpec(
        "latency p50 (ms)",
        Direction.LOWER,
        tolerance=LATENCY.tolerance,
        factor=LATENCY.factor,
        gated=False,
    ),
    "latency_p95_ms": MetricSpec(
        "latency p95 (ms)",
        Direction.LOWER,
        tolerance=LATENCY.tolerance,
        factor=LATENCY.factor,
        gated=False,
    ),
    # Only with a judge LLM; noisy even averaged over runs, so shown, not gated.
    "faithfulness": MetricSpec("RAGAS-style faithfulness (judge LLM)", gated=False),
}


class SuiteResult(BaseModel):
    """What ``results.json`` holds: the run, its metrics and every case."""

    model_config = ConfigDict(extra="forbid")

    engine: str
    corpus_version: str
    started_at: datetime
    seconds: float
    metrics: dict[str, float | None]
    cases: list[CaseResult]

    def baseline(self) -> Baseline:
        return Baseline(
            engine=self.engine,
            corpus_version=self.corpus_version,
            created_at=self.started_at,
            metrics=self.metrics,
            passed=sorted(c.id for c in self.cases if c.passed),
            failed={c.id: c.failed_checks for c in self.cases if not c.passed},
        )


class Baseline(BaseModel):
    """The committed reference run (``evals/baseline.json``)."""

    model_config = ConfigDict(extra="forbid")

    engine: str
    corpus_version: str
    created_at: datetime
    metrics: dict[str, float | None]
    passed: list[str]
    failed: dict[str, list[str]]


class Regression(BaseModel):
    kind: str  # "metric" or "case"
    name: str
    detail: str


def load_baseline(path: Path) -> Baseline:
    try:
        return Baseline.model_validate_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BaselineError(f"baseline not found: {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc}") from exc
    except ValidationError as exc:
        raise BaselineError(f"not a baseline file: {path} ({exc.error_count()} problems)") from exc


def write_baseline(result: SuiteResult, path: Path) -> None:
    data = result.baseline().model_dump(mode="json")
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def compare(result: SuiteResult, baseline: Baseline) -> list[Regression]:
    """Every gated metric that worsened beyond tolerance, and every case that stopped passing."""
    regressions: list[Regression] = []
    for name, spec in METRICS.items():
        before = baseline.metrics.get(name)
        now = result.metrics.get(name)
        if not spec.gated or before is None or now is None:
            continue
        limit = spec.allowed(before)
        worse = now < limit if spec.direction is Direction.HIGHER else now > limit
        if worse:
            regressions.append(
                Regression(
                    kind="metric",
                    name=name,
                    detail=f"{spec.label}: {now:g} against baseline {before:g} (limit {limit:g})",
                )
            )
    by_id = {case.id: case for case in result.cases}
    for case_id in baseline.passed:
        case = by_id.get(case_id)
        if case is not None and not case.passed:
            regressions.append(
                Regression(
                    kind="case",
                    name=case_id,
                    detail=f"passed in the baseline, now fails: {', '.join(case.failed_checks)}",
                )
            )
    return regressions
