"""POST /api/v1/events: HTTP ingest with the hub's validation and acks."""

from __future__ import annotations

from flask import Flask

from tests.realtime.conftest import tip


def test_http_ingest_accepts_and_stores(app: Flask, client, auth) -> None:
    client.post(
        "/api/v1/me/broadcasters", json={"broadcaster": "alice_room"}, headers=auth("alice")
    )
    response = client.post("/api/v1/events", json=[tip("h1"), tip("h2")], headers=auth("alice"))
    assert response.status_code == 200
    assert response.get_json()["accepted"] == 2
    assert app.extensions["webcammer"].writer.drain(5)
    assert app.extensions["webcammer"].event_store.count("alice_room") == 2


def test_http_ingest_accepts_the_events_api_page_shape(client, auth) -> None:
    client.post(
        "/api/v1/me/broadcasters", json={"broadcaster": "alice_room"}, headers=auth("alice")
    )
    page = {
        "events": [
            {
                "method": "follow",
                "id": "f1",
                "object": {"broadcaster": "alice_room", "user": {"username": "zed"}},
            }
        ],
        "nextUrl": "https://events.testbed.cb.dev/events/x/y/",
    }
    assert (
        client.post("/api/v1/events", json=page, headers=auth("alice")).get_json()["accepted"] == 1
    )


def test_http_ingest_with_nothing_valid_is_a_400_in_the_error_shape(client, auth) -> None:
    response = client.post("/api/v1/events", json=[{"bad": 1}], headers=auth("alice"))
    assert response.status_code == 400
    body = response.get_json()
    assert body["code"] == "invalid_events"
    assert body["details"]["errors"][0]["code"] == "missing_field"


def test_http_ingest_needs_a_token(client) -> None:
    assert client.post("/api/v1/events", json=[tip("x")]).status_code == 401


def test_http_ingest_malformed_json(client, auth) -> None:
    response = client.post(
        "/api/v1/events", data="{", headers={**auth("a"), "Content-Type": "application/json"}
    )
    assert response.get_json()["code"] == "malformed_json"
