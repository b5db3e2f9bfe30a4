"""RAGAS-style faithfulness with a judge LLM: supported claims ÷ claims.

Optional: only when a judge is configured (``ADVISOR_JUDGE_PROVIDER`` …), never
in CI. The judge sees the answer and the clauses (and precedent) it cites; it
returns the answer's claims, each marked supported or not. Each answer is
judged ``runs`` times and the scores averaged, because judges are noisy; a run
whose reply is unusable is skipped, and an answer no run could judge has no
score.
"""

from __future__ import annotations

import json
import re

from pydantic import BaseModel, Field, ValidationError

from advisor.domain.corpus import Corpus
from advisor.evaluation.metrics import CaseResult
from advisor.pipeline.llm import ChatModel, LLMUnavailable, render_messages


class Claim(BaseModel):
    claim: str
    supported: bool


class Judgement(BaseModel):
    claims: list[Claim] = Field(default_factory=list)


def parse_judgement(raw: str) -> Judgement:
    match = re.search(r"\{.*\}", raw, re.DOTALL)
    if not match:
        raise ValueError("no JSON object in the judge's reply")
    try:
        return Judgement.model_validate(json.loads(match.group(0)))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise ValueError(f"judge reply unusable: {exc}") from exc


class FaithfulnessJudge:
    def __init__(self, chat_model: ChatModel, corpus: Corpus, runs: int = 3) -> None:
        self.chat_model = chat_model
        self.corpus = corpus
        self.runs = runs

    def score(self, case: CaseResult) -> float | None:
        if not case.answer or case.answer_language is None:
            return None
        language = case.answer_language
        clauses = [
            {"id": cid, "text": self.corpus.clause(cid).text_in(language)} for cid in case.cited
        ]
        precedent = ""
        if case.precedents:
            found = self.corpus.precedent(case.precedents[0])
            precedent = f"{found.title.get(language)}. {found.rationale}"
        messages = render_messages(
            language, "judge", clauses=clauses, precedent=precedent, answer=case.answer
        )
        scores: list[float] = []
        for _ in range(self.runs):
            try:
                judgement = parse_judgement(self.chat_model.complete(messages))
            except (LLMUnavailable, ValueError):
                continue
            if judgement.claims:
                supported = sum(claim.supported for claim in judgement.claims)
                scores.append(supported / len(judgement.claims))
        return round(sum(scores) / len(scores), 4) if scores else None


def faithfulness(judge: FaithfulnessJudge, cases: list[CaseResult]) -> float | None:
    """The mean faithfulness over the answers the judge could score."""
    scores = [s for s in (judge.score(case) for case in cases) if s is not None]
    return round(sum(scores) / len(scores), 4) if scores else None
