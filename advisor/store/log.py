"""The answer log: record answers, feedback and reviews; list, filter, export, purge.

Every write is one short transaction, committed before the call returns: what
a call reported as logged survives a crash of the process that wrote it.
Free text that people type later (comments, notes, corrections) is
pseudonymised like the questions before it is stored.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import IO, Protocol, TypeVar

from sqlalchemy import ColumnElement, Engine, Select, delete, exists, func, select, true
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from advisor.domain.models import Language, Verdict
from advisor.store.db import NotFoundError, StoreError, as_utc, describe
from advisor.store.records import (
    AnswerRecord,
    FeedbackRecord,
    LogEntry,
    LogFilter,
    ReadingRecord,
    ReviewOutcome,
    ReviewRecord,
)
from advisor.store.schema import AnswerRow, CitationRow, FeedbackRow, ReportRow, ReviewRow

_T = TypeVar("_T")

EXPORT_FIELDS = [
    "id", "created_at", "user_name", "user_role", "language", "question", "verdict",
    "citations", "precedent_ids", "escalation", "engine", "model", "corpus_version",
    "latency_ms", "llm_role", "llm_outcome", "guard_passed", "fallback_reason",
    "thumbs_up", "thumbs_down", "feedback_comments",
    "reviews", "last_review", "corrected_verdict", "corrected_clauses", "corrected_answer",
    "review_notes", "answer", "demo",
]  # fmt: skip
# Dutch Excel opens a file with a BOM as UTF-8 and splits columns on ";".
CSV_DELIMITER = ";"
BOM = "\ufeff"


# Comments, notes and corrected answers: enough for a page, not a denial of service.
MAX_FREE_TEXT = 5000


def _now() -> datetime:
    return datetime.now(UTC)


class Redactor(Protocol):
    """Pseudonymises free text before it is stored (the pipeline's privacy stage)."""

    def __call__(self, text: str, language: Language) -> str: ...


class AnswerLog:
    def __init__(self, engine: Engine, redact: Redactor) -> None:
        self.engine = engine
        self.redact = redact
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    # --- plumbing -------------------------------------------------------------------

    @contextmanager
    def _session(self) -> Iterator[Session]:
        session = self._sessions()
        try:
            yield session
            session.commit()
        except SQLAlchemyError as exc:
            session.rollback()
            raise StoreError(describe(exc, self.engine)) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def run(self, work: Callable[[Session], _T]) -> _T:
        with self._session() as session:
            return work(session)

    def _clean(self, text: str | None, language: Language = Language.NL) -> str | None:
        if text is None or not text.strip():
            return None
        if len(text) > MAX_FREE_TEXT:
            raise StoreError(
                f"the text is too long ({len(text)} characters; at most {MAX_FREE_TEXT})"
            )
        return self.redact(text.strip(), language)

    # --- writing --------------------------------------------------------------------

    def record(
        self,
        record: AnswerRecord,
        user_name: str | None = None,
        user_role: str | None = None,
        demo: bool = False,
    ) -> str:
        """Log one answer (its question already pseudonymised); return its log id.
        ``demo``: asked in the local demo mode, kept apart from real use."""
        log_id = uuid.uuid4().hex
        row = AnswerRow(
            id=log_id,
            created_at=_now(),
            user_name=user_name,
            user_role=user_role,
            question=record.question,
            language=record.language.value,
            verdict=record.verdict.value,
            answer=record.answer,
            referral=record.referral,
            precedent_ids=list(record.precedent_ids),
            retrieved=list(record.retrieved),
            escalation=record.escalation.value,
            engine=record.engine,
            model=record.model,
            corpus_version=record.corpus_version,
            latency_ms=record.latency_ms,
            guard_passed=record.guard_passed,
            fallback_reason=record.fallback_reason,
            pii_found=dict(record.pii_found),
            reading=record.reading.model_dump(mode="json") if record.reading else None,
            llm_role=record.llm_role,
            llm_outcome=record.llm_outcome,
            demo=demo,
            citations=[
                CitationRow(position=i, clause_id=cid) for i, cid in enumerate(record.citations)
            ],
        )
        with self._session() as session:
            session.add(row)
        return log_id

    def add_feedback(
        self, log_id: str, rating: int, comment: str | None = None, user_name: str | None = None
    ) -> None:
        if rating not in (1, -1):
            raise StoreError("feedback is +1 (thumbs up) or -1 (thumbs down)")

        def work(session: Session) -> None:
            row = self._row(session, log_id)
            session.add(
                FeedbackRow(
                    answer_id=row.id,
                    user_name=user_name,
                    rating=rating,
                    comment=self._clean(comment, Language(row.language)),
                    created_at=_now(),
                )
            )

        self.run(work)

    def add_review(
        self,
        log_id: str,
        reviewer: str,
        outcome: ReviewOutcome,
        corrected_answer: str | None = None,
        corrected_verdict: Verdict | None = None,
        note: str | None = None,
        corrected_clauses: list[str] | None = None,
        corrected_title: str | None = None,
    ) -> int:
        """Record a review. ``corrected_clauses``: the clauses the answer should cite,
        decisive first (the caller checks they exist in the protocol)."""
        if not reviewer.strip():
            raise StoreError("a review needs the reviewer's name")

        def work(session: Session) -> int:
            row = self._row(session, log_id)
            language = Language(row.language)
            review = ReviewRow(
                answer_id=row.id,
                reviewer=reviewer.strip(),
                outcome=outcome.value,
                corrected_verdict=corrected_verdict.value if corrected_verdict else None,
                corrected_answer=self._clean(corrected_answer, language),
                corrected_clauses=list(dict.fromkeys(corrected_clauses)) or None
                if corrected_clauses
                else None,
                corrected_title=self._clean(corrected_title, language),
                note=self._clean(note, language),
                created_at=_now(),
            )
            session.add(review)
            session.flush()
            return review.id

        return self.run(work)

    def purge(self, older_than_days: int) -> int:
        """Delete answers (with their feedback and reviews) older than this; return how many."""
        if older_than_days < 1:
            raise StoreError("--older-than must be at least 1 day")
        cutoff = _now() - timedelta(days=older_than_days)

        return self.run(lambda session: _delete(session, AnswerRow.created_at < cutoff))

    def remove_demo(self) -> int:
        """Delete the answers asked in the local demo mode (with their feedback,
        reviews and reports); return how many."""
        return self.run(lambda session: _delete(session, AnswerRow.demo.is_(True)))

    # --- reading --------------------------------------------------------------------

    @staticmethod
    def _row(session: Session, log_id: str) -> AnswerRow:
        """By full id, or by a unique prefix of at least 8 characters (as listed)."""
        key = log_id.strip().lower()
        row = session.get(AnswerRow, key)
        if row is None and len(key) >= 8 and key.isalnum():
            matches = session.scalars(
                select(AnswerRow).where(AnswerRow.id.startswith(key)).limit(2)
            ).all()
            if len(matches) > 1:
                raise NotFoundError(f"log id prefix {log_id!r} is ambiguous: give more of it")
            row = matches[0] if matches else None
        if row is None:
            raise NotFoundError(f"no logged answer with id {log_id!r}")
        return row

    def get(self, log_id: str) -> LogEntry:
        return self.run(lambda session: _entry(self._row(session, log_id)))

    def count(self) -> int:
        return self.run(lambda s: s.scalar(select(func.count()).select_from(AnswerRow)) or 0)

    def find(self, filters: LogFilter | None = None) -> list[LogEntry]:
        """Newest first."""
        query = _filtered(filters or LogFilter())
        return self.run(lambda session: [_entry(row) for row in session.scalars(query)])

    def export(
        self, filters: LogFilter, fmt: str, out: IO[str], delimiter: str = CSV_DELIMITER
    ) -> int:
        """Write the filtered answers as JSON lines or as CSV for Excel (a BOM first,
        ``;`` between columns unless told otherwise); return how many."""
        entries = self.find(filters)
        if fmt == "jsonl":
            for entry in entries:
                out.write(entry.model_dump_json() + "\n")
        elif fmt == "csv":
            out.write(BOM)
            writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, delimiter=delimiter)
            writer.writeheader()
            for entry in entries:
                writer.writerow(_csv_row(entry))
        else:
            raise StoreError(f"unknown export format {fmt!r}: use csv or jsonl")
        return len(entries)


def _delete(session: Session, which: ColumnElement[bool]) -> int:
    """Delete the answers that match, with what hangs on them; return how many."""
    ids = list(session.scalars(select(AnswerRow.id).where(which)))
    for start in range(0, len(ids), 500):  # SQLite allows so many parameters at once
        chunk = ids[start : start + 500]
        for table in (CitationRow, FeedbackRow, ReviewRow, ReportRow):
            session.execute(delete(table).where(table.answer_id.in_(chunk)))
        session.execute(delete(AnswerRow).where(AnswerRow.id.in_(chunk)))
    return len(ids)


def real_use(include_demo: bool = False) -> ColumnElement[bool]:
    """Answers of real use: the demo mode's are left out unless asked for."""
    return true() if include_demo else AnswerRow.demo.is_(False)


def _filtered(filters: LogFilter) -> Select[AnswerRow]:
    query = select(AnswerRow).order_by(AnswerRow.created_at.desc(), AnswerRow.id)
    query = query.where(real_use(filters.include_demo))
    if filters.since is not None:
        query = query.where(AnswerRow.created_at >= filters.since)
    if filters.until is not None:
        query = query.where(AnswerRow.created_at < filters.until)
    if filters.verdict is not None:
        query = query.where(AnswerRow.verdict == filters.verdict.value)
    if filters.escalation is not None:
        query = query.where(AnswerRow.escalation == filters.escalation.value)
    if filters.user_name is not None:
        query = query.where(AnswerRow.user_name == filters.user_name)
    if filters.fallback is True:
        query = query.where(AnswerRow.fallback_reason.is_not(None))
    elif filters.fallback is False:
        query = query.where(AnswerRow.fallback_reason.is_(None))
    if filters.llm_outcome is not None:
        query = query.where(AnswerRow.llm_outcome == filters.llm_outcome)
    if filters.clause is not None:
        query = query.where(
            exists().where(
                CitationRow.answer_id == AnswerRow.id, CitationRow.clause_id == filters.clause
            )
        )
    reviewed = exists().where(ReviewRow.answer_id == AnswerRow.id)
    if filters.reviewed is True:
        query = query.where(reviewed)
    elif filters.reviewed is False:
        query = query.where(~reviewed)
    if filters.feedback in ("up", "down"):
        rating = 1 if filters.feedback == "up" else -1
        query = query.where(
            exists().where(FeedbackRow.answer_id == AnswerRow.id, FeedbackRow.rating == rating)
        )
    elif filters.feedback in ("none", "any"):
        has = exists().where(FeedbackRow.answer_id == AnswerRow.id)
        query = query.where(~has if filters.feedback == "none" else has)
    return query.limit(filters.limit)


def _entry(row: AnswerRow) -> LogEntry:
    return LogEntry(
        id=row.id,
        created_at=as_utc(row.created_at),
        user_name=row.user_name,
        user_role=row.user_role,
        question=row.question,
        language=Language(row.language),
        verdict=Verdict(row.verdict),
        answer=row.answer,
        referral=row.referral,
        citations=[c.clause_id for c in row.citations],
        precedent_ids=list(row.precedent_ids),
        retrieved=list(row.retrieved),
        escalation=row.escalation,  # type: ignore[arg-type]
        engine=row.engine,
        model=row.model,
        corpus_version=row.corpus_version,
        latency_ms=row.latency_ms,
        guard_passed=row.guard_passed,
        fallback_reason=row.fallback_reason,
        pii_found=dict(row.pii_found),
        reading=ReadingRecord.model_validate(row.reading) if row.reading else None,
        llm_role=row.llm_role,
        llm_outcome=row.llm_outcome,
        demo=bool(row.demo),
        feedback=[
            FeedbackRecord(
                user_name=f.user_name,
                rating=f.rating,
                comment=f.comment,
                created_at=as_utc(f.created_at),
            )
            for f in row.feedback
        ],
        reviews=[
            ReviewRecord(
                id=r.id,
                reviewer=r.reviewer,
                outcome=ReviewOutcome(r.outcome),
                corrected_verdict=Verdict(r.corrected_verdict) if r.corrected_verdict else None,
                corrected_answer=r.corrected_answer,
                note=r.note,
                created_at=as_utc(r.created_at),
                corrected_clauses=list(r.corrected_clauses) if r.corrected_clauses else None,
                corrected_title=r.corrected_title,
            )
            for r in row.reviews
        ],
    )


def _cell(value: object) -> object:
    """A spreadsheet never reads a cell as a formula (CSV injection): text that
    starts like one gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv_row(entry: LogEntry) -> dict[str, object]:
    return {key: _cell(value) for key, value in _csv_fields(entry).items()}


def _csv_fields(entry: LogEntry) -> dict[str, object]:
    last = entry.reviews[-1] if entry.reviews else None
    return {
        "id": entry.id,
        "created_at": entry.created_at.isoformat(),
        "user_name": entry.user_name or "",
        "user_role": entry.user_role or "",
        "language": entry.language.value,
        "question": entry.question,
        "verdict": entry.verdict.value,
        "citations": " ".join(entry.citations),
        "precedent_ids": " ".join(entry.precedent_ids),
        "escalation": entry.escalation.value,
        "engine": entry.engine,
        "model": entry.model or "",
        "corpus_version": entry.corpus_version,
        "latency_ms": entry.latency_ms,
        "llm_role": entry.llm_role or "",
        "llm_outcome": entry.llm_outcome or "",
        "guard_passed": "" if entry.guard_passed is None else entry.guard_passed,
        "fallback_reason": entry.fallback_reason or "",
        "thumbs_up": sum(f.rating > 0 for f in entry.feedback),
        "thumbs_down": sum(f.rating < 0 for f in entry.feedback),
        "feedback_comments": " | ".join(f.comment for f in entry.feedback if f.comment),
        "reviews": len(entry.reviews),
        "last_review": f"{last.outcome.value} by {last.reviewer}" if last else "",
        "corrected_verdict": last.corrected_verdict.value
        if last and last.corrected_verdict
        else "",
        "corrected_clauses": " ".join(last.corrected_clauses or []) if last else "",
        "corrected_answer": last.corrected_answer or "" if last else "",
        "review_notes": " | ".join(r.note for r in entry.reviews if r.note),
        "answer": entry.answer,
        "demo": "ja" if entry.demo else "",
    }


def export_text(log: AnswerLog, filters: LogFilter, fmt: str) -> str:
    buffer = io.StringIO()
    log.export(filters, fmt, buffer)
    return buffer.getvalue()
