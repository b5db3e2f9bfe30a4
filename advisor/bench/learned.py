"""``advisor bench train``: how long the case-bank model takes to train from
scratch, and how well each head reads questions of a writer it never saw."""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from rich.console import Console
from rich.table import Table

from advisor.domain.bank import BankCase, CaseBank, load_bank
from advisor.domain.corpus import load_corpus
from advisor.domain.models import Decision, Escalation, Verdict
from advisor.domain.settings import Settings
from advisor.pipeline.decide_config import DecisionConfig
from advisor.pipeline.learned import NO_CLAUSE, BankModel, ruled_acts, train, use_encoder

if TYPE_CHECKING:
    from advisor.pipeline.run import GroundedEngine


def _writer(case_id: str) -> str:
    """Bank ids are ``w<writer>…``: the batch prefix names who wrote it."""
    return case_id.split("-", 1)[0]


def writer_folds(cases: list[BankCase], folds: int) -> list[set[str]]:
    """The bank's writers dealt round-robin, in id order, into ``folds`` groups
    (every writer's questions held out together: the same writer's phrasing on
    both sides would flatter the figure)."""
    writers = sorted({_writer(c.id) for c in cases})
    if folds < 2 or len(writers) < 2:
        raise ValueError(
            f"cross-validation needs at least two folds and two writers "
            f"(got {folds} folds, {len(writers)} writers)"
        )
    count = min(folds, len(writers))
    return [set(writers[i::count]) for i in range(count)]


def run_train_bench(settings: Settings, cross_validate: bool, out: Console, folds: int = 5) -> None:
    corpus = load_corpus(settings.corpus_dir)
    bank = load_bank(settings.corpus_dir, corpus)
    with tempfile.TemporaryDirectory() as scratch:
        # A cold embedding cache: the figure includes embedding the whole bank.
        encode = use_encoder(Path(scratch) / "vectors.sqlite3")
        started = time.perf_counter()
        model = train(bank, "bench", encode, ruled_acts(corpus))
        seconds = time.perf_counter() - started
    out.print(
        f"trained on {len(bank)} bank cases in {seconds:.1f} s "
        f"(embedding included; {len(model.heads)} heads, {len(model.conditions)} condition heads, "
        f"{len(model.acts)} act heads; "
        "target ≤ 60 s)"
    )
    if not cross_validate:
        return
    encode = use_encoder()
    urgent_probability = DecisionConfig().urgent_probability
    groups = writer_folds(list(bank.cases), folds)
    hits: dict[str, list[bool]] = {h: [] for h in ("verdict", "decisive", "type", "actor")}
    urgent = [0, 0]
    confidence: list[float] = []
    decisions = _HeldOutDecisions(settings)
    for group in groups:
        fold = train(
            CaseBank(cases=[c for c in bank.cases if _writer(c.id) not in group]),
            "cv",
            encode,
            ruled_acts(corpus),
        )
        decisions.use(fold, group)
        for case in (c for c in bank.cases if _writer(c.id) in group):
            learned = fold.read(case.question)
            best_clause = learned.likeliest_clause or NO_CLAUSE
            if learned.no_clause > learned.clauses.get(best_clause, 0.0):
                best_clause = NO_CLAUSE
            hits["verdict"].append(learned.best_verdict[0] in case.verdicts)
            confidence.append(learned.best_verdict[1])
            hits["decisive"].append(
                best_clause in case.decisive if case.decisive else best_clause == NO_CLAUSE
            )
            hits["type"].append(learned.question_type == case.question_type.value)
            hits["actor"].append(learned.actor == case.actor.value)
            if case.urgent:
                urgent[1] += 1
                urgent[0] += learned.urgent >= urgent_probability
            decisions.add(case)
    writer_count = sum(len(group) for group in groups)
    table = Table(
        title=f"The bank model's heads, {writer_count} writers in {len(groups)} folds, "
        "each held out"
    )
    table.add_column("head")
    table.add_column("accuracy", justify="right")
    for head, values in hits.items():
        table.add_row(head, f"{np.mean(values):.3f}")
    table.add_row("urgent recall", f"{urgent[0]}/{urgent[1]}")
    table.add_row(
        "verdict calibration error (ECE, 10 bins)",
        f"{expected_calibration_error(confidence, hits['verdict']):.3f}",
    )
    out.print(table)
    decisions.report(out)


def expected_calibration_error(confidence: list[float], correct: list[bool]) -> float:
    """How far stated confidence is from accuracy, weighted over ten equal bins."""
    p, hit = np.asarray(confidence), np.asarray(correct, dtype=float)
    bins = np.minimum((p * 10).astype(int), 9)
    return float(
        sum(
            (bins == b).mean() * abs(hit[bins == b].mean() - p[bins == b].mean())
            for b in range(10)
            if (bins == b).any()
        )
    )


@dataclass
class _Tally:
    """What the whole engine answered on held-out writers' questions."""

    n: int = 0
    verdict: int = 0
    decisive: int = 0
    ruled: int = 0
    urgent: int = 0
    urgent_of: int = 0
    escalated: int = 0
    escalated_right: int = 0
    permissive: int = 0
    not_covered: int = 0
    not_covered_of: int = 0

    def add(self, case: BankCase, decision: Decision) -> None:
        verdict = decision.verdict
        self.n += 1
        self.verdict += verdict in case.verdicts
        if case.decisive:
            self.ruled += 1
            self.decisive += bool(set(decision.clause_ids) & set(case.decisive))
        escalated = decision.escalation is Escalation.URGENT
        self.escalated += escalated
        self.escalated_right += escalated and case.urgent
        if case.urgent:
            self.urgent_of += 1
            self.urgent += escalated
        if case.verdict is Verdict.NOT_COVERED:
            self.not_covered_of += 1
            self.not_covered += verdict is Verdict.NOT_COVERED
        self.permissive += (
            verdict is Verdict.ALLOWED
            and Verdict.ALLOWED not in case.verdicts
            and Verdict.NOT_ALLOWED in case.verdicts
        )


class _HeldOutDecisions:
    """The whole engine on held-out writers' questions, with the bank model
    trained without them, against the rules alone: the figure nearest to
    questions nobody tuned for that the repo can compute."""

    def __init__(self, settings: Settings) -> None:
        from advisor.app.wiring import build_engine

        self.rules = build_engine(settings.model_copy(update={"learned_decision": False}))
        self.learned: GroundedEngine | None = None
        self.held: set[str] = set()
        self.tallies = {"rules alone": _Tally(), "with the bank model": _Tally()}
        self.by_type: dict[str, _Tally] = {}
        self.matrix: Counter[tuple[Verdict, Verdict]] = Counter()

    def use(self, fold: BankModel, held: set[str]) -> None:
        """Decide the questions of the ``held`` writers, whom ``fold`` was trained
        without, with that fold's model."""
        from advisor.pipeline.run import GroundedEngine

        self.learned = GroundedEngine(self.rules.service, bank_model=fold)
        self.held = set(held)

    def add(self, case: BankCase) -> None:
        if self.learned is None:
            raise RuntimeError("no fold model to decide with: call use() first")
        if _writer(case.id) not in self.held:
            raise ValueError(f"{case.id}: its writer is not held out of this fold's model")
        decision = self.learned.ground(case.question).decision
        self.tallies["rules alone"].add(case, self.rules.ground(case.question).decision)
        self.tallies["with the bank model"].add(case, decision)
        self.by_type.setdefault(case.question_type.value, _Tally()).add(case, decision)
        self.matrix[(case.verdict, decision.verdict)] += 1

    def report(self, out: Console) -> None:
        table = Table(title="The whole engine on held-out writers' questions")
        for column in (
            "decision",
            "cases",
            "verdict",
            "decisive cited",
            "not covered",
            "urgent escalated",
            "escalation precision",
            "permissive",
        ):
            table.add_column(column, justify="left" if column == "decision" else "right")
        rows = [*self.tallies.items()] + [
            (f"  {name} (with the model)", tally) for name, tally in sorted(self.by_type.items())
        ]
        for name, t in rows:
            table.add_row(
                name,
                str(t.n),
                f"{t.verdict / max(t.n, 1):.3f}",
                f"{t.decisive / max(t.ruled, 1):.3f}",
                f"{t.not_covered}/{t.not_covered_of}",
                f"{t.urgent}/{t.urgent_of}",
                f"{t.escalated_right / max(t.escalated, 1):.3f}",
                str(t.permissive),
            )
        out.print(table)
        matrix = Table(
            title="Verdicts with the model: the bank's first verdict (rows), answered "
            "(a case with several accepted verdicts is right off the diagonal too)"
        )
        matrix.add_column("bank \\ answered")
        for answered in Verdict:
            matrix.add_column(answered.value, justify="right")
        for expected in Verdict:
            matrix.add_row(
                expected.value, *(str(self.matrix[(expected, answered)]) for answered in Verdict)
            )
        out.print(matrix)
