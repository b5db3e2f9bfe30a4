"""Precedents from the log: promote a reviewed answer, approve it, keep it honest.

A reviewed answer becomes a *draft* precedent with its provenance (log id,
reviewer, clause ids, corpus version); an approver makes it *approved*, and
approved precedents join the corpus precedents in the retrieval index. Each
approval records a fingerprint of the texts of the clauses it applies. When
the protocol text of such a clause changes, the precedent is flagged
``needs_review`` and leaves the index until it is approved again; corpus
precedents (the YAML files) that apply a changed clause are held back the same
way, by a flag in the store.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from advisor.domain.corpus import Corpus
from advisor.domain.models import Language, LocalizedText, Precedent, PrecedentStatus, Verdict
from advisor.store.db import NotFoundError, StoreError, as_utc
from advisor.store.log import AnswerLog
from advisor.store.records import Approval, ReviewOutcome
from advisor.store.schema import ClauseTextRow, PrecedentFlagRow, PrecedentRow

ID_PREFIX = "L"  # L001, L002 …: precedents that came from the log


def _now() -> datetime:
    return datetime.now(UTC)


def clause_hash(corpus: Corpus, clause_id: str) -> str:
    clause = corpus.clause(clause_id)
    return hashlib.sha256(f"{clause.quote}\0{clause.text_en}".encode()).hexdigest()


def fingerprint(corpus: Corpus, clause_ids: list[str]) -> str:
    digest = hashlib.sha256()
    for cid in sorted(clause_ids):
        digest.update(f"{cid}={clause_hash(corpus, cid)};".encode())
    return digest.hexdigest()


class LoggedPrecedent(BaseModel):
    """A precedent that came from the log, with its workflow fields."""

    model_config = ConfigDict(frozen=True)

    precedent: Precedent
    answer_id: str
    provenance: dict[str, object]
    created_by: str
    created_at: datetime
    approved_by: str | None
    approved_at: datetime | None


class SyncReport(BaseModel):
    changed_clauses: list[str]
    flagged: list[str]


class PrecedentStore:
    def __init__(self, log: AnswerLog) -> None:
        self.log = log

    # --- promote and approve --------------------------------------------------------

    def promote(
        self,
        log_id: str,
        promoted_by: str,
        title_nl: str | None = None,
        title_en: str | None = None,
    ) -> LoggedPrecedent:
        """Make a draft precedent of a reviewed answer (its latest review decides)."""
        if not promoted_by.strip():
            raise StoreError("promoting needs the reviewer's name")

        def work(session: Session) -> LoggedPrecedent:
            entry = self.log.get(log_id)
            if not entry.reviews:
                raise StoreError(f"answer {entry.id} has no review yet: review it before promoting")
            review = entry.reviews[-1]
            if review.outcome is not ReviewOutcome.CORRECT and not review.corrected_answer:
                raise StoreError(
                    f"answer {entry.id} was reviewed as {review.outcome.value} without a "
                    "corrected answer: record a review with the corrected answer first"
                )
            earlier = session.scalar(
                select(PrecedentRow.id).where(PrecedentRow.answer_id == entry.id)
            )
            if earlier is not None:
                raise StoreError(f"answer {entry.id} is already precedent {earlier}")
            verdict = review.corrected_verdict or entry.verdict
            rationale = review.corrected_answer or entry.answer
            clauses = list(review.corrected_clauses or entry.citations)
            title = review.corrected_title or _title(entry.question)
            row = PrecedentRow(
                id=self._next_id(session),
                answer_id=entry.id,
                review_id=review.id,
                title_nl=self._clean_title(title_nl, title, entry.language),
                title_en=self._clean_title(title_en, title, Language.EN),
                scenario=entry.question,
                verdict=verdict.value,
                clause_ids=clauses,
                rationale=rationale,
                status=PrecedentStatus.DRAFT.value,
                provenance={
                    "source": "answer log",
                    "log_id": entry.id,
                    "reviewer": review.reviewer,
                    "review_id": review.id,
                    "review_outcome": review.outcome.value,
                    "clause_ids": list(entry.citations),
                    "corrected_clauses": review.corrected_clauses,
                    "corpus_version": entry.corpus_version,
                    "promoted_by": promoted_by.strip(),
                },
                clause_fingerprint=None,
                created_by=promoted_by.strip(),
                created_at=_now(),
            )
            logged = _logged(row)  # validates before anything is stored
            session.add(row)
            return logged

        for _attempt in range(5):
            try:
                return self.log.run(work)
            except StoreError as exc:
                # Two promotions at once can pick the same next id: try again.
                if not isinstance(exc.__cause__, IntegrityError):
                    raise
        raise StoreError("could not find a free precedent id; try again")

    def _clean_title(self, given: str | None, fallback: str, language: Language) -> str:
        """A typed title is free text: pseudonymised like everything else stored."""
        if not given or not given.strip():
            return fallback
        return self.log.redact(given.strip()[:200], language)

    @staticmethod
    def _next_id(session: Session) -> str:
        ids = session.scalars(select(PrecedentRow.id)).all()
        numbers = [int(m.group(1)) for i in ids if (m := re.fullmatch(rf"{ID_PREFIX}(\d+)", i))]
        return f"{ID_PREFIX}{max(numbers, default=0) + 1:03d}"

    def approve(self, precedent_id: str, approver: str, corpus: Corpus) -> Approval:
        """Approve a draft (or re-approve a flagged precedent); return what was done."""
        by = approver.strip()
        if not by:
            raise StoreError("approving needs the approver's name")

        def work(session: Session) -> Approval:
            row = session.get(PrecedentRow, precedent_id)
            if row is not None:
                unknown = [cid for cid in row.clause_ids if cid not in corpus.clause_ids]
                if unknown:
                    raise StoreError(
                        f"precedent {row.id} applies clauses the protocol no longer has: {unknown}"
                    )
                row.status = PrecedentStatus.APPROVED.value
                row.clause_fingerprint = fingerprint(corpus, row.clause_ids)
                row.approved_by = by
                row.approved_at = _now()
                return Approval(precedent_id=row.id, kind="approved", by=by)
            flag = session.get(PrecedentFlagRow, precedent_id)
            if flag is not None:
                session.delete(flag)
                return Approval(precedent_id=precedent_id, kind="re_approved", by=by)
            if any(p.id == precedent_id for p in corpus.precedents):
                return Approval(precedent_id=precedent_id, kind="not_flagged", by=by)
            raise NotFoundError(f"no precedent with id {precedent_id!r}")

        return self.log.run(work)

    # --- reading --------------------------------------------------------------------

    def find(self, status: PrecedentStatus | None = None) -> list[LoggedPrecedent]:
        def work(session: Session) -> list[LoggedPrecedent]:
            query = select(PrecedentRow).order_by(PrecedentRow.id)
            if status is not None:
                query = query.where(PrecedentRow.status == status.value)
            return [_logged(row) for row in session.scalars(query)]

        return self.log.run(work)

    def state(self) -> str:
        """A fingerprint of what the store adds to retrieval (approved and flagged
        precedents): when it changes, someone approved or flagged one, perhaps in
        another app process, and engines should be rebuilt."""

        def work(session: Session) -> str:
            digest = hashlib.sha256()
            rows = session.execute(
                select(PrecedentRow.id, PrecedentRow.status, PrecedentRow.approved_at).order_by(
                    PrecedentRow.id
                )
            )
            for pid, status, approved_at in rows:
                digest.update(f"{pid}:{status}:{approved_at};".encode())
            for flag in session.scalars(
                select(PrecedentFlagRow.precedent_id).order_by(PrecedentFlagRow.precedent_id)
            ):
                digest.update(f"flag:{flag};".encode())
            return digest.hexdigest()

        return self.log.run(work)

    def flags(self) -> dict[str, str]:
        return self.log.run(
            lambda s: {f.precedent_id: f.reason for f in s.scalars(select(PrecedentFlagRow))}
        )

    # --- the corpus ---------------------------------------------------------------

    def sync(self, corpus: Corpus) -> SyncReport:
        """Notice clauses whose text changed since last seen and flag what applies them."""

        def work(session: Session) -> SyncReport:
            known = {row.clause_id: row for row in session.scalars(select(ClauseTextRow))}
            changed: list[str] = []
            for clause in corpus.clauses:
                digest = clause_hash(corpus, clause.id)
                row = known.get(clause.id)
                if row is None:
                    session.add(
                        ClauseTextRow(
                            clause_id=clause.id,
                            text_hash=digest,
                            corpus_version=corpus.version,
                            updated_at=_now(),
                        )
                    )
                elif row.text_hash != digest:
                    changed.append(clause.id)
                    row.text_hash, row.corpus_version, row.updated_at = (
                        digest,
                        corpus.version,
                        _now(),
                    )
            flagged: list[str] = []
            if changed:
                flagged = self._flag(session, corpus, set(changed))
            return SyncReport(changed_clauses=changed, flagged=flagged)

        return self.log.run(work)

    def _flag(self, session: Session, corpus: Corpus, changed: set[str]) -> list[str]:
        reason = f"clause text changed in corpus {corpus.version}"
        flagged: list[str] = []
        approved = PrecedentStatus.APPROVED.value
        for row in session.scalars(select(PrecedentRow).where(PrecedentRow.status == approved)):
            hit = sorted(changed & set(row.clause_ids))
            if hit:
                row.status = PrecedentStatus.NEEDS_REVIEW.value
                flagged.append(row.id)
        existing = set(session.scalars(select(PrecedentFlagRow.precedent_id)))
        for precedent in corpus.approved_precedents():
            hit = sorted(changed & set(precedent.clause_ids))
            if hit and precedent.id not in existing:
                session.add(
                    PrecedentFlagRow(
                        precedent_id=precedent.id,
                        reason=f"{reason}: {', '.join(hit)}",
                        flagged_at=_now(),
                    )
                )
                flagged.append(precedent.id)
        return flagged

    def effective_corpus(self, corpus: Corpus) -> Corpus:
        """The corpus as retrieval should see it: flagged corpus precedents held
        back as needs_review, approved log precedents added."""
        flags = self.flags()
        current = [
            p.model_copy(update={"status": PrecedentStatus.NEEDS_REVIEW}) if p.id in flags else p
            for p in corpus.precedents
        ]
        approved = PrecedentStatus.APPROVED.value
        rows = self.log.run(
            lambda s: [
                (_logged(row).precedent, row.clause_fingerprint)
                for row in s.scalars(select(PrecedentRow).where(PrecedentRow.status == approved))
            ]
        )
        live = [
            precedent
            for precedent, stored in rows
            if all(cid in corpus.clause_ids for cid in precedent.clause_ids)
            and stored == fingerprint(corpus, precedent.clause_ids)
        ]
        if not flags and not live:
            return corpus
        digest = hashlib.sha256(corpus.version.encode())
        for name in sorted(flags):
            digest.update(f"flag:{name};".encode())
        for precedent in live:
            digest.update(precedent.model_dump_json().encode())
        return corpus.model_copy(
            update={"precedents": [*current, *live], "version": digest.hexdigest()[:16]}
        )


def _title(question: str) -> str:
    text = " ".join(question.split()).rstrip(".")
    return text if len(text) <= 90 else text[:87].rsplit(" ", 1)[0] + "…"


def _logged(row: PrecedentRow) -> LoggedPrecedent:
    try:
        precedent = Precedent(
            id=row.id,
            title=LocalizedText(nl=row.title_nl, en=row.title_en),
            scenario=row.scenario,
            verdict=Verdict(row.verdict),
            clause_ids=list(row.clause_ids),
            rationale=row.rationale,
            status=PrecedentStatus(row.status),
            provenance=f"answer log {row.answer_id}, reviewed by "
            f"{row.provenance.get('reviewer', '?')}",
            decided_by=row.approved_by if row.approved_at else None,
            decided_on=as_utc(row.approved_at).date() if row.approved_at else None,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        raise StoreError(
            f"the answer cannot become a precedent: {'.'.join(map(str, first['loc']))}: "
            f"{first['msg']}"
        ) from exc
    return LoggedPrecedent(
        precedent=precedent,
        answer_id=row.answer_id,
        provenance=dict(row.provenance),
        created_by=row.created_by,
        created_at=as_utc(row.created_at),
        approved_by=row.approved_by,
        approved_at=row.approved_at,
    )
