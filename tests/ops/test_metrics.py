"""GET /metrics in-process: the token rule, the families, low-cardinality labels."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from server import create_app
from server.config import Config
from tests.conftest import close_app
from tests.ops.scrape import families, parse, value
from tests.realtime.conftest import tip

TOKEN = "metrics-test-token-abcdef"  # noqa: S105 - test-only
BEARER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def app(make_config: Callable[..., Config]) -> Iterator[Flask]:
    application = create_app(make_config(METRICS_TOKEN=TOKEN))
    yield application
    close_app(application)


def test_metrics_are_404_without_a_configured_token(make_config: Callable[..., Config]) -> None:
    application = create_app(make_config())
    try:
        response = application.test_client().get("/metrics", headers=BEARER)
        assert response.status_code == 404
        assert "METRICS_TOKEN" in response.get_json()["message"]
    finally:
        close_app(application)


@pytest.mark.parametrize("header", [None, "Bearer nope", f"Basic {TOKEN}", TOKEN])
def test_metrics_refuse_anything_but_the_bearer_token(client: FlaskClient, header) -> None:
    response = client.get("/metrics", headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.get_json()["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_rest_latency_is_labelled_by_route_template_never_by_room(
    client: FlaskClient, auth, app: Flask
) -> None:
    client.post("/api/v1/me/broadcasters", json={"broadcaster": "secret_room"}, headers=auth("u1"))
    client.post("/api/v1/events", json=[tip("x1", "secret_room")], headers=auth("u1"))
    client.get("/api/v1/analytics/secret_room/summary", headers=auth("u1"))
    text = client.get("/metrics", headers=BEARER).get_data(as_text=True)
    assert "secret_room" not in text and "u1" not in text
    samples = parse(text)
    templates = {dict(labels).get("route") for (_name, labels) in samples}
    assert "/api/v1/me/broadcasters" in templates
    assert any(t and "<" in t for t in templates), templates  # a template, not the path
    assert value(samples, "webcammer_hub_rooms") >= 1


def test_every_documented_family_is_exposed(client: FlaskClient) -> None:
    names = families(client.get("/metrics", headers=BEARER).get_data(as_text=True))
    expected = {
        "webcammer_hub_connected_sockets", "webcammer_hub_published_events_total",
        "webcammer_hub_deliveries_total", "webcammer_hub_ack_seconds_bucket",
        "webcammer_hub_replay_requests_total", "webcammer_store_write_batch_seconds_bucket",
        "webcammer_store_spool_depth", "webcammer_store_spool_bytes",
        "webcammer_poller_state_changes_total", "webcammer_llm_calls_total",
        "webcammer_llm_call_seconds_bucket", "webcammer_llm_errors_total",
        "webcammer_translation_cache_lookups_total", "webcammer_quota_refusals_total",
        "webcammer_stripe_webhooks_total", "webcammer_http_request_seconds_bucket",
        "process_cpu_seconds_total",
    }  # fmt: skip
    assert expected - names == set()


def test_unknown_paths_and_methods_share_one_series(client: FlaskClient) -> None:
    labels = {"method": "other", "route": "unmatched", "status": "404"}
    name = "webcammer_http_request_seconds_count"
    scrape = client.get("/metrics", headers=BEARER).get_data(as_text=True)
    before = value(parse(scrape), name, **labels)
    for path in ("/wp-admin", "/api/v1/nope/alice_room", "/.env"):
        client.open(path, method="PROPFIND")
    samples = parse(client.get("/metrics", headers=BEARER).get_data(as_text=True))
    assert value(samples, name, **labels) == before + 3
    assert not any("wp-admin" in str(key) or "PROPFIND" in str(key) for key in samples)
