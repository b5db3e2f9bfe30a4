"""Answer engines: question in, ``Answer`` out.

``GroundedEngine`` is the default and the reference: retrieval, the grounded
decision, templated wording. The LLM engine (``advisor.llm_engine``) reuses it
and only rewords its answer, behind the guard.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from advisor.compose import citations, compose_text, precedent_refs, referral
from advisor.decide import Decider, DecisionConfig
from advisor.errors import AdvisorError
from advisor.models import Answer, Decision, Query, Retrieval
from advisor.privacy import EntityKind, Pseudonymizer, Redaction, search_text
from advisor.safety import screen
from advisor.service import RetrievalService


@dataclass(frozen=True)
class Turn:
    question: str
    retrieval_text: str


_FOLLOW_UP = re.compile(
    r"^(en|and|maar|but|of|or|ook|also|wat als|what if|what about|hoe zit het met|"
    r"en als|and if|and what|en wat|stel dat|suppose)\b",
    re.IGNORECASE,
)


def is_follow_up(question: str) -> bool:
    words = question.split()
    return len(words) <= 4 or (len(words) <= 10 and bool(_FOLLOW_UP.match(question.strip())))


@dataclass(frozen=True)
class Grounded:
    """Everything the grounded core worked out for one question."""

    query: Query
    retrieval: Retrieval
    decision: Decision
    answer: Answer
    retrieval_text: str
    redaction: Redaction  # offsets and placeholders only, never the original text


@dataclass(frozen=True)
class Response:
    """An answer with the grounded work behind it (retrieval, decision), for logs and evals."""

    answer: Answer
    grounded: Grounded


class AnswerEngine(Protocol):
    name: str

    def respond(self, question: str, history: Sequence[Turn] = ()) -> Response: ...

    def answer(self, question: str, history: Sequence[Turn] = ()) -> Answer: ...


class GroundedEngine:
    name = "grounded"

    def __init__(self, service: RetrievalService, config: DecisionConfig | None = None) -> None:
        self.service = service
        self.corpus = service.corpus
        self.decider = Decider(service.corpus, config)
        self.pseudonymizer = Pseudonymizer.for_corpus(service.corpus)

    def ground(self, question: str, history: Sequence[Turn] = ()) -> Grounded:
        """Decide on a question. Personal data is replaced first: from here on,
        the question exists only pseudonymised (for retrieval, an LLM, the log)."""
        started = time.perf_counter()
        raw = self.service.query(question)
        redaction = self.pseudonymizer.redact(raw.text, raw.language)
        query = Query(text=redaction.text, language=raw.language)
        screening = screen(search_text(query.text, query.language))
        text = screening.text_for_retrieval
        if history and is_follow_up(query.text):
            # A short follow-up ("en op TikTok?") is read with the question before it.
            text = f"{history[-1].retrieval_text} {text}"
        retrieval = self.service.retriever.retrieve(Query(text=text, language=query.language))
        decision = self.decider.run(
            retrieval,
            screening.urgent_reasons,
            screening.injection_suspected,
            names_someone=any(e.kind is EntityKind.NAME for e in redaction.entities),
        )
        language = query.language
        answer = Answer(
            question=query.text,
            language=language,
            verdict=decision.verdict,
            answer=compose_text(self.corpus, decision, language),
            citations=citations(self.corpus, decision),
            precedents=precedent_refs(self.corpus, decision, language),
            referral=referral(language, decision.escalation),
            escalation=decision.escalation,
            engine=GroundedEngine.name,
            corpus_version=self.corpus.version,
            latency_ms=round((time.perf_counter() - started) * 1000, 2),
        )
        return Grounded(query, retrieval, decision, answer, text, redaction)

    def respond(self, question: str, history: Sequence[Turn] = ()) -> Response:
        grounded = self.ground(question, history)
        return Response(grounded.answer, grounded)

    def answer(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        return self.respond(question, history).answer


class AnswerRecorder(Protocol):
    """Where answers are logged (the store's ``AnswerLog``)."""

    def record(
        self, response: Response, user_name: str | None = None, user_role: str | None = None
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
) -> Response:
    """Answer, and log the answer (its log id goes on the answer)."""
    response = engine.respond(question, history)
    if log is None:
        return response
    try:
        log_id = log.record(response, user_name, user_role)
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
