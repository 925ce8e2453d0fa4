"""Connection caps across server processes, counted in a real redis-server."""

from __future__ import annotations

import signal
import time
import uuid
from pathlib import Path

import pytest
import redis
import socketio
from redis.backoff import NoBackoff
from redis.retry import Retry

from server.realtime.connections import KEY_PREFIX, RETRY_REDIS_SECONDS, Connections
from tests.realtime.server_process import ServerProcess, free_port, two_processes_sharing_redis


@pytest.fixture
def account() -> str:
    return f"acct_{uuid.uuid4().hex[:8]}"


def test_the_cap_holds_across_processes(redis_client: redis.Redis, account: str) -> None:
    first, second = Connections(redis_client), Connections(redis_client)
    assert first.acquire(account, "s1", 2)
    assert second.acquire(account, "s2", 2)
    assert not first.acquire(account, "s3", 2)
    assert not second.acquire(account, "s4", 2)
    second.release(account, "s2")
    assert first.acquire(account, "s3", 2)
    assert redis_client.zcard(KEY_PREFIX + account) == 2


def test_total_counts_every_process_and_this_one_alone_without_redis(
    redis_client: redis.Redis, account: str
) -> None:
    first, second = Connections(redis_client), Connections(redis_client)
    assert first.acquire(account, "s1", 5) and second.acquire(account, "s2", 5)
    assert first.total(account) == second.total(account) == 2
    alone = Connections(unreachable_redis())
    assert alone.acquire(account, "s3", 5)
    assert alone.total(account) == 1


def test_taking_the_same_socket_twice_counts_once(redis_client: redis.Redis, account: str) -> None:
    connections = Connections(redis_client)
    assert connections.acquire(account, "s1", 1) and connections.acquire(account, "s1", 1)
    assert redis_client.zcard(KEY_PREFIX + account) == 1


def test_slots_of_a_process_that_died_lapse_and_refresh_keeps_live_ones(
    redis_client: redis.Redis, account: str
) -> None:
    dead, alive = Connections(redis_client, ttl_seconds=1), Connections(redis_client, ttl_seconds=1)
    assert dead.acquire(account, "gone", 2)
    assert alive.acquire(account, "here", 2)
    assert not alive.acquire(account, "third", 2)
    time.sleep(0.6)
    alive.refresh()  # the live process keeps its slot; the dead one does not
    time.sleep(0.6)
    assert alive.acquire(account, "third", 2)
    assert not alive.acquire(account, "fourth", 2)


def test_a_graceful_stop_gives_every_slot_back(redis_client: redis.Redis, account: str) -> None:
    stopping = Connections(redis_client)
    assert stopping.acquire(account, "a", 2) and stopping.acquire(account, "b", 2)
    stopping.release_all()
    assert redis_client.zcard(KEY_PREFIX + account) == 0
    assert Connections(redis_client).acquire(account, "c", 2)


def unreachable_redis() -> redis.Redis:
    return redis.Redis(port=free_port(), socket_connect_timeout=0.2, retry=Retry(NoBackoff(), 0))


def test_without_redis_each_process_counts_its_own(account: str, caplog) -> None:
    now = [0.0]
    connections = Connections(unreachable_redis(), clock=lambda: now[0])
    assert connections.acquire(account, "s1", 1)
    assert not connections.acquire(account, "s2", 1)
    assert not connections.shared
    assert sum("counting this process only" in r.getMessage() for r in caplog.records) == 1
    connections.release(account, "s1")
    assert connections.acquire(account, "s2", 1)
    calls = []
    connections.redis = type("Spy", (), {"eval": lambda *a: calls.append(a)})()
    connections.acquire(account, "s3", 5)
    assert calls == []  # Redis is left alone for a while after a failure ...
    now[0] += RETRY_REDIS_SECONDS
    connections.acquire(account, "s4", 5)
    assert len(calls) == 1  # ... then asked again


def test_sockets_taken_while_redis_was_away_are_counted_once_it_is_back(
    redis_client: redis.Redis, account: str
) -> None:
    connections = Connections(redis_client)
    real = connections.redis
    now = [0.0]
    connections.clock = lambda: now[0]
    connections.redis = unreachable_redis()
    assert connections.acquire(account, "offline", 2)
    connections.redis = real
    now[0] += RETRY_REDIS_SECONDS
    connections.refresh()
    assert connections.shared
    assert redis_client.zcard(KEY_PREFIX + account) == 1
    assert Connections(redis_client).acquire(account, "other", 2)
    assert not Connections(redis_client).acquire(account, "third", 2)


def test_two_server_processes_share_the_free_tier_cap(tmp_path: Path) -> None:
    a, b = two_processes_sharing_redis(tmp_path)
    sub = f"cap_{uuid.uuid4().hex[:8]}"  # free tier: 2 live connections
    opened: list[socketio.Client] = []

    def connect(server: ServerProcess) -> bool:
        """True when /hub accepted the socket, False when it refused it."""
        sio, refused = socketio.Client(reconnection=False), []
        sio.on("connect_error", refused.append, namespace="/hub")
        sio.connect(server.url, namespaces=["/hub"], auth={"token": token},
                    transports=["websocket"], wait=False)  # fmt: skip
        deadline = time.monotonic() + 10
        while "/hub" not in sio.namespaces and not refused:
            assert time.monotonic() < deadline, "neither accepted nor refused"
            time.sleep(0.02)
        if refused:
            assert "live connections" in str(refused[0]), refused
            sio.disconnect()
            return False
        opened.append(sio)
        return True

    try:
        token = a.token(sub, tier="free")
        assert connect(a) and connect(b)
        assert not connect(a) and not connect(b)
        opened.pop(0).disconnect()  # a slot on process a frees one for process b
        deadline = time.monotonic() + 5
        while not connect(b):
            assert time.monotonic() < deadline, "the freed slot never came back"
            time.sleep(0.1)
    finally:
        for sio in opened:
            sio.disconnect()
        a.kill(signal.SIGTERM)
        b.kill(signal.SIGTERM)
