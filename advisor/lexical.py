"""BM25 over stemmed text (bm25s + Snowball stemmers from PyStemmer).

Dutch glues words together ("klassenapp", "vriendschapsverzoek"), which a
stemmer does not split. Query words the index has never seen are split into
two known words where possible (with the Dutch linking -s-/-en-/-e-), a
dictionary-based decompounding that costs microseconds.
"""

from __future__ import annotations

import re

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN

from advisor.documents import IndexDoc
from advisor.models import Language

_TOKEN = re.compile(r"[0-9a-zà-ÿ]+")
# "dutch_porter" (classic Snowball Dutch) stems plurals consistently
# (wachtwoord/wachtwoorden); PyStemmer's newer "dutch" does not.
_STEMMER_NAMES = {Language.NL: "dutch_porter", Language.EN: "english"}
# Words every question has ("may I…", "mag ik…"): they carry no topic.
_QUESTION_WORDS = {
    Language.NL: {
        "mag",
        "mogen",
        "moet",
        "moeten",
        "kan",
        "kun",
        "kunnen",
        "gewoon",
        "even",
        "eigenlijk",
        "iemand",
        "iets",
        "wel",
        "oké",
        "ok",
        "hoe",
        "wat",
    },
    Language.EN: {
        "may",
        "allowed",
        "can",
        "could",
        "should",
        "okay",
        "ok",
        "someone",
        "something",
        "actually",
        "just",
    },
}
# The protocol governs all platforms alike (0.1), so a platform's name says
# nothing about which rule applies; left in, the few clauses whose aliases
# name "Insta" or "TikTok" would win every question that mentions them.
PLATFORM_WORDS = frozenset(
    """
    facebook fb instagram insta ig tiktok snapchat snap whatsapp app appje apps youtube
    linkedin twitter telegram discord messenger signal bereal threads pinterest
    """.split()
)
_STOPWORDS = {
    Language.NL: frozenset(STOPWORDS_DUTCH) | _QUESTION_WORDS[Language.NL] | PLATFORM_WORDS,
    Language.EN: frozenset(STOPWORDS_EN) | _QUESTION_WORDS[Language.EN] | PLATFORM_WORDS,
}
_LINKS = ("", "s", "en", "e")


class Tokenizer:
    def __init__(self, language: Language) -> None:
        self.language = language
        self._stemmer = Stemmer.Stemmer(_STEMMER_NAMES[language])
        self._stopwords = _STOPWORDS[language]

    def words(self, text: str) -> list[str]:
        text = text.lower().replace("’", "'")
        return [w for w in _TOKEN.findall(text) if len(w) > 1 and w not in self._stopwords]

    def stem(self, words: list[str]) -> list[str]:
        return list(self._stemmer.stemWords(words))

    def __call__(self, text: str) -> list[str]:
        return self.stem(self.words(text))


class BM25Index:
    def __init__(self, docs: list[IndexDoc], language: Language) -> None:
        if not docs:
            raise ValueError("BM25Index needs at least one document")
        self.language = language
        self.docs = docs
        self.tokenizer = Tokenizer(language)
        corpus_tokens = [self.tokenizer(d.text) for d in docs]
        self._vocab = {t for tokens in corpus_tokens for t in tokens}
        self._model = bm25s.BM25()
        self._model.index(corpus_tokens, show_progress=False)

    def _split(self, word: str) -> list[str]:
        """Split an unknown compound into two known stems, if it is one."""
        for cut in range(len(word) - 3, 2, -1):
            head, tail = word[:cut], word[cut:]
            for link in _LINKS:
                if link and not head.endswith(link):
                    continue
                base = head[: len(head) - len(link)] if link else head
                if len(base) < 3:
                    continue
                stems = self.tokenizer.stem([base, tail])
                if all(s in self._vocab for s in stems):
                    return stems
        return []

    def query_tokens(self, text: str) -> list[str]:
        tokens: list[str] = []
        for word, stem in zip(
            words := self.tokenizer.words(text), self.tokenizer.stem(words), strict=True
        ):
            if stem in self._vocab:
                tokens.append(stem)
            elif len(word) >= 7:
                tokens.extend(self._split(word))
        return tokens

    def scores(self, text: str) -> np.ndarray:
        tokens = self.query_tokens(text)
        if not tokens:
            return np.zeros(len(self.docs), dtype=np.float32)
        return np.asarray(self._model.get_scores(tokens), dtype=np.float32)
