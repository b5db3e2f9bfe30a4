"""Agreement between the case bank's labellers: Cohen's kappa per label.

A second labeller, blind to the first labels, labelled a random sample of the
bank (``corpus/bank/agreement/second_labeller.yaml``). Run as
``python -m advisor.bench.agreement [CORPUS_DIR]``.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any

import yaml

from advisor.domain.bank import load_bank
from advisor.domain.corpus import load_corpus
from advisor.domain.settings import Settings

SECOND_LABELS = Path("bank") / "agreement" / "second_labeller.yaml"


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> tuple[float, float]:
    """(observed agreement, Cohen's kappa) of two labellings of the same items."""
    if len(first) != len(second) or not first:
        raise ValueError("two labellings of the same, non-empty list of items")
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    count_a, count_b = Counter(first), Counter(second)
    expected = sum(count_a[k] * count_b[k] for k in set(count_a) | set(count_b)) / (n * n)
    if expected == 1.0:
        return observed, 1.0
    return observed, (observed - expected) / (1 - expected)


Label = Callable[[dict[str, Any]], Hashable]

LABELS: dict[str, Label] = {
    "verdict (the best one)": lambda c: c["verdicts"][0],
    "decisive clause (the first)": lambda c: (c["decisive"] or ["none"])[0],
    "question type": lambda c: c["question_type"],
    "actor": lambda c: c["actor"],
    "urgent": lambda c: bool(c["urgent"]),
}


def agreement(corpus_dir: Path) -> list[tuple[str, float, float, int]]:
    corpus = load_corpus(corpus_dir)
    first = {
        c.id: c.model_dump(mode="json", by_alias=True) for c in load_bank(corpus_dir, corpus).cases
    }
    raw = yaml.safe_load((corpus_dir / SECOND_LABELS).read_text(encoding="utf-8"))
    second = {c["id"]: c for c in raw["cases"]}
    ids = sorted(second)
    return [
        (
            name,
            *cohen_kappa([label(first[i]) for i in ids], [label(second[i]) for i in ids]),
            len(ids),
        )
        for name, label in LABELS.items()
    ]


def main(argv: Sequence[str] = ()) -> None:
    corpus_dir = Path(argv[0]) if argv else Settings().corpus_dir
    print(f"{'label':30s} {'agreement':>9s} {'kappa':>7s}   n")
    for name, observed, kappa, n in agreement(corpus_dir):
        print(f"{name:30s} {observed:9.3f} {kappa:7.3f}   {n}")


if __name__ == "__main__":
    main(sys.argv[1:])
