"""Answering and logging: a pipeline response becomes the store's record.

The store owns ``AnswerRecord`` and knows nothing of the pipeline; this is the
one place that maps the one onto the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from advisor.domain.errors import AdvisorError
from advisor.domain.models import Answer, LLMOutcome
from advisor.pipeline.run import AnswerEngine, Grounded, Response, Turn
from advisor.store.records import AnswerRecord, NeighbourRecord, ReadingRecord

# The outcomes whose draft passed the guard's checks.
GUARD_PASSED = frozenset({LLMOutcome.PASSED, LLMOutcome.DISAGREED})


def answer_record(response: Response) -> AnswerRecord:
    """What the log keeps of an answer (its question already pseudonymised)."""
    answer = response.answer
    grounded = response.grounded
    # What the LLM did, from its trace: a draft the guard rejected is logged as
    # such (not as "no LLM"), with the model that wrote it.
    llm = answer.llm
    pii: dict[str, int] = {}
    for entity in grounded.redaction.entities:
        pii[entity.kind.value] = pii.get(entity.kind.value, 0) + 1
    return AnswerRecord(
        question=answer.question,
        language=answer.language,
        verdict=answer.verdict,
        answer=answer.answer,
        referral=answer.referral,
        citations=[c.clause_id for c in answer.citations],
        precedent_ids=[p.id for p in answer.precedents],
        retrieved=grounded.retrieval.clause_ranking()[:5],
        escalation=answer.escalation,
        engine=answer.engine,
        model=llm.model if llm else None,
        corpus_version=answer.corpus_version,
        latency_ms=answer.latency_ms,
        guard_passed=(llm.outcome in GUARD_PASSED) if llm else None,
        fallback_reason=answer.fallback_reason,
        pii_found=pii,
        reading=reading_record(grounded),
        llm_role=llm.role.value if llm else None,
        llm_outcome=llm.outcome.value if llm else None,
    )


def reading_record(grounded: Grounded) -> ReadingRecord:
    """How the question was read and decided on: the decision's reading, and the
    bank model's probabilities and nearest bank cases when it read too."""
    decision = grounded.decision
    learned = grounded.reading.learned
    return ReadingRecord(
        asked=decision.asked.value,
        conduct_of=decision.conduct_of.value,
        asker=learned.asker if learned else None,
        basis=decision.basis,
        conditions=dict(learned.conditions) if learned else {},
        acts=dict(learned.acts) if learned else {},
        verdict_probabilities={v.value: p for v, p in learned.verdict.items()} if learned else {},
        urgent_probability=learned.urgent if learned else None,
        steps=list(decision.steps),
        neighbours=[
            NeighbourRecord(
                id=n.id,
                similarity=n.similarity,
                question=n.question,
                verdict=n.verdict,
                decisive=list(n.decisive),
            )
            for n in (learned.neighbours if learned else [])
        ],
    )


class AnswerRecorder(Protocol):
    """Where answers are logged (the store's ``AnswerLog``)."""

    def record(
        self,
        record: AnswerRecord,
        user_name: str | None = None,
        user_role: str | None = None,
        demo: bool = False,
    ) -> str: ...


class NotLoggedError(AdvisorError):
    """The answer was given but could not be logged: it is kept here to show anyway."""

    exit_code = 6

    def __init__(self, message: str, answer: Answer) -> None:
        super().__init__(message)
        self.answer = answer


def answer_and_log(
    engine: AnswerEngine,
    question: str,
    log: AnswerRecorder | None,
    history: Sequence[Turn] = (),
    user_name: str | None = None,
    user_role: str | None = None,
    demo: bool = False,
) -> Response:
    """Answer, and log the answer (its log id goes on the answer); ``demo``: asked
    in the local demo mode, logged apart from real use."""
    response = engine.respond(question, history)
    if log is None:
        return response
    try:
        log_id = log.record(answer_record(response), user_name, user_role, demo)
    except AdvisorError as exc:
        raise NotLoggedError(f"the answer could not be logged: {exc}", response.answer) from exc
    return Response(response.answer.model_copy(update={"log_id": log_id}), response.grounded)


@dataclass
class Conversation:
    """A chat: each question is answered in the context of the ones before it."""

    engine: AnswerEngine
    log: AnswerRecorder | None = None
    user_name: str | None = None
    user_role: str | None = None
    turns: list[Turn] = field(default_factory=list)

    def ask(self, question: str) -> Answer:
        response = answer_and_log(
            self.engine, question, self.log, self.turns, self.user_name, self.user_role
        )
        grounded = response.grounded
        self.turns.append(
            Turn(question=grounded.query.text, retrieval_text=grounded.retrieval_text)
        )
        return response.answer
