"""`flask billing sync`: re-read subscriptions from Stripe and repair drift in the accounts DB.

Webhooks can be lost (endpoint down longer than Stripe retries, a secret rotated, a manual
edit); Stripe is the source of truth, so this puts every customer's account back in line.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import stripe
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.config import Config
from server.models import Account
from server.services.billing import gateway
from server.services.billing.state import (
    LIVE_STATUSES,
    SubscriptionSnapshot,
    TierChange,
    apply_snapshot,
    expire_grace,
    set_tier,
)
from server.services.billing.subscription import notify_tier_changes

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Repair:
    """One account whose stored billing state differed from Stripe's."""

    sub: str
    before: dict[str, Any]
    after: dict[str, Any]

    def describe(self) -> str:
        diffs = [
            f"{key} {self.before[key]} -> {self.after[key]}"
            for key in self.after
            if self.before[key] != self.after[key]
        ]
        return f"{self.sub}: " + ", ".join(diffs)


def _state(account: Account) -> dict[str, Any]:
    return {
        "tier": account.tier,
        "status": account.subscription_status,
        "subscription": account.stripe_subscription_id,
        "cancel_at_period_end": bool(account.cancel_at_period_end),
    }


def sync_subscriptions(
    session: Session, config: Config, now: datetime | None = None
) -> list[Repair]:
    """Repair every account with a Stripe customer; returns what changed (nothing if in line)."""
    now = now or datetime.now(UTC)
    client = gateway.stripe_client(config)
    repairs: list[Repair] = []
    customers = select(Account).where(Account.stripe_customer_id.is_not(None))
    for account in session.scalars(customers).all():
        before = _state(account)
        change = _sync_account(account, client, config, now)
        session.commit()  # per account: a later Stripe failure keeps the earlier repairs
        if change:
            notify_tier_changes([change])
        if _state(account) != before:
            repairs.append(Repair(account.sub, before, _state(account)))
    log.info("billing sync done", extra={"repaired": len(repairs)})
    return repairs


def _sync_account(
    account: Account, client: stripe.StripeClient, config: Config, now: datetime
) -> TierChange | None:
    assert account.stripe_customer_id is not None
    subscriptions = gateway.list_subscriptions(client, account.stripe_customer_id)
    if not subscriptions:
        account.subscription_status = None
        account.cancel_at_period_end = False
        return set_tier(account, "free")
    # A live subscription wins; among equals the newest (the list is newest first).
    chosen = next((s for s in subscriptions if s.get("status") in LIVE_STATUSES), subscriptions[0])
    snap = SubscriptionSnapshot.from_object(chosen)
    paid_tier = gateway.tier_for_price(config, snap.price_id)
    # What Stripe says now supersedes anything stored, whatever its stamp.
    state_at = max(int(now.timestamp()), (account.stripe_state_at or 0) + 1)
    tracked = account.stripe_subscription_id
    account.stripe_subscription_id = snap.id  # so a switch to a newer subscription is allowed
    reason, change = apply_snapshot(account, snap, paid_tier, state_at, now)
    if reason:
        account.stripe_subscription_id = tracked
        log.warning("billing sync left an account as is", extra={"reason": reason})
    return change or expire_grace(account, now)
