"""/api/v1/subscription: plans, Checkout and Portal (against a local fake Stripe).

Checkout Sessions and the Customer Portal are not implemented by localstripe, so these
endpoints run against `tests.fakes.stripe_server`, a local HTTP server speaking Stripe's
wire format. The webhook gate is in test_subscription_webhook.py.
"""

from __future__ import annotations

import pytest

from server import create_app
from tests.api.helpers import (
    fixture_app,  # noqa: F401 - the `app` fixture of this module
    fixture_fake_stripe,  # noqa: F401 - the `fake_stripe` fixture
    link_customer,
)
from tests.conftest import close_app, stored_account
from tests.fakes.stripe_webhooks import PRICES, WEBHOOK_PATH, delivery, event, subscription

# --- billing off ---------------------------------------------------------------------------


def test_unconfigured_billing_answers_503_naming_the_variables(make_config, token_for) -> None:
    application = create_app(make_config())
    client = application.test_client()
    headers = {"Authorization": f"Bearer {token_for('ann')}"}
    try:
        for method, path in [
            ("get", "/api/v1/subscription"),
            ("post", "/api/v1/subscription/checkout"),
            ("post", "/api/v1/subscription/portal"),
            ("post", WEBHOOK_PATH),
        ]:
            response = getattr(client, method)(path, json={"plan": "pro"}, headers=headers)
            body = response.get_json()
            assert response.status_code == 503, path
            assert body["code"] == "billing_not_configured"
            assert "STRIPE_SECRET_KEY" in body["message"]
            assert body["details"]["missing"] == [
                "STRIPE_SECRET_KEY",
                "STRIPE_WEBHOOK_SECRET",
                "STRIPE_PRICE_PRO",
            ]
        me = client.get("/api/v1/me", headers=headers)
        assert me.status_code == 200 and me.get_json()["account"]["tier"] == "free"
    finally:
        close_app(application)


# --- GET /subscription ---------------------------------------------------------------------


def test_subscription_view_shows_the_free_tier_and_the_plans_on_offer(client, auth) -> None:
    response = client.get("/api/v1/subscription", headers=auth("bea"))
    body = response.get_json()
    assert response.status_code == 200
    assert body["tier"] == "free" and body["status"] is None
    assert body["cancel_at_period_end"] is False and body["current_period_end"] is None
    assert [(p["plan"], p["interval"]) for p in body["plans"]] == [
        ("pro", "month"),
        ("pro", "year"),
        ("studio", "month"),
    ]
    assert body["plans"][0]["limits"]["translate_chars_per_day"] == 200_000
    assert "price_" not in response.get_data(as_text=True)  # price ids stay server-side


def test_subscription_needs_a_token(client) -> None:
    assert client.get("/api/v1/subscription").status_code == 401


# --- checkout ------------------------------------------------------------------------------


def test_checkout_returns_the_session_url_with_the_configured_price(
    app, client, auth, fake_stripe
) -> None:
    response = client.post("/api/v1/subscription/checkout", json={"plan": "pro"}, headers=auth("c"))
    assert response.status_code == 200
    [session] = fake_stripe.of_type("checkout.session")
    assert response.get_json() == {"url": session["url"]}
    account = stored_account(app, "c")
    params = fake_stripe.params[session["id"]]
    assert params["mode"] == "subscription"
    assert params["line_items[0][price]"] == PRICES["pro"]
    assert params["client_reference_id"] == account.id
    assert params["customer"] == account.stripe_customer_id
    assert params["allow_promotion_codes"] == "true"
    assert params["success_url"] == "https://app.example/billing/done"
    assert params["cancel_url"] == "https://app.example/billing/cancelled"


def test_checkout_creates_the_stripe_customer_once_and_reuses_it(client, auth, fake_stripe):
    for _ in range(2):
        response = client.post(
            "/api/v1/subscription/checkout", json={"plan": "studio"}, headers=auth("dee")
        )
        assert response.status_code == 200
    [customer] = fake_stripe.of_type("customer")
    sessions = fake_stripe.of_type("checkout.session")
    assert [s["customer"] for s in sessions] == [customer["id"], customer["id"]]


def test_checkout_yearly_interval_uses_the_yearly_price(client, auth, fake_stripe) -> None:
    body = {"plan": "pro", "interval": "year"}
    assert (
        client.post("/api/v1/subscription/checkout", json=body, headers=auth("e")).status_code
        == 200
    )
    [session] = fake_stripe.of_type("checkout.session")
    assert fake_stripe.params[session["id"]]["line_items[0][price]"] == PRICES["pro_year"]


def test_checkout_refuses_a_plan_that_has_no_configured_price(client, auth, fake_stripe):
    body = {"plan": "studio", "interval": "year"}
    response = client.post("/api/v1/subscription/checkout", json=body, headers=auth("f"))
    assert response.status_code == 400
    assert response.get_json()["code"] == "plan_not_offered"
    assert fake_stripe.of_type("checkout.session") == []


@pytest.mark.parametrize(
    "body",
    [
        {"plan": "pro", "price": PRICES["studio"]},
        {"plan": "pro", "tier": "studio"},
        {"price": PRICES["studio"]},
        {"tier": "studio"},
        {"plan": "pro", "line_items": [{"price": PRICES["studio"]}]},
        {"plan": "pro", "customer": "cus_someone_else"},
        {"plan": "enterprise"},
        {"plan": "pro", "interval": "week"},
        {"plan": "price_test_studio_month"},
    ],
)
def test_checkout_accepts_only_plan_and_interval(client, auth, fake_stripe, body) -> None:
    response = client.post("/api/v1/subscription/checkout", json=body, headers=auth("gus"))
    assert response.status_code == 400
    assert set(response.get_json()) == {"code", "message", "details", "request_id"}
    assert fake_stripe.of_type("checkout.session") == []
    assert client.get("/api/v1/subscription", headers=auth("gus")).get_json()["tier"] == "free"


@pytest.mark.parametrize(
    "body",
    [
        {"tier": "studio"},
        {"subscription_status": "active"},
        {"stripe_customer_id": "cus_x"},
        {"language": "en", "tier": "pro"},
    ],
)
def test_no_request_body_can_upgrade_the_tier(client, auth, body) -> None:
    assert client.patch("/api/v1/me", json=body, headers=auth("hal")).status_code == 400
    assert client.get("/api/v1/me", headers=auth("hal")).get_json()["account"]["tier"] == "free"


def test_checkout_is_refused_while_a_subscription_is_live(app, client, auth) -> None:
    link_customer(app, client, auth, "ida", "cus_ida")
    client.post(
        WEBHOOK_PATH, **delivery(event("customer.subscription.created", subscription("cus_ida")))
    )
    response = client.post(
        "/api/v1/subscription/checkout", json={"plan": "studio"}, headers=auth("ida")
    )
    assert response.status_code == 409
    assert response.get_json()["code"] == "already_subscribed"


def test_a_stripe_outage_is_a_503_in_the_one_shape(client, auth, fake_stripe) -> None:
    fake_stripe.fail_next = 10
    response = client.post("/api/v1/subscription/checkout", json={"plan": "pro"}, headers=auth("j"))
    assert response.status_code == 503
    assert response.get_json()["code"] == "billing_unavailable"


# --- portal --------------------------------------------------------------------------------


def test_portal_needs_a_billing_account_first(client, auth) -> None:
    response = client.post("/api/v1/subscription/portal", headers=auth("kim"))
    assert response.status_code == 409
    assert response.get_json()["code"] == "no_billing_account"


def test_portal_opens_for_the_accounts_own_customer(app, client, auth, fake_stripe) -> None:
    client.post("/api/v1/subscription/checkout", json={"plan": "pro"}, headers=auth("lee"))
    response = client.post("/api/v1/subscription/portal", headers=auth("lee"))
    assert response.status_code == 200
    [portal] = fake_stripe.of_type("billing_portal.session")
    assert response.get_json() == {"url": portal["url"]}
    assert portal["customer"] == stored_account(app, "lee").stripe_customer_id
    assert portal["return_url"] == "https://app.example/settings"
