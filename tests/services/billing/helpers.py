"""Shared by the Stripe webhook tests (test_billing_webhooks.py, test_billing_lifecycle.py):
an app with billing on and no reachable Stripe API, accounts with a Stripe customer, delivery.

The fixtures carry `name=` so that the modules can import them (which makes them theirs:
`app` here replaces the plain app of tests/conftest.py for those modules only).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from server import create_app
from server.config import Config
from server.models import Account
from tests.conftest import close_app
from tests.fakes.stripe_webhooks import WEBHOOK_PATH, billing_env, delivery

NO_STRIPE = "http://127.0.0.1:9"


@pytest.fixture(name="app")
def fixture_app(make_config: Callable[..., Config]) -> Iterator[Flask]:
    application = create_app(make_config(**billing_env(NO_STRIPE)))
    yield application
    close_app(application)


@pytest.fixture(name="customer")
def fixture_customer(app: Flask, client: FlaskClient, auth) -> Callable[[str], str]:
    """Create the account of `sub` with Stripe customer `cus_<sub>`; returns the customer id."""

    def make(sub: str) -> str:
        client.get("/api/v1/me", headers=auth(sub))
        with app.app_context():
            session = app.extensions["webcammer"].db.session
            session.query(Account).filter_by(sub=sub).one().stripe_customer_id = f"cus_{sub}"
            session.commit()
        return f"cus_{sub}"

    return make


def send(client: FlaskClient, evt: dict[str, Any]) -> dict[str, Any]:
    response = client.post(WEBHOOK_PATH, **delivery(evt))
    assert response.status_code == 200, response.get_json()
    return response.get_json()
