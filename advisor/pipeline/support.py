"""How well a sentence is supported by the clauses it cites.

A lexical score: the share of the sentence's content words (stemmed, in the
sentence's language) that occur in the cited clauses' text in that language,
clause aliases included. Cheap, deterministic and explainable, it is used by
the guard on every LLM answer and by the eval suite for ALCE-style citation
recall and precision.
"""

from __future__ import annotations

import re

from advisor.domain.corpus import Corpus
from advisor.domain.models import Language
from advisor.search.lexical import Tokenizer

# Words that frame an answer rather than carry its content ("Nee, dat mag volgens
# het protocol niet."): never counted as unsupported.
FRAME_WORDS = frozenset(
    """
    ja nee yes no protocol protocollen richtlijn richtlijnen regel regels artikel artikelen
    clause clauses rule rules guideline guidelines volgens according toegestaan allowed
    verboden forbidden voorwaarde voorwaarden condition conditions onder under alleen only
    leidinggevende supervisor school dus so daarom therefore geval case vergelijkbaar similar
    voorbeeld illustrative unofficial translation vertaling zegt says staat states noemt
    """.split()
)

MARKER = re.compile(r"\[(\d\.\d+[a-e]?)\]")
# A precedent named in a sentence ("Vergelijkbaar geval (P012, voorbeeld): …").
PRECEDENT_REF = re.compile(r"\b(P\d{3,})\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def markers(sentence: str) -> list[str]:
    return MARKER.findall(sentence)


def sources(sentence: str) -> list[str]:
    """The clause markers and precedent ids a sentence cites."""
    return [*MARKER.findall(sentence), *PRECEDENT_REF.findall(sentence)]


class SupportScorer:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._tokenizers = {lang: Tokenizer(lang) for lang in Language}
        self._frame = {
            lang: set(self._tokenizers[lang].stem(sorted(FRAME_WORDS))) for lang in Language
        }
        self._source_terms: dict[tuple[str, Language], set[str]] = {}
        for clause in corpus.clauses:
            for lang in Language:
                aliases = " ".join(clause.aliases.for_language(lang))
                self._source_terms[(clause.id, lang)] = set(
                    self._tokenizers[lang](f"{clause.text_in(lang)} {aliases}")
                )
        # Precedents are sources too: their title, scenario and rationale.
        for precedent in corpus.precedents:
            for lang in Language:
                text = f"{precedent.search_text(lang)} {precedent.rationale}"
                self._source_terms[(precedent.id, lang)] = set(self._tokenizers[lang](text))

    def terms(self, sentence: str, language: Language) -> set[str]:
        """The sentence's content words: stemmed, without stopwords and frame words."""
        text = PRECEDENT_REF.sub(" ", MARKER.sub(" ", sentence))
        return set(self._tokenizers[language](text)) - self._frame[language]

    def score(self, sentence: str, source_ids: list[str], language: Language) -> float:
        """Share of the sentence's content words found in the sources (1.0 if it has none).

        ``source_ids`` are clause ids and may name precedents too.
        """
        terms = self.terms(sentence, language)
        if not terms:
            return 1.0
        known: set[str] = set()
        for cid in source_ids:
            known |= self._source_terms.get((cid, language), set())
        return len(terms & known) / len(terms)
