"""server-side web sessions, failed logins, credential stamps and school sign-in

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 07:00:00
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("credential_stamp", sa.String(length=32), nullable=True))
        batch.add_column(
            sa.Column("source", sa.String(length=8), nullable=False, server_default="local")
        )
        batch.add_column(sa.Column("oidc_subject", sa.String(length=255), nullable=True))
    users = sa.table("users", sa.column("username", sa.String), sa.column("credential_stamp"))
    connection = op.get_bind()
    for (name,) in connection.execute(sa.select(users.c.username)).all():
        connection.execute(
            users.update()
            .where(users.c.username == name)
            .values(credential_stamp=secrets.token_hex(16))
        )
    with op.batch_alter_table("users") as batch:
        batch.alter_column("credential_stamp", existing_type=sa.String(length=32), nullable=False)
        batch.alter_column("source", existing_type=sa.String(length=8), server_default=None)
    op.create_table(
        "web_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("credential_stamp", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_web_sessions")),
    )
    op.create_index(op.f("ix_web_sessions_username"), "web_sessions", ["username"])
    op.create_index(op.f("ix_web_sessions_expires_at"), "web_sessions", ["expires_at"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    op.create_index(op.f("ix_login_failures_at"), "login_failures", ["at"])
    op.create_index(op.f("ix_login_failures_address"), "login_failures", ["address"])


def downgrade() -> None:
    op.drop_table("login_failures")
    op.drop_table("web_sessions")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("oidc_subject")
        batch.drop_column("source")
        batch.drop_column("credential_stamp")
