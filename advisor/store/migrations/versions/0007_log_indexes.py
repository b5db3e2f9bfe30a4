"""the log at scale: each filter's column indexed with created_at, the clause
filter's and the feedback filter's lookups answered from an index alone

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 08:00:00

Each new index starts with the column of the index it replaces, so nothing that
used the old one loses it. Measured with ``advisor bench store --rows 200000``.
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# table → (new index, its columns, the single-column index it replaces)
INDEXES = {
    "answers": [
        ("ix_answers_verdict_created_at", ["verdict", "created_at"], "ix_answers_verdict"),
        ("ix_answers_escalation_created_at", ["escalation", "created_at"], "ix_answers_escalation"),
        (
            "ix_answers_llm_outcome_created_at",
            ["llm_outcome", "created_at"],
            "ix_answers_llm_outcome",
        ),
        ("ix_answers_user_name_created_at", ["user_name", "created_at"], "ix_answers_user_name"),
    ],
    "citations": [
        ("ix_citations_clause_id_answer_id", ["clause_id", "answer_id"], "ix_citations_clause_id"),
    ],
    "feedback": [
        ("ix_feedback_answer_id_rating", ["answer_id", "rating"], "ix_feedback_answer_id"),
    ],
}


def upgrade() -> None:
    for table, indexes in INDEXES.items():
        with op.batch_alter_table(table) as batch:
            for name, columns, replaced in indexes:
                batch.create_index(batch.f(name), columns, unique=False)
                batch.drop_index(batch.f(replaced))


def downgrade() -> None:
    for table, indexes in INDEXES.items():
        with op.batch_alter_table(table) as batch:
            for name, columns, replaced in indexes:
                batch.create_index(batch.f(replaced), columns[:1], unique=False)
                batch.drop_index(batch.f(name))
