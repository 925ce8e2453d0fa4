"""/api/v1/subscription answers validate against their documented models (fake Stripe)."""

from __future__ import annotations

from tests.api.helpers import (
    fixture_app,  # noqa: F401 - the `app` fixture of this module
    fixture_fake_stripe,  # noqa: F401 - the `fake_stripe` fixture
    link_customer,
)
from tests.api.wire import check_documented
from tests.fakes.stripe_webhooks import WEBHOOK_PATH, delivery, event, subscription


def test_view_checkout_and_portal_match_their_models(app, client, auth) -> None:
    view = check_documented(
        app, client.get("/api/v1/subscription", headers=auth("bea")), "/subscription"
    )
    assert [plan.limits.name for plan in view.plans] == [plan.plan for plan in view.plans]
    checkout = client.post(
        "/api/v1/subscription/checkout", json={"plan": "pro"}, headers=auth("bea")
    )
    check_documented(app, checkout, "/subscription/checkout", "post")
    portal = client.post("/api/v1/subscription/portal", headers=auth("bea"))
    check_documented(app, portal, "/subscription/portal", "post")


def test_webhook_receipts_match_their_model(app, client, auth) -> None:
    link_customer(app, client, auth, "max", "cus_max")
    delivered = delivery(event("customer.subscription.created", subscription("cus_max")))
    first = check_documented(
        app, client.post(WEBHOOK_PATH, **delivered), "/subscription/webhook", "post"
    )
    again = check_documented(
        app, client.post(WEBHOOK_PATH, **delivered), "/subscription/webhook", "post"
    )
    assert (first.duplicate, again.duplicate) == (None, True)
