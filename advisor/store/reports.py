"""Answers passed on to leadership by e-mail: who did, to which address, when."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.store.db import as_utc
from advisor.store.log import AnswerLog
from advisor.store.schema import ReportRow


class ReportRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    answer_id: str
    reported_by: str
    sent_to: str
    created_at: datetime


def _record(row: ReportRow) -> ReportRecord:
    return ReportRecord(
        id=row.id,
        answer_id=row.answer_id,
        reported_by=row.reported_by,
        sent_to=row.sent_to,
        created_at=as_utc(row.created_at),
    )


class Reports:
    def __init__(self, log: AnswerLog) -> None:
        self.log = log

    def add(self, answer_id: str, reported_by: str, sent_to: str) -> ReportRecord:
        def work(session: Session) -> ReportRecord:
            row = ReportRow(
                answer_id=answer_id,
                reported_by=reported_by,
                sent_to=sent_to,
                created_at=datetime.now(UTC),
            )
            session.add(row)
            session.flush()
            return _record(row)

        return self.log.run(work)

    def of(self, answer_id: str) -> list[ReportRecord]:
        """The reports of one answer, oldest first."""
        return self.log.run(
            lambda s: [
                _record(row)
                for row in s.scalars(
                    select(ReportRow).where(ReportRow.answer_id == answer_id).order_by(ReportRow.id)
                )
            ]
        )
