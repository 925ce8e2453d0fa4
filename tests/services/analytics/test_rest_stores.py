"""The REST answers are the same, to the token, on SQLite and on a real influxd."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from flask import Flask

from server import create_app
from tests.adapters.helpers import InfluxDatabase
from tests.conftest import close_app
from tests.service_urls import require_service_url
from tests.services.analytics.conftest import OWNER, ROOM, recent_events


def _app(config) -> Flask:
    app = create_app(config)
    from server.services.accounts import get_or_create_account, link_broadcaster

    with app.app_context():
        session = app.extensions["webcammer"].db.session
        account = get_or_create_account(session, OWNER, None)
        account.tier = "studio"
        session.commit()
        link_broadcaster(session, account, ROOM)
    return app


@pytest.fixture
def two_apps(make_config, tmp_path) -> Iterator[tuple[Flask, Flask]]:
    influx = InfluxDatabase(require_service_url("TEST_INFLUX_URL"))
    influx.name = f"rest_{uuid.uuid4().hex[:10]}"
    influx.create()
    sqlite_app = _app(make_config())
    influx_app = create_app(
        make_config(
            VAR_DIR=str(tmp_path / "var_influx"),
            EVENT_STORE="influx",
            INFLUX_URL=influx.url,
            INFLUX_DATABASE=influx.name,
        )
    )
    now = float(int(time.time()))
    for app in (sqlite_app, influx_app):
        app.extensions["webcammer"].event_store.write_batch(recent_events(now))
    try:
        yield sqlite_app, influx_app
    finally:
        close_app(sqlite_app)
        close_app(influx_app)
        influx.drop()


PATHS = [
    "summary",
    "timeseries?metric=tokens&interval=1h",
    "timeseries?metric=viewers&interval=1d&tz=America/New_York",
    "timeseries?metric=chat&interval=5m",
    "top-tippers?limit=5",
    "sessions",
    "languages",
    f"viewers/{quote(chr(252) + 'nï 😀')}",
    f"viewers/{quote('o' + chr(39) + 'brien')}",
    "viewers/x%27%20OR%20%271%27%3D%271",
    "export.csv",
]


@pytest.mark.parametrize("path", PATHS)
def test_same_answer_on_both_stores(two_apps, path) -> None:
    to = int(time.time()) - 60
    answers = []
    for app in two_apps:
        token = app.extensions["webcammer"].dev_issuer.mint(OWNER)
        sep = "&" if "?" in path else "?"
        url = f"/api/v1/analytics/{ROOM}/{path}{sep}from={to - 10 * 86_400}&to={to}"
        response = app.test_client().get(
            url, headers={"Authorization": f"Bearer {token}", "X-Request-ID": "same-question"}
        )
        assert response.status_code in (200, 404), response.get_data(as_text=True)
        answers.append((response.status_code, response.get_data(as_text=True)))
    assert answers[0] == answers[1]
    assert answers[0][0] == (404 if "OR" in path else 200)
