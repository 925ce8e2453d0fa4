"""Metrics across two real server processes (one registry each, summed like Prometheus does)."""

from __future__ import annotations

import signal
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import socketio

from tests.ops.scrape import parse, scrape, value
from tests.realtime.conftest import tip
from tests.realtime.server_process import two_processes_sharing_redis

TOKEN = "scrape-me-0123456789"  # noqa: S105 - a test-only metrics token


def _wait(predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not met"
        time.sleep(0.05)


def test_two_processes_counts_add_up_and_each_scrape_needs_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("METRICS_TOKEN", TOKEN)
    # one event store, as in any deployment of several processes (the room log is in Redis)
    first, second = two_processes_sharing_redis(
        tmp_path, EVENT_STORE_PATH=str(tmp_path / "events.db")
    )
    received: list[str] = []
    watcher = socketio.Client(reconnection=False)
    try:
        token = first.token("alice", link="alice_room", tier="studio")
        watcher.on("event", lambda m: received.append(m["event"]["id"]), namespace="/hub")
        watcher.on(  # several events committed together come as one `events` frame
            "events",
            lambda m: received.extend(item["event"]["id"] for item in m["items"]),
            namespace="/hub",
        )
        watcher.connect(second.url, namespaces=["/hub"], auth={"token": token},
                        transports=["websocket"])  # fmt: skip
        assert watcher.call("subscribe", {"broadcaster": "alice_room"}, namespace="/hub")["ok"]
        first.request("POST", "/api/v1/events", [tip("a1"), tip("a2"), tip("a3")], token)
        second.request("POST", "/api/v1/events", [tip("b1"), tip("b2"), tip("b1")], token)
        _wait(lambda: sorted(received) == ["a1", "a2", "a3", "b1", "b2"])

        a, b = parse(scrape(first.url, TOKEN)), parse(scrape(second.url, TOKEN))
        published = "webcammer_hub_published_events_total"
        assert value(a, published, outcome="accepted") == 3
        assert value(b, published, outcome="accepted") == 2
        assert value(b, published, outcome="duplicate") == 1
        total = sum(value(s, "webcammer_hub_connected_sockets") for s in (a, b))
        assert total == 1 and value(b, "webcammer_hub_connected_sockets") == 1
        # the five events reached the one socket, which lives in the second process, in at
        # least one frame per publish (deliveries count messages; `events` frames batch)
        assert value(b, "webcammer_hub_deliveries_total") >= 2
        route = {"method": "POST", "route": "/api/v1/events", "status": "200"}
        count = "webcammer_http_request_seconds_count"
        assert value(a, count, **route) + value(b, count, **route) == 2
        assert value(b, "webcammer_hub_ack_seconds_count", event="subscribe") == 1

        for url, header in ((first.url, None), (second.url, "Bearer wrong")):
            with pytest.raises(urllib.error.HTTPError) as refused:
                req = urllib.request.Request(url + "/metrics")
                if header:
                    req.add_header("Authorization", header)
                urllib.request.urlopen(req, timeout=5)
            assert refused.value.code == 401
    finally:
        watcher.disconnect()
        first.kill(signal.SIGTERM)
        second.kill(signal.SIGTERM)
