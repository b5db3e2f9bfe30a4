"""The grounded decision: verdict and citations from retrieved evidence alone.

No model decides anything here. In order:

1. Weak evidence → ``not_covered``: the best clause or precedent matches the
   question too poorly (thresholds calibrated on the eval cases, see
   ``DecisionConfig``).
2. A close approved precedent whose decisive clause is among the best
   retrieved clauses → the precedent's verdict (a precedent encodes the nuance
   a clause's modality cannot: "unless a professional account" etc.). A close
   ``not_covered`` precedent makes the answer ``not_covered``.
3. Otherwise the modality of the best ruling clause: a prohibition or a
   sanction → ``not_allowed``; a permission → ``allowed``; a conditional
   permission, obligation or procedure → ``conditional`` (a conditional
   permission whose condition the question says is missing → ``not_allowed``).

Citations are the decisive clause plus the few clauses that support it
closely; never every retrieved id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.corpus import Corpus
from advisor.models import (
    Decision,
    DecisionBasis,
    Escalation,
    Modality,
    Precedent,
    Retrieval,
    Verdict,
)

_RULING = {
    Modality.PROHIBITION,
    Modality.PERMISSION,
    Modality.CONDITIONAL_PERMISSION,
    Modality.OBLIGATION,
    Modality.PROCEDURE,
    Modality.SANCTION,
}

_BY_MODALITY = {
    Modality.PROHIBITION: Verdict.NOT_ALLOWED,
    Modality.SANCTION: Verdict.NOT_ALLOWED,
    Modality.PERMISSION: Verdict.ALLOWED,
    Modality.CONDITIONAL_PERMISSION: Verdict.CONDITIONAL,
    Modality.OBLIGATION: Verdict.CONDITIONAL,
    Modality.PROCEDURE: Verdict.CONDITIONAL,
}

# The question says the condition of a conditional permission is not met.
_CONDITION_MISSING = re.compile(
    r"\b(zonder|without|geen toestemming|no (permission|consent)|niet gevraagd|"
    r"not asked|privé[- ]?account|prive[- ]?account|personal account|eigen account|"
    r"mijn eigen|my own)\b",
    re.IGNORECASE,
)

# Clauses whose citation alone means a possible crime, always urgent: 3.5
# (criminal offences) and 1.9b (hacking, unauthorised access: computervredebreuk).
_URGENT_CLAUSES = {"3.5", "1.9b"}


@dataclass(frozen=True)
class DecisionConfig:
    """Thresholds, calibrated by a grid on half of evals/cases (even positions)
    and checked on the other half.

    Similarities are cosine similarities of the dense embedder (USE by default);
    ``min_lexical`` is a BM25 score in the question's language.
    """

    dense_signal: str = "dense-"
    # Below both of these the evidence is too weak to rule on.
    min_clause_similarity: float = 0.30
    min_lexical: float = 3.5
    # With no dense signal (ADVISOR_EMBEDDING_BACKEND=none) BM25 decides alone.
    min_lexical_alone: float = 2.5
    # A precedent at least this similar decides the verdict.
    precedent_similarity: float = 0.55
    # ...if its decisive clause is among this many best clauses.
    precedent_clause_depth: int = 2
    # A not_covered precedent at least this similar makes the answer not_covered.
    not_covered_similarity: float = 0.30
    # Extra clauses are cited when their score is at least this share of the best.
    support_ratio: float = 0.8
    max_citations: int = 2


class Decider:
    def __init__(self, corpus: Corpus, config: DecisionConfig | None = None) -> None:
        self.corpus = corpus
        self.config = config or DecisionConfig()
        self._modality = {c.id: c.modality for c in corpus.clauses}

    def _similarity(self, retrieval: Retrieval, doc_id: str) -> float:
        return retrieval.best_raw(self.config.dense_signal, [doc_id])

    def _ruling_clauses(self, retrieval: Retrieval) -> list[str]:
        return [h.id for h in retrieval.clauses if self._modality[h.id] in _RULING]

    def _citations(self, retrieval: Retrieval, decisive: list[str]) -> list[str]:
        scores = {h.id: h.score for h in retrieval.clauses}
        cited: list[str] = []
        for cid in decisive:
            if cid in scores and cid not in cited:
                cited.append(cid)
        if not cited:
            return []
        best = scores[cited[0]]
        for cid in self._ruling_clauses(retrieval)[:4]:
            if len(cited) >= self.config.max_citations:
                break
            if cid not in cited and scores[cid] >= self.config.support_ratio * best:
                cited.append(cid)
        return cited

    def _close_precedent(self, retrieval: Retrieval) -> tuple[Precedent, float] | None:
        """The best-ranked precedent and its similarity to the question."""
        if not retrieval.precedents:
            return None
        best = retrieval.precedents[0].id
        return self.corpus.precedent(best), self._similarity(retrieval, best)

    def run(self, retrieval: Retrieval, screening_reasons: list[str], injection: bool) -> Decision:
        cfg = self.config
        language = retrieval.query.language
        ruling = self._ruling_clauses(retrieval)
        clause_ids = [c.id for c in self.corpus.clauses]
        clause_similarity = retrieval.best_raw(cfg.dense_signal, clause_ids)
        lexical = retrieval.best_raw(f"bm25-{language.value}")
        has_dense = any(n.startswith(cfg.dense_signal) for n in retrieval.signal_scores)
        if has_dense:
            weak = clause_similarity < cfg.min_clause_similarity and lexical < cfg.min_lexical
        else:
            weak = lexical < cfg.min_lexical_alone

        verdict: Verdict
        cited: list[str]
        precedent_id: str | None = None
        basis: DecisionBasis
        close = self._close_precedent(retrieval)
        if (
            close
            and close[0].verdict is Verdict.NOT_COVERED
            and close[1] >= cfg.not_covered_similarity
        ):
            verdict, cited, precedent_id, basis = (
                Verdict.NOT_COVERED,
                [],
                close[0].id,
                "not_covered",
            )
        elif weak or not ruling:
            verdict, cited, basis = Verdict.NOT_COVERED, [], "not_covered"
        elif (
            close
            and close[0].verdict is not Verdict.NOT_COVERED
            and close[1] >= cfg.precedent_similarity
            and close[0].clause_ids
            and close[0].clause_ids[0] in ruling[: cfg.precedent_clause_depth]
        ):
            precedent = close[0]
            verdict, precedent_id, basis = precedent.verdict, precedent.id, "precedent"
            cited = self._citations(retrieval, list(precedent.clause_ids))
        else:
            decisive = ruling[0]
            verdict = _BY_MODALITY[self._modality[decisive]]
            if self._modality[
                decisive
            ] is Modality.CONDITIONAL_PERMISSION and _CONDITION_MISSING.search(
                retrieval.query.text
            ):
                verdict = Verdict.NOT_ALLOWED
            cited, basis = self._citations(retrieval, [decisive]), "clause"
            # Mention the nearest precedent as an illustration when it agrees.
            if close and close[0].verdict is verdict and close[1] >= cfg.precedent_similarity:
                precedent_id = close[0].id

        reasons = list(screening_reasons)
        flagged = sorted(_URGENT_CLAUSES & set(cited))
        if flagged and "crime" not in reasons:
            reasons.append(f"possible criminal offence ({', '.join(flagged)})")
        return Decision(
            verdict=verdict,
            clause_ids=cited,
            precedent_id=precedent_id,
            basis=basis,
            escalation=Escalation.URGENT if reasons else Escalation.NONE,
            escalation_reasons=reasons,
            injection_suspected=injection,
        )
