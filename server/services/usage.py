"""Daily quotas: an atomic conditional upsert per account/feature/UTC day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from server import metrics
from server.db import upsert_insert
from server.errors import QuotaExceeded
from server.models import Account, UsageLedger
from server.tiers import QUOTA_FEATURES, next_tier, tier_for

FEATURE_LABELS = {
    "translate_chars": "translation characters",
    "reply_suggestions": "reply requests",
    "write_requests": "writing requests",
}


@dataclass(frozen=True, slots=True)
class Charge:
    feature: str
    used: int
    limit: int

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


def utc_today() -> date:
    return datetime.now(UTC).date()


def seconds_until_reset(now: datetime | None = None) -> int:
    """Seconds until the next UTC midnight, when daily quotas reset."""
    now = now or datetime.now(UTC)
    tomorrow = datetime.combine(now.date() + timedelta(days=1), time.min, tzinfo=UTC)
    return max(1, int((tomorrow - now).total_seconds()))


def charge(session: Session, account: Account, feature: str, amount: int) -> Charge:
    """Add `amount` units of `feature` for today, or raise QuotaExceeded (nothing charged).

    The limit check and the increment are one SQL statement, so concurrent requests
    can never push usage past the limit (row lock on PostgreSQL, write lock on SQLite).
    """
    limit = tier_for(account.tier).daily_limit(feature)
    today = utc_today()
    if amount <= 0:
        return Charge(feature, used_today(session, account.id, feature, today), limit)
    if amount > limit:
        raise _quota_error(
            account, feature, limit, used_today(session, account.id, feature), amount
        )
    table = UsageLedger.__table__
    stmt = upsert_insert(session, table).values(
        account_id=account.id, feature=feature, day=today, used=amount
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["account_id", "feature", "day"],
        set_={"used": table.c.used + amount},
        where=table.c.used + amount <= limit,
    ).returning(table.c.used)
    used = session.execute(stmt).scalar()
    session.commit()
    if used is None:
        raise _quota_error(
            account, feature, limit, used_today(session, account.id, feature), amount
        )
    return Charge(feature, int(used), limit)


def record(session: Session, account_id: str, feature: str, amount: int) -> None:
    """Add unmetered usage (e.g. provider tokens) without any limit."""
    if amount <= 0:
        return
    table = UsageLedger.__table__
    stmt = upsert_insert(session, table).values(
        account_id=account_id, feature=feature, day=utc_today(), used=amount
    )
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["account_id", "feature", "day"], set_={"used": table.c.used + amount}
        )
    )
    session.commit()


def used_today(session: Session, account_id: str, feature: str, day: date | None = None) -> int:
    value = session.scalar(
        select(UsageLedger.used).where(
            UsageLedger.account_id == account_id,
            UsageLedger.feature == feature,
            UsageLedger.day == (day or utc_today()),
        )
    )
    return int(value or 0)


def usage_summary(session: Session, account: Account) -> dict[str, dict[str, int]]:
    """Today's usage and limit of every metered feature."""
    rows = session.execute(
        select(UsageLedger.feature, UsageLedger.used).where(
            UsageLedger.account_id == account.id, UsageLedger.day == utc_today()
        )
    ).all()
    used = {feature: int(value) for feature, value in rows}
    tier = tier_for(account.tier)
    return {
        feature: {"used": used.get(feature, 0), "limit": tier.daily_limit(feature)}
        for feature in QUOTA_FEATURES
    }


def _quota_error(
    account: Account, feature: str, limit: int, used: int, amount: int
) -> QuotaExceeded:
    metrics.count_quota_refusal(feature)
    tier = tier_for(account.tier)
    upgrade = next_tier(tier.name)
    label = FEATURE_LABELS.get(feature, feature)
    retry_after = seconds_until_reset()
    message = f"Daily limit reached: {used:,} of {limit:,} {label} used on the {tier.name} tier."
    if upgrade:
        message += f" Upgrade to {upgrade} for more, or wait until the daily reset."
    return QuotaExceeded(
        message,
        details={
            "feature": feature,
            "limit": limit,
            "used": used,
            "requested": amount,
            "tier": tier.name,
            "resets_in_seconds": retry_after,
            "upgrade": (
                {"tier": upgrade, "url": "/api/v1/subscription/checkout", "method": "POST"}
                if upgrade
                else None
            ),
        },
        headers={"Retry-After": str(retry_after)},
    )
