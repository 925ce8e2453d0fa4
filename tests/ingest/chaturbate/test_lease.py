"""The cluster lease (one poller per broadcaster across processes) on a real redis-server."""

from __future__ import annotations

import time
import uuid

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from server.ingest.chaturbate.lease import RedisLease
from tests.ingest.chaturbate import recorded
from tests.ingest.chaturbate.conftest import BROADCASTER, stored_count


@pytest.fixture
def name() -> str:
    return f"chaturbate:test_{uuid.uuid4().hex[:10]}"


def test_only_one_process_holds_a_broadcasters_lease(redis_client, name) -> None:
    first, second = RedisLease(redis_client, name), RedisLease(redis_client, name)
    assert first.acquire()
    assert not second.acquire()
    assert first.renew() and first.acquire()  # re-acquiring our own lease is fine
    first.release()
    assert second.acquire()


def test_an_expired_lease_is_taken_over_and_the_old_holder_knows(redis_client, name) -> None:
    dead = RedisLease(redis_client, name, ttl_ms=100)
    assert dead.acquire()
    time.sleep(0.2)  # the holder stopped renewing (process killed)
    heir = RedisLease(redis_client, name)
    assert heir.acquire()
    assert not dead.renew()
    dead.release()  # a late release must not free the heir's lease
    assert heir.renew()
    heir.release()


def test_without_redis_nobody_polls() -> None:
    down = redis.Redis(port=1, socket_connect_timeout=0.2, retry=Retry(NoBackoff(), 0))
    lease = RedisLease(down, "chaturbate:x")
    assert not lease.acquire() and not lease.renew()
    lease.release()  # best effort, never raises


def test_a_poller_without_the_lease_stands_by_and_takes_over_later(
    app, redis_client, name, fake_api, make_poller, sleeps
) -> None:
    other_process = RedisLease(redis_client, name)
    assert other_process.acquire()
    fake_api.add(fake_api.page(recorded.events(BROADCASTER), "p1"))
    poller = make_poller(lease=RedisLease(redis_client, name))

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        assert fake_api.requests == []  # standing by: not a single request
        assert poller.status.state == "standby"
        other_process.release()  # the other process stops polling

    poller.sleep = sleep
    poller.run()  # takes over, polls the page, then the fake's 401 ends it
    assert sleeps == [15.0]
    assert stored_count(app) == 12
    assert redis_client.get(f"wcp:lease:poller:{name}") is None  # released when it ended
