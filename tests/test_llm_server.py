"""The ``openai`` provider against a fake OpenAI-compatible server on loopback:
a closed port, a hang, garbage, and an answer citing a clause that does not
exist. Each time: what the user sees, the answer JSON's ``llm`` field, the log row."""

from __future__ import annotations

import json

import pytest

from advisor.app.recording import answer_and_log
from advisor.app.store import open_store
from advisor.domain.corpus import Corpus
from advisor.domain.models import Answer, LLMRole, Verdict
from advisor.domain.settings import LLMProvider, Settings
from advisor.pipeline.llm import LLMEngine, chat_model_from_settings
from advisor.pipeline.run import GroundedEngine
from advisor.search.indexes import RetrievalService
from advisor.store.records import LogEntry
from tests.openai_fake import closed_port, fake_openai

QUESTION = "Mag ik een vriendschapsverzoek van een leerling uit mijn klas accepteren op Facebook?"
CITES_9_9 = json.dumps(
    {
        "verdict": "not_allowed",
        "decisive": ["9.9"],
        "turns_on": "",
        "answer": "Dat mag niet volgens artikel 9.9 [9.9].",
    }
)
GOOD = json.dumps(
    {
        "verdict": "not_allowed",
        "decisive": ["2.1"],
        "turns_on": "",
        "answer": "Medewerkers en leerlingen van de school worden niet met elkaar 'vriend' op "
        "sociale media [2.1].",
    }
)


def ask(
    service: RetrievalService, settings: Settings, corpus: Corpus, base_url: str
) -> tuple[Answer, LogEntry]:
    llm_settings = settings.model_copy(
        update={
            "llm_provider": LLMProvider.OPENAI,
            "llm_base_url": base_url,
            "llm_model": "fake-gpt",
            "llm_timeout_s": 2.0,
        }
    )
    engine = LLMEngine(service, chat_model_from_settings(llm_settings), LLMRole.DECIDE)
    store = open_store(settings, corpus)
    try:
        answer = answer_and_log(engine, QUESTION, store.log).answer
        assert answer.log_id is not None
        return answer, store.log.get(answer.log_id)
    finally:
        store.close()


@pytest.mark.parametrize(
    ("mode", "reply", "outcome", "reason"),
    [
        ("closed", "", "failed", "llm unavailable"),
        ("hang", "", "failed", "no reply within 2 s"),
        ("garbage", "", "failed", "llm unavailable"),
        ("reply", CITES_9_9, "rejected", "do not exist: ['9.9']"),
    ],
)
def test_a_bad_server_gives_the_grounded_answer_and_says_why(
    service: RetrievalService,
    settings: Settings,
    corpus: Corpus,
    mode: str,
    reply: str,
    outcome: str,
    reason: str,
) -> None:
    grounded = GroundedEngine(service).answer(QUESTION)
    if mode == "closed":
        answer, row = ask(service, settings, corpus, f"http://127.0.0.1:{closed_port()}/v1")
    else:
        with fake_openai(mode, reply, hang_s=5) as url:  # type: ignore[arg-type]
            answer, row = ask(service, settings, corpus, url)
    # What the user sees: the grounded answer (with a notice when the model failed).
    assert answer.verdict is grounded.verdict is Verdict.NOT_ALLOWED
    assert answer.answer == grounded.answer and answer.engine == "grounded"
    assert (answer.notice is not None) == (outcome == "failed")
    # The JSON's llm field.
    payload = json.loads(answer.model_dump_json())["llm"]
    assert payload["role"] == "decide" and payload["model"] == "openai/fake-gpt"
    assert payload["outcome"] == outcome and reason in payload["reason"]
    # The log row: the model, the outcome, the guard, the time waited.
    assert (row.llm_role, row.llm_outcome, row.model) == ("decide", outcome, "openai/fake-gpt")
    assert row.guard_passed is False and row.fallback_reason and reason in row.fallback_reason
    if mode == "hang":
        assert row.latency_ms >= 2000  # end to end, the wait included


def test_a_good_reply_from_the_server_is_shown(
    service: RetrievalService, settings: Settings, corpus: Corpus
) -> None:
    with fake_openai("reply", GOOD) as url:
        answer, row = ask(service, settings, corpus, url)
    assert answer.engine == "llm:openai/fake-gpt"
    assert answer.answer.startswith("Nee, dat mag volgens het protocol niet.\n\nMedewerkers")
    assert answer.llm is not None and answer.llm.outcome.value == "passed"
    assert (row.llm_outcome, row.guard_passed) == ("passed", True)
