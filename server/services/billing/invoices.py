"""Stripe invoice events: a failed payment starts the grace period, a paid one ends it."""

from __future__ import annotations

from typing import Any

from server.models import Account
from server.services.billing import gateway
from server.services.billing.state import (
    LIVE_STATUSES,
    expire_grace,
    from_epoch,
    is_newer,
    set_tier,
)
from server.services.billing.webhook_context import (
    EventContext,
    Outcome,
    account_by_customer,
    no_account,
)


def _invoice_account(context: EventContext) -> tuple[Account | None, str | None]:
    """The account whose current subscription this invoice bills, or (None, reason)."""
    invoice = context.obj
    account = account_by_customer(context.session, invoice.get("customer"))
    if account is None:
        return None, "no_account"
    parent = ((invoice.get("parent") or {}).get("subscription_details") or {}).get("subscription")
    subscription_id = invoice.get("subscription") or parent
    if isinstance(subscription_id, dict):
        subscription_id = subscription_id.get("id")
    if not subscription_id or subscription_id != account.stripe_subscription_id:
        return None, "not_current_subscription"
    return account, None


def on_invoice_failed(context: EventContext) -> Outcome:
    """invoice.payment_failed: past_due; the paid tier stays for the grace period."""
    account, reason = _invoice_account(context)
    if account is None:
        return no_account(context) if reason == "no_account" else Outcome(ignored=reason)
    if account.subscription_status not in LIVE_STATUSES:
        return Outcome(ignored="not_live")
    if not is_newer(account, "past_due", context.created):
        return Outcome(ignored="stale")
    account.subscription_status = "past_due"
    account.past_due_since = account.past_due_since or from_epoch(context.created)
    account.stripe_state_at = context.created
    change = expire_grace(account, context.now)
    return Outcome(changes=[change] if change else [])


def on_invoice_paid(context: EventContext) -> Outcome:
    """invoice.paid: a past_due subscription is active again (tier restored from the price)."""
    account, reason = _invoice_account(context)
    if account is None:
        return no_account(context) if reason == "no_account" else Outcome(ignored=reason)
    if account.subscription_status != "past_due":
        return Outcome(ignored="no_change")
    if not is_newer(account, "active", context.created):
        return Outcome(ignored="stale")
    account.subscription_status = "active"
    account.past_due_since = None
    account.stripe_state_at = context.created
    paid_tier = gateway.tier_for_price(context.config, _invoice_price(context.obj))
    change = set_tier(account, paid_tier) if paid_tier else None
    return Outcome(changes=[change] if change else [])


def _invoice_price(invoice: dict[str, Any]) -> str | None:
    for line in (invoice.get("lines") or {}).get("data") or []:
        price = line.get("price") or {}
        details = (line.get("pricing") or {}).get("price_details") or {}
        found = price.get("id") if isinstance(price, dict) else price
        if found or details.get("price"):
            return str(found or details.get("price"))
    return None
