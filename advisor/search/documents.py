"""What gets indexed: the searchable views of clauses and precedents.

A clause is searched through several views (its Dutch text, its English
rendering, and its aliases in each language); dense retrieval scores a clause
by its best view, so a short alias list is not drowned by a long legal text.
Precedents are searched by their title and scenario. Only approved precedents
are indexed.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from advisor.domain.corpus import Corpus
from advisor.domain.models import HitKind, Language, Precedent


class IndexDoc(BaseModel):
    """One searchable view of a clause or a precedent."""

    model_config = ConfigDict(frozen=True)

    view_id: str
    doc_id: str
    kind: HitKind
    language: Language
    text: str
    clause_ids: list[str]


def dense_views(corpus: Corpus) -> list[IndexDoc]:
    views: list[IndexDoc] = []
    for clause in corpus.clauses:

        def add(suffix: str, language: Language, text: str, cid: str = clause.id) -> None:
            if text.strip():
                views.append(
                    IndexDoc(
                        view_id=f"clause:{cid}:{suffix}",
                        doc_id=cid,
                        kind=HitKind.CLAUSE,
                        language=language,
                        text=text,
                        clause_ids=[cid],
                    )
                )

        add("nl", Language.NL, clause.quote)
        add("en", Language.EN, clause.text_en)
        add("alias-nl", Language.NL, "; ".join(clause.aliases.nl))
        add("alias-en", Language.EN, "; ".join(clause.aliases.en))
    for precedent in corpus.approved_precedents():
        views.extend(_precedent_doc(precedent, language) for language in Language)
    return views


def _precedent_doc(precedent: Precedent, language: Language) -> IndexDoc:
    return IndexDoc(
        view_id=f"precedent:{precedent.id}:{language.value}",
        doc_id=precedent.id,
        kind=HitKind.PRECEDENT,
        language=language,
        text=precedent.search_text(language),
        clause_ids=list(precedent.clause_ids),
    )


def lexical_docs(corpus: Corpus, language: Language) -> list[IndexDoc]:
    """One document per clause or precedent, in one language, for BM25."""
    docs: list[IndexDoc] = []
    for clause in corpus.clauses:
        body = clause.text_in(language)
        aliases = " ; ".join(clause.aliases.for_language(language))
        docs.append(
            IndexDoc(
                view_id=f"clause:{clause.id}:{language.value}",
                doc_id=clause.id,
                kind=HitKind.CLAUSE,
                language=language,
                text=f"{body} {aliases}",
                clause_ids=[clause.id],
            )
        )
    docs.extend(_precedent_doc(p, language) for p in corpus.approved_precedents())
    return docs
