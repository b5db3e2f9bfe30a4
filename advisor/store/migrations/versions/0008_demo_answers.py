"""answers asked in the local demo mode are marked, so they stay apart from real use

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 09:30:00

Answers logged before the mark existed by the demo mode's user ("demo", which no
account carries) are marked too.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("answers") as batch:
        batch.add_column(sa.Column("demo", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.execute(
        "UPDATE answers SET demo = true WHERE user_name = 'demo' "
        "AND NOT EXISTS (SELECT 1 FROM users WHERE users.username = 'demo')"
    )


def downgrade() -> None:
    with op.batch_alter_table("answers") as batch:
        batch.drop_column("demo")
