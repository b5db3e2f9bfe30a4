"""The "decide" role: scripted models read and decide; the guard checks grounding
and fit; the more cautious verdict is shown; the audit trail says what happened."""

from __future__ import annotations

import json

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from advisor.app.recording import answer_and_log
from advisor.app.store import open_store
from advisor.domain.corpus import Corpus
from advisor.domain.models import Escalation, LLMOutcome, LLMRole, Verdict
from advisor.domain.settings import Settings
from advisor.evaluation.cases import load_cases
from advisor.evaluation.metrics import CaseScorer
from advisor.evaluation.runner import run_suite
from advisor.evaluation.scripted import Scripted, scripted_engine
from advisor.evaluation.verdicts import llm_figures
from advisor.pipeline.llm import ChatModel, LLMEngine
from advisor.pipeline.run import GroundedEngine
from advisor.pipeline.support import SupportScorer
from advisor.store.records import LogFilter
from tests.conftest import REPO

CASES = REPO / "evals" / "cases"
FRIEND = "Mag ik een vriendschapsverzoek van een leerling uit mijn klas accepteren op Facebook?"


@pytest.fixture
def grounded(grounded_engine: GroundedEngine) -> GroundedEngine:
    return grounded_engine


def deciding(grounded: GroundedEngine, *replies: str, sleep: float | None = None) -> LLMEngine:
    fake = FakeListChatModel(responses=list(replies), sleep=sleep)
    return LLMEngine(grounded.service, ChatModel(fake, "fake", timeout_s=5), LLMRole.DECIDE)


def draft(verdict: str, answer: str, decisive: list[str]) -> str:
    return json.dumps({"verdict": verdict, "decisive": decisive, "turns_on": "", "answer": answer})


FRIEND_NO = draft(
    "not_allowed",
    "Medewerkers en leerlingen van de school worden niet met elkaar 'vriend' op sociale "
    "media [2.1].",
    ["2.1"],
)


def test_the_oracle_passes_the_guard_and_lifts_the_verdict(grounded: GroundedEngine) -> None:
    cases = load_cases(CASES, set(grounded.corpus.clause_ids))
    scorer = CaseScorer(SupportScorer(grounded.corpus))
    alone = run_suite(grounded, cases, scorer)
    engine = scripted_engine(grounded, Scripted.ORACLE, CASES)
    result = run_suite(engine, cases, scorer)
    figures = llm_figures(result.cases)
    assert figures is not None and figures.answered == len(cases)
    assert figures.guard_passed >= 0.97  # the guard does not throw right answers away
    lifted, before = result.metrics["verdict_accuracy"], alone.metrics["verdict_accuracy"]
    assert lifted is not None and before is not None and lifted > before
    assert figures.permissive_beyond_core == 0 and figures.unsupported_shown == 0
    assert all(c.escalated or not c.must_escalate for c in result.cases)


def test_the_adversary_never_gets_a_permissive_verdict_or_an_unchecked_sentence_through(
    grounded: GroundedEngine,
) -> None:
    cases = load_cases(CASES, set(grounded.corpus.clause_ids))
    scorer = CaseScorer(SupportScorer(grounded.corpus))
    alone = {c.id: c for c in run_suite(grounded, cases, scorer).cases}
    result = run_suite(scripted_engine(grounded, Scripted.ADVERSARY, CASES), cases, scorer)
    figures = llm_figures(result.cases)
    assert figures is not None
    assert figures.permissive_beyond_core == 0
    assert figures.unsupported_shown == 0
    assert figures.outcomes.get("rejected", 0) + figures.outcomes.get("failed", 0) > 80
    for case in result.cases:
        assert case.escalated == alone[case.id].escalated  # never dropped, never added
        assert case.referral == alone[case.id].referral  # the referral comes from code
        assert case.verdict is not Verdict.ALLOWED or alone[case.id].verdict is Verdict.ALLOWED


def test_agreeing_with_the_core_the_models_answer_is_shown(grounded: GroundedEngine) -> None:
    answer = deciding(grounded, FRIEND_NO).answer(FRIEND)
    assert answer.verdict is Verdict.NOT_ALLOWED and answer.engine == "llm:fake"
    # The verdict in code's own sentence, then the model's text.
    assert answer.answer.startswith("Nee, dat mag volgens het protocol niet.\n\nMedewerkers")
    assert answer.llm is not None and answer.llm.outcome is LLMOutcome.PASSED
    assert answer.llm.role is LLMRole.DECIDE and answer.llm.model == "fake"
    assert [c.clause_id for c in answer.citations] == ["2.1"]


def test_an_allowed_against_a_prohibition_without_its_exception_is_rejected(
    grounded: GroundedEngine,
) -> None:
    allowed = draft(
        "allowed",
        "Medewerkers en leerlingen van de school worden niet met elkaar 'vriend' op sociale "
        "media, tenzij het een professioneel account is [2.1].",
        ["2.1"],
    )
    answer = deciding(grounded, allowed).answer(FRIEND)
    assert answer.verdict is Verdict.NOT_ALLOWED and answer.engine == "grounded"
    assert answer.llm is not None and answer.llm.outcome is LLMOutcome.REJECTED
    assert answer.llm.reason and "prohibition 2.1" in answer.llm.reason
    # With the exception stated in the question, the same draft may stand.
    stated = deciding(grounded, allowed).answer(
        f"{FRIEND} Het gaat om mijn professionele account, zonder persoonlijke informatie."
    )
    assert stated.llm is not None and stated.llm.outcome is not LLMOutcome.REJECTED
    # So may a question the ban does not reach: a former pupil is no pupil.
    former = deciding(grounded, allowed).answer(
        "Mag ik een oud-leerling die drie jaar geleden geslaagd is accepteren op Instagram?"
    )
    assert former.llm is not None and former.llm.outcome is not LLMOutcome.REJECTED
    assert former.verdict is Verdict.ALLOWED


def test_a_disagreement_shows_the_more_cautious_verdict_and_is_logged(
    grounded: GroundedEngine, settings: Settings, corpus: Corpus
) -> None:
    question = "Mag ik foto's van de sportdag op de schoolwebsite zetten?"
    core = grounded.answer(question)
    assert core.verdict is Verdict.CONDITIONAL
    stricter = draft(
        "not_allowed",
        "Medewerkers van de school mogen alleen beeldmateriaal van leerlingen delen middels "
        "de communicatiemiddelen van de school [2.4].",
        ["2.4"],
    )
    store = open_store(settings, corpus)
    try:
        response = answer_and_log(deciding(grounded, stricter), question, store.log)
        answer = response.answer
        assert answer.verdict is Verdict.NOT_ALLOWED  # the model's, more cautious
        assert answer.llm is not None and answer.llm.outcome is LLMOutcome.DISAGREED
        assert answer.llm.reason and "conditional" in answer.llm.reason
        looser = draft("allowed", "Dat mag gewoon via de schoolwebsite [2.4].", ["2.4"])
        answer_and_log(deciding(grounded, looser), question, store.log)
        found = store.log.find(LogFilter(llm_outcome="disagreed"))
        assert len(found) == 1 and found[0].verdict is Verdict.NOT_ALLOWED
        assert found[0].llm_role == "decide" and found[0].model == "fake"
        rejected = store.log.find(LogFilter(llm_outcome="rejected"))
        assert len(rejected) == 1 and rejected[0].verdict is Verdict.CONDITIONAL
        assert rejected[0].guard_passed is False and rejected[0].engine == "grounded"
    finally:
        store.close()


def test_an_urgent_escalation_is_never_dropped(grounded: GroundedEngine) -> None:
    question = "Een leerling dreigt in de groepsapp een klasgenoot iets aan te doen, wat nu?"
    core = grounded.answer(question)
    assert core.escalation is Escalation.URGENT and core.verdict is Verdict.NOT_ALLOWED
    calm = draft("not_covered", "Het protocol regelt dit niet.", [])
    answer = deciding(grounded, calm).answer(question)
    assert answer.escalation is Escalation.URGENT and answer.referral == core.referral
    assert answer.verdict is core.verdict  # more cautious than "not covered"


def test_latency_is_end_to_end_and_a_dead_model_is_failed(grounded: GroundedEngine) -> None:
    slow = deciding(grounded, FRIEND_NO, sleep=0.05)  # per streamed chunk
    answer = slow.answer(FRIEND)
    assert answer.latency_ms >= 50  # the wait for the model is in it
    garbled = deciding(grounded, "no json here").answer(FRIEND)
    assert garbled.llm is not None and garbled.llm.outcome is LLMOutcome.FAILED
    assert garbled.notice and garbled.engine == "grounded"
    payload = json.loads(garbled.model_dump_json())
    assert payload["llm"] == {
        "role": "decide",
        "model": "fake",
        "outcome": "failed",
        "reason": garbled.llm.reason,
    }
