"""Shared fixtures: a fresh app per test on a migrated SQLite file (or real PostgreSQL)."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from server import create_app
from server.config import Config
from server.migrate import upgrade
from server.models import Account
from tests.service_urls import require_service_url


@pytest.fixture(scope="session", autouse=True)
def no_secret_in_the_run_log(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Log everything at DEBUG for the whole run; at its end, no secret may be in it."""
    import logging

    from tests.log_secrets import RunLog, leaks, server_logs

    root, run_log = logging.getLogger(), RunLog()
    previous = root.level
    root.addHandler(run_log)
    root.setLevel(logging.DEBUG)
    yield
    root.removeHandler(run_log)
    root.setLevel(previous)
    base = tmp_path_factory.getbasetemp()
    found = leaks(run_log.text() + server_logs(base), base)
    assert found == [], f"secrets in the logs of this test run: {found}"


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An accounts DB migrated once per session; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "accounts.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def fake_llm() -> Iterator[Any]:
    """The local fake of an OpenAI-compatible provider (tests/fakes/llm_server.py)."""
    from tests.fakes.llm_server import FakeLLM

    fake = FakeLLM().start()
    yield fake
    fake.stop()


@pytest.fixture
def redis_client() -> Iterator[Any]:
    """A client of the real redis-server that `make test` starts."""
    import redis

    client = redis.Redis.from_url(require_service_url("TEST_REDIS_URL"))
    yield client
    client.close()


@pytest.fixture
def make_config(tmp_path: Path, migrated_sqlite_template: Path) -> Callable[..., Config]:
    """Build a test Config; keyword overrides use the environment variable names."""

    def build(**overrides: Any) -> Config:
        db_path = tmp_path / "accounts.db"
        if not db_path.exists():
            shutil.copy(migrated_sqlite_template, db_path)
        values: dict[str, Any] = {
            "APP_ENV": "test",
            "VAR_DIR": str(tmp_path / "var"),
            "DATABASE_URL": f"sqlite:///{db_path}",
            "SOCKETIO_ASYNC_MODE": "threading",
            "PUBLIC_URL": "http://127.0.0.1:5999",
            "RATELIMIT_DEFAULT": "",
            "LLM_BASE_URL": "",
        }
        values.update(overrides)
        return Config.from_mapping(values)

    return build


@pytest.fixture
def app(make_config: Callable[..., Config]) -> Iterator[Flask]:
    application = create_app(make_config())
    yield application
    close_app(application)


def stored_account(app: Flask, sub: str) -> Account:
    """The account row of `sub` as stored now, detached from the session."""
    with app.app_context():
        session = app.extensions["webcammer"].db.session
        found = session.query(Account).filter_by(sub=sub).one()
        session.expunge(found)
        return found


def close_app(application: Flask) -> None:
    """Stop the app's background writer and release its databases."""
    from server.realtime import setup as realtime

    realtime.shutdown(application)
    application.extensions["webcammer"].db.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> Any:
    return app.test_cli_runner()


@pytest.fixture
def token_for(app: Flask) -> Callable[..., str]:
    """Mint a dev-issuer token for a subject (optionally with an email)."""

    def mint(sub: str, **kwargs: Any) -> str:
        return app.extensions["webcammer"].dev_issuer.mint(sub, **kwargs)

    return mint


@pytest.fixture
def auth(token_for: Callable[..., str]) -> Callable[[str], dict[str, str]]:
    """Authorization headers for a subject."""
    return lambda sub: {"Authorization": f"Bearer {token_for(sub)}"}


@pytest.fixture
def set_tier(app: Flask) -> Callable[[str, str], None]:
    """Operator-side tier change (what a Stripe webhook would do)."""
    from server.services.accounts import get_or_create_account

    def apply(sub: str, tier: str) -> None:
        with app.app_context():
            session = app.extensions["webcammer"].db.session
            account = get_or_create_account(session, sub, None)
            account.tier = tier
            session.commit()

    return apply


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, migrated database on the real PostgreSQL server, dropped afterwards."""
    admin_url = require_service_url("TEST_POSTGRES_URL")
    name = f"wcp_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.rsplit("/", 1)[0] + f"/{name}"
    upgrade(url)
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def app_on_each_database(
    request: pytest.FixtureRequest, make_config: Callable[..., Config]
) -> Iterator[Flask]:
    """The app with its accounts DB on SQLite, then on the real PostgreSQL server."""
    overrides: dict[str, Any] = {}
    if request.param == "postgresql":
        overrides["DATABASE_URL"] = request.getfixturevalue("postgres_url")
    application = create_app(make_config(**overrides))
    yield application
    close_app(application)
