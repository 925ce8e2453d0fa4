"""Stripe webhook events: verification, exactly-once recording, and their effect on tiers.

Every event id is recorded in the same transaction as its effects, so a redelivery is a
no-op and a failure leaves nothing behind (Stripe retries on any 5xx).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Final

import stripe
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server import metrics
from server.audit import acting_as
from server.config import Config
from server.errors import AppError
from server.models import Account, WebhookEvent
from server.services.billing import gateway
from server.services.billing.invoices import on_invoice_failed, on_invoice_paid
from server.services.billing.state import (
    LIVE_STATUSES,
    SubscriptionSnapshot,
    TierChange,
    apply_snapshot,
)
from server.services.billing.webhook_context import (
    EventContext,
    Outcome,
    account_by_customer,
    no_account,
)

log = logging.getLogger(__name__)

#: Seconds a signed timestamp may lag behind our clock (Stripe's recommended tolerance).
SIGNATURE_TOLERANCE_SECONDS: Final = 300


def verify_event(config: Config, payload: bytes, signature: str | None) -> dict[str, Any]:
    """The event in `payload` if `signature` is Stripe's over these exact bytes, else 400."""
    if not signature:
        raise AppError("Missing Stripe-Signature header.", code="missing_signature")
    try:
        stripe.Webhook.construct_event(
            payload, signature, config.STRIPE_WEBHOOK_SECRET, SIGNATURE_TOLERANCE_SECONDS
        )
        event = json.loads(payload)
    except stripe.SignatureVerificationError as exc:
        log.warning("stripe webhook signature refused", extra={"reason": str(exc)})
        metrics.count_stripe_webhook("unverified", "invalid")
        raise AppError(
            "The Stripe-Signature header does not match this payload (or is too old).",
            code="invalid_signature",
        ) from exc
    except ValueError as exc:
        raise AppError("The webhook body is not a Stripe event.", code="malformed_event") from exc
    if not _well_formed(event):
        raise AppError("The webhook body is not a Stripe event.", code="malformed_event")
    return event


def _well_formed(event: Any) -> bool:
    return (
        isinstance(event, dict)
        and isinstance(event.get("id"), str)
        and isinstance(event.get("type"), str)
        and isinstance(event.get("created"), int)
        and isinstance((event.get("data") or {}).get("object"), dict)
    )


def process_event(
    session: Session, config: Config, event: dict[str, Any], now: datetime | None = None
) -> tuple[dict[str, Any], list[TierChange]]:
    """Record and apply one event in one transaction. Returns (response body, tier changes).
    Its changes are audited as made by the Stripe event."""
    with acting_as("stripe", event["id"]):
        return _process_event(session, config, event, now)


def _process_event(
    session: Session, config: Config, event: dict[str, Any], now: datetime | None
) -> tuple[dict[str, Any], list[TierChange]]:
    event_id, event_type = event["id"], event["type"]
    if session.get(WebhookEvent, event_id) is not None:
        log.info("stripe event already processed", extra={"event_id": event_id})
        return {"received": True, "duplicate": True}, []
    if event_type == "checkout.session.completed":
        link_checkout_customer(session, event["data"]["object"])
    context = EventContext(session, config, event, now or datetime.now(UTC))
    try:
        session.add(WebhookEvent(id=event_id, type=event_type, created=context.created))
        session.flush()  # a concurrent delivery of the same id blocks or fails here
        handler = HANDLERS.get(event_type)
        outcome = handler(context) if handler else Outcome(ignored="unhandled_type")
        session.commit()
    except IntegrityError:
        session.rollback()
        if session.get(WebhookEvent, event_id) is not None:
            log.info("stripe event processed concurrently", extra={"event_id": event_id})
            return {"received": True, "duplicate": True}, []
        raise
    except Exception:
        session.rollback()  # nothing of this event persists; Stripe retries the 5xx
        metrics.count_stripe_webhook(event_type, "error")
        raise
    log.info(
        "stripe event processed",
        extra={"event_id": event_id, "type": event_type, "ignored": outcome.ignored},
    )
    return outcome.body(), outcome.changes


def link_checkout_customer(session: Session, checkout: dict[str, Any]) -> None:
    """Link the Checkout's customer to the account in `client_reference_id`, committed on its
    own before anything calls Stripe: if that call fails (and this delivery is retried), the
    `customer.subscription.*` events that follow still find the account."""
    reference, customer = checkout.get("client_reference_id"), checkout.get("customer")
    if checkout.get("mode") != "subscription" or not isinstance(customer, str) or not customer:
        return
    account = session.get(Account, reference, with_for_update=True) if reference else None
    if account is None or account.stripe_customer_id or account_by_customer(session, customer):
        session.rollback()  # unknown account, or a conflict on_checkout_completed reports
        return
    account.stripe_customer_id = customer
    session.commit()
    log.info("checkout customer linked", extra={"account_id": account.id})


def _apply(context: EventContext, account: Account, sub: dict[str, Any], at: int) -> Outcome:
    snap = SubscriptionSnapshot.from_object(sub)
    paid_tier = gateway.tier_for_price(context.config, snap.price_id)
    reason, change = apply_snapshot(account, snap, paid_tier, at, context.now)
    if reason == "unknown_price":
        log.warning(
            "stripe subscription with a price this server does not sell",
            extra={"event_id": context.event["id"], "subscription": snap.id},
        )
    return Outcome(ignored=reason, changes=[change] if change else [])


def on_subscription(context: EventContext) -> Outcome:
    """customer.subscription.created|updated|deleted: apply the state if it is newer."""
    account = account_by_customer(context.session, context.obj.get("customer"))
    if account is None:
        return no_account(context)
    return _apply(context, account, context.obj, context.created)


def on_checkout_completed(context: EventContext) -> Outcome:
    """Report a customer conflict, else fetch the new state (the customer link itself was
    committed first by `link_checkout_customer`)."""
    session, obj = context.session, context.obj
    if obj.get("mode") != "subscription":
        return Outcome(ignored="not_a_subscription")
    reference = obj.get("client_reference_id")
    account = session.get(Account, reference, with_for_update=True) if reference else None
    if account is None:
        return no_account(context)
    customer = obj.get("customer")
    if isinstance(customer, str) and account.stripe_customer_id != customer:
        log.warning("checkout customer conflicts", extra={"account_id": account.id})
        return Outcome(ignored="customer_conflict")
    subscription_id = obj.get("subscription")
    if not isinstance(subscription_id, str) or account.subscription_status in LIVE_STATUSES:
        return Outcome()
    # The subscription.* event may have come before the customer was linked: re-read it.
    fetched_at = int(context.now.timestamp())
    sub = gateway.fetch_subscription(gateway.stripe_client(context.config), subscription_id)
    return _apply(context, account, sub, max(fetched_at, context.created))


def on_trial_will_end(context: EventContext) -> Outcome:
    """Informational: Stripe emails the customer; the tier does not change."""
    account = account_by_customer(context.session, context.obj.get("customer"))
    if account is None:
        return no_account(context)
    log.info("subscription trial ends soon", extra={"account_id": account.id})
    return Outcome()


HANDLERS: Final[dict[str, Callable[[EventContext], Outcome]]] = {
    "checkout.session.completed": on_checkout_completed,
    "customer.subscription.created": on_subscription,
    "customer.subscription.updated": on_subscription,
    "customer.subscription.deleted": on_subscription,
    "customer.subscription.trial_will_end": on_trial_will_end,
    "invoice.paid": on_invoice_paid,
    "invoice.payment_failed": on_invoice_failed,
}
