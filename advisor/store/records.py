"""What the log hands out: plain pydantic records, never ORM rows."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor.domain.errors import AdvisorError
from advisor.domain.models import Escalation, Language, Verdict


class ReviewOutcome(StrEnum):
    CORRECT = "correct"
    INCORRECT = "incorrect"
    NEEDS_CHANGE = "needs_change"


class Approval(BaseModel):
    """What approving did: a log precedent approved, a flagged corpus precedent
    approved again, or nothing to do (a corpus precedent that is not flagged)."""

    model_config = ConfigDict(frozen=True)

    precedent_id: str
    kind: Literal["approved", "re_approved", "not_flagged"]
    by: str

    def __str__(self) -> str:
        if self.kind == "approved":
            return f"precedent {self.precedent_id} approved by {self.by}"
        if self.kind == "re_approved":
            return f"corpus precedent {self.precedent_id} re-approved by {self.by}"
        return f"corpus precedent {self.precedent_id} needs no approval (not flagged)"


class NeighbourRecord(BaseModel):
    """A case-bank question near the asked one (bank text: written, not anyone's)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    similarity: float
    question: str
    verdict: Verdict
    decisive: list[str] = Field(default_factory=list)


class ReadingRecord(BaseModel):
    """How the question was read and decided on, for leadership's detail view:
    what it asks, whose conduct, who asks, the conditions it states, the acts the
    bans name, the bank model's verdict probabilities and its nearest bank cases.
    Nothing personal."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    asked: str
    conduct_of: str
    asker: str | None = None
    basis: str
    conditions: dict[str, float] = Field(default_factory=dict)  # condition → probability
    # an act a ban names (2.5's discussion) → the model's score that it is the act at issue
    acts: dict[str, float] = Field(default_factory=dict)
    verdict_probabilities: dict[str, float] = Field(default_factory=dict)
    urgent_probability: float | None = None
    steps: list[str] = Field(default_factory=list)
    neighbours: list[NeighbourRecord] = Field(default_factory=list)


class AnswerRecord(BaseModel):
    """One answer as the log takes it: its question already pseudonymised.

    The store owns this shape; whoever answers builds it (``app.recording``),
    so the store imports nothing from the pipeline."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    question: str
    language: Language
    verdict: Verdict
    answer: str
    referral: str
    citations: list[str]  # clause ids, in the answer's order
    precedent_ids: list[str]
    retrieved: list[str]  # the best-ranked clause ids
    escalation: Escalation
    engine: str
    model: str | None = None
    corpus_version: str
    latency_ms: float
    guard_passed: bool | None = None
    fallback_reason: str | None = None
    pii_found: dict[str, int] = Field(default_factory=dict)  # entity kind → count
    reading: ReadingRecord | None = None
    # The LLM's role and what came of its answer (None: no LLM involved).
    llm_role: str | None = None
    llm_outcome: str | None = None


class FeedbackRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    user_name: str | None
    rating: int
    comment: str | None
    created_at: datetime


class ReviewRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    reviewer: str
    outcome: ReviewOutcome
    corrected_verdict: Verdict | None
    corrected_answer: str | None
    note: str | None
    created_at: datetime
    corrected_clauses: list[str] | None = None  # decisive first
    corrected_title: str | None = None


class LogEntry(BaseModel):
    """One logged answer with its feedback and reviews."""

    model_config = ConfigDict(frozen=True)

    id: str
    created_at: datetime
    user_name: str | None
    user_role: str | None
    question: str
    language: Language
    verdict: Verdict
    answer: str
    referral: str
    citations: list[str]
    precedent_ids: list[str]
    retrieved: list[str]
    escalation: Escalation
    engine: str
    model: str | None
    corpus_version: str
    latency_ms: float
    guard_passed: bool | None
    fallback_reason: str | None
    pii_found: dict[str, Any]
    reading: ReadingRecord | None = None  # None: logged before readings were kept
    llm_role: str | None = None
    llm_outcome: str | None = None  # passed | rejected | failed | disagreed
    feedback: list[FeedbackRecord] = Field(default_factory=list)
    reviews: list[ReviewRecord] = Field(default_factory=list)
    demo: bool = False  # asked in the local demo mode

    @property
    def reviewed(self) -> bool:
        return bool(self.reviews)


class LogFilter(BaseModel):
    """The filters of ``advisor logs list|export`` and the review screen."""

    model_config = ConfigDict(frozen=True)

    since: datetime | None = None
    until: datetime | None = None
    verdict: Verdict | None = None
    escalation: Escalation | None = None
    feedback: str | None = Field(default=None, pattern="^(up|down|none|any)$")
    fallback: bool | None = None  # True: the LLM's draft was replaced
    llm_outcome: str | None = Field(default=None, pattern="^(passed|rejected|failed|disagreed)$")
    reviewed: bool | None = None
    clause: str | None = None
    user_name: str | None = None
    include_demo: bool = False  # answers asked in the local demo mode are left out
    limit: int = Field(default=200, ge=1, le=100_000)


class InvalidFilterError(AdvisorError):
    exit_code = 2


def parse_moment(value: str | None, option: str, end_of_day: bool = False) -> datetime | None:
    """A date (2026-11-24) or an ISO date-time; a bare date as --until means through that day."""
    if value is None:
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            moment = datetime.combine(day, time(), tzinfo=UTC)
            return moment + timedelta(days=1) if end_of_day else moment
        parsed = datetime.fromisoformat(text)
    except ValueError as exc:
        raise InvalidFilterError(
            f"{option} {value!r} is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM"
        ) from exc
    # Stored times are UTC: compare in UTC, whatever offset was typed.
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
