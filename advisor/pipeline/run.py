"""The sequencer: one place that runs the stages in order.

    normalize → privacy → screen → read → retrieve → decide → compose
    (→ llm wording behind the guard, in ``pipeline.llm``)

Each stage takes and returns a typed model (``Query``, ``Redaction``,
``Screening``, ``Reading``, ``Retrieval``, ``Decision``, ``Answer``).
``GroundedEngine.understand`` runs the stages up to retrieval: ``ask``,
``retrieve`` and the benchmarks all go through it, so what is measured is what
is answered. ``GroundedEngine`` is the default engine and the reference; the
LLM engine reuses it and only rewords its answer, behind the guard.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from advisor.domain.corpus import Corpus
from advisor.domain.models import (
    Answer,
    Decision,
    Hit,
    Learned,
    Query,
    Reading,
    Retrieval,
    Screening,
)
from advisor.domain.redaction import Redaction, search_text
from advisor.pipeline.compose import compose
from advisor.pipeline.decide import Decider
from advisor.pipeline.decide_config import DecisionConfig
from advisor.pipeline.learned import BankModel, load_or_train
from advisor.pipeline.normalize import QuestionNormalizer
from advisor.pipeline.privacy import Pseudonymizer
from advisor.pipeline.read import read
from advisor.pipeline.retrieve import Retriever
from advisor.pipeline.screen import screen
from advisor.search.indexes import RetrievalService


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


def with_new_detail(joined: Learned, own: Learned) -> Learned:
    """A follow-up's reading: the conversation read as a whole, plus the
    conditions the follow-up itself states ("en als het een oud-leerling is?"),
    which the earlier question's words would otherwise drown out."""
    conditions = dict(joined.conditions)
    for name, p in own.conditions.items():
        conditions[name] = max(p, conditions.get(name, 0.0))
    return joined.model_copy(update={"conditions": conditions})


class _Stages(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Intake(_Stages):
    """A question after the stages before retrieval."""

    query: Query  # pseudonymised: from here on the question exists only so
    redaction: Redaction  # offsets and placeholders only, never the original text
    screening: Screening
    retrieval_text: str  # what is searched: injected instructions cut, a follow-up joined
    reading: Reading

    @property
    def names_someone(self) -> bool:
        """A person was named (and pseudonymised away): maybe a pupil."""
        return self.redaction.names_someone


class Understood(Intake):
    """…and after retrieval."""

    retrieval: Retrieval


class Grounded(Understood):
    """Everything the grounded core worked out for one question."""

    decision: Decision
    answer: Answer


class IntakeStages:
    """normalize → privacy → screen → read: everything before retrieval."""

    def __init__(
        self, corpus: Corpus, max_question_chars: int, bank_model: BankModel | None = None
    ) -> None:
        self.normalizer = QuestionNormalizer(max_question_chars)
        self.pseudonymizer = Pseudonymizer.for_corpus(corpus)
        self.bank_model = bank_model

    def run(self, question: str, history: Sequence[Turn] = ()) -> Intake:
        raw = self.normalizer.run(question)
        redaction = self.pseudonymizer.redact(raw.text, raw.language)
        query = Query(text=redaction.text, language=raw.language)
        screening = screen(search_text(query.text, query.language))
        own = screening.text_for_retrieval
        follow_up = bool(history) and is_follow_up(query.text)
        # A short follow-up ("en op TikTok?") is read with the question before it.
        text = f"{history[-1].retrieval_text} {own}" if follow_up else own
        reading = read(text)
        if self.bank_model is not None:
            # The pseudonymised text: names never reach the model either.
            learned = self.bank_model.read(text)
            if follow_up:
                learned = with_new_detail(learned, self.bank_model.read(own))
            reading = reading.model_copy(update={"learned": learned})
        return Intake(
            query=query,
            redaction=redaction,
            screening=screening,
            retrieval_text=text,
            reading=reading,
        )

    def retrieve(
        self, retriever: Retriever, question: str, history: Sequence[Turn] = ()
    ) -> Understood:
        intake = self.run(question, history)
        query = Query(text=intake.retrieval_text, language=intake.query.language)
        retrieval = retriever.retrieve(query, intake.reading)
        return Understood(**dict(intake), retrieval=retrieval)


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

    def __init__(
        self,
        service: RetrievalService,
        config: DecisionConfig | None = None,
        bank_model: BankModel | None = None,
    ) -> None:
        """``bank_model``: the case-bank model; by default the one for the
        service's corpus (trained and cached on first use), unless the settings
        turn the learned decision off."""
        self.service = service
        self.corpus = service.corpus
        settings = service.settings
        if bank_model is None and settings.learned_decision:
            bank_model = load_or_train(settings, service.corpus)
        self.bank_model = bank_model
        self.intake = IntakeStages(service.corpus, settings.max_question_chars, bank_model)
        self.decider = Decider(service.corpus, config)

    def understand(self, question: str, history: Sequence[Turn] = ()) -> Understood:
        """The stages up to retrieval."""
        return self.intake.retrieve(self.service.retriever, question, history)

    def hits(self, question: str, k: int) -> list[Hit]:
        """The ranked clauses and precedents, as ``advisor retrieve`` shows them."""
        return self.understand(question).retrieval.ranked(k)

    def ground(self, question: str, history: Sequence[Turn] = ()) -> Grounded:
        """Decide on a question, and compose the grounded answer."""
        started = time.perf_counter()
        understood = self.understand(question, history)
        decision = self.decider.run(
            understood.retrieval,
            understood.screening,
            understood.reading,
            names_someone=understood.names_someone,
        )
        answer = compose(
            self.corpus,
            understood.query,
            decision,
            engine=GroundedEngine.name,
            latency_ms=round((time.perf_counter() - started) * 1000, 2),
        )
        return Grounded(**dict(understood), decision=decision, answer=answer)

    def respond(self, question: str, history: Sequence[Turn] = ()) -> Response:
        grounded = self.ground(question, history)
        return Response(grounded.answer, grounded)

    def answer(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        return self.respond(question, history).answer
