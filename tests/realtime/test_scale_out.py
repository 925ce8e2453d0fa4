"""Three real server processes and a real redis-server number one room as one.

Publishes arrive at once from the Events API poller on A (a local fake of the API), socket
publishes on B and HTTP ingest on C. A subscriber on each process sees the same strictly
increasing, gapless offsets. Then A is killed (-9) mid-stream: the poller lease moves to B
or C, A's subscriber reconnects to B with its position and is recovered, and every event
is stored exactly once."""

from __future__ import annotations

import contextlib
import signal
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import socketio

from server.adapters.eventstore.sqlite import SqliteEventStore
from tests.ingest.chaturbate import recorded
from tests.ingest.chaturbate.fake_events_api import FakeEventsApi
from tests.realtime.conftest import tip
from tests.realtime.server_process import ServerProcess
from tests.service_urls import require_service_url

ROOM = "alice_room"


class Subscriber:
    """A socket on one process that keeps its position and resumes from it."""

    def __init__(self, server: ServerProcess, token: str) -> None:
        self.token, self.offsets, self.acks = token, [], []
        self.position: dict[str, Any] | None = None
        self.client = self._connect(server)

    def _connect(self, server: ServerProcess) -> socketio.Client:
        client = socketio.Client(reconnection=False)
        client.on("event", lambda m: self._take([m]), namespace="/hub")
        client.on("events", lambda m: self._take(m["items"]), namespace="/hub")
        client.connect(server.url, namespaces=["/hub"], auth={"token": self.token},
                       transports=["websocket"])  # fmt: skip
        body: dict[str, Any] = {"broadcaster": ROOM}
        if self.position is not None:
            body["since"] = self.position
        ack = client.call("subscribe", body, namespace="/hub", timeout=10)
        self.acks.append(ack)
        if self.position is None:
            self.position = ack["position"]
        return client

    def _take(self, items: list[dict]) -> None:
        for item in items:
            self.offsets.append(item["offset"])
            assert self.position is not None
            self.position = {"offset": item["offset"], "epoch": self.position["epoch"]}

    def move_to(self, server: ServerProcess) -> None:
        with contextlib.suppress(Exception):  # the old server is dead
            self.client.disconnect()
        self.client = self._connect(server)


def _wait(predicate: Any, timeout: float = 60.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.fixture
def cluster(tmp_path: Path):
    fake = FakeEventsApi(ROOM)
    fake.when_done = "idle"
    fake.start()
    tag = uuid.uuid4().hex[:8]
    shared = {
        "REDIS_URL": require_service_url("TEST_REDIS_URL"),
        "ROOM_STREAM_PREFIX": f"test:{tag}:", "SOCKETIO_CHANNEL": f"test-{tag}",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'accounts.db'}",
        "DEV_ISSUER_KEY_PATH": str(tmp_path / "dev_key.json"),
        "EVENT_STORE_PATH": str(tmp_path / "events.db"),
        "EVENTS_API_ALLOW_LOCAL": "on", "EVENTS_API_LEASE_TTL_MS": "3000",
        "PUBLISH_RATE_LIMIT": "off",
    }  # fmt: skip
    dirs = [tmp_path / name for name in "abc"]
    for directory in dirs:
        directory.mkdir()
    servers = [ServerProcess(dirs[0], **shared).start()]
    yield fake, servers, dirs, shared
    for server in servers:
        server.kill(signal.SIGTERM)
    fake.stop()


def _publish_over_socket(server: ServerProcess, token: str, prefix: str, count: int) -> None:
    client = socketio.Client(reconnection=False)
    client.connect(server.url, namespaces=["/hub"], auth={"token": token},
                   transports=["websocket"])  # fmt: skip
    for i in range(count):
        assert client.call("publish", tip(f"{prefix}-{i}"), namespace="/hub")["accepted"] == 1
    client.disconnect()


def _publish_over_http(server: ServerProcess, token: str, prefix: str, batches: int) -> None:
    for n in range(batches):
        events = [tip(f"{prefix}-{n}-{i}") for i in range(4)]
        assert server.request("POST", "/api/v1/events", events, token)["accepted"] == 4


def _feed_pages(fake: FakeEventsApi, first: int, pages: int, per_page: int = 5) -> list[str]:
    ids = []
    for n in range(pages):
        events = recorded.chat(ROOM, per_page, first=first + n * per_page)
        ids += [e["id"] for e in events]
        fake.add(fake.page(events, f"c{first + n}"))
    return ids


def _together(*jobs: Any) -> None:
    threads = [threading.Thread(target=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)


def test_three_processes_number_one_room_identically_and_survive_a_kill_9(cluster) -> None:
    fake, servers, dirs, shared = cluster
    a = servers[0]
    token = a.token("alice", tier="studio", link=ROOM)
    a.request("PUT", "/api/v1/platform/chaturbate", {"events_url": fake.events_url}, token)
    servers += [ServerProcess(d, **shared).start() for d in dirs[1:]]  # standby pollers
    a, b, c = servers
    watchers = [Subscriber(server, token) for server in servers]
    feed_ids = _feed_pages(fake, 1_800_000_000_000, 20)
    _together(
        lambda: _publish_over_socket(b, token, "sock", 60),
        lambda: _publish_over_http(c, token, "http", 15),
    )
    total = len(feed_ids) + 60 + 60
    _wait(lambda: all(len(w.offsets) >= total for w in watchers), what="every delivery")
    assert [w.offsets for w in watchers] == [list(range(1, total + 1))] * 3

    more_feed = _feed_pages(fake, 1_900_000_000_000, 30)
    _wait(lambda: len(fake.script) < 25, what="the poller on A to be mid-stream")
    a.kill(signal.SIGKILL)
    watchers[0].move_to(b)  # A's subscriber comes back on B with its position
    _together(
        lambda: _publish_over_socket(b, token, "sock2", 30),
        lambda: _publish_over_http(c, token, "http2", 10),
    )
    _wait(lambda: not fake.script, timeout=60, what="the lease to move and the feed to drain")
    ids = feed_ids + more_feed
    expected = {*ids, *(f"sock-{i}" for i in range(60)), *(f"sock2-{i}" for i in range(30)),
                *(f"http-{n}-{i}" for n in range(15) for i in range(4)),
                *(f"http2-{n}-{i}" for n in range(10) for i in range(4))}  # fmt: skip
    store = SqliteEventStore(shared["EVENT_STORE_PATH"])
    _wait(lambda: expected <= _stored_ids(store), timeout=30, what="every event stored")
    counts = Counter(s.event.id for s in store.query_range(ROOM, 0, 4e9, limit=100_000))
    assert all(counts[i] == 1 for i in expected) and set(counts) == expected
    head = max(s.offset for s in store.query_range(ROOM, 0, 4e9, limit=100_000))
    _wait(lambda: all(w.offsets[-1] >= head for w in watchers), what="the last deliveries")
    assert watchers[0].acks[-1]["recovered"] is True
    for watcher in watchers:
        assert watcher.offsets == list(range(1, watcher.offsets[-1] + 1)), "gapless, in order"


def _stored_ids(store: SqliteEventStore) -> set[str]:
    return {s.event.id for s in store.query_range(ROOM, 0, 4e9, limit=100_000)}
