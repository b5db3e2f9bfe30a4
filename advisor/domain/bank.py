"""The case bank: labelled questions written blind from the protocol text.

Training data for the reading and the decision, never an eval set. Each file
``corpus/bank/<batch>.yaml`` holds ``cases: […]``; ``GUIDE.md`` beside them
defines the labels and records how disagreements between labellers were
settled. Loading checks the schema, unique ids and that every clause id exists.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from advisor.domain.corpus import Corpus, bank_files
from advisor.domain.errors import CorpusError
from advisor.domain.models import CLAUSE_ID_PATTERN, Language, Verdict
from advisor.domain.reading import (
    Act,
    Actor,
    Asker,
    Channel,
    Concern,
    Condition,
    QuestionType,
)
from advisor.domain.text import clean_text
from advisor.domain.yamlio import load_model


class BankCase(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9]*-\d{4}$")
    question: str = Field(min_length=1)
    language: Language
    asker: Asker
    actor: Actor
    act: Act
    concerns: Concern = Field(alias="object")
    channel: Channel
    conditions: list[Condition] = Field(default_factory=list)
    question_type: QuestionType
    verdicts: list[Verdict] = Field(min_length=1)
    decisive: list[str] = Field(default_factory=list)
    acceptable: list[str] = Field(default_factory=list)
    turns_on: str = ""
    urgent: bool
    notes: str = ""

    @property
    def verdict(self) -> Verdict:
        """The best verdict."""
        return self.verdicts[0]

    @field_validator("question")
    @classmethod
    def _as_read(cls, question: str) -> str:
        """The question as the engine reads an asked one (curly apostrophes, invisible
        characters), so that the model learns from the text it will be given."""
        cleaned = clean_text(question)
        if not cleaned:
            raise ValueError("the question is empty once invisible characters are removed")
        return cleaned

    @model_validator(mode="after")
    def _consistent(self) -> BankCase:
        bad = [c for c in (*self.decisive, *self.acceptable) if not re.match(CLAUSE_ID_PATTERN, c)]
        if bad:
            raise ValueError(f"not clause ids: {bad}")
        if self.verdict is not Verdict.NOT_COVERED and not self.decisive:
            raise ValueError("a ruled case names its decisive clause")
        if self.verdict is Verdict.NOT_COVERED and self.decisive:
            raise ValueError("a not_covered case has no decisive clause")
        return self


class _BankFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cases: list[BankCase] = Field(min_length=1)


class CaseBank(BaseModel):
    model_config = ConfigDict(frozen=True)

    cases: list[BankCase]

    def __len__(self) -> int:
        return len(self.cases)


def load_bank(corpus_dir: Path, corpus: Corpus) -> CaseBank:
    """Every bank file under ``corpus_dir/bank``, checked against the corpus."""
    cases: list[BankCase] = []
    for path in bank_files(corpus_dir):
        cases.extend(load_model(path, _BankFile, CorpusError, "case bank file").cases)
    seen: set[str] = set()
    known = set(corpus.clause_ids)
    for case in cases:
        if case.id in seen:
            raise CorpusError(f"case bank: duplicate id {case.id}")
        seen.add(case.id)
        unknown = {*case.decisive, *case.acceptable} - known
        if unknown:
            raise CorpusError(f"case bank: {case.id} cites unknown clauses {sorted(unknown)}")
    return CaseBank(cases=cases)
