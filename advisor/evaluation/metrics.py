"""Scoring answers against golden cases: per-case checks, then suite metrics.

Everything here is deterministic. Per case: verdict, required clause cited,
citation precision, valid citations, referral, escalation, language and (for
not-covered cases) abstention; a case passes when all its checks pass. Over
the suite: the rates of those checks, ALCE-style citation recall/precision per
answer sentence (with the guard's support scorer), escalation recall and
precision, retrieval R@k and MRR on the required clauses, and latency.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from advisor.domain.models import Answer, Escalation, Language, Verdict
from advisor.evaluation.cases import GoldenCase
from advisor.pipeline.guard import GuardConfig
from advisor.pipeline.retrieve import percentile, recall_at, reciprocal_rank
from advisor.pipeline.run import Response
from advisor.pipeline.support import SupportScorer, sources, split_sentences

# The referral must name the supervisor, in the asker's language.
REFERRAL_WORD = {Language.NL: "leidinggevende", Language.EN: "supervisor"}
# Citations outside the top ``RETRIEVED_K`` clauses (and the clauses of the top
# precedents) count as "not retrieved".
RETRIEVED_K = 5


class Check(StrEnum):
    VERDICT = "verdict"
    REQUIRED_CLAUSE = "required_clause"
    CITATION_PRECISION = "citation_precision"
    VALID_CITATIONS = "valid_citations"
    REFERRAL = "referral"
    ESCALATION = "escalation"
    LANGUAGE = "language"
    ABSTENTION = "abstention"


class SentenceSupport(BaseModel):
    """ALCE-style figures for one answer (None when it makes no citable statement)."""

    model_config = ConfigDict(frozen=True)

    statements: int
    recall: float | None
    precision: float | None


class CaseResult(BaseModel):
    """One case: what the engine said, and which checks passed."""

    model_config = ConfigDict(extra="forbid")

    id: str
    question: str
    tags: list[str]
    language: Language
    expected_verdicts: list[Verdict]
    required_clauses: list[str]
    acceptable_clauses: list[str]
    must_escalate: bool
    verdict: Verdict | None
    answer_language: Language | None
    cited: list[str]
    invalid_citations: list[str]
    precedents: list[str]
    retrieved: list[str]  # the clause ranking, best first (top 10)
    escalated: bool
    answer: str
    referral: str
    latency_ms: float
    fallback_reason: str | None = None
    error: str | None = None
    # The case-bank model's probability of the verdict answered (None: no model).
    verdict_probability: float | None = None
    # With an LLM: what came of its answer, and the grounded core's own verdict.
    llm_outcome: str | None = None
    grounded_verdict: Verdict | None = None
    # Sentences of the model's own text shown without support from what they cite.
    llm_unsupported: int = 0
    support: SentenceSupport
    checks: dict[Check, bool]

    @property
    def passed(self) -> bool:
        return self.error is None and all(self.checks.values())

    @property
    def failed_checks(self) -> list[str]:
        failed = [check.value for check, ok in self.checks.items() if not ok]
        return ["error", *failed] if self.error else failed


@dataclass(frozen=True)
class SupportConfig:
    """The guard's thresholds: a sentence is supported when this share of its
    content words is found in the sources it cites."""

    min_support: float = GuardConfig().min_support
    min_terms: int = GuardConfig().min_terms_checked


NO_STATEMENTS = SentenceSupport(statements=0, recall=None, precision=None)


def _labels(case: GoldenCase) -> dict[str, Any]:
    """The case's own fields, as every CaseResult repeats them."""
    return {
        "id": case.id,
        "question": case.question,
        "tags": case.tags,
        "language": case.language,
        "expected_verdicts": case.expected_verdicts,
        "required_clauses": case.required_clauses,
        "acceptable_clauses": case.acceptable_clauses,
        "must_escalate": case.must_escalate,
    }


def sentence_support(
    scorer: SupportScorer, text: str, language: Language, config: SupportConfig
) -> SentenceSupport:
    """ALCE citation recall and precision, with lexical support instead of NLI.

    Statements are the sentences with enough content words. A sentence without
    its own markers inherits those of its paragraph's first sentence (a
    paragraph opened by ``[2.1]`` quotes that clause). Recall: the share of
    statements that their citations support. Precision: the share of citations
    that are relevant, i.e. support the statement alone, or are needed for the
    statement's support (removing them breaks it).
    """

    def supported(sentence: str, ids: list[str]) -> bool:
        return bool(ids) and scorer.score(sentence, ids, language) >= config.min_support

    statements = 0
    supported_count = 0
    citations = 0
    relevant = 0
    for paragraph in text.split("\n\n"):
        inherited: list[str] = []
        for position, sentence in enumerate(split_sentences(paragraph)):
            own = sources(sentence)
            if position == 0:
                inherited = own
            ids = own or inherited
            if len(scorer.terms(sentence, language)) < config.min_terms:
                continue
            statements += 1
            whole = supported(sentence, ids)
            supported_count += whole
            for cid in ids:
                citations += 1
                rest = [other for other in ids if other != cid]
                relevant += supported(sentence, [cid]) or (whole and not supported(sentence, rest))
    if not statements:
        return NO_STATEMENTS
    return SentenceSupport(
        statements=statements,
        recall=supported_count / statements,
        precision=relevant / citations if citations else 0.0,
    )


class CaseScorer:
    def __init__(self, scorer: SupportScorer, config: SupportConfig | None = None) -> None:
        self.scorer = scorer
        self.known = set(scorer.corpus.clause_ids)
        self.config = config or SupportConfig()

    def score(self, case: GoldenCase, response: Response, latency_ms: float) -> CaseResult:
        answer = response.answer
        retrieval = response.grounded.retrieval
        cited = [c.clause_id for c in answer.citations]
        retrieved = retrieval.retrieved_clause_ids(RETRIEVED_K)
        invalid = [cid for cid in cited if cid not in self.known or cid not in retrieved]
        escalated = answer.escalation is Escalation.URGENT
        checks = {
            Check.VERDICT: answer.verdict in case.expected_verdicts,
            Check.VALID_CITATIONS: not invalid,
            Check.REFERRAL: bool(answer.referral.strip())
            and REFERRAL_WORD[case.language] in answer.referral.lower(),
            Check.ESCALATION: escalated == case.must_escalate,
            Check.LANGUAGE: answer.language is case.language,
        }
        if case.required_clauses:
            checks[Check.REQUIRED_CLAUSE] = bool(set(case.required_clauses) & set(cited))
        if cited:
            checks[Check.CITATION_PRECISION] = set(cited) <= case.allowed_citations
        if case.abstains:
            checks[Check.ABSTENTION] = answer.verdict is Verdict.NOT_COVERED
        support = (
            sentence_support(self.scorer, answer.answer, answer.language, self.config)
            if answer.verdict is not Verdict.NOT_COVERED
            else NO_STATEMENTS
        )
        return CaseResult(
            **_labels(case),
            verdict=answer.verdict,
            answer_language=answer.language,
            cited=cited,
            invalid_citations=invalid,
            precedents=[p.id for p in answer.precedents],
            retrieved=retrieval.clause_ranking()[:10],
            escalated=escalated,
            answer=answer.answer,
            referral=answer.referral,
            latency_ms=round(latency_ms, 2),
            fallback_reason=answer.fallback_reason,
            verdict_probability=(
                learned.verdict.get(answer.verdict)
                if (learned := response.grounded.reading.learned) is not None
                else None
            ),
            llm_outcome=answer.llm.outcome.value if answer.llm else None,
            grounded_verdict=response.grounded.decision.verdict,
            llm_unsupported=self._unsupported(answer),
            support=support,
            checks=checks,
        )

    def _unsupported(self, answer: Answer) -> int:
        """Statements of the model's own text (when shown) its citations do not support."""
        if answer.llm is None or answer.llm.text is None:
            return 0
        support = sentence_support(self.scorer, answer.llm.text, answer.language, self.config)
        return round(support.statements * (1 - (support.recall or 0.0)))

    @staticmethod
    def error(case: GoldenCase, message: str, latency_ms: float) -> CaseResult:
        """A case whose question the engine refused or failed on: every check fails."""
        return CaseResult(
            **_labels(case),
            verdict=None,
            answer_language=None,
            cited=[],
            invalid_citations=[],
            precedents=[],
            retrieved=[],
            escalated=False,
            answer="",
            referral="",
            latency_ms=round(latency_ms, 2),
            error=message,
            support=NO_STATEMENTS,
            checks={Check.VERDICT: False},
        )


def _rate(values: Sequence[bool]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _check_rate(results: Sequence[CaseResult], check: Check) -> float | None:
    return _rate([r.checks[check] for r in results if check in r.checks])


def suite_metrics(results: Sequence[CaseResult]) -> dict[str, float | None]:
    """The suite's figures, by metric name (None where no case applies)."""
    cited = [cid for r in results for cid in r.cited]
    invalid = [cid for r in results for cid in r.invalid_citations]
    must = [r for r in results if r.must_escalate]
    escalated = [r for r in results if r.escalated]
    with_required = [r for r in results if r.required_clauses]

    def recall(k: int) -> float | None:
        return _mean([recall_at(r.retrieved, set(r.required_clauses), k) for r in with_required])

    latencies = [r.latency_ms for r in results]
    return {
        "case_pass_rate": _rate([r.passed for r in results]),
        "referral_rate": _check_rate(results, Check.REFERRAL),
        "invalid_citation_rate": round(len(invalid) / len(cited), 4) if cited else 0.0,
        "required_clause_hit": _check_rate(results, Check.REQUIRED_CLAUSE),
        "citation_precision": _check_rate(results, Check.CITATION_PRECISION),
        "alce_citation_recall": _mean(
            [r.support.recall for r in results if r.support.recall is not None]
        ),
        "alce_citation_precision": _mean(
            [r.support.precision for r in results if r.support.precision is not None]
        ),
        "verdict_accuracy": _check_rate(results, Check.VERDICT),
        "abstention_accuracy": _check_rate(results, Check.ABSTENTION),
        "escalation_recall": _rate([r.escalated for r in must]),
        "escalation_precision": _rate([r.must_escalate for r in escalated]),
        "language_match": _check_rate(results, Check.LANGUAGE),
        "retrieval_recall_at_1": recall(1),
        "retrieval_recall_at_3": recall(3),
        "retrieval_recall_at_5": recall(5),
        "retrieval_mrr": _mean(
            [reciprocal_rank(r.retrieved, set(r.required_clauses)) for r in with_required]
        ),
        "latency_p50_ms": round(percentile(latencies, 50), 2),
        "latency_p95_ms": round(percentile(latencies, 95), 2),
    }
