"""A clause's own conditions, as the corpus states them, checked against a question.

Each ruling clause may carry cue phrases (``corpus/protocol.yaml``): how a
question says that a conditional permission's condition is unmet
(``unmet_cues``: "zonder toestemming" for 1.8), that a prohibition's exception
applies (``exception_cues``: "professioneel account" for 2.1), or whom a rule is
about (``subject_cues``: 1.12 and 2.1 are about pupils). They are the
protocol's own words, compiled once per corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from advisor.domain.corpus import Corpus
from advisor.domain.models import Aliases, Clause, Modality
from advisor.pipeline.read import cue_pattern


def _cue_patterns(corpus: Corpus, cues: Callable[[Clause], Aliases]) -> dict[str, re.Pattern[str]]:
    """One compiled pattern per clause that has cues of this kind (both languages)."""
    patterns: dict[str, re.Pattern[str]] = {}
    for clause in corpus.clauses:
        pattern = cue_pattern([*cues(clause).nl, *cues(clause).en])
        if pattern is not None:
            patterns[clause.id] = pattern
    return patterns


class ClauseConditions:
    def __init__(self, corpus: Corpus) -> None:
        self._modality = {c.id: c.modality for c in corpus.clauses}
        self._unmet = _cue_patterns(corpus, lambda c: c.unmet_cues)
        self._exception = _cue_patterns(corpus, lambda c: c.exception_cues)
        self._subject = _cue_patterns(corpus, lambda c: c.subject_cues)

    def unmet(self, clause_id: str, text: str) -> bool:
        """The question says this clause's condition is not met."""
        pattern = self._unmet.get(clause_id)
        return pattern is not None and pattern.search(text) is not None

    def exception_applies(self, clause_id: str, text: str) -> bool:
        """The question says this prohibition's exception applies."""
        pattern = self._exception.get(clause_id)
        return pattern is not None and pattern.search(text) is not None

    def without_subject(self, clause_id: str, text: str) -> bool:
        """The clause is about someone (``Clause.subject_cues``) the question never names."""
        pattern = self._subject.get(clause_id)
        return pattern is not None and pattern.search(text) is None

    def out_of_scope(self, text: str) -> bool:
        """The question says the matter has no link with school (scope clause 0.3)."""
        return any(
            self._modality[cid] is Modality.SCOPE and self.unmet(cid, text) for cid in self._unmet
        )
