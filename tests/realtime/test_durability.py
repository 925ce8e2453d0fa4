"""Real server processes: events survive a store outage and kill -9; reconnects miss nothing."""

from __future__ import annotations

import signal
import threading
import uuid
from pathlib import Path

import pytest
import requests
import socketio

from server.adapters.eventstore.influx import InfluxEventStore
from tests.realtime.conftest import tip
from tests.realtime.server_process import ServerProcess, free_port, two_processes_sharing_redis
from tests.service_urls import require_service_url


@pytest.fixture
def influx_db() -> tuple[str, str]:
    url = require_service_url("TEST_INFLUX_URL")
    name = f"wcp_dur_{uuid.uuid4().hex[:10]}"
    yield url, name
    requests.post(f"{url}/query", params={"q": f'DROP DATABASE "{name}"'}, timeout=10)


def spool_depth(health: dict) -> int:
    return health["checks"]["event_store"]["spool_depth"]


def test_kill_9_with_a_full_spool_then_restart_stores_every_event_once(
    tmp_path: Path, influx_db
) -> None:
    influx_url, database = influx_db
    down = {
        "EVENT_STORE": "influx",
        "INFLUX_URL": f"http://127.0.0.1:{free_port()}",
        "INFLUX_DATABASE": database,
    }
    first = ServerProcess(tmp_path, **down).start()
    token = first.token("alice", link="alice_room")
    try:
        for batch in range(4):
            ack = first.request(
                "POST", "/api/v1/events", [tip(f"k{batch}-{i}") for i in range(100)], token
            )
            assert ack["accepted"] == 100
            threading.Event().wait(0.25)  # stay under the tier's events/s
        first.wait_for(lambda h: spool_depth(h) == 400)
    finally:
        first.kill(signal.SIGKILL)
    second = ServerProcess(tmp_path, **{**down, "INFLUX_URL": influx_url}).start()
    try:
        second.wait_for(
            lambda h: spool_depth(h) == 0 and h["checks"]["event_store"]["state"] == "ok"
        )
        store = InfluxEventStore(influx_url, database)
        assert store.count("alice_room") == 400
        offsets = [s.offset for s in store.query_range("alice_room", 0, 4e9)]
        # the store was down when the room started: offsets began from the clock (still monotonic)
        assert offsets == list(range(offsets[0], offsets[0] + 400))
        ack = second.request("POST", "/api/v1/events", [tip("after-restart")], token)
        assert ack["offsets"] == [offsets[-1] + 1], "offsets continue after a restart"
    finally:
        second.kill(signal.SIGTERM)


def collect(client: socketio.Client, sink: list) -> None:
    """Items of `event` and `events` frames, in arrival order."""
    client.on("event", lambda message: sink.append(message), namespace="/hub")
    client.on("events", lambda message: sink.extend(message["items"]), namespace="/hub")


def test_a_client_that_reconnects_after_a_server_restart_misses_nothing(tmp_path: Path) -> None:
    server = ServerProcess(tmp_path).start()
    token = server.token("alice", link="alice_room")
    received: list = []
    client = socketio.Client(reconnection=False)
    collect(client, received)
    client.connect(server.url, namespaces=["/hub"], auth={"token": token}, transports=["websocket"])
    assert client.call("subscribe", {"broadcaster": "alice_room"}, namespace="/hub")["ok"]
    server.request("POST", "/api/v1/events", [tip(f"a{i}") for i in range(10)], token)
    client.sleep(0.5)
    client.disconnect()
    last_seen = max(m["offset"] for m in received)
    server.request("POST", "/api/v1/events", [tip(f"b{i}") for i in range(5)], token)
    server.kill(signal.SIGTERM)  # graceful: flushes to the store
    server = ServerProcess(tmp_path).start()
    try:
        server.request("POST", "/api/v1/events", [tip(f"c{i}") for i in range(5)], token)
        again = socketio.Client(reconnection=False)
        collect(again, received)
        again.connect(
            server.url, namespaces=["/hub"], auth={"token": token}, transports=["websocket"]
        )
        ack = again.call(
            "subscribe", {"broadcaster": "alice_room", "since": last_seen}, namespace="/hub"
        )
        again.sleep(0.5)
        again.disconnect()
    finally:
        server.kill(signal.SIGTERM)
    assert ack["replayed"] == 10
    offsets = [m["offset"] for m in received]
    assert offsets == list(range(1, 21)), "every event exactly once, in order"


def test_two_processes_share_rooms_through_redis(tmp_path: Path) -> None:
    a, b = two_processes_sharing_redis(tmp_path)
    try:
        token = a.token("alice", link="alice_room")
        received: list = []
        client = socketio.Client(reconnection=False)
        collect(client, received)
        client.connect(a.url, namespaces=["/hub"], auth={"token": token}, transports=["websocket"])
        assert client.call("subscribe", {"broadcaster": "alice_room"}, namespace="/hub")["ok"]
        b.request("POST", "/api/v1/events", [tip("via-b-1"), tip("via-b-2")], token)
        for _ in range(50):
            if len(received) >= 2:
                break
            client.sleep(0.1)
        client.disconnect()
    finally:
        a.kill(signal.SIGTERM)
        b.kill(signal.SIGTERM)
    assert [m["event"]["id"] for m in received] == ["via-b-1", "via-b-2"]


def test_a_restarted_server_still_knows_the_events_it_has(tmp_path: Path) -> None:
    """Offsets continue and dedupe survives a restart: a re-sent event (a re-read Events API
    page, a client retrying) is a duplicate, not a second copy."""
    server = ServerProcess(tmp_path).start()
    token = server.token("alice", link="alice_room")
    first = server.request("POST", "/api/v1/events", [tip(f"r{i}") for i in range(3)], token)
    assert first["accepted"] == 3
    server.kill(signal.SIGTERM)
    server = ServerProcess(tmp_path).start()
    try:
        again = [tip(f"r{i}") for i in range(3)] + [tip("r3")]
        ack = server.request("POST", "/api/v1/events", again, token)
        health = server.wait_for(lambda h: h["checks"]["event_store"]["queued"] == 0)
    finally:
        server.kill(signal.SIGTERM)
    assert (ack["accepted"], ack["duplicates"]) == (1, 3)
    assert ack["offsets"] == [4]
    assert health["checks"]["event_store"]["written_total"] == 1
