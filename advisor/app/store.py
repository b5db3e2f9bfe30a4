"""Opening the product's store: the database, with the pipeline's pseudonymiser
for the free text people type later (comments, notes, corrections)."""

from __future__ import annotations

from advisor.domain.corpus import Corpus
from advisor.domain.models import Language
from advisor.domain.settings import Settings
from advisor.pipeline.privacy import Pseudonymizer
from advisor.store.service import Store, open_database


def open_store(settings: Settings, corpus: Corpus, url: str | None = None) -> Store:
    pseudonymizer = Pseudonymizer.for_corpus(corpus)

    def redact(text: str, language: Language) -> str:
        return pseudonymizer.redact(text, language).text

    return open_database(settings, redact, url)
