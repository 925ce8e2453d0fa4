"""event quarantine: Events API events that could not be stored

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_quarantine",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("broadcaster", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=True),
        sa.Column("event_id", sa.String(length=128), nullable=True),
        sa.Column("method", sa.String(length=64), nullable=True),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("fingerprint"),
    )
    with op.batch_alter_table("event_quarantine", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_quarantine_broadcaster"), ["broadcaster"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_event_quarantine_resolved_at"), ["resolved_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("event_quarantine", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_quarantine_resolved_at"))
        batch_op.drop_index(batch_op.f("ix_event_quarantine_broadcaster"))
    op.drop_table("event_quarantine")
