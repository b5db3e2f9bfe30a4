"""Printing an eval run in the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from advisor.evaluation.report import metric_rows
from advisor.evaluation.suite import EvalOutcome
from advisor.evaluation.verdicts import llm_markdown


def print_outcome(out: Console, err: Console, outcome: EvalOutcome) -> None:
    result = outcome.result
    table = Table(title=f"eval: {result.engine}, {len(result.cases)} cases")
    for column in ("metric", "value", "baseline", "Δ", "target"):
        table.add_column(column, justify="left" if column in ("metric", "target") else "right")
    for _name, label, value, before, delta, target in metric_rows(result, outcome.baseline):
        table.add_row(label, value, before, delta, target)
    out.print(table)
    for line in llm_markdown(result.cases)[2:]:
        out.print(line, markup=False)
    for name, path in outcome.reports.items():
        err.print(f"{name}: {path}")
    if outcome.baseline_written is not None:
        err.print(f"baseline written: {outcome.baseline_written} (commit it for review)")
    if outcome.baseline is None:
        return
    if not outcome.regressions:
        err.print("gate: no regressions against the baseline")
        return
    err.print(f"gate: {len(outcome.regressions)} regressions against the baseline:")
    for regression in outcome.regressions:
        err.print(f"  {regression.kind} {regression.name}: {regression.detail}", markup=False)
