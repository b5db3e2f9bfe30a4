from __future__ import annotations

from advisor.corpus import Corpus
from advisor.documents import lexical_docs
from advisor.lexical import BM25Index, Tokenizer
from advisor.models import Language


def test_dutch_tokenizer_drops_stopwords_and_stems() -> None:
    tokens = Tokenizer(Language.NL)("Mag ik de foto's van de leerlingen delen?")
    assert "de" not in tokens and "ik" not in tokens
    assert Tokenizer(Language.NL)("leerlingen") == Tokenizer(Language.NL)("leerling")


def test_unknown_compounds_are_split_into_known_words(corpus: Corpus) -> None:
    index = BM25Index(lexical_docs(corpus, Language.NL), Language.NL)
    tokens = index.query_tokens("klassenwachtwoord")
    stem = Tokenizer(Language.NL).stem
    assert stem(["wachtwoord"])[0] in tokens


def test_bm25_ranks_the_password_clause_above_other_clauses(corpus: Corpus) -> None:
    index = BM25Index(lexical_docs(corpus, Language.NL), Language.NL)
    scores = index.scores("mag ik mijn wachtwoorden aan een collega geven")
    ranked = [index.docs[i] for i in scores.argsort()[::-1]]
    clauses = [d.doc_id for d in ranked if d.kind.value == "clause"]
    assert clauses[0] == "1.10"
    assert "1.10" in [d.doc_id for d in ranked[:2]]


def test_query_without_known_words_scores_zero(corpus: Corpus) -> None:
    index = BM25Index(lexical_docs(corpus, Language.EN), Language.EN)
    assert float(index.scores("zzzz qqqq").max()) == 0.0
