"""/api/v1/subscription/webhook: the gate in front of the Stripe events.

Webhook signatures are made by hand in the test helpers and verified by the real `stripe`
library inside the server. Plans, Checkout and Portal are in test_subscription.py.
"""

from __future__ import annotations

import json
import time

from flask import Flask
from flask.testing import FlaskClient

from server import create_app
from server.models import WebhookEvent
from tests.api.helpers import (
    fixture_app,  # noqa: F401 - the `app` fixture of this module
    fixture_fake_stripe,  # noqa: F401 - the `fake_stripe` fixture
    link_customer,
)
from tests.conftest import close_app, stored_account
from tests.fakes.stripe_webhooks import (
    PRICES,
    WEBHOOK_PATH,
    billing_env,
    delivery,
    event,
    signature_header,
    subscription,
)


def test_a_validly_signed_event_is_applied(app, client, auth) -> None:
    link_customer(app, client, auth, "max", "cus_max")
    evt = event("customer.subscription.created", subscription("cus_max"))
    response = client.post(WEBHOOK_PATH, **delivery(evt))
    assert response.status_code == 200
    assert response.get_json() == {"received": True}
    assert stored_account(app, "max").tier == "pro"


def _refused(app: Flask, client: FlaskClient, response, code: str) -> None:
    assert response.status_code == 400
    assert response.get_json()["code"] == code
    with app.app_context():
        assert app.extensions["webcammer"].db.session.query(WebhookEvent).count() == 0


def test_a_tampered_body_is_refused(app, client, auth) -> None:
    link_customer(app, client, auth, "ned", "cus_ned")
    signed = delivery(event("customer.subscription.created", subscription("cus_ned")))
    forged = signed["data"].replace(PRICES["pro"].encode(), PRICES["studio"].encode())
    response = client.post(WEBHOOK_PATH, data=forged, headers=signed["headers"])
    _refused(app, client, response, "invalid_signature")
    assert stored_account(app, "ned").tier == "free"


def test_a_payload_signed_with_another_secret_is_refused(app, client, auth) -> None:
    link_customer(app, client, auth, "oli", "cus_oli")
    evt = event("customer.subscription.created", subscription("cus_oli"))
    response = client.post(WEBHOOK_PATH, **delivery(evt, secret="whsec_attacker"))
    _refused(app, client, response, "invalid_signature")
    assert stored_account(app, "oli").tier == "free"


def test_a_replay_past_the_tolerance_is_refused(app, client, auth) -> None:
    link_customer(app, client, auth, "pat", "cus_pat")
    evt = event("customer.subscription.created", subscription("cus_pat"))
    stale = int(time.time()) - 301
    response = client.post(WEBHOOK_PATH, **delivery(evt, at=stale))
    _refused(app, client, response, "invalid_signature")
    assert stored_account(app, "pat").tier == "free"


def test_a_delivery_without_signature_header_is_refused(app, client) -> None:
    body = json.dumps(event("customer.subscription.created", subscription("cus_q"))).encode()
    response = client.post(WEBHOOK_PATH, data=body, content_type="application/json")
    _refused(app, client, response, "missing_signature")


def test_a_garbled_signature_header_is_refused(app, client) -> None:
    body = json.dumps(event("invoice.paid", {"id": "in_1"})).encode()
    headers = {"Stripe-Signature": "not-a-signature", "Content-Type": "application/json"}
    _refused(
        app, client, client.post(WEBHOOK_PATH, data=body, headers=headers), "invalid_signature"
    )


def test_a_signed_body_that_is_not_an_event_is_refused(app, client) -> None:
    for body in [b"{not json", b'{"object": "event", "id": 5}']:
        headers = {"Stripe-Signature": signature_header(body)}
        _refused(
            app, client, client.post(WEBHOOK_PATH, data=body, headers=headers), "malformed_event"
        )


def test_an_oversized_webhook_body_is_413_in_the_one_shape(client) -> None:
    body = b'{"pad": "' + b"x" * (300 * 1024) + b'"}'
    response = client.post(
        WEBHOOK_PATH, data=body, headers={"Stripe-Signature": signature_header(body)}
    )
    assert response.status_code == 413
    assert response.get_json()["code"] == "payload_too_large"


def test_the_webhook_is_rate_limited(make_config, fake_stripe) -> None:
    config = make_config(**billing_env(fake_stripe.url, STRIPE_WEBHOOK_RATE_LIMIT="2/minute"))
    application = create_app(config)
    try:
        client = application.test_client()
        statuses = [
            client.post(WEBHOOK_PATH, **delivery(event("ping.unknown", {"id": str(i)}))).status_code
            for i in range(3)
        ]
        assert statuses == [200, 200, 429]
    finally:
        close_app(application)
