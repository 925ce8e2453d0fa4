"""Build and sign Stripe webhook deliveries the way Stripe does, for tests.

The signature is computed here by hand (HMAC-SHA256 over `"{t}.{body}"` with the endpoint
secret, sent as `Stripe-Signature: t=...,v1=...`), so the server's verification through the
official `stripe` library is checked against an independent implementation.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from typing import Any

WEBHOOK_SECRET = "whsec_test_billing_secret"
WEBHOOK_PATH = "/api/v1/subscription/webhook"
PRICES = {
    "pro": "price_test_pro_month",
    "pro_year": "price_test_pro_year",
    "studio": "price_test_studio_month",
}


def billing_env(api_base: str = "", **overrides: str) -> dict[str, str]:
    """Config overrides that turn billing on with test prices."""
    values = {
        "STRIPE_SECRET_KEY": "sk_test_billing",
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "STRIPE_PRICE_PRO": PRICES["pro"],
        "STRIPE_PRICE_PRO_YEARLY": PRICES["pro_year"],
        "STRIPE_PRICE_STUDIO": PRICES["studio"],
        "STRIPE_API_BASE": api_base,
        "CHECKOUT_SUCCESS_URL": "https://app.example/billing/done",
        "CHECKOUT_CANCEL_URL": "https://app.example/billing/cancelled",
        "PORTAL_RETURN_URL": "https://app.example/settings",
    }
    values.update(overrides)
    return values


def signature_header(payload: bytes, secret: str = WEBHOOK_SECRET, at: int | None = None) -> str:
    """The `Stripe-Signature` header Stripe would send for `payload` at time `at`."""
    timestamp = int(time.time()) if at is None else at
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def event(kind: str, obj: dict[str, Any], created: int | None = None, **extra: Any) -> dict:
    """A Stripe event envelope around `obj`."""
    return {
        "id": extra.pop("id", f"evt_test_{secrets.token_hex(8)}"),
        "object": "event",
        "api_version": "2026-10-28.endive",
        "created": int(time.time()) if created is None else created,
        "type": kind,
        "livemode": False,
        "pending_webhooks": 1,
        "data": {"object": obj},
        **extra,
    }


def subscription(
    customer: str,
    status: str = "active",
    price: str = PRICES["pro"],
    sub_id: str = "sub_test_1",
    cancel_at_period_end: bool = False,
    period_end: int | None = None,
) -> dict[str, Any]:
    """A subscription object in the current API shape (billing period on the item)."""
    end = period_end or int(time.time()) + 30 * 86400
    return {
        "id": sub_id,
        "object": "subscription",
        "customer": customer,
        "status": status,
        "cancel_at_period_end": cancel_at_period_end,
        "cancel_at": None,
        "items": {
            "object": "list",
            "data": [
                {
                    "id": f"si_{sub_id}",
                    "object": "subscription_item",
                    "price": {"id": price, "object": "price"},
                    "quantity": 1,
                    "current_period_end": end,
                }
            ],
        },
    }


def invoice(customer: str, sub_id: str = "sub_test_1", price: str = PRICES["pro"]) -> dict:
    """An invoice object in the current API shape (subscription under `parent`)."""
    return {
        "id": f"in_test_{secrets.token_hex(6)}",
        "object": "invoice",
        "customer": customer,
        "parent": {
            "type": "subscription_details",
            "subscription_details": {"subscription": sub_id},
        },
        "lines": {
            "object": "list",
            "data": [{"pricing": {"type": "price_details", "price_details": {"price": price}}}],
        },
    }


def delivery(evt: dict[str, Any], secret: str = WEBHOOK_SECRET, at: int | None = None) -> dict:
    """Keyword arguments for `client.post(WEBHOOK_PATH, **delivery(evt))`."""
    body = json.dumps(evt).encode()
    return {
        "data": body,
        "headers": {
            "Content-Type": "application/json; charset=utf-8",
            "Stripe-Signature": signature_header(body, secret, at),
        },
    }
