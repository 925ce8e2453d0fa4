"""The generated data set, loaded once per session into SQLite and into a real influxd."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from server.adapters.eventstore.base import EventStore
from server.adapters.eventstore.influx import InfluxEventStore
from server.adapters.eventstore.sqlite import SqliteEventStore
from tests.adapters.helpers import InfluxDatabase
from tests.service_urls import require_service_url
from tests.services.analytics.dataset import Dataset, generate

BATCH = 5_000


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return generate()


def _load(store: EventStore, data: Dataset) -> None:
    for i in range(0, len(data.events), BATCH):
        store.write_batch(data.events[i : i + BATCH])
    assert store.count() == len(data.events)


@pytest.fixture(scope="session")
def sqlite_loaded(
    dataset: Dataset, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[EventStore]:
    store = SqliteEventStore(str(Path(tmp_path_factory.mktemp("analytics")) / "events.db"))
    _load(store, dataset)
    yield store
    store.close()


@pytest.fixture(scope="session")
def influx_loaded(dataset: Dataset) -> Iterator[EventStore]:
    db = InfluxDatabase(require_service_url("TEST_INFLUX_URL"))
    db.name = f"analytics_{uuid.uuid4().hex[:10]}"
    db.create()
    store = InfluxEventStore(db.url, db.name, timeout=(3, 60))
    try:
        _load(store, dataset)
        yield store
    finally:
        store.close()
        db.drop()


@pytest.fixture(params=["sqlite", "influx"])
def loaded(request: pytest.FixtureRequest) -> EventStore:
    """Each contract test runs once per store, on the same data."""
    return request.getfixturevalue(f"{request.param}_loaded")


# -- REST fixtures: a studio owner with a room, its events a few days old, an analyst member --

OWNER, ANALYST, STRANGER, ROOM = "owner_sub", "analyst_sub", "stranger_sub", "room_a"


def recent_events(now: float) -> list:
    """A small, known room history relative to now (tips, chat, viewers, one broadcast)."""
    from tests.adapters.helpers import make_event

    day = 86_400
    spec = [
        (now - 30 * day, "tip", "old_fan", 500),  # beyond free (7 d) history, inside pro
        (now - 2 * day, "broadcastStart", "", 0),
        (now - 2 * day + 10, "userEnter", "o'brien", 0),
        (now - 2 * day + 20, "tip", "o'brien", 100),
        (now - 2 * day + 30, "userEnter", "ünï 😀", 0),
        (now - 2 * day + 40, "tip", "ünï 😀", 40),
        (now - 2 * day + 50, "chatMessage", "ünï 😀", 0),
        (now - 2 * day + 60, "follow", "o'brien", 0),
        (now - 2 * day + 70, "tip", "=cmd|calc", 7),
        (now - 2 * day + 3600, "broadcastStop", "", 0),
        (now - 3600, "chatMessage", "o'brien", 0),
    ]
    out = []
    for offset, (ts, method, username, tokens) in enumerate(spec, 1):
        event = make_event(
            offset,
            broadcaster=ROOM,
            method=method,
            ts=ts,
            username=username or "x",
            tokens=tokens or 1,
        )
        if not username:
            event.event.user = None
        out.append(event)
    return out


@pytest.fixture
def room(app, client, auth, set_tier) -> dict:
    """Owner (studio) with ROOM linked and events written; ANALYST is a member."""
    import time

    set_tier(OWNER, "studio")
    assert (
        client.post(
            "/api/v1/me/broadcasters", json={"broadcaster": ROOM}, headers=auth(OWNER)
        ).status_code
        == 201
    )
    member = client.post("/api/v1/me/members", json={"sub": ANALYST}, headers=auth(OWNER))
    assert member.status_code == 201, member.get_json()
    now = time.time()
    app.extensions["webcammer"].event_store.write_batch(recent_events(now))
    return {"now": now}


@pytest.fixture
def get(client, auth):
    """GET an analytics path as a subject: returns the response."""

    def fetch(path: str, sub: str = OWNER, **params: str):
        return client.get(f"/api/v1/analytics/{path}", query_string=params, headers=auth(sub))

    return fetch
