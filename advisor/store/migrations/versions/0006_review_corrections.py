"""a review corrects the clauses (decisive first) and the precedent's title too;
answers passed on to leadership by e-mail are recorded

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 07:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reviews") as batch:
        batch.add_column(sa.Column("corrected_clauses", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("corrected_title", sa.Text(), nullable=True))
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("answer_id", sa.String(length=32), nullable=False),
        sa.Column("reported_by", sa.String(length=120), nullable=False),
        sa.Column("sent_to", sa.String(length=320), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["answers.id"],
            name=op.f("fk_reports_answer_id_answers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
    )
    op.create_index(op.f("ix_reports_answer_id"), "reports", ["answer_id"])


def downgrade() -> None:
    op.drop_table("reports")
    with op.batch_alter_table("reviews") as batch:
        batch.drop_column("corrected_title")
        batch.drop_column("corrected_clauses")
