"""First stage: validate and normalise a question, detect its language."""

from __future__ import annotations

import re

from advisor.domain.errors import InvalidQuestionError
from advisor.domain.language import detect_language
from advisor.domain.models import Language, Query
from advisor.domain.text import clean_text

# Control characters other than tab and newline are never part of a typed
# question; they come from a broken paste or a binary file.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Shorthand for the protocol's subject that staff and pupils type ("op snap",
# "a gc"), spelled out for the search indexes, which know the full names.
_SHORTHAND: dict[Language, dict[str, str]] = {
    Language.NL: {
        "snap": "Snapchat",
        "ig": "Instagram",
        "fb": "Facebook",
        "yt": "YouTube",
        "gc": "groepsapp",
    },
    Language.EN: {
        "snap": "Snapchat",
        "ig": "Instagram",
        "fb": "Facebook",
        "yt": "YouTube",
        "gc": "group chat",
    },
}
_WORD = re.compile(r"\w+")


def spelled_out(query: Query) -> Query:
    """The query with its shorthand spelled out next to it ("op snap (Snapchat)"),
    for searching; the question itself stays as typed."""
    shorthand = _SHORTHAND[query.language]

    def spell(match: re.Match[str]) -> str:
        full = shorthand.get(match.group(0).lower())
        return f"{match.group(0)} ({full})" if full else match.group(0)

    text = _WORD.sub(spell, query.text)
    return query if text == query.text else query.model_copy(update={"text": text})


class QuestionNormalizer:
    def __init__(self, max_chars: int) -> None:
        if max_chars < 1:
            raise ValueError("max_chars must be positive")
        self.max_chars = max_chars

    def run(self, question: str, language: Language | None = None) -> Query:
        if _CONTROL.search(question):
            raise InvalidQuestionError(
                "the question contains control characters; type or paste plain text", "control"
            )
        text = clean_text(question)
        if not text:
            raise InvalidQuestionError("the question is empty; type a question", "empty")
        if len(text) > self.max_chars:
            raise InvalidQuestionError(
                f"the question is {len(text):,} characters long; keep it under "
                f"{self.max_chars:,} characters and ask about one situation at a time",
                "too_long",
                self.max_chars,
            )
        if not any(ch.isalnum() for ch in text):
            raise InvalidQuestionError(
                "the question has no words in it; type a question", "no_words"
            )
        return Query(text=text, language=language or detect_language(text))
