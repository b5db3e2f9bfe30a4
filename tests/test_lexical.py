from __future__ import annotations

from advisor.domain.corpus import Corpus
from advisor.domain.models import Language
from advisor.search.documents import lexical_docs
from advisor.search.lexical import BM25Index, Tokenizer, dutch_inflections, load_thesaurus


def test_dutch_tokenizer_drops_stopwords_and_stems() -> None:
    tokens = Tokenizer(Language.NL)("Mag ik de foto's van de leerlingen delen?")
    assert "de" not in tokens and "ik" not in tokens
    # Pronouns and auxiliaries the Snowball list lacks carry no topic either.
    assert Tokenizer(Language.NL)("we gaan het zetten") == Tokenizer(Language.NL)("zetten")
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


def test_dutch_verb_forms_meet_their_infinitive(corpus: Corpus) -> None:
    assert dutch_inflections("volgt") == ["volg"]
    assert dutch_inflections("gevolgd")[0] == "volg"
    index = BM25Index(lexical_docs(corpus, Language.NL), Language.NL)
    # The corpus says "volgen" and "uitschelden"; staff write "volgt", "scheldt … uit".
    assert index.query_tokens("volgt", concepts=False) == index.query_tokens(
        "volgen", concepts=False
    )
    assert index.query_tokens("uitscheldt", concepts=False) == index.query_tokens(
        "uitschelden", concepts=False
    )
    # A word whose shortened form the corpus lacks stays as it is.
    assert index.query_tokens("post", concepts=False) == Tokenizer(Language.NL)("post")


def test_synonyms_meet_through_their_concept(corpus: Corpus) -> None:
    index = BM25Index(lexical_docs(corpus, Language.NL), Language.NL)
    tokens = index.query_tokens("filmpje")
    assert "~image" in tokens
    assert "~image" not in index.query_tokens("filmpje", concepts=False)
    # 2.4 ("beeldmateriaal", "foto's en video's") never says "filmpje".
    position = next(i for i, d in enumerate(index.docs) if d.doc_id == "2.4")
    assert index.scores("filmpje", concepts=False)[position] == 0
    assert index.scores("filmpje")[position] > 0


def test_thesaurus_words_are_single_words_in_one_concept() -> None:
    thesaurus = load_thesaurus()
    for language in Language:
        seen: dict[str, str] = {}
        tokenizer = Tokenizer(language)
        for concept, terms in thesaurus.terms(language).items():
            for term in terms:
                words = tokenizer.words(term)
                assert len(words) <= 1, f"{concept}: {term!r} is not one word"
                for word in words:
                    assert seen.setdefault(word, concept) == concept, f"{word!r} in two concepts"
