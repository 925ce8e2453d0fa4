"""Shared by the /api/v1/subscription tests (test_subscription*.py): a local fake Stripe, an
app with billing on against it, and account lookups.

The fixtures carry `name=` so that the modules can import them (which makes them theirs:
`app` here replaces the plain app of tests/conftest.py for those modules only).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from server import create_app
from server.config import Config
from server.models import Account
from tests.conftest import close_app
from tests.fakes.stripe_server import FakeStripe
from tests.fakes.stripe_webhooks import billing_env


@pytest.fixture(name="fake_stripe")
def fixture_fake_stripe() -> Iterator[FakeStripe]:
    fake = FakeStripe().start()
    yield fake
    fake.stop()


@pytest.fixture(name="app")
def fixture_app(make_config: Callable[..., Config], fake_stripe: FakeStripe) -> Iterator[Flask]:
    application = create_app(make_config(**billing_env(fake_stripe.url)))
    yield application
    close_app(application)


def link_customer(app: Flask, client: FlaskClient, auth, sub: str, customer: str) -> None:
    client.get("/api/v1/me", headers=auth(sub))
    with app.app_context():
        session = app.extensions["webcammer"].db.session
        session.query(Account).filter_by(sub=sub).one().stripe_customer_id = customer
        session.commit()
