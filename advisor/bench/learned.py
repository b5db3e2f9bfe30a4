"""``advisor bench train``: how long the case-bank model takes to train from
scratch, and how well each head reads questions of a writer it never saw."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from advisor.domain.bank import CaseBank, load_bank
from advisor.domain.corpus import load_corpus
from advisor.domain.settings import Settings
from advisor.pipeline.decide_config import DecisionConfig
from advisor.pipeline.learned import NO_CLAUSE, train, use_encoder


def _writer(case_id: str) -> str:
    """Bank ids are ``w<writer>…``: the batch prefix names who wrote it."""
    return case_id[:2]


def run_train_bench(settings: Settings, cross_validate: bool, out: Console) -> None:
    corpus = load_corpus(settings.corpus_dir)
    bank = load_bank(settings.corpus_dir, corpus)
    with tempfile.TemporaryDirectory() as scratch:
        # A cold embedding cache: the figure includes embedding the whole bank.
        encode = use_encoder(Path(scratch) / "vectors.sqlite3")
        started = time.perf_counter()
        model = train(bank, "bench", encode)
        seconds = time.perf_counter() - started
    out.print(
        f"trained on {len(bank)} bank cases in {seconds:.1f} s "
        f"(embedding included; {len(model.heads)} heads, {len(model.conditions)} condition heads; "
        "target ≤ 60 s)"
    )
    if not cross_validate:
        return
    encode = use_encoder()
    urgent_probability = DecisionConfig().urgent_probability
    writers = sorted({_writer(c.id) for c in bank.cases})
    hits: dict[str, list[bool]] = {h: [] for h in ("verdict", "decisive", "type", "actor")}
    urgent = [0, 0]
    for writer in writers:
        held = [c for c in bank.cases if _writer(c.id) == writer]
        fold = train(
            CaseBank(cases=[c for c in bank.cases if _writer(c.id) != writer]), "cv", encode
        )
        for case in held:
            learned = fold.read(case.question)
            best_clause = max(learned.clauses, key=lambda c: learned.clauses[c], default=NO_CLAUSE)
            if learned.no_clause > learned.clauses.get(best_clause, 0.0):
                best_clause = NO_CLAUSE
            hits["verdict"].append(learned.best_verdict[0] in case.verdicts)
            hits["decisive"].append(
                best_clause in case.decisive if case.decisive else best_clause == NO_CLAUSE
            )
            hits["type"].append(learned.question_type == case.question_type.value)
            hits["actor"].append(learned.actor == case.actor.value)
            if case.urgent:
                urgent[1] += 1
                urgent[0] += learned.urgent >= urgent_probability
    table = Table(title=f"Each writer held out in turn ({len(writers)} writers)")
    table.add_column("head")
    table.add_column("accuracy", justify="right")
    for head, values in hits.items():
        table.add_row(head, f"{np.mean(values):.3f}")
    table.add_row("urgent recall", f"{urgent[0]}/{urgent[1]}")
    out.print(table)
