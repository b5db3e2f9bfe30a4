"""Golden cases: the questions the answers are judged on, schema-validated.

Cases live in ``evals/cases/*.yaml`` (a ``cases:`` list per file). The schema
is exported as JSON (``evals/case.schema.json``) for editors; a test keeps the
exported file equal to this model.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from advisor.domain.errors import AdvisorError
from advisor.domain.models import CLAUSE_ID_PATTERN, Language, Verdict
from advisor.domain.yamlio import load_model

SCHEMA_FILE = "case.schema.json"


class EvalCasesError(AdvisorError):
    """The eval cases are missing, broken or refer to clauses that do not exist."""

    exit_code = 3


class GoldenCase(BaseModel):
    """One question with what a faithful answer must do."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z_]+-\d{3}$", description="Unique, e.g. contact-001.")
    question: str = Field(min_length=1, description="As staff would ask it.")
    language: Language = Field(description="The language the answer must be in.")
    expected_verdicts: list[Verdict] = Field(
        min_length=1, description="Any of these verdicts counts as correct."
    )
    required_clauses: list[str] = Field(
        default_factory=list, description="At least one of these must be cited."
    )
    acceptable_clauses: list[str] = Field(
        default_factory=list, description="May also be cited without counting against precision."
    )
    must_escalate: bool = Field(description="True when the answer must be escalated as urgent.")
    tags: list[str] = Field(default_factory=list)
    notes: str = Field(default="", description="Why these labels: the clause reading behind them.")

    @model_validator(mode="after")
    def _clause_ids_look_right(self) -> GoldenCase:
        import re

        for cid in [*self.required_clauses, *self.acceptable_clauses]:
            if not re.match(CLAUSE_ID_PATTERN, cid):
                raise ValueError(f"not a clause id: {cid!r}")
        both = set(self.required_clauses) & set(self.acceptable_clauses)
        if both:
            raise ValueError(f"clause ids both required and acceptable: {sorted(both)}")
        return self

    @property
    def allowed_citations(self) -> set[str]:
        return {*self.required_clauses, *self.acceptable_clauses}

    @property
    def abstains(self) -> bool:
        """A question the protocol does not cover: the only right verdict is not_covered."""
        return self.expected_verdicts == [Verdict.NOT_COVERED]


class CaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cases: list[GoldenCase] = Field(min_length=1)


def case_schema() -> dict[str, object]:
    schema = CaseFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Protocol Advisor golden cases"
    return schema


def write_schema(path: Path) -> None:
    path.write_text(json.dumps(case_schema(), indent=2, ensure_ascii=False) + "\n", "utf-8")


def load_cases(cases_dir: Path, known_clause_ids: set[str] | None = None) -> list[GoldenCase]:
    """All cases under ``cases_dir``, in file and list order; ids unique."""
    if not cases_dir.is_dir():
        raise EvalCasesError(f"eval cases directory not found: {cases_dir}")
    files = sorted(cases_dir.glob("*.yaml"))
    if not files:
        raise EvalCasesError(f"no eval case files (*.yaml) in {cases_dir}")
    cases: list[GoldenCase] = []
    seen: dict[str, Path] = {}
    for path in files:
        for case in load_model(path, CaseFile, EvalCasesError, "eval case file").cases:
            if case.id in seen:
                raise EvalCasesError(f"case id {case.id} in {path} is also in {seen[case.id]}")
            seen[case.id] = path
            if known_clause_ids is not None:
                unknown = sorted(
                    cid for cid in case.allowed_citations if cid not in known_clause_ids
                )
                if unknown:
                    raise EvalCasesError(
                        f"case {case.id} in {path} names unknown clauses {unknown}"
                    )
            cases.append(case)
    return cases
