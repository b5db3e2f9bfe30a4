"""the LLM's role and the outcome of its answer, filterable

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 05:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("answers") as batch:
        batch.add_column(sa.Column("llm_role", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("llm_outcome", sa.String(length=16), nullable=True))
        batch.create_index(batch.f("ix_answers_llm_outcome"), ["llm_outcome"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("answers") as batch:
        batch.drop_index(batch.f("ix_answers_llm_outcome"))
        batch.drop_column("llm_outcome")
        batch.drop_column("llm_role")
