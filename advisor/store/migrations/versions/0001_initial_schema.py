"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-24 01:15:47.158285
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answers",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_name", sa.String(length=120), nullable=True),
        sa.Column("user_role", sa.String(length=32), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("referral", sa.Text(), nullable=False),
        sa.Column("precedent_ids", sa.JSON(), nullable=False),
        sa.Column("retrieved", sa.JSON(), nullable=False),
        sa.Column("escalation", sa.String(length=8), nullable=False),
        sa.Column("engine", sa.String(length=120), nullable=False),
        sa.Column("model", sa.String(length=200), nullable=True),
        sa.Column("corpus_version", sa.String(length=32), nullable=False),
        sa.Column("latency_ms", sa.Float(), nullable=False),
        sa.Column("guard_passed", sa.Boolean(), nullable=True),
        sa.Column("fallback_reason", sa.Text(), nullable=True),
        sa.Column("pii_found", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answers")),
    )
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_answers_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_answers_escalation"), ["escalation"], unique=False)
        batch_op.create_index(batch_op.f("ix_answers_user_name"), ["user_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_answers_verdict"), ["verdict"], unique=False)

    op.create_table(
        "clause_texts",
        sa.Column("clause_id", sa.String(length=8), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("corpus_version", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("clause_id", name=op.f("pk_clause_texts")),
    )
    op.create_table(
        "precedent_flags",
        sa.Column("precedent_id", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("flagged_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("precedent_id", name=op.f("pk_precedent_flags")),
    )
    op.create_table(
        "precedents",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("answer_id", sa.String(length=32), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=True),
        sa.Column("title_nl", sa.Text(), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("scenario", sa.Text(), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("clause_ids", sa.JSON(), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("provenance", sa.JSON(), nullable=False),
        sa.Column("clause_fingerprint", sa.String(length=64), nullable=True),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_by", sa.String(length=120), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_precedents")),
    )
    with op.batch_alter_table("precedents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_precedents_answer_id"), ["answer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_precedents_status"), ["status"], unique=False)

    op.create_table(
        "citations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("answer_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("clause_id", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["answers.id"],
            name=op.f("fk_citations_answer_id_answers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citations")),
    )
    with op.batch_alter_table("citations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_citations_answer_id"), ["answer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_citations_clause_id"), ["clause_id"], unique=False)

    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("answer_id", sa.String(length=32), nullable=False),
        sa.Column("user_name", sa.String(length=120), nullable=True),
        sa.Column("rating", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["answers.id"],
            name=op.f("fk_feedback_answer_id_answers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_answer_id"), ["answer_id"], unique=False)

    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("answer_id", sa.String(length=32), nullable=False),
        sa.Column("reviewer", sa.String(length=120), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("corrected_verdict", sa.String(length=16), nullable=True),
        sa.Column("corrected_answer", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["answers.id"],
            name=op.f("fk_reviews_answer_id_answers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reviews_answer_id"), ["answer_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviews_answer_id"))

    op.drop_table("reviews")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_answer_id"))

    op.drop_table("feedback")
    with op.batch_alter_table("citations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_citations_clause_id"))
        batch_op.drop_index(batch_op.f("ix_citations_answer_id"))

    op.drop_table("citations")
    with op.batch_alter_table("precedents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_precedents_status"))
        batch_op.drop_index(batch_op.f("ix_precedents_answer_id"))

    op.drop_table("precedents")
    op.drop_table("precedent_flags")
    op.drop_table("clause_texts")
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_answers_verdict"))
        batch_op.drop_index(batch_op.f("ix_answers_user_name"))
        batch_op.drop_index(batch_op.f("ix_answers_escalation"))
        batch_op.drop_index(batch_op.f("ix_answers_created_at"))

    op.drop_table("answers")
