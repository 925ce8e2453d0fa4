"""A Redis outage under a scaled-out server: local sockets keep their live feed, connects keep
working (caps fall back to per-process counts), health says Redis is down, and it all comes
back when Redis does. A private redis-server is started and killed here (the shared test
Redis is left alone)."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import socketio

from tests.realtime.conftest import tip
from tests.realtime.server_process import ServerProcess, free_port


class PrivateRedis:
    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.directory = directory
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> PrivateRedis:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is missing: `make test` installs it"
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "private redis-server did not start"
                time.sleep(0.05)

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(timeout=10)


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    server = PrivateRedis(tmp_path).start()
    yield server
    server.kill()


def wait_for(predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.05)


def test_local_sockets_keep_their_feed_while_redis_is_down(
    tmp_path: Path, private_redis: PrivateRedis
) -> None:
    server = ServerProcess(tmp_path, REDIS_URL=private_redis.url).start()
    received: list[str] = []
    clients: list[socketio.Client] = []
    try:
        token = server.token("alice", link="alice_room", tier="free")

        def connect() -> socketio.Client:
            client = socketio.Client(reconnection=False)
            client.on("event", lambda m: received.append(m["event"]["id"]), namespace="/hub")
            client.on("events", lambda m: received.extend(i["event"]["id"] for i in m["items"]),
                      namespace="/hub")  # fmt: skip
            client.connect(server.url, namespaces=["/hub"], auth={"token": token},
                           transports=["websocket"])  # fmt: skip
            clients.append(client)
            return client

        watcher = connect()
        assert watcher.call("subscribe", {"broadcaster": "alice_room"}, namespace="/hub")["ok"]
        server.request("POST", "/api/v1/events", [tip("before")], token)
        wait_for(lambda: received == ["before"])

        private_redis.kill()
        started = time.monotonic()
        ack = server.request("POST", "/api/v1/events", [tip("during-1"), tip("during-2")], token)
        assert ack["accepted"] == 2 and time.monotonic() - started < 5
        wait_for(lambda: received == ["before", "during-1", "during-2"])
        assert server.get("/api/v1/health")["checks"]["redis"]["ok"] is False
        second = connect()  # free tier, 2 slots: counted in this process while Redis is away
        assert "/hub" in second.namespaces

        private_redis.start()
        wait_for(lambda: server.get("/api/v1/health")["checks"]["redis"]["ok"] is True)
        server.request("POST", "/api/v1/events", [tip("after")], token)
        wait_for(lambda: received[-1:] == ["after"])
        assert received == ["before", "during-1", "during-2", "after"]
    finally:
        for client in clients:
            client.disconnect()
        server.kill(signal.SIGTERM)
    log = "".join(p.read_text(errors="replace") for p in tmp_path.glob("server-*.log"))
    assert log.count("Cannot publish to redis... giving up") == 1  # not one per event
    assert "Invalid HTTP method" not in log  # a closed WebSocket ends its TCP connection
