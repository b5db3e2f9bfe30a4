"""Pseudonymisation: what is replaced, how, and that nothing personal gets through."""

from __future__ import annotations

import json

import pytest

from advisor.bench.pii import MAX_FALSE_ALARMS, TARGETS, load_pii_set, measure
from advisor.domain.corpus import Corpus
from advisor.domain.models import Language
from advisor.domain.redaction import search_text
from advisor.domain.settings import Settings
from advisor.pipeline.llm import ChatModel, LLMEngine
from advisor.pipeline.normalize import QuestionNormalizer
from advisor.pipeline.privacy import Pseudonymizer
from advisor.pipeline.run import GroundedEngine
from advisor.search.indexes import RetrievalService
from tests.conftest import REPO
from tests.fakes import RecordingChatModel


@pytest.fixture(scope="module")
def pseudonymizer(corpus: Corpus) -> Pseudonymizer:
    return Pseudonymizer.for_corpus(corpus)


def test_the_same_person_keeps_one_placeholder(pseudonymizer: Pseudonymizer) -> None:
    text = (
        "Anouk van der Linden stuurde me een DM. Mag ik Anouk terugschrijven, "
        "of moet dat via de mentor van Daan Visser?"
    )
    redaction = pseudonymizer.redact(text, Language.NL)
    assert redaction.text == (
        "[NAAM_1] stuurde me een DM. Mag ik [NAAM_1] terugschrijven, "
        "of moet dat via de mentor van [NAAM_2]?"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Can I text Jake Thompson's mum on 07700 900456 or email her at "
            "k.thompson@example.org?",
            "Can I text [NAME_1]'s mum on [PHONE_1] or email her at [EMAIL_1]?",
        ),
        (
            "leerling met lln.nr 4471203 woont op Dorpsstraat 7b, 1234 AB Ergens",
            "leerling met lln.nr [LEERLINGNUMMER_1] woont op [ADRES_1]",
        ),
        (
            "bel mevrouw El Idrissi even op +31 6 1234 5678",
            "bel mevrouw [NAAM_1] even op [TELEFOON_1]",
        ),
        ("kan ik jan de boer appen?", "kan ik [NAAM_1] appen?"),
    ],
)
def test_kinds_are_replaced_with_labelled_placeholders(
    pseudonymizer: Pseudonymizer, text: str, expected: str
) -> None:
    language = Language.EN if text.startswith("Can") else Language.NL
    assert pseudonymizer.redact(text, language).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mag ik op 12-03-2026 om 14:30 een foto van groep 7 op de website zetten?",
        "Will the school mark this TikTok as a data breach under artikel 1.7?",
        "Moet ik Veilig Thuis bellen als ik iets zorgwekkends zie in de Teams-chat?",
        "Onze school in Den Haag zet alles op www.school.nl/privacy, is dat genoeg?",
    ],
)
def test_clean_questions_stay_as_they_are(pseudonymizer: Pseudonymizer, text: str) -> None:
    assert pseudonymizer.redact(text, Language.NL).text == text


@pytest.mark.parametrize(
    "typed",
    [
        "Mag ik „Roos” taggen op Instagram?",
        "De vader van «Roos» belde mij over een foto",
        'Mag ik "Roos" taggen op Instagram?',
        "Mag ik (Roos) taggen op Instagram?",
    ],
)
def test_a_name_quoted_mid_sentence_is_replaced(pseudonymizer: Pseudonymizer, typed: str) -> None:
    # "Roos" is also an ordinary word: mid-sentence it is a name, whatever the quotes,
    # as typed and as the first stage gives the question to everything after it.
    for text in (typed, QuestionNormalizer(Settings().max_question_chars).run(typed).text):
        redacted = pseudonymizer.redact(text, Language.NL).text
        assert "Roos" not in redacted and "[NAAM_1]" in redacted


def test_search_text_says_what_a_placeholder_stood_for() -> None:
    text = "Mag ik het nummer van [NAAM_1] ([TELEFOON_1]) delen?"
    assert search_text(text, Language.NL) == "Mag ik het nummer van (telefoonnummer) delen?"


@pytest.mark.parametrize("name", ["pii.yaml", "pii_holdout.yaml"])
def test_recall_and_false_alarms_meet_the_targets(pseudonymizer: Pseudonymizer, name: str) -> None:
    path = REPO / "evals" / name
    if not path.exists():
        pytest.skip(f"{name} not present")
    figures = measure(pseudonymizer, load_pii_set(path).questions)
    assert figures.personal_questions >= 60 and figures.clean_questions >= 60
    for kind, target in TARGETS.items():
        assert (figures.recall(kind) or 0) >= target, (kind, figures.missed)
    assert figures.false_alarm_rate <= MAX_FALSE_ALARMS, figures.false_alarms


PLANTED = "Mag ik Mila Jansen (mila.jansen@example.nl, 06-11223344) toevoegen op Snapchat?"
PLANTED_PARTS = ("Mila", "Jansen", "mila.jansen@example.nl", "06-11223344", "11223344")


def test_answers_and_the_llm_never_see_planted_personal_data(
    settings: Settings, corpus: Corpus
) -> None:
    service = RetrievalService(settings, corpus=corpus)
    service.index()
    answer = GroundedEngine(service).answer(PLANTED)
    dumped = answer.model_dump_json()
    assert not [part for part in PLANTED_PARTS if part in dumped]
    assert "[NAAM_1]" in answer.question and "[EMAIL_1]" in answer.question

    fake = RecordingChatModel(responses=[json.dumps({"verdict": "x"})])
    LLMEngine(service, ChatModel(fake, "recording", timeout_s=5)).answer(PLANTED)
    assert fake.prompts, "the LLM was not called"
    assert not [part for prompt in fake.prompts for part in PLANTED_PARTS if part in prompt]
