from __future__ import annotations

import dataclasses

import pytest

from advisor.domain.corpus import Corpus
from advisor.domain.models import HitKind, Language, Query
from advisor.pipeline.read import read
from advisor.pipeline.retrieve import (
    FusionConfig,
    FusionRetriever,
    Ranked,
    recall_at,
    reciprocal_rank,
)
from advisor.search.documents import IndexDoc
from tests.fakes import learned_reading


class ScriptedSignal:
    """A signal that returns a fixed ranking of document ids."""

    def __init__(self, name: str, ranking: list[str], corpus: Corpus) -> None:
        self.name = name
        self._ranking = ranking
        self._corpus = corpus
        self.calls: list[str] = []

    def _doc(self, doc_id: str) -> IndexDoc:
        if doc_id[0].isdigit():
            return IndexDoc(
                view_id=f"clause:{doc_id}:nl",
                doc_id=doc_id,
                kind=HitKind.CLAUSE,
                language=Language.NL,
                text="",
                clause_ids=[doc_id],
            )
        precedent = self._corpus.precedent(doc_id)
        return IndexDoc(
            view_id=f"precedent:{doc_id}:nl",
            doc_id=doc_id,
            kind=HitKind.PRECEDENT,
            language=Language.NL,
            text="",
            clause_ids=precedent.clause_ids,
        )

    def rank(self, query: Query) -> list[Ranked]:
        self.calls.append(query.text)
        return [Ranked(self._doc(d), i, 1.0 / (i + 1)) for i, d in enumerate(self._ranking)]


QUERY = Query(text="vraag", language=Language.NL)


def only(**shares: float) -> FusionConfig:
    """Fusion with every score lending off except the ones given."""
    off = {
        "precedent_share": 0.0,
        "sanction_share": 0.0,
        "consequence_share": 0.0,
        "parent_share": 0.0,
        "cocitation_share": 0.0,
        "bridge_share": 0.0,
        "learned_share": 0.0,
    }
    return FusionConfig(**{**off, **shares})  # type: ignore[arg-type]


def test_agreeing_signals_put_the_shared_clause_first(corpus: Corpus) -> None:
    retriever = FusionRetriever(
        corpus,
        [
            ScriptedSignal("a", ["2.4", "1.8", "1.7"], corpus),
            ScriptedSignal("b", ["1.7", "2.4", "1.8"], corpus),
        ],
    )
    result = retriever.retrieve(QUERY)
    assert result.clause_ranking()[0] == "2.4"
    assert all(hit.kind is HitKind.CLAUSE for hit in result.clauses)


def test_a_precedent_lends_score_to_its_first_clause(corpus: Corpus) -> None:
    precedent = next(p for p in corpus.approved_precedents() if p.clause_ids)
    decisive = precedent.clause_ids[0]
    other = next(cid for cid in corpus.clause_ids if cid not in precedent.clause_ids)
    signal = ScriptedSignal("a", [precedent.id, other], corpus)
    without = FusionRetriever(corpus, [signal], only())
    with_share = FusionRetriever(corpus, [signal], only(precedent_share=1.0))
    assert decisive not in without.retrieve(QUERY).clause_ranking()
    ranking = with_share.retrieve(QUERY).clause_ranking()
    assert ranking.index(decisive) < ranking.index(other)
    hits = with_share.retrieve(QUERY).precedents
    assert hits[0].id == precedent.id and hits[0].clause_ids == precedent.clause_ids


def test_ranked_merges_kinds_by_score(corpus: Corpus) -> None:
    precedent = corpus.approved_precedents()[0]
    retriever = FusionRetriever(corpus, [ScriptedSignal("a", [precedent.id, "1.10"], corpus)])
    ranked = retriever.retrieve(QUERY).ranked(3)
    assert [h.score for h in ranked] == sorted((h.score for h in ranked), reverse=True)
    assert {h.kind for h in ranked} == {HitKind.CLAUSE, HitKind.PRECEDENT}


def test_metrics() -> None:
    assert recall_at(["a", "b", "c"], {"b", "z"}, 2) == 0.5
    assert recall_at(["a"], set(), 1) == 1.0
    assert reciprocal_rank(["a", "b", "c"], {"c"}) == 1 / 3
    assert reciprocal_rank(["a"], {"x"}) == 0.0


def test_a_pupil_prohibition_lends_to_the_pupil_sanctions_only(corpus: Corpus) -> None:
    signal = ScriptedSignal("a", ["1.9e", "2.4"], corpus)
    ranking = FusionRetriever(
        corpus, [signal], FusionConfig(precedent_share=0.0, sanction_share=0.1)
    ).retrieve(QUERY)
    scores = {h.id: h.score for h in ranking.clauses}
    # 1.9e binds pupils: 3.3/3.4 (pupils, parents) gain; 2.4 binds staff: 3.1/3.2 gain.
    assert scores["3.4"] > 0 and scores["3.3"] > 0
    assert scores["3.1"] > 0 and scores["3.2"] > 0
    assert scores["3.4"] > scores["3.2"]  # 1.9e ranked above 2.4
    assert "3.5" not in scores  # the police clause is not a routine consequence
    without = FusionRetriever(
        corpus, [signal], FusionConfig(precedent_share=0.0, sanction_share=0.0)
    ).retrieve(QUERY)
    assert "3.4" not in without.clause_ranking()


def test_a_sub_clause_lends_to_its_parent(corpus: Corpus) -> None:
    signal = ScriptedSignal("a", ["1.9a", "2.4"], corpus)
    without = FusionRetriever(corpus, [signal], only()).retrieve(QUERY)
    assert "1.9" not in without.clause_ranking()
    ranking = FusionRetriever(corpus, [signal], only(parent_share=0.5)).retrieve(QUERY)
    scores = {h.id: h.score for h in ranking.clauses}
    assert scores["1.9"] == 0.5 * scores["1.9a"]


def test_clauses_applied_together_by_precedents_lend_to_each_other(corpus: Corpus) -> None:
    together = [p.clause_ids for p in corpus.approved_precedents() if len(p.clause_ids) > 1]
    first, partner = together[0][0], together[0][1]
    signal = ScriptedSignal("a", [first], corpus)
    without = FusionRetriever(corpus, [signal], only()).retrieve(QUERY)
    assert without.clause_ranking() == [first]
    ranking = FusionRetriever(corpus, [signal], only(cocitation_share=0.2)).retrieve(QUERY)
    assert partner in ranking.clause_ranking()
    applying = [ids for ids in (p.clause_ids for p in corpus.approved_precedents()) if first in ids]
    share = sum(partner in ids for ids in applying) / len(applying)
    scores = {h.id: h.score for h in ranking.clauses}
    assert abs(scores[partner] - round(0.2 * share * scores[first], 6)) < 1e-6


def test_a_question_asked_as_teacher_reaches_the_clause_extending_pupil_rules(
    corpus: Corpus,
) -> None:
    signal = ScriptedSignal("a", ["1.10", "2.4"], corpus)
    retriever = FusionRetriever(corpus, [signal], only(bridge_share=0.5))
    as_teacher = Query(text="mag ik als docent mijn wachtwoord delen", language=Language.NL)
    assert "2.0" in retriever.retrieve(as_teacher).clause_ranking()
    # Asked without stating the role, or answered by a staff rule: no bridge.
    plain = Query(text="mag een leerling zijn wachtwoord delen", language=Language.NL)
    assert "2.0" not in retriever.retrieve(plain).clause_ranking()
    staff_rule = ScriptedSignal("a", ["2.4", "1.10"], corpus)
    retriever = FusionRetriever(corpus, [staff_rule], only(bridge_share=0.5))
    assert "2.0" not in retriever.retrieve(as_teacher).clause_ranking()


def test_a_precedent_about_the_other_side_lends_less(corpus: Corpus) -> None:
    staff_case = next(
        p for p in corpus.approved_precedents() if p.clause_ids and p.clause_ids[0] == "2.3"
    )
    signal = ScriptedSignal("a", [staff_case.id], corpus)

    def lent(text: str, factor: float) -> float:
        config = dataclasses.replace(only(precedent_share=1.0), other_side_precedent_factor=factor)
        query = Query(text=text, language=Language.NL)
        hits = FusionRetriever(corpus, [signal], config).retrieve(query).clauses
        return next(h.score for h in hits if h.id == "2.3")

    pupil = "een leerling zet op tiktok dat de school slecht is"
    colleague = "een collega zet op facebook dat de school slecht is"
    assert lent(pupil, 0.5) == 0.5 * lent(pupil, 1.0)
    assert lent(colleague, 0.5) == lent(colleague, 1.0)


def test_bm25_scores_are_kept_on_the_question_words_too(corpus: Corpus) -> None:
    from advisor.pipeline.retrieve import WORDS_SUFFIX, BM25Signal
    from advisor.search.documents import lexical_docs
    from advisor.search.lexical import BM25Index

    signal = BM25Signal(BM25Index(lexical_docs(corpus, Language.NL), Language.NL))
    query = Query(text="mag ik een filmpje van mijn klas op tiktok zetten", language=Language.NL)
    retrieval = FusionRetriever(corpus, [signal]).retrieve(query)
    words = retrieval.evidence.of(signal.name + WORDS_SUFFIX).scores
    with_concepts = retrieval.evidence.of(signal.name).scores
    assert max(with_concepts.values()) > max(words.values()) > 0


def test_measures_against_a_colleague_are_not_the_pupils_sanctions(corpus: Corpus) -> None:
    signal = ScriptedSignal("a", ["2.4", "3.4", "3.3"], corpus)
    query = Query(
        text="welke maatregelen neemt de school tegen een collega die dat doet",
        language=Language.NL,
    )

    def scores(factor: float) -> dict[str, float]:
        config = dataclasses.replace(only(consequence_share=0.5), other_side_factor=factor)
        hits = FusionRetriever(corpus, [signal], config).retrieve(query).clauses
        return {h.id: h.score for h in hits}

    kept, halved = scores(1.0), scores(0.5)
    assert halved["3.1"] == kept["3.1"] > 0  # the staff sanctions gain
    assert halved["3.4"] == pytest.approx(kept["3.4"] / 2, abs=1e-6)


def test_the_rule_the_case_bank_model_finds_likeliest_is_ranked_up(corpus: Corpus) -> None:
    """A learned re-ranking: each clause gets a share of the best score times
    the model's probability that it decides the question."""
    signal = ScriptedSignal("a", ["2.3", "2.2", "1.7", "2.5", "1.1", "2.1"], corpus)
    reading = learned_reading("vraag", {}, {"2.1": 0.8, "2.3": 0.1})
    learned = reading.learned
    assert learned is not None
    without = FusionRetriever(corpus, [signal], only()).retrieve(QUERY, reading)
    assert without.clause_ranking()[:2] == ["2.3", "2.2"]
    ranked = FusionRetriever(corpus, [signal], only(learned_share=2.0)).retrieve(QUERY, reading)
    assert ranked.clause_ranking()[:2] == ["2.1", "2.3"]
    before = {h.id: h.score for h in without.clauses}
    after = {h.id: h.score for h in ranked.clauses}
    assert abs(after["2.1"] - round(before["2.1"] + 2.0 * before["2.3"] * 0.8, 6)) < 1e-6
    # Without the model's reading, nothing moves.
    retriever = FusionRetriever(corpus, [signal], only(learned_share=2.0))
    plain = retriever.retrieve(QUERY, read("vraag"))
    assert plain.clause_ranking() == without.clause_ranking()
    # The model re-ranks what the signals retrieved; it retrieves nothing itself.
    unretrieved = reading.model_copy(
        update={"learned": learned.model_copy(update={"clauses": {"3.5": 0.9}})}
    )
    assert "3.5" not in retriever.retrieve(QUERY, unretrieved).clause_ranking()
