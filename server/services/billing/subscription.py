"""Billing for an account: its subscription view, Checkout, the Customer Portal, drift repair.

The client only ever names a plan ("pro" | "studio") and an interval; prices and tiers are
decided here from config. Tier changes are announced (server.signals.tier_changed) after commit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import stripe
from sqlalchemy.orm import Session

from server.config import Config
from server.errors import Conflict, ValidationFailed
from server.models import Account
from server.services.billing import gateway
from server.services.billing.state import (
    LIVE_STATUSES,
    TierChange,
    aware,
    expire_grace,
    grace_ends_at,
)
from server.signals import current_sender, tier_changed
from server.tiers import tier_for

log = logging.getLogger(__name__)


def _iso(moment: datetime | None) -> str | None:
    moment = aware(moment)
    return moment.isoformat() if moment else None


def notify_tier_changes(changes: Iterable[TierChange]) -> None:
    """Announce each committed tier change (`tier_changed`: notices, connection caps)."""
    for change in changes:
        log.info(
            "tier changed",
            extra={"account_id": change.account_id, "from": change.previous, "to": change.tier},
        )
        tier_changed.send(current_sender(), change=change)


def refresh_grace(session: Session, account: Account, now: datetime | None = None) -> None:
    """Apply a lapsed past_due grace period now (the lazy half of the grace rule)."""
    change = expire_grace(account, now or datetime.now(UTC))
    if change:
        session.commit()
        notify_tier_changes([change])


def subscription_view(session: Session, account: Account, config: Config) -> dict[str, Any]:
    """The caller's tier, subscription state and the plans on offer."""
    refresh_grace(session, account)
    return {
        "tier": account.tier,
        "status": account.subscription_status,
        "current_period_end": _iso(account.current_period_end),
        "cancel_at_period_end": bool(account.cancel_at_period_end),
        "grace_ends_at": _iso(grace_ends_at(account)),
        "has_billing_account": account.stripe_customer_id is not None,
        "plans": [
            {"plan": p.plan, "interval": p.interval, "limits": tier_for(p.tier).as_dict()}
            for p in gateway.offered_plans(config)
        ],
    }


def ensure_customer(session: Session, account: Account, client: stripe.StripeClient) -> str:
    """The account's Stripe customer id, creating the customer once and storing it."""
    if account.stripe_customer_id:
        return account.stripe_customer_id
    customer_id = gateway.create_customer(client, account.id, account.email)
    account.stripe_customer_id = customer_id
    session.commit()
    return customer_id


def start_checkout(
    session: Session, account: Account, config: Config, plan: str, interval: str
) -> str:
    """URL of a Checkout Session for a configured plan; refused if already subscribed."""
    offer = gateway.find_plan(config, plan, interval)
    if offer is None:
        raise ValidationFailed(
            f"The {plan} plan is not offered with {interval}ly billing on this server.",
            code="plan_not_offered",
            details={"offered": [[p.plan, p.interval] for p in gateway.offered_plans(config)]},
        )
    if account.subscription_status in LIVE_STATUSES:
        raise Conflict(
            "This account already has a subscription; change plans in the billing portal.",
            code="already_subscribed",
        )
    client = gateway.stripe_client(config)
    customer_id = ensure_customer(session, account, client)
    public = config.PUBLIC_URL.rstrip("/")
    return gateway.create_checkout_session(
        client,
        {
            "mode": "subscription",
            "customer": customer_id,
            "client_reference_id": account.id,
            "line_items": [{"price": offer.price_id, "quantity": 1}],
            "allow_promotion_codes": True,
            "success_url": config.CHECKOUT_SUCCESS_URL or f"{public}/?checkout=success",
            "cancel_url": config.CHECKOUT_CANCEL_URL or f"{public}/?checkout=cancel",
            "metadata": {"account_id": account.id, "plan": plan, "interval": interval},
            "subscription_data": {"metadata": {"account_id": account.id}},
        },
    )


def open_portal(account: Account, config: Config) -> str:
    """URL of a Customer Portal session (plan changes, payment methods, invoices, cancel)."""
    if not account.stripe_customer_id:
        raise Conflict(
            "This account has no billing record yet; subscribe through checkout first.",
            code="no_billing_account",
        )
    return_url = config.PORTAL_RETURN_URL or config.PUBLIC_URL
    return gateway.create_portal_session(
        gateway.stripe_client(config), account.stripe_customer_id, return_url
    )
