"""The Stripe edge: pinned API version, a per-call client, the plan/price table, error mapping.

Everything that talks to Stripe's HTTP API goes through here, so the rest of billing works on
plain dicts and never sees a Stripe exception.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final

import stripe

from server.config import Config
from server.errors import ServiceNotConfigured, ServiceUnavailable

log = logging.getLogger(__name__)

#: The Stripe API version every call (and the webhook endpoint) is pinned to; the one the
#: installed SDK (stripe==16.1.0) was generated for. Change it together with the SDK.
STRIPE_API_VERSION: Final = "2026-10-28.endive"
#: Seconds before a Stripe call gives up (the SDK default of 80 s would pin a worker).
STRIPE_TIMEOUT_SECONDS: Final = 20
#: Variables billing cannot run without (STRIPE_PRICE_STUDIO and yearly prices are optional).
REQUIRED_VARIABLES: Final = ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_PRICE_PRO")


@dataclass(frozen=True, slots=True)
class Plan:
    """A plan on offer: what the client may ask for, and the price it maps to (server side)."""

    plan: str
    interval: str
    price_id: str

    @property
    def tier(self) -> str:
        return self.plan


def require_billing(config: Config) -> None:
    """Raise 503 `billing_not_configured` naming the missing variables, unless billing is on."""
    if config.stripe_configured:
        return
    missing = [name for name in REQUIRED_VARIABLES if not getattr(config, name)]
    raise ServiceNotConfigured(
        "Billing is off on this server: set " + ", ".join(missing) + " (and optionally "
        "STRIPE_PRICE_STUDIO, STRIPE_PRICE_PRO_YEARLY, STRIPE_PRICE_STUDIO_YEARLY).",
        code="billing_not_configured",
        details={"missing": missing},
    )


def offered_plans(config: Config) -> list[Plan]:
    """Plans with a configured price, in display order."""
    candidates = [
        Plan("pro", "month", config.STRIPE_PRICE_PRO),
        Plan("pro", "year", config.STRIPE_PRICE_PRO_YEARLY),
        Plan("studio", "month", config.STRIPE_PRICE_STUDIO),
        Plan("studio", "year", config.STRIPE_PRICE_STUDIO_YEARLY),
    ]
    return [plan for plan in candidates if plan.price_id]


def find_plan(config: Config, plan: str, interval: str) -> Plan | None:
    """The configured plan for (plan, interval), or None when it is not on offer."""
    return next(
        (p for p in offered_plans(config) if (p.plan, p.interval) == (plan, interval)), None
    )


def tier_for_price(config: Config, price_id: str | None) -> str | None:
    """The tier a configured price grants; None for a price this server does not sell."""
    return next((p.tier for p in offered_plans(config) if p.price_id == price_id), None)


def stripe_client(config: Config) -> stripe.StripeClient:
    """A fresh client for one unit of work (API key from config, base overridable for tests)."""
    return stripe.StripeClient(
        config.STRIPE_SECRET_KEY,
        stripe_version=STRIPE_API_VERSION,
        base_addresses={"api": config.STRIPE_API_BASE} if config.STRIPE_API_BASE else None,
        max_network_retries=2,
        http_client=stripe.RequestsClient(timeout=STRIPE_TIMEOUT_SECONDS),
    )


@contextmanager
def stripe_call(action: str) -> Iterator[None]:
    """Map any Stripe failure to a 503 in the one error shape (logged without secrets)."""
    try:
        yield
    except stripe.StripeError as exc:
        log.warning(
            "stripe call failed",
            extra={
                "action": action,
                "error": type(exc).__name__,
                "http_status": exc.http_status,
                "stripe_request_id": exc.request_id,
            },
        )
        raise ServiceUnavailable(
            "Stripe could not complete the request; try again shortly.",
            code="billing_unavailable",
        ) from exc


def create_customer(client: stripe.StripeClient, account_id: str, email: str | None) -> str:
    """Create the Stripe customer of an account (idempotent per account) and return its id."""
    params: dict[str, Any] = {"metadata": {"account_id": account_id}}
    if email:
        params["email"] = email
    with stripe_call("customers.create"):
        customer = client.v1.customers.create(
            params,  # type: ignore[arg-type]
            {"idempotency_key": f"wcp-customer-{account_id}"},
        )
    return str(customer.id)


def create_checkout_session(client: stripe.StripeClient, params: dict[str, Any]) -> str:
    """Create a Checkout Session and return its hosted URL."""
    with stripe_call("checkout.sessions.create"):
        checkout = client.v1.checkout.sessions.create(params)  # type: ignore[arg-type]
    return str(checkout.url)


def create_portal_session(client: stripe.StripeClient, customer_id: str, return_url: str) -> str:
    """Create a Customer Portal session and return its URL."""
    with stripe_call("billing_portal.sessions.create"):
        portal = client.v1.billing_portal.sessions.create(
            {"customer": customer_id, "return_url": return_url}
        )
    return str(portal.url)


def fetch_subscription(client: stripe.StripeClient, subscription_id: str) -> dict[str, Any]:
    """The current state of one subscription, as a plain dict."""
    with stripe_call("subscriptions.retrieve"):
        subscription = client.v1.subscriptions.retrieve(subscription_id)
    return subscription.to_dict()


def list_subscriptions(client: stripe.StripeClient, customer_id: str) -> list[dict[str, Any]]:
    """Every subscription of a customer (any status, newest first), as plain dicts."""
    with stripe_call("subscriptions.list"):
        page = client.v1.subscriptions.list({"customer": customer_id, "status": "all", "limit": 20})
    found = [sub.to_dict() for sub in page.data]
    return sorted(found, key=lambda sub: int(sub.get("created") or 0), reverse=True)
