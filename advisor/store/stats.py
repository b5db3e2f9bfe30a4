"""Figures for the leadership dashboard, computed in the database."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from advisor.store.log import AnswerLog, real_use
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


def dashboard(
    log: AnswerLog, days: int = 30, top: int = 8, include_demo: bool = False
) -> Dashboard:
    """The last ``days`` days' figures. Every query starts from the recent
    answers (a range of the ``created_at`` index) and reaches citations and
    feedback through them: joined the other way, SQLite, which has no statistics,
    walked every citation the log ever had (seconds at 200,000 answers). The demo
    mode's answers are left out unless asked for."""
    since = datetime.now(UTC) - timedelta(days=days)

    def work(session: Session) -> Dashboard:
        recent = (AnswerRow.created_at >= since) & real_use(include_demo)
        recent_ids = select(AnswerRow.id).where(recent)
        per_day: Counter[date] = Counter()
        verdicts: Counter[str] = Counter()
        urgent = 0
        # One pass over the recent answers counts days, verdicts and urgent ones.
        for moment, verdict, escalation in session.execute(
            select(AnswerRow.created_at, AnswerRow.verdict, AnswerRow.escalation).where(recent)
        ):
            per_day[moment.date()] += 1
            verdicts[str(verdict)] += 1
            urgent += escalation == "urgent"
        top_clauses = session.execute(
            select(CitationRow.clause_id, func.count())
            .where(CitationRow.answer_id.in_(recent_ids))
            .group_by(CitationRow.clause_id)
            .order_by(func.count().desc(), CitationRow.clause_id)
            .limit(top)
        ).all()
        ratings = dict(
            session.execute(
                select(FeedbackRow.rating, func.count())
                .where(FeedbackRow.answer_id.in_(recent_ids))
                .group_by(FeedbackRow.rating)
            ).all()
        )
        return Dashboard(
            days=days,
            questions_per_day=sorted(per_day.items()),
            verdicts=dict(sorted(verdicts.items())),
            top_clauses=[(str(c), int(n)) for c, n in top_clauses],
            answers=sum(per_day.values()),
            urgent=urgent,
            thumbs_up=int(ratings.get(1, 0)),
            thumbs_down=int(ratings.get(-1, 0)),
        )

    return log.run(work)
