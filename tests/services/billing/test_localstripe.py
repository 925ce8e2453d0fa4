"""Billing against localstripe (a local Stripe API server): real objects, real webhooks.

localstripe signs and POSTs its own events to a registered URL, so the tier is driven here by
deliveries our server did not build: the app is served on a local port and registered as
localstripe's webhook endpoint. localstripe has no Checkout or Portal (see
tests/api/test_subscription.py for those, against a wire-format fake).
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests
import stripe
from flask import Flask
from werkzeug.serving import make_server

from server import create_app
from server.config import Config
from server.services.billing import subscription as billing
from server.services.billing.gateway import stripe_client
from tests.conftest import close_app, stored_account
from tests.fakes.stripe_webhooks import WEBHOOK_PATH, billing_env, delivery, event
from tests.service_urls import require_service_url

SUBSCRIPTION_EVENTS = [
    "customer.subscription.created",
    "customer.subscription.updated",
    "customer.subscription.deleted",
    "invoice.paid",
    "invoice.payment_failed",
]


@dataclass
class Stack:
    app: Flask
    client: stripe.StripeClient
    pro: str
    studio: str
    secret: str
    localstripe: str


@pytest.fixture
def stack(make_config: Callable[..., Config]) -> Iterator[Stack]:
    """An app configured against localstripe, with fresh Pro/Studio prices there."""
    base = require_service_url("TEST_STRIPE_URL")
    tag = secrets.token_hex(4)
    secret = f"whsec_{secrets.token_hex(12)}"
    env = billing_env(
        base, STRIPE_PRICE_PRO=f"price_pro_{tag}", STRIPE_PRICE_STUDIO=f"price_studio_{tag}"
    )
    env["STRIPE_WEBHOOK_SECRET"] = secret
    app = create_app(make_config(**env))
    client = stripe_client(app.extensions["webcammer"].config)
    for price, amount in ((env["STRIPE_PRICE_PRO"], 900), (env["STRIPE_PRICE_STUDIO"], 2900)):
        plan: Any = {"id": price, "amount": amount, "currency": "eur", "interval": "month"}
        client.v1.plans.create({**plan, "product": {"name": price}})
    yield Stack(app, client, env["STRIPE_PRICE_PRO"], env["STRIPE_PRICE_STUDIO"], secret, base)
    close_app(app)


@pytest.fixture
def served(stack: Stack) -> Iterator[Stack]:
    """The app on a local port, registered as localstripe's webhook endpoint."""
    server = make_server("127.0.0.1", 0, stack.app, threaded=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}).start()
    hook = f"{stack.localstripe}/_config/webhooks/wcp_{secrets.token_hex(4)}"
    url = f"http://127.0.0.1:{server.server_port}{WEBHOOK_PATH}"
    response = requests.post(
        hook, json={"url": url, "secret": stack.secret, "events": SUBSCRIPTION_EVENTS}, timeout=5
    )
    assert response.status_code == 200
    yield stack
    # localstripe cannot delete a webhook: narrow it to an event that never happens
    requests.post(
        hook, json={"url": url, "secret": stack.secret, "events": ["wcp.disabled"]}, timeout=5
    )
    server.shutdown()


def new_customer(stack: Stack, sub: str) -> str:
    """Create the account and, through our own code path, its Stripe customer with a card."""
    with stack.app.app_context():
        from server.services.accounts import get_or_create_account

        session = stack.app.extensions["webcammer"].db.session
        row = get_or_create_account(session, sub, f"{sub}@example.com")
        customer = billing.ensure_customer(session, row, stack.client)
        assert billing.ensure_customer(session, row, stack.client) == customer  # reused
    card = stack.client.v1.payment_methods.attach("pm_card_visa", {"customer": customer})
    stack.client.v1.customers.update(
        customer, {"invoice_settings": {"default_payment_method": card.id}}
    )
    return customer


def subscribe(stack: Stack, customer: str, price: str) -> Any:
    # localstripe knows prices as plans (Stripe accepts a plan id wherever a price id goes)
    items: Any = [{"plan": price}]
    return stack.client.v1.subscriptions.create({"customer": customer, "items": items})


def wait_until(check: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out waiting for localstripe's webhook"
        time.sleep(0.1)


def test_the_tier_follows_a_subscription_and_its_cancellation_via_webhooks(served: Stack):
    customer = new_customer(served, "rita")
    sub = subscribe(served, customer, served.studio)
    assert sub.status == "active"
    wait_until(lambda: stored_account(served.app, "rita").tier == "studio")
    assert stored_account(served.app, "rita").stripe_subscription_id == sub.id
    served.client.v1.subscriptions.cancel(sub.id)
    wait_until(lambda: stored_account(served.app, "rita").subscription_status == "canceled")
    assert stored_account(served.app, "rita").tier == "free"


def test_checkout_completed_links_the_account_and_reads_the_subscription(stack: Stack) -> None:
    client = stack.app.test_client()
    with stack.app.app_context():
        from server.services.accounts import get_or_create_account

        session = stack.app.extensions["webcammer"].db.session
        account_id = get_or_create_account(session, "sam", None).id
    # Checkout made the customer and subscription; their own events found no account yet
    customer = stack.client.v1.customers.create({"email": "sam@example.com"}).id
    stack.client.v1.payment_methods.attach("pm_card_visa", {"customer": customer})
    stack.client.v1.customers.update(
        customer, {"invoice_settings": {"default_payment_method": "pm_card_visa"}}
    )
    sub = subscribe(stack, customer, stack.pro)
    completed = {
        "id": f"cs_test_{secrets.token_hex(6)}",
        "object": "checkout.session",
        "mode": "subscription",
        "client_reference_id": account_id,
        "customer": customer,
        "subscription": sub.id,
    }
    response = client.post(
        WEBHOOK_PATH, **delivery(event("checkout.session.completed", completed), stack.secret)
    )
    assert response.status_code == 200, response.get_json()
    row = stored_account(stack.app, "sam")
    assert (row.tier, row.stripe_customer_id, row.stripe_subscription_id) == (
        "pro",
        customer,
        sub.id,
    )


def test_billing_sync_repairs_drift_and_reports_it(stack: Stack) -> None:
    runner = stack.app.test_cli_runner()
    customer = new_customer(stack, "tom")  # no webhook endpoint: Stripe and the DB drift apart
    sub = subscribe(stack, customer, stack.pro)
    result = runner.invoke(args=["billing", "sync"])
    assert result.exit_code == 0, result.output
    assert "tom: tier free -> pro, status None -> active" in result.output
    assert stored_account(stack.app, "tom").stripe_subscription_id == sub.id
    assert "0 account(s) repaired" in runner.invoke(args=["billing", "sync"]).output
    stack.client.v1.subscriptions.cancel(sub.id)
    result = runner.invoke(args=["billing", "sync"])
    assert "tom: tier pro -> free, status active -> canceled" in result.output
