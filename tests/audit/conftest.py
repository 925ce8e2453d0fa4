"""An app with billing on (local fake Stripe) and the local fake Events API, on SQLite or on
the real PostgreSQL server; helpers to read the audit rows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from server import create_app
from server.config import Config
from server.models import Account, AuditEntry
from tests.conftest import close_app
from tests.fakes.stripe_server import FakeStripe
from tests.fakes.stripe_webhooks import billing_env


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return ""  # make_config's migrated SQLite copy


@pytest.fixture
def fake_stripe() -> Iterator[FakeStripe]:
    fake = FakeStripe().start()
    yield fake
    fake.stop()


@pytest.fixture
def app(
    make_config: Callable[..., Config], fake_stripe: FakeStripe, database_url: str
) -> Iterator[Flask]:
    overrides: dict[str, Any] = billing_env(fake_stripe.url)
    if database_url:
        overrides["DATABASE_URL"] = database_url
    application = create_app(make_config(**overrides))
    feeds = application.extensions["webcammer"].feeds
    feeds.allow_local, feeds.longpoll_seconds, feeds.min_interval = True, 1, 0
    yield application
    feeds.stop_all()
    close_app(application)


def audit_rows(app: Flask, sub: str) -> list[AuditEntry]:
    """The audit rows of `sub`'s account, oldest first, detached."""
    with app.app_context():
        session = app.extensions["webcammer"].db.session
        account_id = session.scalar(select(Account.id).where(Account.sub == sub))
        query = select(AuditEntry).where(AuditEntry.account_id == account_id)
        rows = list(session.scalars(query.order_by(AuditEntry.id)))
        session.expunge_all()
        return rows


def actions(rows: list[AuditEntry]) -> list[str]:
    return [row.action for row in rows]
