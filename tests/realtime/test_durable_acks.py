"""An ack means durable: publish over a socket as fast as acks come back, `kill -9` the
server right after an ack, restart it, and find every acked event in the store once."""

from __future__ import annotations

import random
import signal
import threading
import uuid
from collections import Counter
from pathlib import Path

import pytest
import requests
import socketio

from server.adapters.eventstore.influx import InfluxEventStore
from server.adapters.eventstore.sqlite import SqliteEventStore
from tests.realtime.conftest import tip
from tests.realtime.server_process import ServerProcess
from tests.service_urls import require_service_url

WINDOW = 16  # publishes in flight, as a fast publisher keeps them
KILLS = 3


class WindowedPublisher:
    """Keeps WINDOW single-event publishes in flight; kills the server after the Nth ack."""

    def __init__(self, server: ServerProcess, token: str, prefix: str, kill_after: int) -> None:
        self.server, self.prefix, self.kill_after = server, prefix, kill_after
        self.acked: list[str] = []
        self.slots = threading.Semaphore(WINDOW)
        self.killed = threading.Event()
        self.client = socketio.Client(reconnection=False)
        self.client.connect(server.url, namespaces=["/hub"], auth={"token": token},
                            transports=["websocket"])  # fmt: skip

    def _on_ack(self, event_id: str, ack: dict) -> None:
        if ack.get("accepted") == 1:
            self.acked.append(event_id)
            if len(self.acked) == self.kill_after:
                self.server.proc.send_signal(signal.SIGKILL)  # right after this ack
                self.killed.set()
        self.slots.release()

    def run(self) -> list[str]:
        sent = 0
        while not self.killed.is_set():
            if not self.slots.acquire(timeout=5):
                break
            event_id = f"{self.prefix}-{sent}"
            sent += 1
            try:
                self.client.emit("publish", tip(event_id), namespace="/hub",
                                 callback=lambda ack, i=event_id: self._on_ack(i, ack))  # fmt: skip
            except socketio.exceptions.BadNamespaceError:
                break
        self.killed.wait(10)
        self.server.proc.wait(timeout=20)
        self.client.disconnect()
        return list(self.acked)


def _kill_restart_rounds(tmp_path: Path, env: dict[str, str]) -> list[str]:
    acked: list[str] = []
    server = ServerProcess(tmp_path, PUBLISH_RATE_LIMIT="off", **env).start()
    token = server.token("alice", link="alice_room")
    rng = random.Random()
    for round_number in range(KILLS):
        publisher = WindowedPublisher(server, token, f"k{round_number}", rng.randint(20, 600))
        acked += publisher.run()
        server = ServerProcess(tmp_path, PUBLISH_RATE_LIMIT="off", **env).start()
    server.wait_for(lambda h: h["checks"]["event_store"]["spool_depth"] == 0)
    server.kill(signal.SIGTERM)
    return acked


def _assert_each_acked_once(acked: list[str], stored_ids: list[str]) -> None:
    assert len(acked) >= KILLS * 20
    counts = Counter(stored_ids)
    assert [i for i in acked if counts[i] != 1] == [], "every acked event stored exactly once"
    assert all(n == 1 for n in counts.values())


def test_acked_events_survive_kill_9_on_sqlite(tmp_path: Path) -> None:
    acked = _kill_restart_rounds(tmp_path, {})
    store = SqliteEventStore(str(tmp_path / "events.db"))
    stored = [s.event.id for s in store.query_range("alice_room", 0, 4e9, limit=100_000)]
    _assert_each_acked_once(acked, stored)


@pytest.fixture
def influx_database() -> tuple[str, str]:
    url = require_service_url("TEST_INFLUX_URL")
    name = f"wcp_ack_{uuid.uuid4().hex[:10]}"
    yield url, name
    requests.post(f"{url}/query", params={"q": f'DROP DATABASE "{name}"'}, timeout=10)


def test_acked_events_survive_kill_9_on_influxd(tmp_path: Path, influx_database) -> None:
    url, database = influx_database
    env = {"EVENT_STORE": "influx", "INFLUX_URL": url, "INFLUX_DATABASE": database}
    acked = _kill_restart_rounds(tmp_path, env)
    store = InfluxEventStore(url, database)
    stored = [s.event.id for s in store.query_range("alice_room", 0, 4e9, limit=100_000)]
    _assert_each_acked_once(acked, stored)
