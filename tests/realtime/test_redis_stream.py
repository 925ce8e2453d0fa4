"""The Redis room stream against the real redis-server: two apps number one room as one,
dedupe is decided in Redis, every app mirrors the same offsets; without Redis a room is
numbered locally under a new epoch and health says so."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from server import create_app
from tests.conftest import close_app
from tests.realtime.conftest import tip
from tests.realtime.server_process import free_port
from tests.service_urls import require_service_url


@pytest.fixture
def two_apps(make_config, tmp_path: Path) -> Iterator[tuple[Flask, Flask]]:
    shared = {
        "REDIS_URL": require_service_url("TEST_REDIS_URL"),
        "ROOM_STREAM_PREFIX": f"test:{uuid.uuid4().hex[:8]}:",
        "SOCKETIO_CHANNEL": f"test-{uuid.uuid4().hex[:8]}",
        "DEV_ISSUER_KEY_PATH": str(tmp_path / "dev_key.json"),
    }
    shared["EVENT_STORE_PATH"] = str(tmp_path / "events.db")  # one store, as in production
    apps = [create_app(make_config(VAR_DIR=str(tmp_path / n), **shared)) for n in "ab"]
    yield apps[0], apps[1]
    for app in apps:
        close_app(app)


class Http:
    """One app's REST client for `sub` (the Socket.IO test client refuses a message queue)."""

    def __init__(self, app: Flask, sub: str = "alice") -> None:
        self.app, self.client = app, app.test_client()
        token = app.extensions["webcammer"].dev_issuer.mint(sub)
        self.headers = {"Authorization": f"Bearer {token}"}

    def link(self, broadcaster: str) -> None:
        body = {"broadcaster": broadcaster}
        response = self.client.post("/api/v1/me/broadcasters", json=body, headers=self.headers)
        assert response.status_code == 201

    def publish(self, payload: Any) -> dict:
        return self.client.post("/api/v1/events", json=payload, headers=self.headers).get_json()


def _room(app: Flask, broadcaster: str = "alice_room") -> Any:
    return app.extensions["webcammer"].realtime.buffers.room(broadcaster)


def _pump(app: Flask) -> None:
    """One read of the app's stream mirror (a serving process loops on it)."""
    app.extensions["webcammer"].realtime.ingestor.reader.read_once()


def test_two_apps_number_one_room_as_one(two_apps) -> None:
    a, b = Http(two_apps[0]), Http(two_apps[1])
    a.link("alice_room")
    offsets = [(a if i % 2 == 0 else b).publish(tip(f"x{i}"))["offsets"][0] for i in range(6)]
    assert offsets == [1, 2, 3, 4, 5, 6]


def test_a_duplicate_gets_the_same_answer_in_every_app(two_apps) -> None:
    a, b = Http(two_apps[0]), Http(two_apps[1])
    a.link("alice_room")
    first = a.publish(tip("once"))
    again = b.publish(tip("once"))
    assert first["offsets"] == [1] and (again["accepted"], again["duplicates"]) == (0, 1)
    store = two_apps[0].extensions["webcammer"].event_store
    assert store.count("alice_room") == 1  # written again by b, stored once


def test_every_app_mirrors_the_same_offsets_and_epoch(two_apps) -> None:
    a, b = Http(two_apps[0]), Http(two_apps[1])
    a.link("alice_room")
    for i in range(4):
        (a if i % 2 == 0 else b).publish([tip(f"m{i}a"), tip(f"m{i}b")])
    for app in two_apps:
        _pump(app)
    rings = [[s.offset for s in _room(app).ring] for app in two_apps]
    assert rings == [list(range(1, 9))] * 2
    assert _room(two_apps[0]).epoch == _room(two_apps[1]).epoch
    feed = b.client.get("/api/v1/events/alice_room?after=2", headers=b.headers).get_json()
    assert feed["position"] == {"offset": 8, "epoch": _room(two_apps[0]).epoch}


def test_without_redis_a_room_is_numbered_locally_under_a_new_epoch(make_config) -> None:
    app = create_app(make_config(REDIS_URL=f"redis://127.0.0.1:{free_port()}/0"))
    try:
        http = Http(app)
        http.link("alice_room")
        first, second = http.publish(tip("l1")), http.publish(tip("l2"))
        assert first["accepted"] == 1 and second["offsets"][0] == first["offsets"][0] + 1
        assert _room(app).epoch.startswith("local-")
        health = app.test_client().get("/api/v1/health").get_json()
        assert health["checks"]["room_stream"]["ok"] is False
    finally:
        close_app(app)
