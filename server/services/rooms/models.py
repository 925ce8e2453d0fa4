"""Room-toolkit tables: settings, goals, tip menu, overlay keys (Alembic revision 0004)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base
from server.models import utcnow


class RoomSettings(Base):
    """One room's toolkit options, and where its current goal run started."""

    __tablename__ = "room_settings"

    broadcaster: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    carry_over: Mapped[bool] = mapped_column(Boolean, default=True)
    menu_nearest_below: Mapped[bool] = mapped_column(Boolean, default=False)
    big_tip_tokens: Mapped[int] = mapped_column(Integer, default=500)
    tier_thresholds: Mapped[list[int] | None] = mapped_column(JSON)
    #: goals count tips with an offset above this one (0: every stored tip)
    goals_reset_offset: Mapped[int] = mapped_column(BigInteger, default=0)
    goals_reset_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class RoomGoal(Base):
    """One goal of a room's ordered list."""

    __tablename__ = "room_goals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    broadcaster: Mapped[str] = mapped_column(String(64), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(String(100))
    tokens: Mapped[int] = mapped_column(Integer)


class RoomMenuItem(Base):
    """One item of a room's tip menu."""

    __tablename__ = "room_menu_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    broadcaster: Mapped[str] = mapped_column(String(64), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(100))
    tokens: Mapped[int] = mapped_column(Integer)


class OverlayKey(Base):
    """An overlay URL's read-only key: one room, one kind; only its sha256 is stored."""

    __tablename__ = "overlay_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    broadcaster: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    member_sub: Mapped[str | None] = mapped_column(String(255))
    options: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
