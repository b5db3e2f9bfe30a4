"""The case bank: schema-checked training data, with the labellers' agreement."""

from __future__ import annotations

from collections import Counter

import pytest

from advisor.bench.agreement import agreement, cohen_kappa
from advisor.domain.bank import BankCase, load_bank
from advisor.domain.corpus import Corpus
from advisor.domain.models import Language, Verdict
from advisor.domain.reading import QuestionType
from advisor.domain.settings import Settings
from advisor.pipeline.normalize import QuestionNormalizer
from tests.conftest import CORPUS_DIR


def test_the_bank_loads_and_meets_its_quotas(corpus: Corpus) -> None:
    bank = load_bank(CORPUS_DIR, corpus)
    assert len(bank) >= 2000
    english = sum(c.language is Language.EN for c in bank.cases)
    assert english / len(bank) >= 0.35
    verdicts = Counter(c.verdict for c in bank.cases)
    assert verdicts[Verdict.NOT_COVERED] >= 250
    assert sum(c.urgent for c in bank.cases) >= 200
    types = Counter(c.question_type for c in bank.cases)
    assert types[QuestionType.WHAT_TO_DO] >= 250
    assert types[QuestionType.CONSEQUENCES] >= 150
    ruling = {c.id for c in corpus.clauses if c.modality.value not in {"context", "scope"}}
    decided = {cid for c in bank.cases for cid in c.decisive}
    assert ruling <= decided, ruling - decided


def test_kappa_is_one_for_identical_and_zero_for_chance() -> None:
    assert cohen_kappa(["a", "b", "a"], ["a", "b", "a"]) == (1.0, 1.0)
    observed, kappa = cohen_kappa(["a", "a", "b", "b"], ["a", "b", "a", "b"])
    assert observed == 0.5 and kappa == pytest.approx(0.0)


def test_the_second_labeller_agrees(corpus: Corpus) -> None:
    figures = {name: kappa for name, _, kappa, n in agreement(CORPUS_DIR)}
    assert figures["verdict (the best one)"] >= 0.8
    assert figures["decisive clause (the first)"] >= 0.8


def _bank_case(question: str) -> BankCase:
    """A bank case around this question, as a writer's file would give it."""
    return BankCase.model_validate(
        {
            "id": "w0-0001",
            "question": question,
            "language": "nl",
            "asker": "staff",
            "actor": "asker",
            "act": "post_images",
            "object": "pupil_images",
            "channel": "none",
            "question_type": "may_i",
            "verdicts": ["conditional"],
            "decisive": ["2.4"],
            "urgent": False,
        }
    )


def test_a_bank_question_is_learned_as_an_asked_one_is_read() -> None:
    typed = "Mag ik foto\u2019s van de klas\u200b delen?"
    asked = QuestionNormalizer(Settings().max_question_chars).run(typed)
    assert _bank_case(typed).question == asked.text == "Mag ik foto's van de klas delen?"


def test_a_bank_question_of_invisible_characters_only_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        _bank_case("\u200b \u00ad")
