"""Figures for the leadership dashboard, computed in the database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from advisor.store.log import AnswerLog
from advisor.store.schema import AnswerRow, CitationRow, FeedbackRow


class Dashboard(BaseModel):
    days: int
    questions_per_day: list[tuple[date, int]]
    verdicts: dict[str, int]
    top_clauses: list[tuple[str, int]]
    answers: int
    urgent: int
    thumbs_up: int
    thumbs_down: int

    @property
    def thumbs_down_rate(self) -> float:
        rated = self.thumbs_up + self.thumbs_down
        return self.thumbs_down / rated if rated else 0.0


def dashboard(log: AnswerLog, days: int = 30, top: int = 8) -> Dashboard:
    since = datetime.now(UTC) - timedelta(days=days)

    def work(session: Session) -> Dashboard:
        recent = AnswerRow.created_at >= since
        per_day: dict[date, int] = {}
        for (moment,) in session.execute(select(AnswerRow.created_at).where(recent)):
            day = moment.date()
            per_day[day] = per_day.get(day, 0) + 1
        verdicts = dict(
            session.execute(
                select(AnswerRow.verdict, func.count()).where(recent).group_by(AnswerRow.verdict)
            ).all()
        )
        top_clauses = session.execute(
            select(CitationRow.clause_id, func.count())
            .join(AnswerRow, AnswerRow.id == CitationRow.answer_id)
            .where(recent)
            .group_by(CitationRow.clause_id)
            .order_by(func.count().desc(), CitationRow.clause_id)
            .limit(top)
        ).all()
        ratings = dict(
            session.execute(
                select(FeedbackRow.rating, func.count())
                .join(AnswerRow, AnswerRow.id == FeedbackRow.answer_id)
                .where(recent)
                .group_by(FeedbackRow.rating)
            ).all()
        )
        urgent = session.scalar(
            select(func.count())
            .select_from(AnswerRow)
            .where(recent, AnswerRow.escalation == "urgent")
        )
        return Dashboard(
            days=days,
            questions_per_day=sorted(per_day.items()),
            verdicts={str(k): int(v) for k, v in verdicts.items()},
            top_clauses=[(str(c), int(n)) for c, n in top_clauses],
            answers=sum(per_day.values()),
            urgent=int(urgent or 0),
            thumbs_up=int(ratings.get(1, 0)),
            thumbs_down=int(ratings.get(-1, 0)),
        )

    return log.run(work)
