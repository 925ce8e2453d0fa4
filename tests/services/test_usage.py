"""Daily quotas: exact at the boundary, never overshot under concurrency (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_restx import Namespace, Resource

from server import create_app
from server.auth.decorators import current_account, require_account
from server.config import Config
from server.errors import QuotaExceeded
from server.extensions import services
from server.services.accounts import get_or_create_account
from server.services.usage import charge, used_today
from server.tiers import TIERS

FREE_WRITES = TIERS["free"].write_requests_per_day


def metered_namespace() -> Namespace:
    """A real route that charges one write request, to see quota errors over HTTP."""
    ns = Namespace("metered")

    @ns.route("")
    class Metered(Resource):
        method_decorators = [require_account]

        def post(self) -> dict:
            result = charge(services().db.session, current_account(), "write_requests", 1)
            return {"used": result.used, "limit": result.limit}

    return ns


@pytest.fixture(params=["sqlite", "postgresql"])
def metered_app(request: pytest.FixtureRequest, make_config: Callable[..., Config]) -> Flask:
    overrides = {}
    if request.param == "postgresql":
        overrides["DATABASE_URL"] = request.getfixturevalue("postgres_url")
    return _app_with(make_config(**overrides), metered_namespace())


def _app_with(config: Config, namespace: Namespace) -> Flask:
    from flask_restx import Api

    from server.api import register_api_error_handlers

    application = create_app(config)
    api = Api(application, doc=False, prefix="/test")
    register_api_error_handlers(api)
    api.add_namespace(namespace)
    return application


def test_quota_allows_exactly_the_limit(metered_app: Flask) -> None:
    client = metered_app.test_client()
    headers = {
        "Authorization": f"Bearer {metered_app.extensions['webcammer'].dev_issuer.mint('q')}"
    }
    for expected in range(1, FREE_WRITES + 1):
        assert client.post("/test/metered", headers=headers).get_json()["used"] == expected
    over = client.post("/test/metered", headers=headers)
    assert over.status_code == 429
    body = over.get_json()
    assert body["code"] == "quota_exceeded"
    assert body["details"]["limit"] == FREE_WRITES and body["details"]["used"] == FREE_WRITES
    assert body["details"]["upgrade"]["tier"] == "pro"
    assert int(over.headers["Retry-After"]) > 0


def test_concurrent_requests_never_overshoot(metered_app: Flask) -> None:
    token = metered_app.extensions["webcammer"].dev_issuer.mint("racer")
    headers = {"Authorization": f"Bearer {token}"}
    metered_app.test_client().get("/api/v1/me", headers=headers)
    statuses: list[int] = []
    barrier = threading.Barrier(20)

    def hit() -> None:
        client = metered_app.test_client()
        barrier.wait()
        statuses.append(client.post("/test/metered", headers=headers).status_code)

    threads = [threading.Thread(target=hit) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses.count(200) == FREE_WRITES
    assert statuses.count(429) == 20 - FREE_WRITES
    with metered_app.app_context():
        session = services().db.session
        account = get_or_create_account(session, "racer", None)
        assert used_today(session, account.id, "write_requests") == FREE_WRITES


def test_a_charge_bigger_than_the_limit_charges_nothing(app: Flask) -> None:
    with app.app_context():
        session = services().db.session
        account = get_or_create_account(session, "big", None)
        with pytest.raises(QuotaExceeded):
            charge(session, account, "translate_chars", TIERS["free"].translate_chars_per_day + 1)
        assert used_today(session, account.id, "translate_chars") == 0


def test_upgrading_raises_the_limit_at_once(
    app: Flask, client: FlaskClient, auth, set_tier
) -> None:
    with app.app_context():
        session = services().db.session
        account = get_or_create_account(session, "up", None)
        for _ in range(FREE_WRITES):
            charge(session, account, "write_requests", 1)
        with pytest.raises(QuotaExceeded):
            charge(session, account, "write_requests", 1)
    set_tier("up", "pro")
    with app.app_context():
        session = services().db.session
        account = get_or_create_account(session, "up", None)
        assert charge(session, account, "write_requests", 1).used == FREE_WRITES + 1
