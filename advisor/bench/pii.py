"""Measuring the pseudonymiser on a labelled question set (``evals/pii.yaml``).

Recall per entity kind: a labelled span counts as found when every character
of it was replaced (a span swallowed by a larger placeholder counts too).
False alarms: the share of clean questions (no labels) that were altered.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from rich.console import Console
from rich.table import Table

from advisor.domain.errors import AdvisorError
from advisor.domain.models import Language
from advisor.domain.redaction import EntityKind
from advisor.domain.yamlio import load_model
from advisor.pipeline.privacy import Pseudonymizer
from advisor.pipeline.retrieve import percentile


class LabelledEntity(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    type: EntityKind
    text: str = Field(min_length=1)


class LabelledQuestion(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    language: Language
    text: str
    entities: list[LabelledEntity]


class PiiSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    questions: list[LabelledQuestion] = Field(min_length=1)


class PiiFigures(BaseModel):
    """What ``advisor bench pii`` prints."""

    found: dict[str, int]
    labelled: dict[str, int]
    clean_questions: int
    clean_altered: int
    personal_questions: int
    missed: list[str]  # "<question id>: <kind>" (never the text itself)
    false_alarms: list[str]  # question ids
    p50_ms: float
    p95_ms: float

    def recall(self, kind: str) -> float | None:
        total = self.labelled.get(kind, 0)
        return self.found.get(kind, 0) / total if total else None

    @property
    def false_alarm_rate(self) -> float:
        return self.clean_altered / self.clean_questions if self.clean_questions else 0.0


def load_pii_set(path: Path) -> PiiSet:
    data = load_model(path, PiiSet, AdvisorError, "PII test set")
    for question in data.questions:
        for entity in question.entities:
            if entity.text not in question.text:
                raise AdvisorError(f"{path}: {question.id}: {entity.text!r} is not in the text")
    return data


def measure(pseudonymizer: Pseudonymizer, questions: list[LabelledQuestion]) -> PiiFigures:
    found: Counter[str] = Counter()
    labelled: Counter[str] = Counter()
    missed: list[str] = []
    alarms: list[str] = []
    timings: list[float] = []
    clean = 0
    for question in questions:
        started = time.perf_counter()
        spans = pseudonymizer.find(question.text)
        timings.append((time.perf_counter() - started) * 1000)
        covered: set[int] = set()
        for _kind, start, end in spans:
            covered.update(range(start, end))
        if not question.entities:
            clean += 1
            if spans:
                alarms.append(question.id)
            continue
        for entity in question.entities:
            labelled[entity.type.value] += 1
            at = question.text.find(entity.text)
            hit = False
            while at != -1 and not hit:
                hit = all(i in covered for i in range(at, at + len(entity.text)))
                at = question.text.find(entity.text, at + 1)
            if hit:
                found[entity.type.value] += 1
            else:
                missed.append(f"{question.id}: {entity.type.value}")
    return PiiFigures(
        found=dict(found),
        labelled=dict(labelled),
        clean_questions=clean,
        clean_altered=len(alarms),
        personal_questions=len(questions) - clean,
        missed=missed,
        false_alarms=alarms,
        p50_ms=round(percentile(timings, 50), 3),
        p95_ms=round(percentile(timings, 95), 3),
    )


TARGETS = {"name": 0.95, "email": 1.0, "phone": 1.0}
MAX_FALSE_ALARMS = 0.05


def print_figures(figures: PiiFigures, title: str, out: Console) -> None:
    table = Table(title=title)
    for column in ("entity", "found", "labelled", "recall", "target"):
        table.add_column(column, justify="left" if column in ("entity", "target") else "right")
    for kind in sorted(figures.labelled):
        recall = figures.recall(kind) or 0.0
        target = TARGETS.get(kind)
        mark = "" if target is None else f"≥ {target:g} {'✓' if recall >= target else '✗'}"
        table.add_row(
            kind,
            str(figures.found.get(kind, 0)),
            str(figures.labelled[kind]),
            f"{recall:.3f}",
            mark,
        )
    rate = figures.false_alarm_rate
    table.add_row(
        "clean questions altered",
        str(figures.clean_altered),
        str(figures.clean_questions),
        f"{rate:.3f}",
        f"≤ {MAX_FALSE_ALARMS:g} {'✓' if rate <= MAX_FALSE_ALARMS else '✗'}",
    )
    out.print(table)
    out.print(f"time per question: p50 {figures.p50_ms:.2f} ms, p95 {figures.p95_ms:.2f} ms")
    if figures.missed:
        out.print("missed: " + ", ".join(figures.missed), markup=False)
    if figures.false_alarms:
        out.print("altered clean questions: " + ", ".join(figures.false_alarms), markup=False)
