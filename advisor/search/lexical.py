"""BM25 over stemmed text (bm25s + Snowball stemmers from PyStemmer).

Dutch glues words together ("klassenapp", "vriendschapsverzoek"), which a
stemmer does not split. Query words the index has never seen are split into
two known words where possible (with the Dutch linking -s-/-en-/-e-), a
dictionary-based decompounding that costs microseconds.

Snowball leaves Dutch verb forms apart ("volgt", "gevolgd" next to "volgen"):
a form whose base the corpus has is indexed and searched as that base. And the
words staff use for one thing ("filmpje", "foto", "beeldmateriaal") meet
through a concept token from a small domain thesaurus (advisor/data/
thesaurus.yaml), added next to the word on documents and questions alike.
The decision's evidence test uses the question's own words only.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import bm25s
import numpy as np
import Stemmer
import yaml
from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN
from pydantic import BaseModel, ConfigDict

from advisor.domain.models import Language
from advisor.search.documents import IndexDoc

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


def _word_list(name: str) -> frozenset[str]:
    """Words of a package data file; ``#`` starts a comment."""
    text = resources.files("advisor").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() for w in line.split("#")[0].split())


_STOPWORDS = {
    Language.NL: frozenset(STOPWORDS_DUTCH)
    | _word_list("stopwords_nl_extra.txt")
    | _QUESTION_WORDS[Language.NL]
    | PLATFORM_WORDS,
    Language.EN: frozenset(STOPWORDS_EN) | _QUESTION_WORDS[Language.EN] | PLATFORM_WORDS,
}
_LINKS = ("", "s", "en", "e")


def dutch_inflections(word: str) -> list[str]:
    """Base forms a Dutch verb form may come from, most likely first.

    Snowball stems "volgen" to "volg" but leaves "volgt", "gevolgd" and
    "uitscheldt" alone, so a question in the third person or the past
    participle missed the clause that uses the infinitive. Applied only to
    words whose base form the corpus has, on documents and questions alike.
    """
    forms: list[str] = []
    if len(word) > 4 and word.endswith("t"):
        forms.append(word[:-1])  # volgt → volg, plaatst → plaats, scheldt → scheld
    if word.startswith("ge") and len(word) > 5:
        rest = word[2:]
        if rest[-1] in "td":
            forms.append(rest[:-1])  # gevolgd → volg, geplaatst → plaats
        forms.append(rest)  # gezet → zet
    return forms


# Concept tokens start with this; the tokenizer never makes it ([0-9a-z…]+).
CONCEPT_PREFIX = "~"


def is_concept(token: str) -> bool:
    return token.startswith(CONCEPT_PREFIX)


class Concept(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    nl: list[str]
    en: list[str]


class Thesaurus(BaseModel):
    """Groups of words for one thing in the protocol's domain (package data)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    concepts: dict[str, Concept]

    def terms(self, language: Language) -> dict[str, list[str]]:
        return {name: getattr(c, language.value) for name, c in self.concepts.items()}


@cache
def load_thesaurus() -> Thesaurus:
    text = resources.files("advisor").joinpath("data/thesaurus.yaml").read_text(encoding="utf-8")
    return Thesaurus.model_validate(yaml.safe_load(text))


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
        doc_words = [self.tokenizer.words(d.text) for d in docs]
        doc_stems = [self.tokenizer.stem(words) for words in doc_words]
        # Stems as Snowball gives them: the base forms a verb form may map to.
        self._stems = {t for stems in doc_stems for t in stems}
        corpus_tokens = [
            [self._normalise(w, s) for w, s in zip(words, stems, strict=True)]
            for words, stems in zip(doc_words, doc_stems, strict=True)
        ]
        self._concepts = self._concept_map(load_thesaurus())
        corpus_tokens = [self._with_concepts(tokens) for tokens in corpus_tokens]
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

    def _concept_map(self, thesaurus: Thesaurus) -> dict[str, str]:
        """Token → concept token ("~image"), for the words of this language."""
        mapping: dict[str, str] = {}
        for name, terms in thesaurus.terms(self.language).items():
            for term in terms:
                for word in self.tokenizer.words(term):
                    stem = self.tokenizer.stem([word])[0]
                    mapping[self._normalise(word, stem)] = CONCEPT_PREFIX + name
        return mapping

    def _with_concepts(self, tokens: list[str]) -> list[str]:
        """The tokens, each followed by its concept token when it has one."""
        out: list[str] = []
        for token in tokens:
            out.append(token)
            concept = self._concepts.get(token)
            if concept is not None:
                out.append(concept)
        return out

    def _normalise(self, word: str, stem: str) -> str:
        """One token for a Dutch verb's forms ("volgt", "gevolgd" → "volg"),
        when the corpus has the base form; the same on both sides."""
        if self.language is Language.NL:
            for form in dutch_inflections(word):
                base = self.tokenizer.stem([form])[0]
                if base != stem and base in self._stems:
                    return base
        return stem

    def query_tokens(self, text: str, concepts: bool = True) -> list[str]:
        """The question's tokens as the index knows them; with ``concepts``,
        each followed by its concept token (also for a synonym the corpus
        never uses: "filmpje" still finds "beeldmateriaal")."""
        tokens: list[str] = []
        for word, stem in zip(
            words := self.tokenizer.words(text), self.tokenizer.stem(words), strict=True
        ):
            token = self._normalise(word, stem)
            if token in self._vocab:
                tokens.append(token)
            elif len(word) >= 7 and token not in self._concepts:
                tokens.extend(self._split(word))
            concept = self._concepts.get(token)
            if concepts and concept is not None and concept in self._vocab:
                tokens.append(concept)
        return tokens

    def scores(self, text: str, concepts: bool = True) -> np.ndarray:
        """BM25 per document; without ``concepts``, on the question's own words only."""
        return self.scores_for(self.query_tokens(text, concepts))

    def scores_for(self, tokens: list[str]) -> np.ndarray:
        """BM25 per document for tokens from ``query_tokens``."""
        if not tokens:
            return np.zeros(len(self.docs), dtype=np.float32)
        return np.asarray(self._model.get_scores(tokens), dtype=np.float32)
