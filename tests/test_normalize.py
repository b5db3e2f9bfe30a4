from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from advisor.domain.errors import InvalidQuestionError
from advisor.domain.language import detect_language
from advisor.domain.models import Language, Query
from advisor.pipeline.normalize import QuestionNormalizer, spelled_out
from tests.conftest import REPO


@pytest.fixture
def normalizer() -> QuestionNormalizer:
    return QuestionNormalizer(max_chars=2000)


@pytest.mark.parametrize("question", ["", "   ", "\n\t  \n", "?!", "…"])
def test_empty_questions_are_refused(normalizer: QuestionNormalizer, question: str) -> None:
    with pytest.raises(InvalidQuestionError, match=r"empty|no words"):
        normalizer.run(question)


def test_huge_question_is_refused_with_its_length(normalizer: QuestionNormalizer) -> None:
    with pytest.raises(InvalidQuestionError, match="20,000 characters"):
        normalizer.run("a" * 20_000)


@pytest.mark.parametrize("bad", ["mag dit\x00", "\x1b[31mmag ik\x1b[0m", "vraag\x7f"])
def test_control_bytes_are_refused(normalizer: QuestionNormalizer, bad: str) -> None:
    with pytest.raises(InvalidQuestionError, match="control characters"):
        normalizer.run(bad)


def test_whitespace_is_folded_and_text_kept(normalizer: QuestionNormalizer) -> None:
    query = normalizer.run("  Mag ik\n een   leerling\tvolgen?  ")
    assert query.text == "Mag ik een leerling volgen?"
    assert query.language is Language.NL


def test_explicit_language_wins(normalizer: QuestionNormalizer) -> None:
    assert normalizer.run("Instagram?", language=Language.EN).language is Language.EN


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mag ik reageren op een ouder die mij op Facebook een bericht stuurt?", Language.NL),
        ("Can I accept a friend request from a pupil?", Language.EN),
        ("leerling stuurt vriendschapsverzoek op insta", Language.NL),
        ("pupil sent me a DM on insta, reply?", Language.EN),
        ("En als het een oud-leerling is?", Language.NL),
        ("and on TikTok?", Language.EN),
    ],
)
def test_detect_language(text: str, language: Language) -> None:
    assert detect_language(text) is language


def test_detect_language_on_the_labelled_benchmark_questions() -> None:
    data = yaml.safe_load((Path(REPO) / "evals" / "retrieval.yaml").read_text(encoding="utf-8"))
    wrong = [
        q["question"] for q in data["questions"] if detect_language(q["question"]) != q["language"]
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Mag ik op Insta\u200bgram posten?", "Mag ik op Instagram posten?"),
        ("Mag een leer\u00adling mij volgen?", "Mag een leerling mij volgen?"),
        ("\ufeffMag ik\u202e dit\u202c delen?", "Mag ik dit delen?"),
        ("Ｍａｇ ik dit\u00a0delen?", "Mag ik dit delen?"),
        ("Can I share a \ufb01le with a pupil?", "Can I share a file with a pupil?"),
        ("Mag ik foto\u2019s delen? \u201eMag dat\u201d?", 'Mag ik foto\'s delen? "Mag dat"?'),
        ("I don\u2019t have consent, it\u00b4s fine?", "I don't have consent, it's fine?"),
    ],
)
def test_invisible_and_compatibility_characters_are_cleaned(
    normalizer: QuestionNormalizer, typed: str, meant: str
) -> None:
    assert normalizer.run(typed).text == meant


def test_a_question_of_invisible_characters_only_is_empty(normalizer: QuestionNormalizer) -> None:
    with pytest.raises(InvalidQuestionError, match="empty"):
        normalizer.run("\u200b\u00ad\u200d\u2066")


@pytest.mark.parametrize(
    ("text", "language", "searched"),
    [
        (
            "mag ik hem toevoegen op snap??",
            Language.NL,
            "mag ik hem toevoegen op snap (Snapchat)??",
        ),
        ("can we make a gc about it", Language.EN, "can we make a gc (group chat) about it"),
        ("Mag ik dat op Snapchat zetten?", Language.NL, "Mag ik dat op Snapchat zetten?"),
    ],
)
def test_shorthand_is_spelled_out_for_searching_only(
    text: str, language: Language, searched: str
) -> None:
    query = Query(text=text, language=language)
    assert spelled_out(query).text == searched
    assert query.text == text  # the question itself stays as typed
