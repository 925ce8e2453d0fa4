"""Accounts-DB models (SQLAlchemy 2). The schema is managed by Alembic (server/migrations)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.db import Base


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return uuid.uuid4().hex


class Account(Base):
    """A streamer's (or analyst's) account, created on first authenticated request."""

    __tablename__ = "accounts"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    sub: Mapped[str] = mapped_column(String(255), unique=True, index=True)
    email: Mapped[str | None] = mapped_column(String(320))
    tier: Mapped[str] = mapped_column(String(16), default="free")
    language: Mapped[str] = mapped_column(String(16), default="en")
    store_chat_text: Mapped[bool] = mapped_column(Boolean, default=True)
    send_private_to_ai: Mapped[bool] = mapped_column(Boolean, default=False)
    persona: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    stripe_customer_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    stripe_subscription_id: Mapped[str | None] = mapped_column(String(255))
    subscription_status: Mapped[str | None] = mapped_column(String(32))
    current_period_end: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancel_at_period_end: Mapped[bool] = mapped_column(Boolean, default=False)
    stripe_state_at: Mapped[int] = mapped_column(BigInteger, default=0)
    past_due_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    links: Mapped[list[PlatformLink]] = relationship(back_populates="account")


class PlatformLink(Base):
    """A broadcaster (room) linked to an account; the Events API URL is a secret."""

    __tablename__ = "platform_links"
    __table_args__ = (UniqueConstraint("platform", "broadcaster"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(32), default="chaturbate")
    broadcaster: Mapped[str] = mapped_column(String(64), index=True)
    events_url: Mapped[str | None] = mapped_column(Text)
    next_url: Mapped[str | None] = mapped_column(Text)
    poll_status: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    account: Mapped[Account] = relationship(back_populates="links")


class Membership(Base):
    """Another identity (e.g. an analyst) allowed into an account with permissions."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("account_id", "member_sub"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    member_sub: Mapped[str] = mapped_column(String(255), index=True)
    permissions: Mapped[str] = mapped_column(String(255), default="read:analytics")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def has(self, permission: str) -> bool:
        return permission in self.permissions.split()


class UsageLedger(Base):
    """Units used per account, feature and UTC day; updated by atomic upserts only."""

    __tablename__ = "usage_ledger"

    account_id: Mapped[str] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    feature: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    used: Mapped[int] = mapped_column(BigInteger, default=0)


class WebhookEvent(Base):
    """Every Stripe event id seen, so a redelivery is a no-op."""

    __tablename__ = "webhook_events"

    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    type: Mapped[str] = mapped_column(String(128))
    created: Mapped[int] = mapped_column(BigInteger, default=0)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ViewerNote(Base):
    """A streamer's private notes about one viewer of one broadcaster."""

    __tablename__ = "viewer_notes"

    account_id: Mapped[str] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    broadcaster: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class TranslationCache(Base):
    """Cached translations keyed by a hash of (normalized text, source, target, model)."""

    __tablename__ = "translation_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    translated: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class AuditEntry(Base):
    """One security-relevant change (append-only: only `audit prune` ever deletes rows).

    No foreign key: the trail of an account outlives the account."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_account_id_id", "account_id", "id"),)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    account_id: Mapped[str] = mapped_column(String(32))
    actor_type: Mapped[str] = mapped_column(String(16))  # user | stripe | cli | system
    actor: Mapped[str] = mapped_column(String(255))  # a sub, a Stripe event id, a command
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str | None] = mapped_column(String(255))  # a room or a member's sub
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    request_id: Mapped[str | None] = mapped_column(String(128))


class QuarantinedEvent(Base):
    """An Events API event that could not be stored, kept raw with why (issue 12).

    Listed and replayed by `flask events quarantine`; `resolved_at` is set once a replay
    stored it (or found it already stored). `fingerprint` makes a re-served page a no-op.
    """

    __tablename__ = "event_quarantine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(String(32))
    broadcaster: Mapped[str] = mapped_column(String(64), index=True)
    account_id: Mapped[str | None] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    event_id: Mapped[str | None] = mapped_column(String(128))
    method: Mapped[str | None] = mapped_column(String(64))
    code: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    payload: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)


from server.services.rooms import models as _room_models  # noqa: E402,F401 - registers tables
