"""The log's tables (SQLAlchemy 2 ORM). Migrations in ``migrations/`` build them.

No column holds a question as typed: ``answers.question`` is the pseudonymised
text, and free text written later (feedback comments, review notes, corrected
answers) is pseudonymised before it is stored.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON}  # noqa: RUF012 (SQLAlchemy API)


class AnswerRow(Base):
    """One logged answer.

    The review screen lists answers newest first with one filter or none. Each
    filterable column is indexed together with ``created_at``, so a filtered
    list reads its newest matches in order from the index and stops at the
    page's limit, instead of sorting every match (a frequent verdict is a
    quarter of the log); SQLite, which the app never gives statistics, needs
    that most (``advisor bench store``)."""

    __tablename__ = "answers"
    __table_args__ = (
        Index("ix_answers_verdict_created_at", "verdict", "created_at"),
        Index("ix_answers_escalation_created_at", "escalation", "created_at"),
        Index("ix_answers_llm_outcome_created_at", "llm_outcome", "created_at"),
        Index("ix_answers_user_name_created_at", "user_name", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    user_name: Mapped[str | None] = mapped_column(String(120))
    user_role: Mapped[str | None] = mapped_column(String(32))
    question: Mapped[str] = mapped_column(Text)  # pseudonymised
    language: Mapped[str] = mapped_column(String(2))
    verdict: Mapped[str] = mapped_column(String(16))
    answer: Mapped[str] = mapped_column(Text)
    referral: Mapped[str] = mapped_column(Text)
    precedent_ids: Mapped[list[str]]
    retrieved: Mapped[list[str]]  # the best clauses retrieved, best first
    escalation: Mapped[str] = mapped_column(String(8))
    engine: Mapped[str] = mapped_column(String(120))
    model: Mapped[str | None] = mapped_column(String(200))
    corpus_version: Mapped[str] = mapped_column(String(32))
    latency_ms: Mapped[float] = mapped_column(Float)
    guard_passed: Mapped[bool | None] = mapped_column(Boolean)  # None: no LLM involved
    fallback_reason: Mapped[str | None] = mapped_column(Text)
    pii_found: Mapped[dict[str, Any]]  # counts per kind of what was pseudonymised
    reading: Mapped[dict[str, Any] | None]  # ReadingRecord: how the question was read
    llm_role: Mapped[str | None] = mapped_column(String(16))
    llm_outcome: Mapped[str | None] = mapped_column(String(16))
    # Asked in the local demo mode (no login): kept apart from real use, left out
    # of the log, the dashboard and exports unless asked for, and removable.
    demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    citations: Mapped[list[CitationRow]] = relationship(
        back_populates="answer",
        cascade="all, delete-orphan",
        order_by="CitationRow.position",
        lazy="selectin",
    )
    feedback: Mapped[list[FeedbackRow]] = relationship(
        back_populates="answer", cascade="all, delete-orphan", lazy="selectin"
    )
    reviews: Mapped[list[ReviewRow]] = relationship(
        back_populates="answer",
        cascade="all, delete-orphan",
        order_by="ReviewRow.id",
        lazy="selectin",
    )


class CitationRow(Base):
    """A clause an answer cites. The clause filter asks "does this answer cite
    clause X?" of answer after answer: (clause_id, answer_id) answers that from
    the index alone, where an index on clause_id alone made SQLite walk all of
    the clause's citations for every answer it looked at (seconds, at 200,000
    answers)."""

    __tablename__ = "citations"
    __table_args__ = (Index("ix_citations_clause_id_answer_id", "clause_id", "answer_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    answer_id: Mapped[str] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(SmallInteger)
    clause_id: Mapped[str] = mapped_column(String(8))

    answer: Mapped[AnswerRow] = relationship(back_populates="citations")


class FeedbackRow(Base):
    """A thumbs up or down. (answer_id, rating): the feedback filter's question
    "has this answer a thumbs down?" is answered from the index alone."""

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_answer_id_rating", "answer_id", "rating"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    answer_id: Mapped[str] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"))
    user_name: Mapped[str | None] = mapped_column(String(120))
    rating: Mapped[int] = mapped_column(SmallInteger)  # +1 thumbs up, -1 thumbs down
    comment: Mapped[str | None] = mapped_column(Text)  # pseudonymised
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    answer: Mapped[AnswerRow] = relationship(back_populates="feedback")


class ReviewRow(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    answer_id: Mapped[str] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), index=True)
    reviewer: Mapped[str] = mapped_column(String(120))
    outcome: Mapped[str] = mapped_column(String(16))  # correct / incorrect / needs_change
    corrected_verdict: Mapped[str | None] = mapped_column(String(16))
    corrected_answer: Mapped[str | None] = mapped_column(Text)  # pseudonymised
    # The clauses the answer should cite, decisive first, and a title for its precedent.
    corrected_clauses: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    corrected_title: Mapped[str | None] = mapped_column(Text)  # pseudonymised
    note: Mapped[str | None] = mapped_column(Text)  # pseudonymised
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    answer: Mapped[AnswerRow] = relationship(back_populates="reviews")


class ReportRow(Base):
    """An answer passed on to leadership by e-mail (the "report to my supervisor" button)."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    answer_id: Mapped[str] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), index=True)
    reported_by: Mapped[str] = mapped_column(String(120))
    sent_to: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PrecedentRow(Base):
    """A precedent made from a reviewed answer. It keeps the log id as provenance,
    not as a foreign key: purging old answers leaves approved precedents alone."""

    __tablename__ = "precedents"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    answer_id: Mapped[str] = mapped_column(String(32), index=True)
    review_id: Mapped[int | None] = mapped_column(Integer)
    title_nl: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text)
    scenario: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String(16))
    clause_ids: Mapped[list[str]]
    rationale: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    provenance: Mapped[dict[str, Any]]
    # Hash of the applied clauses' texts when approved: a change flags the precedent.
    clause_fingerprint: Mapped[str | None] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    approved_by: Mapped[str | None] = mapped_column(String(120))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ClauseTextRow(Base):
    """The hash of each clause's text as last seen, to notice protocol changes."""

    __tablename__ = "clause_texts"

    clause_id: Mapped[str] = mapped_column(String(8), primary_key=True)
    text_hash: Mapped[str] = mapped_column(String(64))
    corpus_version: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PrecedentFlagRow(Base):
    """A corpus precedent (a YAML file) held back because a clause it applies changed."""

    __tablename__ = "precedent_flags"

    precedent_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    flagged_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class UserRow(Base):
    """An account of the web app. Only an argon2 hash of the password is kept."""

    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))  # staff / leadership
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    password_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Random, renewed when the password or the role changes: a web session made
    # under an older stamp is no longer valid (nor one of an account removed and
    # added again under the same name).
    credential_stamp: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(8))  # local (password) / oidc (school sign-in)
    oidc_subject: Mapped[str | None] = mapped_column(String(255))  # issuer + sub, for oidc


class WebSessionRow(Base):
    """A signed-in browser. Only a SHA-256 of the cookie's token is kept."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    credential_stamp: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    address: Mapped[str | None] = mapped_column(String(64))


class LoginFailureRow(Base):
    """A failed sign-in: what the throttle counts, and what IT reads after an attack."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    username: Mapped[str] = mapped_column(String(64))
