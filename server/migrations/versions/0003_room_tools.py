"""room tools: settings, goals, tip menu, overlay keys

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "room_settings",
        sa.Column("broadcaster", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("carry_over", sa.Boolean(), nullable=False),
        sa.Column("menu_nearest_below", sa.Boolean(), nullable=False),
        sa.Column("big_tip_tokens", sa.Integer(), nullable=False),
        sa.Column("tier_thresholds", sa.JSON(), nullable=True),
        sa.Column("goals_reset_offset", sa.BigInteger(), nullable=False),
        sa.Column("goals_reset_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("broadcaster"),
    )
    op.create_table(
        "room_goals",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("broadcaster", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("tokens", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_room_goals_broadcaster", "room_goals", ["broadcaster"])
    op.create_table(
        "room_menu_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("broadcaster", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("tokens", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_room_menu_items_broadcaster", "room_menu_items", ["broadcaster"])
    op.create_table(
        "overlay_keys",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("broadcaster", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("member_sub", sa.String(length=255), nullable=True),
        sa.Column("options", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key_hash"),
    )
    op.create_index("ix_overlay_keys_broadcaster", "overlay_keys", ["broadcaster"])


def downgrade() -> None:
    op.drop_index("ix_overlay_keys_broadcaster", table_name="overlay_keys")
    op.drop_table("overlay_keys")
    op.drop_index("ix_room_menu_items_broadcaster", table_name="room_menu_items")
    op.drop_table("room_menu_items")
    op.drop_index("ix_room_goals_broadcaster", table_name="room_goals")
    op.drop_table("room_goals")
    op.drop_table("room_settings")
