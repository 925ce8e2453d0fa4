"""Fixtures for the AI features: the fake provider, an app wired to it, a real event store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from server.adapters.eventstore.sqlite import SqliteEventStore
from server.adapters.llm.base import LLMSettings
from server.services.ai.common import build_ai
from tests.fakes.llm_server import FakeLLM

#: Short budgets so timeout, retry and breaker tests take well under a second or two.
TEST_SETTINGS = LLMSettings(
    connect_timeout=0.5,
    total_timeout=1.0,
    max_attempts=3,
    backoff_base=0.01,
    retry_after_cap=2.0,
    breaker_threshold=3,
    breaker_cooldown=0.3,
)
MODEL = "fake-model"


@pytest.fixture
def event_store(tmp_path: Path) -> Iterator[SqliteEventStore]:
    store = SqliteEventStore(str(tmp_path / "ai-events.db"))
    yield store
    store.close()


@pytest.fixture
def ai_app(app: Flask, fake_llm: FakeLLM, event_store: SqliteEventStore) -> Flask:
    """The test app with its AI parts pointed at the fake provider (no REDIS_URL: SQL cache)."""
    app_services = app.extensions["webcammer"]
    config = replace(app_services.config, LLM_BASE_URL=fake_llm.base_url, LLM_MODEL=MODEL)
    app_services.ai = build_ai(config, app_services.db, TEST_SETTINGS)
    app_services.event_store = event_store
    return app


@pytest.fixture
def ai_client(ai_app: Flask) -> FlaskClient:
    return ai_app.test_client()


@pytest.fixture
def ledger(app: Flask) -> Callable[[str, str], int]:
    """Today's ledger value of a feature for a subject (what the user is charged)."""
    from server.services.accounts import get_or_create_account
    from server.services.usage import used_today

    def read(sub: str, feature: str) -> int:
        with app.app_context():
            session = app.extensions["webcammer"].db.session
            account = get_or_create_account(session, sub, None)
            return used_today(session, account.id, feature)

    return read


@pytest.fixture
def use_quota(app: Flask) -> Callable[[str, str, int], None]:
    """Spend `amount` of a feature for a subject, as earlier requests would have."""
    from server.services.accounts import get_or_create_account
    from server.services.usage import charge

    def spend(sub: str, feature: str, amount: int) -> None:
        with app.app_context():
            session = app.extensions["webcammer"].db.session
            charge(session, get_or_create_account(session, sub, None), feature, amount)

    return spend


@pytest.fixture
def link_room(ai_client: FlaskClient, auth: Callable[[str], dict[str, str]]) -> Callable[..., Any]:
    """Link a broadcaster to a subject's account."""

    def link(sub: str, room: str) -> None:
        response = ai_client.post(
            "/api/v1/me/broadcasters", json={"broadcaster": room}, headers=auth(sub)
        )
        assert response.status_code == 201, response.get_json()

    return link
