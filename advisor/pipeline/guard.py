"""The guard: every LLM answer is checked before anyone sees it.

Grounding, for both roles: (1) every clause id it cites exists and was among
the clauses it was shown, (2) it cites at least one clause unless the verdict
is not_covered, (3) it is in the asker's language, (4) each sentence is
supported by the clauses it cites (or, without markers, by the answer's
clauses). Then, for the "wording" role, its verdict is the grounded verdict;
for the "decide" role, its verdict fits its decisive clause: an "allowed" on a
prohibition must rest on the exception the question states, and a sanction
never allows anything. The first failed check is the reason the grounded answer
is shown instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from advisor.domain.language import detect_language
from advisor.domain.models import Decision, Language, Modality, Verdict
from advisor.pipeline.support import SupportScorer, markers, split_sentences


class LLMDraft(BaseModel):
    """What the LLM must return (JSON)."""

    model_config = ConfigDict(extra="ignore")

    verdict: Verdict
    answer: str = Field(min_length=1, max_length=4000)
    cited_ids: list[str] = Field(default_factory=list)
    # The "decide" role: the decisive clauses (first decides) and what a
    # conditional answer turns on.
    decisive: list[str] = Field(default_factory=list)
    turns_on: str = Field(default="", max_length=500)

    @property
    def cited(self) -> list[str]:
        """Every clause id it names: its lists and the markers in its text."""
        in_text = [cid for s in split_sentences(self.answer) for cid in markers(s)]
        return list(dict.fromkeys([*self.decisive, *self.cited_ids, *in_text]))


@dataclass(frozen=True)
class GuardResult:
    passed: bool
    reason: str | None = None


@dataclass(frozen=True)
class GuardConfig:
    # Calibrated on the grounded answers (which must pass) and on answers whose
    # sentences cite a wrong clause (which must fail); see tests/test_guard.py.
    min_support: float = 0.35
    # Sentences with fewer content words than this ("Ja, dat mag.", "Only under
    # the conditions the protocol sets.") carry no claim to support.
    min_terms_checked: int = 3


_YES = frozenset({"ja", "yes", "jazeker", "zeker", "certainly", "sure"})
_NO = frozenset({"nee", "no", "neen"})


def _polarity(text: str) -> Verdict | None:
    """A yes or no that opens one of the text's sentences (allowed / not allowed),
    or None when no sentence opens with one."""
    for sentence in split_sentences(text):
        words = sentence.lower().lstrip("[(\"'").split(maxsplit=1)
        first = words[0].strip(",.!:;") if words else ""
        if first in _YES:
            return Verdict.ALLOWED
        if first in _NO:
            return Verdict.NOT_ALLOWED
    return None


class Guard:
    def __init__(self, scorer: SupportScorer, config: GuardConfig | None = None) -> None:
        self.scorer = scorer
        self.config = config or GuardConfig()

    def check(
        self,
        draft: LLMDraft,
        decision: Decision,
        shown_clause_ids: list[str],
        language: Language,
    ) -> GuardResult:
        """The "wording" role: grounded, and the grounded core's verdict."""
        grounded = self.grounding(draft, shown_clause_ids, language)
        if not grounded.passed:
            return grounded
        if draft.verdict is not decision.verdict:
            return GuardResult(
                False,
                f"verdict {draft.verdict.value} contradicts the protocol-based verdict "
                f"{decision.verdict.value}",
            )
        return GuardResult(True)

    def check_decision(
        self,
        draft: LLMDraft,
        shown_clause_ids: list[str],
        language: Language,
        exception_stated: Callable[[str], bool],
    ) -> GuardResult:
        """The "decide" role: grounded, and a verdict its decisive clause allows.
        ``exception_stated(clause_id)``: the question states that clause's exception."""
        grounded = self.grounding(draft, shown_clause_ids, language)
        if not grounded.passed or draft.verdict is not Verdict.ALLOWED:
            return grounded
        corpus = self.scorer.corpus
        decisive = draft.cited[0]
        modality = corpus.clause(decisive).modality
        if modality is Modality.SANCTION:
            return GuardResult(False, f"'allowed' rests on a sanction clause ({decisive})")
        if modality is Modality.PROHIBITION and not exception_stated(decisive):
            return GuardResult(
                False,
                f"'allowed' against the prohibition {decisive}, whose exception the "
                "question does not state",
            )
        return GuardResult(True)

    def grounding(
        self, draft: LLMDraft, shown_clause_ids: list[str], language: Language
    ) -> GuardResult:
        """Real, retrieved clause ids; a citation; the asker's language; every
        sentence supported by what it cites."""
        known = set(self.scorer.corpus.clause_ids)
        cited = draft.cited
        invented = [cid for cid in cited if cid not in known]
        if invented:
            return GuardResult(False, f"cites clause ids that do not exist: {invented}")
        unseen = [cid for cid in cited if cid not in shown_clause_ids]
        if unseen:
            return GuardResult(False, f"cites clauses that were not retrieved: {unseen}")
        if draft.verdict is not Verdict.NOT_COVERED and not cited:
            return GuardResult(False, "cites no clause")
        said = _polarity(draft.answer)
        if said is not None and (said is Verdict.ALLOWED) != (draft.verdict is Verdict.ALLOWED):
            return GuardResult(
                False,
                f"the text says {'yes' if said is Verdict.ALLOWED else 'no'} under the "
                f"verdict {draft.verdict.value}",
            )
        detected = detect_language(draft.answer)
        if detected is not language:
            return GuardResult(
                False, f"answer is in {detected.value}, the question in {language.value}"
            )
        for sentence in split_sentences(draft.answer):
            if len(self.scorer.terms(sentence, language)) < self.config.min_terms_checked:
                continue
            against = markers(sentence) or cited
            support = self.scorer.score(sentence, against, language)
            if support < self.config.min_support:
                return GuardResult(
                    False, f"unsupported sentence ({support:.2f}): {sentence[:80]!r}"
                )
        return GuardResult(True)
