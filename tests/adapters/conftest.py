"""Fixtures for adapter tests: a fresh database on the real influxd per test, and for the
writer tests a real store with a switch that takes it down (a locked SQLite file, a cut proxy
in front of influxd)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from server.adapters.eventstore.base import EventStore
from server.adapters.eventstore.influx import InfluxEventStore
from server.adapters.eventstore.sqlite import SqliteEventStore
from server.adapters.eventstore.writer import BatchingWriter
from server.adapters.spool import Spool
from tests.adapters.helpers import BASE_TS, InfluxDatabase, SwitchableProxy, free_port
from tests.service_urls import require_service_url


@pytest.fixture
def influx_db() -> Iterator[InfluxDatabase]:
    """A new, empty Influx database (dropped after the test)."""
    db = InfluxDatabase(require_service_url("TEST_INFLUX_URL")).create()
    try:
        yield db
    finally:
        db.drop()


class Backend:
    """A real store plus a switch that takes it down and up again."""

    name: str
    store: EventStore

    def down(self) -> None:
        raise NotImplementedError

    def up(self) -> None:
        raise NotImplementedError

    def child_target(self) -> tuple[str, str]:
        """(target, database) for the kill -9 child while the store is down."""
        raise NotImplementedError

    def arrival_order(self) -> list[int] | None:
        """Offsets in the order the store received them, where the store can tell."""
        return None


class SqliteBackend(Backend):
    name = "sqlite"

    def __init__(self, tmp_path: Path) -> None:
        self.path = str(tmp_path / "events.db")
        self.store = SqliteEventStore(self.path, busy_timeout_ms=20)
        self._locker: sqlite3.Connection | None = None

    def down(self) -> None:
        self._locker = sqlite3.connect(self.path, isolation_level=None)
        self._locker.execute("BEGIN EXCLUSIVE")

    def up(self) -> None:
        if self._locker is not None:
            self._locker.execute("ROLLBACK")
            self._locker.close()
            self._locker = None

    def child_target(self) -> tuple[str, str]:
        return self.path, ""

    def arrival_order(self) -> list[int] | None:
        with sqlite3.connect(self.path) as db:
            return [r[0] for r in db.execute('SELECT "offset" FROM events ORDER BY rowid')]


class InfluxBackend(Backend):
    name = "influx"

    def __init__(self, db: InfluxDatabase) -> None:
        target = urlparse(db.url)
        self.db = db
        self.proxy = SwitchableProxy(target.hostname or "127.0.0.1", target.port or 8086)
        self.store = InfluxEventStore(self.proxy.url, db.name, timeout=(0.5, 2))

    def down(self) -> None:
        self.proxy.set_enabled(False)

    def up(self) -> None:
        self.proxy.set_enabled(True)

    def child_target(self) -> tuple[str, str]:
        return f"http://127.0.0.1:{free_port()}", self.db.name


@pytest.fixture(params=["sqlite", "influx"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    if request.param == "sqlite":
        sqlite_backend = SqliteBackend(tmp_path)
        yield sqlite_backend
        sqlite_backend.up()
        return
    db = InfluxDatabase(require_service_url("TEST_INFLUX_URL")).create()
    influx_backend = InfluxBackend(db)
    try:
        yield influx_backend
    finally:
        influx_backend.proxy.close()
        db.drop()


def new_writer(
    backend: Backend, spool_dir: Path, *, max_batch: int = 5000, max_bytes: int = 1 << 30
) -> BatchingWriter:
    spool = Spool(str(spool_dir), max_bytes=max_bytes)
    return BatchingWriter(
        backend.store, spool, max_batch=max_batch, max_delay=0.02, retry_min=0.05, retry_max=0.2
    )


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.01)


def stored_offsets(store: EventStore) -> list[int]:
    return [s.offset for s in store.query_range("alice", 0, BASE_TS + 1e6, since_offset=0)]
